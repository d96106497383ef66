"""The card kinds made from deck facts: a module per kind (basic and attribute, reverse,
cloze, mcq, most, comparison, mnemonic) and the author's hand-written cards and items."""

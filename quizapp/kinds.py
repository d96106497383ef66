"""The kinds of card quizapp generates, by name: shared by the generators, which make
them, and by scheduling and the store, which filter by them without needing a generator."""

KINDS = ("basic", "reverse", "cloze", "mcq", "mnemonic", "comparison", "vignette")

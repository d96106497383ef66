def lint_deck(deck, seeds=50, options=5):
    return []

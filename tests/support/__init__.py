"""What tests share: one clock, the progress-file and deck fixtures, the real app's set-up,
and small real decks (YAML files), so a test reads the same way in every folder.

Import from here (`from tests.support.clock import Clock`); conftest.py files only pick
fixtures from it. The fixtures of `tests.support.fixtures` reach every test through
tests/conftest.py.
"""

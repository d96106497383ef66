"""The app's colour themes by name: Textual's own, so `quizapp config set theme` can check a
name without the command line importing Textual itself."""

from textual.theme import BUILTIN_THEMES


def theme_names() -> list[str]:
    return sorted(BUILTIN_THEMES)

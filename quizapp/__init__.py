"""quizapp: learn clinical medicine in the terminal."""

__version__ = "0.1.0"

"""The quiz screens: builder (and resume), question, submit confirmation, results, review.

The screens read `self.workspace` (a `Workspace`) and drive `quizapp.quiz`; they keep no
quiz state of their own beyond what is on screen, so quitting at any moment loses nothing.
"""

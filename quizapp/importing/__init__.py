"""Study history from other apps, into the progress file.

- `package`: reading an Anki package (.apkg, .colpkg, every format) without Anki.
- `anki`: the review history of quizapp's notes in it, matched by GUID, as answers.
- `apply`: those answers written into the progress file, in one transaction.
"""

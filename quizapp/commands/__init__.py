"""Command-line commands, one module per area; `quizapp.cli` registers them."""

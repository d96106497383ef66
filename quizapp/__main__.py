"""`python -m quizapp` runs the command line."""

from quizapp.cli import main

if __name__ == "__main__":
    main()

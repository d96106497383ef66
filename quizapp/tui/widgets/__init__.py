"""Widgets and dialogs used by more than one area (home, study, stats, browse, settings, quiz)."""

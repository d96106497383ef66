"""Settings: the settings list, the dialog that edits one setting, the theme names."""

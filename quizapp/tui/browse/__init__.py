"""Browse: the searchable card table and the preview of the selected card."""

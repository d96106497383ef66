"""Text shared by every generator: sentence wording (`wording`) and the small helpers for
numbers, options in logical order, topics and sources (`common`)."""

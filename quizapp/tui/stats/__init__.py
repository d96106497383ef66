"""Statistics: the statistics screen, the review forecast, and their charts."""

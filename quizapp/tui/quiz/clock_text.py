"""Times on the quiz screens: the countdown and the time a block took."""


def clock_text(seconds: float) -> str:
    """12:05 or 1:02:03: whole seconds, rounded up so 0:00 means the time is really out."""
    total = int(-(-seconds // 1))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"

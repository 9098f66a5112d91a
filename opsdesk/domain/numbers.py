"""Numbers a caller passes where a count is expected (minutes, weekdays, years, limits)."""


def is_whole(value) -> bool:
    """A whole number: an int that is not a bool (a float, a text or None is not)."""
    return isinstance(value, int) and not isinstance(value, bool)

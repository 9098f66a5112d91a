"""Numbers a caller passes where a count is expected (minutes, weekdays, years, limits)."""

from typing import TypeGuard


def is_whole(value: object) -> TypeGuard[int]:
    """A whole number: an int that is not a bool (a float, a text or None is not)."""
    return isinstance(value, int) and not isinstance(value, bool)

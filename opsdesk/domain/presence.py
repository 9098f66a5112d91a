"""Who is in: a worker's status of the day, shown at the desk and on the waiting-room display.

A status holds for the day it was set; the next day everyone starts available (a status is
never left over from yesterday's break)."""

from __future__ import annotations

import enum
from datetime import date

from opsdesk.i18n import N_, _


class Presence(str, enum.Enum):
    AVAILABLE = "available"  # at the desk or in their room
    BREAK = "break"
    AWAY = "away"  # in the field, at a meeting, absent today

    @property
    def label(self) -> str:
        return _(PRESENCE_LABELS[self])


PRESENCE_LABELS = {
    Presence.AVAILABLE: N_("Available"),
    Presence.BREAK: N_("On a break"),
    Presence.AWAY: N_("Away"),
}


def presence_on(day: date, set_on: date | None, status: str | None) -> Presence:
    """The status that holds on ``day``: the one set that day, else available."""
    if set_on != day or not status:
        return Presence.AVAILABLE
    try:
        return Presence(status)
    except ValueError:  # a status this version does not know
        return Presence.AVAILABLE

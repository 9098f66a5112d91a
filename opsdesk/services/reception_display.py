"""What the waiting-room display shows, and how a screen learns that others changed data.

The display gets ticket numbers and places only: nothing about the person, ever.

Seeing other windows' and processes' changes (DESIGN.md §7): on SQLite, ``PRAGMA
data_version`` read on one dedicated raw connection changes whenever another connection
commits (a few microseconds a poll); elsewhere the probe reports a change on every poll and
the screen simply reloads (its queries are bounded by today's rows).
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import timedelta

from sqlalchemy import select

from opsdesk.domain.numbers import is_whole
from opsdesk.domain.queue import VisitState, format_ticket
from opsdesk.domain.roles import Action
from opsdesk.i18n import _
from opsdesk.services.context import Service
from opsdesk.services.errors import ValidationError
from opsdesk.services.reception_records import DisplayCall
from opsdesk.storage.database import BUSY_TIMEOUT_MS, Database
from opsdesk.storage.models import Visit

log = logging.getLogger("opsdesk.reception")

SHOWN = (VisitState.CALLED.value, VisitState.IN_SERVICE.value, VisitState.DONE.value)


class DisplayService(Service):
    def recent_calls(self, minutes: int = 10, limit: int = 8) -> list[DisplayCall]:
        """Calls of the last ``minutes`` (1 to a day), newest first: ticket and where to go;
        at most ``limit`` (1–100) of them."""
        self.ctx.require(Action.VISIT_VIEW)
        errors = {}
        if not is_whole(minutes) or not 1 <= minutes <= 24 * 60:
            errors["minutes"] = _("Show calls of 1 to 1440 minutes.")
        if not is_whole(limit) or not 1 <= limit <= 100:
            errors["limit"] = _("Show 1 to 100 calls.")
        if errors:
            raise ValidationError(errors)
        now = self.ctx.clock.now()
        query = (
            select(Visit.ticket_letter, Visit.ticket_seq, Visit.call_place, Visit.called_at)
            .where(Visit.day == now.date(), Visit.called_at.is_not(None),
                   Visit.called_at >= now - timedelta(minutes=minutes),
                   Visit.state.in_(SHOWN), Visit.ticket_seq.is_not(None))
            .order_by(Visit.called_at.desc(), Visit.id.desc())
            .limit(limit)
        )
        with self.db.reading() as session:
            return [DisplayCall(format_ticket(letter, seq), place, called_at)
                    for letter, seq, place, called_at in session.execute(query)]


class ChangeProbe:
    """``changed()`` is True when someone committed since the last poll."""

    def __init__(self, db: Database):
        self._connection: sqlite3.Connection | None = None
        self._last: int | None = None
        path = db.sqlite_path
        if path is not None:
            self._connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000,
                                               check_same_thread=False)
            self._last = self._version()

    @property
    def exact(self) -> bool:
        """False when every poll reports a change (not SQLite)."""
        return self._connection is not None

    def _version(self) -> int:
        return self._connection.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool:
        if self._connection is None:
            return True
        try:
            version = self._version()
        except sqlite3.Error:
            log.exception("data_version poll failed")
            return True
        if version != self._last:
            self._last = version
            return True
        return False

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

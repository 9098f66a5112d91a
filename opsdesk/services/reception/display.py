"""What the waiting-room display shows.

The display gets ticket numbers and places only: nothing about the person, ever.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from opsdesk.domain.numbers import is_whole
from opsdesk.domain.queue import VisitState, format_ticket
from opsdesk.domain.roles import Action
from opsdesk.errors import ValidationError
from opsdesk.i18n import _
from opsdesk.services.context import Service
from opsdesk.services.reception.names import recall_counts
from opsdesk.services.reception.records import DisplayCall
from opsdesk.storage.models import Visit

SHOWN = (VisitState.CALLED.value, VisitState.IN_SERVICE.value, VisitState.DONE.value)


class DisplayService(Service):
    def recent_calls(self, minutes: int = 10, limit: int = 8) -> list[DisplayCall]:
        """Calls of the last ``minutes`` (1 to a day), newest first: ticket and where to go,
        how many times called again, the ticket's language; at most ``limit`` (1–100)."""
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
            select(
                Visit.id,
                Visit.ticket_letter,
                Visit.ticket_seq,
                Visit.call_place,
                Visit.called_at,
                Visit.language,
            )
            .where(
                Visit.day == now.date(),
                Visit.called_at.is_not(None),
                Visit.called_at >= now - timedelta(minutes=minutes),
                Visit.state.in_(SHOWN),
                Visit.ticket_seq.is_not(None),
            )
            .order_by(Visit.called_at.desc(), Visit.id.desc())
            .limit(limit)
        )
        with self.db.reading() as session:
            rows = session.execute(query).all()
            recalls = recall_counts(session, (row.id for row in rows))
            calls = []
            for visit_id, letter, seq, place, called_at, language in rows:
                assert called_at is not None, "the query takes called visits only"
                calls.append(
                    DisplayCall(
                        format_ticket(letter, seq),
                        place,
                        called_at,
                        recalls.get(visit_id, 0),
                        language or "pl",
                    )
                )
            return calls

"""A team's board (under the board's filter) as plain rows for a spreadsheet: every card of
every column, in the board's order, with what the card shows. The export is audited (it
carries clients' names out of the program)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opsdesk.domain.case_rules import deadline_label
from opsdesk.domain.deadlines import working_days_left
from opsdesk.domain.ids import TeamId
from opsdesk.domain.roles import Action
from opsdesk.services import audit
from opsdesk.services.cases.access import require_team
from opsdesk.services.cases.records import BoardExport, ExportRow

if TYPE_CHECKING:
    from opsdesk.services.cases.boards import BoardFilter, BoardService

EXPORT_PAGE = 2000


def export_board(
    boards: BoardService, team_id: TeamId, filt: BoardFilter, filter_text: str = ""
) -> BoardExport:
    """Every card of ``team_id``'s board under ``filt`` (``BoardService`` pages, so the rows
    are exactly the board's), recorded in the audit."""
    ctx = boards.ctx
    actor = require_team(ctx, Action.CASE_VIEW, team_id)
    info = boards.board(team_id, filt)
    today = ctx.clock.today()
    rows: list[ExportRow] = []
    for column in info.columns:
        after = None
        while True:
            page = boards.page(team_id, column.id, filt, after, EXPORT_PAGE)
            for card in page:
                rows.append(
                    ExportRow(
                        column.name,
                        card.file_number,
                        card.client_name,
                        info.kinds.get(card.kind_id, ""),
                        info.workers.get(card.worker_id, "") if card.worker_id is not None else "",
                        card.next_due,
                        deadline_label(card.next_due_rule) if card.next_due_rule else "",
                        working_days_left(card.next_due, today) if card.next_due else None,
                        bool(card.urgent),
                        bool(card.suspended),
                    )
                )
            if len(page) < EXPORT_PAGE:
                break
            after = page[-1]
    with boards.db.transaction() as session:
        audit.record(
            session,
            ctx,
            "export",
            "team",
            team_id,
            f"board to XLSX, {len(rows)} cases" + (f", {filter_text}" if filter_text else ""),
        )
    return BoardExport(
        info.team_name, filter_text, today, ctx.clock.now(), actor.full_name, tuple(rows)
    )

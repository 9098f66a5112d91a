"""Columns of the sessions table (records from the hours service)."""

from __future__ import annotations

from opsdesk.domain.formatting import format_date
from opsdesk.domain.hours import SessionState
from opsdesk.i18n import N_, _
from opsdesk.services.hours.records import SessionRecord
from opsdesk.ui.hours.controls import hours_text
from opsdesk.ui.table_models import RIGHT, Column, RecordTableModel


def _approval(record: SessionRecord) -> str:
    if not record.approved_over_budget:
        return ""
    return _("over budget, confirmed by {name}").format(name=record.over_budget_approved_by)


SESSION_COLUMNS: tuple[Column[SessionRecord], ...] = (
    Column(N_("Date"), lambda r: format_date(r.day), sort_key=lambda r: (r.day, r.start)),
    Column(N_("Time"), lambda r: r.time_label, sort_key=lambda r: r.start),
    Column(
        N_("Duration"), lambda r: hours_text(r.minutes), sort_key=lambda r: r.minutes, align=RIGHT
    ),
    Column(N_("Form"), lambda r: r.form.label),
    Column(N_("Clients / participants"), lambda r: r.people_label),
    Column(N_("State"), lambda r: r.state.label),
    Column(N_("Budget"), _approval, tooltip=lambda r: r.over_budget_reason),
)


def session_model(parent=None) -> RecordTableModel:
    return RecordTableModel(
        SESSION_COLUMNS,
        parent,
        muted=lambda r: r.state in (SessionState.CANCELLED, SessionState.NO_SHOW),
    )

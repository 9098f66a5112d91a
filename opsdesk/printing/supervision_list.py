"""The supervision attendance list of a month (or of one session): each session with its
participants, their written consent to share conclusions, and a place to sign.

Built from ``opsdesk.services.hours.sheets.AttendanceSheet``; nothing of a session's content
is stored, so none is printed. Uses ReportLab (import only when a document is made).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from opsdesk.i18n import _
from opsdesk.printing.approval_lines import approval_facts, correction_text
from opsdesk.printing.formatting import (
    format_date,
    format_hours,
    format_time,
    month_bounds,
    month_label,
)
from opsdesk.printing.header import DocumentInfo
from opsdesk.printing.layout import build_a4_pdf
from opsdesk.printing.office import office_header
from opsdesk.printing.signatures import signature_lines, signed_ending
from opsdesk.printing.styles import para
from opsdesk.printing.tables import data_table, facts_table
from opsdesk.services.hours.records import AttendanceSession, AttendanceSheet

WEIGHTS = (0.5, 3.0, 1.5, 3.0)
ALIGN = ("RIGHT", "LEFT", "CENTER", "LEFT")
SIGNING_HEIGHT = 8 * mm


def session_heading(number: int, session: AttendanceSession) -> str:
    """ "Sesja 2: 12.03.2026, 10:00–12:00 (2,00 godz.), superwizja grupowa"."""
    return _("Session {number}: {date}, {start}–{end} ({hours} h), {form}").format(
        number=number,
        date=format_date(session.day),
        start=format_time(session.start),
        end=format_time(session.end),
        hours=format_hours(session.minutes),
        form=session.form_label,
    )


def _session_parts(number: int, session: AttendanceSession) -> tuple[Flowable, Table]:
    header = [
        _("No."),
        _("Participant"),
        _("Written consent to share conclusions"),
        _("Participant's signature"),
    ]
    rows = [
        [
            f"{index}.",
            person.full_name,
            _("yes") if person.consent else _("no"),
            Spacer(1, SIGNING_HEIGHT),
        ]
        for index, person in enumerate(session.participants, start=1)
    ]
    if not rows:
        rows = [["", _("No participants were recorded."), None, None]]
    table = data_table(header, rows, weights=WEIGHTS, align=ALIGN, zebra=False)
    if not session.participants:
        table.setStyle([("SPAN", (1, 1), (-1, 1))])
    return para(session_heading(number, session), "heading"), table


def supervision_story(sheet: AttendanceSheet, day: dt.date | None = None) -> list[Flowable]:
    sessions = [s for s in sheet.sessions if day is None or s.day == day]
    first, last = month_bounds(*sheet.month)
    minutes = sum(s.minutes for s in sessions)
    contract = sheet.contract
    facts = facts_table(
        [
            (_("Contract no."), contract.number),
            (_("Supervisor"), contract.provider_name),
            (
                _("Period"),
                format_date(day) if day else f"{format_date(first)} – {format_date(last)}",
            ),
            (
                _("Sessions and hours"),
                _("sessions: {sessions}, hours: {hours}").format(
                    sessions=len(sessions), hours=format_hours(minutes)
                ),
            ),
            *approval_facts(sheet.approval),
        ]
    )
    content: list[Flowable] = [facts, Spacer(1, 2 * mm)]
    blocks = [_session_parts(n, s) for n, s in enumerate(sessions, start=1)]
    content += [KeepTogether(list(block)) for block in blocks[:-1]]
    if not blocks:
        content.append(para(_("No supervision sessions were held in this period."), "body"))
    note = [
        Spacer(1, 4 * mm),
        para(
            _(
                "The list records attendance only; the content of supervision is not recorded. "
                "Conclusions may be shown to others only with the participants' written consent "
                "(art. 121a of the Act on social assistance)."
            ),
            "muted",
        ),
    ]
    signatures = signature_lines(
        [_("signature of the supervisor"), _("signature of the manager")],
        [contract.provider_name, sheet.manager_name],
    )
    if blocks:  # the last session's last rows go with the note and the signatures
        heading, table = blocks[-1]
        content += signed_ending(signatures, before=[heading], table=table, after=note)
    else:
        content += signed_ending(signatures, after=note)
    return content


def build_supervision_list(
    sheet: AttendanceSheet,
    *,
    day: dt.date | None = None,
    progress: Callable[[float], None] | None = None,
) -> bytes:
    """The attendance list of ``sheet``'s month, or only of the sessions held on ``day``."""
    info = DocumentInfo(
        title=_("Supervision attendance list"),
        subtitle=" — ".join(
            part
            for part in (
                format_date(day) if day else month_label(*sheet.month),
                correction_text(sheet.approval),
            )
            if part
        ),
        generated_by=sheet.prepared_by,
        generated_at=sheet.generated_at,
    )
    header = office_header(
        sheet.office,
        project_name=sheet.contract.project_name or sheet.office.project_name,
        project_number=sheet.contract.project_number or sheet.office.project_number,
    )
    return build_a4_pdf(header, info, supervision_story(sheet, day), progress=progress)

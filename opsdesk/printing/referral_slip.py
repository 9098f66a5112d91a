"""The referral slip (skierowanie) the first-contact desk hands to a person: where to go,
to whom, and a booked appointment with the psychologist if there is one. On an A5 page, half
an A4 sheet: a slip, not a mostly empty page.

Built from ``opsdesk.services.reports.records.ReferralSlip``; uses ReportLab.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from opsdesk.i18n import _
from opsdesk.printing.formatting import format_date, format_datetime, format_time
from opsdesk.printing.header import DocumentInfo
from opsdesk.printing.layout import build_pdf, content_width
from opsdesk.printing.office import office_header
from opsdesk.printing.signatures import signature_lines, signed_ending
from opsdesk.printing.styles import para
from opsdesk.printing.tables import facts_table
from opsdesk.services.reports.records import Appointment, ReferralSlip


def appointment_text(appointment: Appointment) -> str:
    """ "24.03.2026, 12:00–13:00, Małgorzata Zielińska"."""
    start = datetime.combine(appointment.day, appointment.start)
    end = start + timedelta(minutes=appointment.minutes)
    return (
        f"{format_date(appointment.day)}, {format_time(start.time())}–"
        f"{format_time(end.time())}, {appointment.provider_name}"
    )


SLIP_PAGE = A5  # 148 × 210 mm: half an A4 sheet
SLIP_WIDTH = content_width(SLIP_PAGE)


def referral_story(slip: ReferralSlip) -> list[Flowable]:
    facts = [
        (_("Person"), slip.person),
        (_("Contact registered"), format_datetime(slip.arrived_at)),
        (_("Matter"), slip.purpose_name or "—"),
        (_("Ticket"), slip.ticket or "—"),
        (_("Referred to"), slip.team_name or "—"),
        (_("Worker"), slip.worker_name or _("any worker of the team")),
    ]
    if slip.workplace:
        facts.append((_("Where"), slip.workplace))
    if slip.priority_label:
        facts.append((_("Priority"), slip.priority_label))
    content: list[Flowable] = [facts_table(facts, width=SLIP_WIDTH), Spacer(1, 4 * mm)]
    if slip.appointment is not None:
        content += [
            para(_("Appointment with the psychologist"), "heading"),
            para(appointment_text(slip.appointment), "value"),
            Spacer(1, 2 * mm),
        ]
    content.append(
        para(
            _(
                "Please take this slip with you to the person named above. If you cannot come, "
                "let the first contact desk know."
            ),
            "body",
        )
    )
    closing = content.pop()  # the last paragraph stays with the signature
    content += signed_ending(
        signature_lines([_("first contact desk worker")], [slip.prepared_by], width=SLIP_WIDTH),
        after=[closing],
    )
    return content


def build_referral_slip(
    slip: ReferralSlip, *, progress: Callable[[float], None] | None = None
) -> bytes:
    info = DocumentInfo(
        title=_("Referral"),
        subtitle=_("to: {team}").format(team=slip.team_name) if slip.team_name else None,
        generated_by=slip.prepared_by,
        generated_at=slip.generated_at,
    )
    return build_pdf(
        office_header(slip.office),
        info,
        referral_story(slip),
        page_size=SLIP_PAGE,
        progress=progress,
    )

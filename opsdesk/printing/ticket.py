"""The queue ticket (numerek) on the 80 mm receipt roll: the number, the team, the time and
how many people wait before it. Nothing about the person is printed.

Built from ``opsdesk.services.reports.records.TicketSlip``; uses ReportLab.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Spacer

from opsdesk.i18n import _
from opsdesk.printing.formatting import format_date, format_time
from opsdesk.printing.receipt import build_receipt_pdf, receipt_styles
from opsdesk.printing.styles import RULE, para
from opsdesk.services.reports.records import TicketSlip


def ticket_story(ticket: TicketSlip) -> list[Flowable]:
    style = receipt_styles()
    waiting = _("People waiting before you: {n}").format(n=ticket.waiting_ahead)
    content: list[Flowable] = [
        para(ticket.office_name, style["office"]),
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=0.5, color=RULE),
        para(_("Your number"), style["small"]),
        para(ticket.ticket, style["number"]),
        para(ticket.team_name, style["office"]),
        para(waiting, style["body"]),
    ]
    if ticket.priority:
        content.append(para(_("Served with priority"), style["body"]))
    content += [
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=0.5, color=RULE),
        para(_("Please wait until your number is shown on the screen."), style["small"]),
        para(
            f"{format_date(ticket.arrived_at)} {format_time(ticket.arrived_at.time())}",
            style["small"],
        ),
    ]
    return content


def build_ticket(ticket: TicketSlip) -> bytes:
    """The ticket as a one-page PDF 80 mm wide."""
    return build_receipt_pdf(
        ticket_story(ticket), title=_("Ticket {number}").format(number=ticket.ticket)
    )

"""The queue ticket (numerek) on the 80 mm receipt roll: the number, the team, the time and
how many people wait before it, in the language the person chose (Polish, Ukrainian or
English: ``domain.ticket_words``). Nothing about the person is printed.

Built from ``opsdesk.services.reports.records.TicketSlip``; uses ReportLab.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Spacer

from opsdesk.domain.ticket_words import ticket_words
from opsdesk.printing.formatting import format_date, format_time
from opsdesk.printing.receipt import build_receipt_pdf, receipt_styles
from opsdesk.printing.styles import RULE, para
from opsdesk.services.reports.records import TicketSlip


def ticket_story(ticket: TicketSlip) -> list[Flowable]:
    style = receipt_styles()
    words = ticket_words(ticket.language)
    content: list[Flowable] = [
        para(ticket.office_name, style["office"]),
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=0.5, color=RULE),
        para(words.your_number, style["small"]),
        para(ticket.ticket, style["number"]),
        para(ticket.team_name, style["office"]),
        para(words.waiting_before.format(n=ticket.waiting_ahead), style["body"]),
    ]
    if ticket.priority:
        content.append(para(words.priority, style["body"]))
    content += [
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=0.5, color=RULE),
        para(words.please_wait, style["small"]),
        para(
            f"{format_date(ticket.arrived_at)} {format_time(ticket.arrived_at.time())}",
            style["small"],
        ),
    ]
    return content


def build_ticket(ticket: TicketSlip) -> bytes:
    """The ticket as a one-page PDF 80 mm wide."""
    title = ticket_words(ticket.language).title.format(number=ticket.ticket)
    return build_receipt_pdf(ticket_story(ticket), title=title)

"""Printing at the first-contact desk: the queue ticket (80 mm roll) and the referral slip.

For the reception section, e.g. after registering a contact in person:

    from opsdesk.ui.reports.desk import preview_referral_slip, preview_ticket
    preview_ticket(self, services, visit.id)           # preview, then "Drukuj…"
    print_ticket_at_once(self, services, visit.id)     # the default printer, no preview
    preview_referral_slip(self, services, visit.id)

Each builds the PDF off the GUI thread (``document_flow.preview_document``) and opens the
preview with print and save; a service error (no permission, no such contact, a contact
without a ticket) is shown as a message. The returned job's ``finished``/``failed`` signals
tell when it is done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from opsdesk.domain.ids import VisitId
from opsdesk.i18n import _
from opsdesk.printing import documents
from opsdesk.ui.printing.document_flow import (
    DocumentJob,
    preview_document,
    print_document_at_once,
)

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


def preview_ticket(parent: QWidget, services: Services, visit_id: VisitId) -> DocumentJob:
    """The visit's queue ticket on the 80 mm receipt roll."""
    return preview_document(
        parent,
        lambda progress: documents.ticket(services, visit_id, progress=progress),
        title=_("Ticket"),
        file_name=f"{_('ticket')}-{visit_id}.pdf",
    )


def print_ticket_at_once(parent: QWidget, services: Services, visit_id: VisitId) -> DocumentJob:
    """The visit's queue ticket straight on the default printer (no preview, no dialog)."""
    return print_document_at_once(
        parent,
        lambda progress: documents.ticket(services, visit_id, progress=progress),
        title=_("Ticket"),
    )


def preview_referral_slip(parent: QWidget, services: Services, visit_id: VisitId) -> DocumentJob:
    """The referral slip: where, to whom, and a booked appointment if there is one."""
    return preview_document(
        parent,
        lambda progress: documents.referral_slip(services, visit_id, progress=progress),
        title=_("Referral"),
        file_name=f"{_('referral')}-{visit_id}.pdf",
    )

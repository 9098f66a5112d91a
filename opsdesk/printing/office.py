"""The letterhead of a document from the office profile (no ReportLab here)."""

from __future__ import annotations

from opsdesk.i18n import _
from opsdesk.printing.header import OfficeHeader
from opsdesk.services.office.records import OfficeRecord


def office_header(
    office: OfficeRecord,
    *,
    project_name: str | None = None,
    project_number: str | None = None,
) -> OfficeHeader:
    """Name, address lines, phone and e-mail, the logo strip; the project's name and number
    only when given (documents for the project's settlement)."""
    phone = _("phone {number}").format(number=office.phone) if office.phone else ""
    contact = ", ".join(part for part in (phone, office.email) if part)
    return OfficeHeader(
        name=office.name,
        address_lines=(*office.address_lines, *((contact,) if contact else ())),
        project_name=project_name or None,
        project_number=project_number or None,
        logo_strip=office.logo_strip,
    )

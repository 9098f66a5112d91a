"""Search results of the client register as a table model."""

from __future__ import annotations

from operator import attrgetter

from opsdesk.domain.formatting import format_date
from opsdesk.i18n import N_
from opsdesk.services.clients.register import ClientSummary
from opsdesk.ui.table_models import KEY_ROLE, Column, RecordTableModel

COLUMNS: tuple[Column[ClientSummary], ...] = (
    Column(N_("Last and first name"), attrgetter("display_name")),
    Column(N_("PESEL / document"), lambda c: c.pesel or c.document_number),
    Column(N_("Birth date"), lambda c: format_date(c.birth_date)),
    Column(N_("Address"), attrgetter("address")),
    Column(N_("Region"), attrgetter("region_name")),
)
ClientIdRole = KEY_ROLE  # the row's client id


class ClientListModel(RecordTableModel[ClientSummary]):
    """One row a client, keyed by the client's id."""

    def __init__(self, parent=None):
        super().__init__(COLUMNS, parent)

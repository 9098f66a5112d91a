"""The GDPR data report's parameters: find the person (name, PESEL or document number) and
choose them from the matches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QWidget,
)

from opsdesk.i18n import _
from opsdesk.printing import documents
from opsdesk.services.reports.records import ClientChoice
from opsdesk.ui.operation import run_operation
from opsdesk.ui.reports.panels import DocumentRequest, ReportPanel, file_name

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

Index = QModelIndex | QPersistentModelIndex


class ClientChoicesModel(QAbstractListModel):
    """Matches of the search, one line each: "Kowalski Łukasz — 80031401133, Zachęty 11 …"."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ClientChoice] = []

    def set_rows(self, rows: list[ClientChoice]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            details = ", ".join(part for part in (row.identity, row.address) if part)
            return f"{row.display_name} — {details}" if details else row.display_name
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def choice(self, row: int) -> ClientChoice | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None


class GdprPanel(ReportPanel):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(
            services,
            _(
                "Everything the centre stores about a person, and who accessed it, for an access "
                "request under art. 15 GDPR. Producing it is recorded in the audit log."
            ),
            parent,
        )
        self.search = QLineEdit(self)
        self.search.setObjectName("client_search")
        self.search.setPlaceholderText(_("last name, first name, PESEL or document number"))
        self.search.setClearButtonEnabled(True)
        find = QPushButton(_("&Find"), self)
        find.setObjectName("find")
        find.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(find)
        self.model = ClientChoicesModel(self)
        self.matches = QListView(self)
        self.matches.setObjectName("matches")
        self.matches.setAccessibleName(_("Matching clients"))
        self.matches.setModel(self.model)
        self.matches.setMinimumHeight(160)
        label = QLabel(_("&Client:"), self)
        label.setBuddy(self.search)  # the field is a row of two widgets: name the search
        self.form.addRow(label, row)
        self.form.addRow("", self.matches)
        self.errors.attach("client", self.matches, self.form)
        find.clicked.connect(self.find_clients)
        self.search.returnPressed.connect(self.find_clients)

    def find_clients(self) -> None:
        """Search off the GUI thread; a search started before the last one answered
        replaces it (the newest text wins)."""
        self.errors.clear()
        reports, text = self.services.reports, self.search.text()
        run_operation(
            self,
            lambda: reports.find_clients(text),
            lambda rows: self._show_matches(text, rows),
            refused=lambda error: self.errors.show({"client": str(error)}),
            busy=_("searching the clients"),
            when_running="replace",
        )

    def _show_matches(self, text: str, rows: list[ClientChoice]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.matches.setCurrentIndex(self.model.index(0))
        elif text.strip():
            self.errors.show(
                {"client": _("Nobody matches \u201e{text}\u201d.").format(text=text.strip())}
            )

    def request(self) -> DocumentRequest | None:
        self.errors.clear()
        choice = self.model.choice(self.matches.currentIndex().row())
        if choice is None:
            self.errors.show({"client": _("Find the person and choose them from the list.")})
            return None
        services = self.services
        return DocumentRequest(
            _("Personal data report"),
            file_name(_("personal-data"), choice.code),
            lambda progress: documents.gdpr_report(services, choice.id, progress=progress),
        )

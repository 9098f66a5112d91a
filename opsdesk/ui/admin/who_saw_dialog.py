""" "Who saw this person's data": from the audit log, for one client, who opened, printed,
exported, changed or was shown in a list the client's data, when and on which screen; with a
printable document (the manager's, issue 19 item 5).

Showing the list and printing it are each recorded in the audit log by the service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.formatting import format_datetime
from opsdesk.i18n import N_, _
from opsdesk.printing import documents
from opsdesk.services.reports.records import ClientChoice, SeenRow, WhoSawReport
from opsdesk.ui.admin.record_view import RecordView
from opsdesk.ui.forms import FieldErrors, show_service_error
from opsdesk.ui.operation import run_operation
from opsdesk.ui.printing.document_flow import DocumentJob, preview_document
from opsdesk.ui.reports.gdpr_panel import ClientChoicesModel
from opsdesk.ui.reports.panels import file_name
from opsdesk.ui.table_models import Column, RecordFilterProxy, RecordTableModel

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

COLUMNS: tuple[Column[SeenRow], ...] = (
    Column(N_("When"), lambda r: format_datetime(r.at), sort_key=lambda r: r.at),
    Column(N_("Person"), lambda r: r.who),
    Column(N_("Activity"), lambda r: r.action_label),
    Column(N_("Screen"), lambda r: r.screen, tooltip=lambda r: r.screen),
    Column(N_("Data"), lambda r: r.subject, tooltip=lambda r: r.subject),
)


class WhoSawDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.report: WhoSawReport | None = None
        self.job: DocumentJob | None = None
        self.setObjectName("whoSawDialog")
        self.setWindowTitle(_("Who saw the person's data"))
        self.errors = FieldErrors(self)
        intro = QLabel(
            _(
                "Find the person, then show who opened, printed, exported or changed their "
                "data, or had them shown in a list, when and on which screen. Showing and "
                "printing this list are recorded in the audit log too."
            )
        )
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setObjectName("client_search")
        self.search.setPlaceholderText(_("last name, first name, PESEL or document number"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(_("&Client:"))
        search_label.setBuddy(self.search)
        find = QPushButton(_("&Find"))
        find.setObjectName("find")
        find.setAutoDefault(False)
        self.matches_model = ClientChoicesModel(self)
        self.matches = QListView()
        self.matches.setObjectName("matches")
        self.matches.setAccessibleName(_("Matching clients"))
        self.matches.setModel(self.matches_model)
        self.matches.setMaximumHeight(110)
        self.show_button = QPushButton(_("&Show who saw the data"))
        self.show_button.setObjectName("showWhoSaw")
        self.show_button.setAutoDefault(False)

        self.model = RecordTableModel(COLUMNS, self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = RecordView(self.proxy, "whoSawTable", self)
        self.view.setAccessibleName(_("Who saw the person's data"))
        self.count_label = QLabel()
        self.count_label.setObjectName("whoSawCount")
        self.count_label.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("&Close"))
        self.print_button = QPushButton(_("&Preview and print…"))
        self.print_button.setObjectName("printWhoSaw")
        self.print_button.setEnabled(False)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search, 1)
        row.addWidget(find)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.matches)
        self.errors.attach("client", self.matches, layout)
        shows = QHBoxLayout()
        shows.addStretch(1)
        shows.addWidget(self.show_button)
        layout.addLayout(shows)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(buttons)

        find.clicked.connect(self.find_clients)
        self.search.returnPressed.connect(self.find_clients)
        self.show_button.clicked.connect(self.show_report)
        self.matches.activated.connect(lambda _index: self.show_report())
        self.print_button.clicked.connect(self.print_report)
        self.resize(1000, 620)

    def find_clients(self) -> None:
        """Search off the GUI thread; asked again meanwhile, the newest search wins."""
        self.errors.clear()
        reports, text = self.services.reports, self.search.text()
        run_operation(
            self.matches,
            lambda: reports.find_clients(text),
            lambda rows: self._found(rows, text),
            refused=lambda error: self.errors.show({"client": str(error)}),
            busy=_("searching the clients"),
            when_running="replace",
        )

    def _found(self, rows: list[ClientChoice], text: str) -> None:
        self.matches_model.set_rows(rows)
        if rows:
            self.matches.setCurrentIndex(self.matches_model.index(0))
            self.matches.setFocus()
        elif text.strip():
            self.errors.show(
                {"client": _("Nobody matches \u201e{text}\u201d.").format(text=text.strip())}
            )

    def chosen(self) -> ClientChoice | None:
        return self.matches_model.choice(self.matches.currentIndex().row())

    def show_report(self) -> None:
        self.errors.clear()
        choice = self.chosen()
        if choice is None:
            self.errors.show({"client": _("Find the person and choose them from the list.")})
            return
        who_saw = self.services.who_saw
        run_operation(
            self.view,
            lambda: who_saw.report(choice.id),
            self._show_report,
            refused=lambda error: show_service_error(self, error),
            busy=_("loading the list"),
            when_running="replace",
        )

    def _show_report(self, report: WhoSawReport) -> None:
        self.report = report
        self.model.set_records(list(report.rows))
        self.view.fit_columns()
        text = _("{person} ({code}): {n} entries, newest first.").format(
            person=report.client_name, code=report.client_code, n=len(report.rows)
        )
        if report.truncated:
            text += " " + _("Only the newest {n} entries are listed.").format(n=len(report.rows))
        self.count_label.setText(text)
        self.print_button.setEnabled(True)

    def rows(self) -> list[SeenRow]:
        return [] if self.report is None else list(self.report.rows)

    def print_report(self) -> DocumentJob | None:
        if self.report is None:
            return None
        services, client_id = self.services, self.report.client_id
        self.job = preview_document(
            self,
            lambda progress: documents.who_saw_report(services, client_id, progress=progress),
            title=_("Who saw the person's data"),
            file_name=file_name(_("who-saw"), self.report.client_code),
        )
        return self.job

"""The administrator's "Data retention" tab: the period, a preview, then anonymisation.

``build_retention_tab(services, parent)`` is what the administration section embeds. Every
call into the services runs off the GUI thread (``ui.operation``), one at a time: the fields
and buttons wait, disabled, for its answer.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.formatting import format_date
from opsdesk.errors import ServiceError, ValidationError
from opsdesk.i18n import N_, _
from opsdesk.services.safety.retention import (
    MAX_YEARS,
    AnonymiseResult,
    RetentionCandidate,
    RetentionPreview,
)
from opsdesk.services.safety.retention_texts import ANONYMISED_TEXT
from opsdesk.ui.forms import ERROR_STYLE, FieldErrors
from opsdesk.ui.operation import run_first_read, run_operation
from opsdesk.ui.table_models import Column, RecordTableModel

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


def _texts_tooltip(row: RetentionCandidate) -> str:
    return row.texts_label() or _("No notes or descriptions.")


def _column(title: str, text: Callable[[RetentionCandidate], str]) -> Column[RetentionCandidate]:
    """A column whose tooltip repeats the cell (the lists can be longer than the column)."""
    return Column(title, text, tooltip=text)


COLUMNS: tuple[Column[RetentionCandidate], ...] = (
    _column(N_("Client code"), attrgetter("code")),
    _column(N_("Last case closed"), lambda row: format_date(row.last_closed)),
    _column(N_("Cases (file numbers)"), lambda row: ", ".join(row.file_numbers)),
    Column(N_("Notes and descriptions"), lambda row: str(row.text_count), tooltip=_texts_tooltip),
    _column(N_("Will be cleared"), RetentionCandidate.cleared_labels),
)


class RetentionTab(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.preview: RetentionPreview | None = None
        self.setObjectName("retentionTab")
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "When the retention period of the office's records list (JRWA) has passed, the "
                "personal data of clients whose every case is closed are anonymised: the name "
                "becomes \u201eAnonimizowany\u201d, PESEL, document, birth date, address, phone "
                "and e-mail are cleared, and every note or description written about the client "
                "(cases, their history, reception contacts, room bookings, psychologist's "
                "sessions) is replaced with \u201e{marker}\u201d. Cases keep their file numbers, "
                "dates and teams; visits and session hours still count in the statistics. This "
                "cannot be undone."
            ).format(marker=ANONYMISED_TEXT)
        )
        intro.setObjectName("retentionIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.years = QSpinBox()
        self.years.setObjectName("retentionYears")
        self.years.setRange(1, MAX_YEARS)
        self._saved_years: int | None = None  # the period stored, once read
        self.save_button = QPushButton(_("&Save the period"))
        row = QHBoxLayout()
        row.addWidget(self.years)
        row.addWidget(self.save_button)
        row.addStretch(1)
        label = QLabel(_("&Years to keep after the client's last case closed:"))
        label.setBuddy(self.years)
        form.addRow(label, row)
        self.errors = FieldErrors(self)
        self.errors.attach("years", self.years, form)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.preview_button = QPushButton(_("Show &what will change"))
        self.anonymise_button = QPushButton(_("A&nonymise\u2026"))
        self.anonymise_button.setEnabled(False)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.anonymise_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.summary = QLabel()
        self.summary.setObjectName("retentionSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = RecordTableModel(COLUMNS, self, key=attrgetter("client_id"))
        self.table = QTableView()
        self.table.setObjectName("retentionPreview")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(_("Clients to anonymise"))
        layout.addWidget(self.table, 1)

        self.save_button.clicked.connect(self.save_years)
        self.preview_button.clicked.connect(self.show_preview)
        self.anonymise_button.clicked.connect(self.anonymise)
        self.years.valueChanged.connect(self._forget_preview)
        self._years_refusal = ""  # said while the period could not be read
        self._set_busy(True)
        run_first_read(  # refused, asked again shortly: the tab never stays disabled
            self,
            services.retention.years,
            self._first_years,
            refused=self._years_unread,
            busy=_("loading"),
        )

    def _years_unread(self, error: ServiceError) -> None:
        self._years_refusal = str(error)
        self._say(self._years_refusal, error=True)

    def _first_years(self, years: int) -> None:
        if self._years_refusal and self.summary.text() == self._years_refusal:
            self._say("")
        self._show_years(years)

    # --- off the GUI thread: one action at a time, the fields wait for its answer -----------

    def _run(self, work: Callable[[], Any], done: Callable[[Any], Any], busy: str) -> None:
        if run_operation(
            self, work, lambda value: self._answered(done, value), refused=self._refused, busy=busy
        ):
            self._set_busy(True)

    def _answered(self, done: Callable[[Any], Any], value: Any) -> None:
        self._set_busy(False)
        done(value)

    def _set_busy(self, busy: bool) -> None:
        ready = not busy and self._saved_years is not None
        for widget in (self.years, self.save_button, self.preview_button):
            widget.setEnabled(ready)
        self.anonymise_button.setEnabled(
            ready and self.preview is not None and bool(self.preview.candidates)
        )

    def _refused(self, error: ServiceError) -> None:
        self._set_busy(False)
        if isinstance(error, ValidationError):
            self.errors.show(error.errors)
        else:
            self._say(str(error), error=True)

    def _show_years(self, years: int) -> None:
        self._saved_years = years
        self.years.setValue(years)
        self._set_busy(False)

    def _say(self, text: str, error: bool = False) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet(ERROR_STYLE if error else "")

    def _forget_preview(self, *_args) -> None:
        self.preview = None
        self.model.set_records(())
        self.anonymise_button.setEnabled(False)

    def save_years(self) -> None:
        self.errors.clear()
        retention, years = self.services.retention, self.years.value()
        self._run(lambda: retention.set_years(years), self._years_saved, _("saving"))

    def _years_saved(self, years: int) -> None:
        self._show_years(years)
        self._say(
            _("Saved: the data are kept {years} years after the last case closed.").format(
                years=years
            )
        )

    def show_preview(self) -> None:
        """Save a changed period first, then read what would change (off the GUI thread)."""
        self.errors.clear()
        retention, years = self.services.retention, self.years.value()
        changed = years != self._saved_years

        def work() -> tuple[int | None, RetentionPreview]:
            saved = retention.set_years(years) if changed else None
            return saved, retention.preview()

        self._run(work, self._show_preview, _("loading"))

    def _show_preview(self, answer: tuple[int | None, RetentionPreview]) -> None:
        saved, preview = answer
        if saved is not None:
            self._saved_years = saved
        self.preview = preview
        self.model.set_records(preview.candidates)
        self.anonymise_button.setEnabled(bool(preview.candidates))
        if preview.candidates:
            self._say("\n".join(self._what_changes(preview)))
        else:
            self._say(
                _("No client's last case closed before {date}: nothing to anonymise.").format(
                    date=format_date(preview.cutoff)
                )
            )

    @staticmethod
    def _what_changes(preview: RetentionPreview) -> list[str]:
        lines = [
            _("Clients to anonymise: {n} (every case closed before {date}).").format(
                n=len(preview.candidates), date=format_date(preview.cutoff)
            )
        ]
        if preview.text_count:
            lines.append(
                _(
                    "Notes and descriptions to be replaced with \u201e{marker}\u201d: "
                    "{n} ({kinds})."
                ).format(marker=ANONYMISED_TEXT, n=preview.text_count, kinds=preview.texts_label())
            )
        else:
            lines.append(_("No notes or descriptions about them to replace."))
        if preview.households_ended:
            lines.append(
                _("Households that end because at most one member stays: {n}.").format(
                    n=preview.households_ended
                )
            )
        return lines

    def anonymise(self) -> None:
        if not self.preview or not self.preview.candidates:
            return
        count = len(self.preview.candidates)
        answer = QMessageBox.question(
            self,
            _("Anonymise clients"),
            _(
                "Anonymise {n} clients now? Their personal data and the notes and descriptions "
                "about them ({texts}) will be removed for good."
            ).format(n=count, texts=self.preview.text_count),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ids = [c.client_id for c in self.preview.candidates]
        retention = self.services.retention
        self._run(lambda: retention.anonymise(ids), self._anonymised, _("saving"))

    def _anonymised(self, result: AnonymiseResult) -> None:
        self._forget_preview()
        text = _("Anonymised clients: {n}.").format(n=result.anonymised)
        if result.texts:
            text += " " + _("Notes and descriptions replaced: {n}.").format(n=result.texts)
        if result.households_ended:
            text += " " + _("Households ended: {n}.").format(n=result.households_ended)
        if result.skipped:
            text += " " + _("Skipped because they no longer qualify: {n}.").format(n=result.skipped)
        self._say(text)


def build_retention_tab(services: Services, parent=None) -> QWidget:
    return RetentionTab(services, parent)

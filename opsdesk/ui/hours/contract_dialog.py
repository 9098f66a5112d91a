"""A contract's terms: kind, provider, monthly and project hours, validity, project, and the
weekly duty hours the desk books clients into."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.hours import ContractKind
from opsdesk.errors import ServiceError
from opsdesk.i18n import _
from opsdesk.services.hours.records import ContractInput, ContractRecord, DutyHours
from opsdesk.ui.date_edit import DateEdit
from opsdesk.ui.forms import FieldErrors
from opsdesk.ui.hours.calendar_model import WEEKDAY_NAMES
from opsdesk.ui.operation import is_running, run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

MAX_HOURS = 744.0
POLISH = QLocale(QLocale.Language.Polish, QLocale.Country.Poland)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _side_by_side(*widgets: QWidget) -> QWidget:
    """Two fields on one row of the form, so the dialog fits 1366×768 at 125 %."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return row


class DutyRow(QWidget):
    """One weekly window: weekday, from, to, slot length; with a remove button."""

    def __init__(self, duty: DutyHours, remove, parent=None):
        super().__init__(parent)
        self.weekday = QComboBox()
        for number, name in enumerate(WEEKDAY_NAMES):
            self.weekday.addItem(_(name), number)
        self.weekday.setCurrentIndex(duty.weekday)
        self.start = QTimeEdit(QTime(duty.start.hour, duty.start.minute))
        self.end = QTimeEdit(QTime(duty.end.hour, duty.end.minute))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.slot = QSpinBox()
        self.slot.setRange(5, 480)
        self.slot.setSingleStep(15)
        self.slot.setSuffix(" min")
        self.slot.setValue(duty.slot_minutes)
        drop = QPushButton(_("Remove"))
        drop.clicked.connect(lambda: remove(self))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.weekday, self.start, self.end, self.slot, drop):
            layout.addWidget(widget)

    def duty(self) -> DutyHours:
        s, e = self.start.time(), self.end.time()
        return DutyHours(
            self.weekday.currentData(),
            time(s.hour(), s.minute()),
            time(e.hour(), e.minute()),
            self.slot.value(),
        )


class ContractDialog(QDialog):
    def __init__(self, services: Services, contract: ContractRecord | None = None, parent=None):
        super().__init__(parent)
        self.services = services
        self.contract = contract
        self.saved: ContractRecord | None = None
        self.setWindowTitle(
            _("Contract")
            if contract is None
            else _("Contract {number}").format(number=contract.number)
        )
        self.setObjectName("contractDialog")
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for kind in ContractKind:
            self.kind.addItem(kind.label, kind.value)
        self.number = QLineEdit()
        self.number.setObjectName("number")
        self.provider = QComboBox()
        self.provider.setObjectName("provider")
        self.provider_name = QLineEdit()
        self.provider_name.setPlaceholderText(_("as in the account"))
        self.company = QLineEdit()
        self.monthly = QDoubleSpinBox()
        self.monthly.setObjectName("monthlyHours")
        self.monthly.setRange(0, MAX_HOURS)
        self.monthly.setSingleStep(0.25)
        self.monthly.setSuffix(" h")
        self.project_limit = QCheckBox(_("The project limits the total hours"))
        self.project_hours = QDoubleSpinBox()
        self.project_hours.setRange(0, 100_000)
        self.project_hours.setSuffix(" h")
        for spin in (self.monthly, self.project_hours):
            spin.setLocale(POLISH)
        self.pro_rata = QCheckBox(_("First month pro rata (by days)"))
        self.carry_over = QCheckBox(_("Unused hours move to the next month"))
        self.carry_over.setObjectName("carryOver")
        self.project_role = QLineEdit()
        self.project_role.setPlaceholderText(_("e.g. psychologist in the project"))
        self.engagement_form = QLineEdit()
        self.engagement_form.setPlaceholderText(_("e.g. contract of mandate"))
        self.hourly_rate = QDoubleSpinBox()
        self.hourly_rate.setObjectName("hourlyRate")
        self.hourly_rate.setLocale(POLISH)
        self.hourly_rate.setRange(0, 100_000)
        self.hourly_rate.setDecimals(2)
        self.hourly_rate.setSuffix(" zł")
        self.hourly_rate.setSpecialValueText(_("no rate"))
        self.valid_from = DateEdit(today=services.ctx.clock.today())
        self.valid_to = DateEdit(today=services.ctx.clock.today())
        self.project_name = QLineEdit()
        self.project_number = QLineEdit()
        self.duty_box = QVBoxLayout()
        self.duty_rows: list[DutyRow] = []
        add_duty = QPushButton(_("Add duty hours"))
        add_duty.clicked.connect(lambda: self._add_duty(DutyHours(1, time(9), time(13))))
        duty_widget = QWidget()
        duty_layout = QVBoxLayout(duty_widget)
        duty_layout.setContentsMargins(0, 0, 0, 0)
        duty_layout.addLayout(self.duty_box)
        duty_layout.addWidget(add_duty)

        form = QFormLayout()
        rows = (
            ("kind", _("Kind"), self.kind),
            ("number", _("Contract no."), self.number),
            ("provider", _("Provider's account"), self.provider),
            ("provider_name", _("Provider's name"), self.provider_name),
            ("provider_company", _("Company"), self.company),
            ("monthly_minutes", _("Hours a month"), self.monthly),
            ("pro_rata", "", _side_by_side(self.pro_rata, self.carry_over)),
            (
                "project_minutes",
                _("Hours in the project"),
                _side_by_side(self.project_hours, self.project_limit),
            ),
            ("valid_from", _("Valid from"), self.valid_from),
            ("valid_to", _("Valid to"), self.valid_to),
            ("project_name", _("Project name"), self.project_name),
            ("project_number", _("Project number"), self.project_number),
            ("project_role", _("Role in the project"), self.project_role),
            ("engagement_form", _("Form of engagement"), self.engagement_form),
            ("hourly_rate", _("Hourly rate"), self.hourly_rate),
            ("duty_hours", _("Duty hours (psychologist)"), duty_widget),
        )
        for _name, label, widget in rows:
            form.addRow(label, widget)
        self.errors = FieldErrors(self)
        for name, _label, widget in rows:
            if name != "pro_rata":
                self.errors.attach(name, widget, form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._load_providers())
        self.project_limit.toggled.connect(self.project_hours.setEnabled)
        self._fill()

    def _load_providers(self, prefer: int | None = None) -> None:
        """The accounts that may provide the chosen kind, asked off the GUI thread (the
        newest switch of kind wins); Save waits for them."""
        self.provider.clear()
        kind = ContractKind(self.kind.currentData())
        contracts = self.services.contracts
        self.save_button.setEnabled(False)

        def done(providers: list[tuple[int, str]]) -> None:
            self.save_button.setEnabled(True)
            self.provider.clear()
            for staff_id, name in providers:
                self.provider.addItem(name, staff_id)
            if prefer is not None:
                self.provider.setCurrentIndex(max(self.provider.findData(prefer), 0))

        def refused(error: ServiceError) -> None:
            self.save_button.setEnabled(True)
            self.errors.show_refusal(error)

        run_operation(
            self.provider,
            lambda: contracts.providers(kind),
            done,
            refused=refused,
            busy=_("loading the providers"),
            when_running="replace",
        )

    def _fill(self) -> None:
        c = self.contract
        if c is None:
            today = self.services.ctx.clock.today()
            self._load_providers()
            self.monthly.setValue(15)
            self.valid_from.setDate(_qdate(today.replace(day=1)))
            self.valid_to.setDate(_qdate(date(today.year, 12, 31)))
            self.project_hours.setEnabled(False)
            return
        self.kind.setCurrentIndex(self.kind.findData(c.kind.value))
        self._load_providers(c.provider_staff_id)
        self.number.setText(c.number)
        self.provider_name.setText(c.provider_name)
        self.company.setText(c.provider_company)
        self.monthly.setValue(c.monthly_minutes / 60)
        self.project_limit.setChecked(c.project_minutes is not None)
        self.project_hours.setEnabled(c.project_minutes is not None)
        self.project_hours.setValue((c.project_minutes or 0) / 60)
        self.pro_rata.setChecked(c.pro_rata_first_month)
        self.valid_from.setDate(_qdate(c.valid_from))
        self.valid_to.setDate(_qdate(c.valid_to))
        self.project_name.setText(c.project_name)
        self.project_number.setText(c.project_number)
        self.carry_over.setChecked(c.carry_over)
        self.project_role.setText(c.project_role)
        self.engagement_form.setText(c.engagement_form)
        self.hourly_rate.setValue((c.hourly_rate_grosze or 0) / 100)
        for duty in c.duty_hours:
            self._add_duty(duty)

    def _add_duty(self, duty: DutyHours) -> None:
        row = DutyRow(duty, self._remove_duty)
        self.duty_rows.append(row)
        self.duty_box.addWidget(row)

    def _remove_duty(self, row: DutyRow) -> None:
        self.duty_rows.remove(row)
        row.setParent(None)
        row.deleteLater()

    def contract_input(self) -> ContractInput:
        return ContractInput(
            kind=ContractKind(self.kind.currentData()),
            number=self.number.text(),
            provider_staff_id=self.provider.currentData(),
            monthly_minutes=round(self.monthly.value() * 60),
            valid_from=self.valid_from.checked_date(),
            valid_to=self.valid_to.checked_date(),
            provider_name=self.provider_name.text(),
            provider_company=self.company.text(),
            project_minutes=(
                round(self.project_hours.value() * 60) if self.project_limit.isChecked() else None
            ),
            pro_rata_first_month=self.pro_rata.isChecked(),
            project_name=self.project_name.text(),
            project_number=self.project_number.text(),
            duty_hours=tuple(row.duty() for row in self.duty_rows),
            carry_over=self.carry_over.isChecked(),
            project_role=self.project_role.text(),
            engagement_form=self.engagement_form.text(),
            hourly_rate_grosze=round(self.hourly_rate.value() * 100) or None,
        )

    def save(self) -> None:
        """Save off the GUI thread (``ui.operation``): Save is disabled and Cancel waits until
        the answer; a refusal goes next to its field."""
        if is_running(self) or is_running(self.provider):
            return
        contracts, contract = self.services.contracts, self.contract
        try:
            data = self.contract_input()
        except ServiceError as error:
            self.errors.show_refusal(error)
            return
        self.errors.clear()
        self.save_button.setEnabled(False)
        if contract is None:
            work = lambda: contracts.create(data)  # noqa: E731
        else:
            work = lambda: contracts.update(contract.id, data)  # noqa: E731
        run_operation(self, work, self._saved, refused=self._refused, busy=_("saving the contract"))

    def _saved(self, saved: ContractRecord) -> None:
        self.save_button.setEnabled(True)
        self.saved = saved
        self.accept()

    def _refused(self, error: ServiceError) -> None:
        self.save_button.setEnabled(True)
        self.errors.show_refusal(error)

    def reject(self) -> None:
        if not is_running(self):  # Cancel or Esc while saving: the answer decides
            super().reject()

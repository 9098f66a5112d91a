"""The client form: PESEL checked as it is typed (birth date and sex read from it), or a
document number for a person without PESEL; the region found from the address (overridable);
a warning when the person seems to be registered already."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.errors import DomainError
from opsdesk.domain.formatting import format_date, parse_date
from opsdesk.domain.ids import ClientId
from opsdesk.domain.pesel import parse_pesel
from opsdesk.errors import ServiceError, ValidationError
from opsdesk.i18n import _
from opsdesk.services.clients.register import ClientInput, ClientSummary, LikelyDuplicate
from opsdesk.ui.forms import FieldErrors
from opsdesk.ui.operation import is_running, run_first_read, run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

OK_STYLE = "color: #1d5e20;"
BAD_STYLE = "color: #a00000; font-weight: 600;"
WARNING_STYLE = "background: #fff1c2; color: #5c4000; border: 1px solid #e0a800; padding: 6px;"

TEXT_FIELDS = (
    "first_name",
    "last_name",
    "pesel",
    "document_number",
    "birth_date",
    "locality",
    "street",
    "house_number",
    "flat_number",
    "postal_code",
    "phone",
    "email",
)


def sex_label(sex: str | None) -> str:
    return {"F": _("woman"), "M": _("man")}.get(sex or "", "")


class ClientDialog(QDialog):
    def __init__(self, services: Services, client_id: ClientId | None = None, parent=None):
        super().__init__(parent)
        self.services = services
        self.client_id = client_id
        self.saved: ClientSummary | None = None
        self.confirm_duplicate = False
        self.setWindowTitle(_("New client") if client_id is None else _("Client's data"))
        self.errors = FieldErrors(self)
        self.fields: dict[str, QLineEdit] = {name: QLineEdit() for name in TEXT_FIELDS}
        for name, edit in self.fields.items():
            edit.setObjectName(name)
        self.fields["birth_date"].setPlaceholderText(_("dd.mm.yyyy"))
        self.fields["postal_code"].setPlaceholderText("74-100")
        self.fields["pesel"].setMaxLength(11)
        self.sex = QComboBox()
        self.sex.setObjectName("sex")
        for value, label in ((None, "\u2014"), ("F", _("woman")), ("M", _("man"))):
            self.sex.addItem(label, value)
        self.region = QComboBox()
        self.region.setObjectName("region")
        self.region.addItem(_("Loading\u2026"), None)  # the regions are read off the GUI thread
        self.region.setEnabled(False)
        self._regions_read = False
        self._regions_refusal = ""  # what a refused read of the regions says, while shown
        self._stored_region = None  # a stored client's own region, set once the regions are in
        self.pesel_hint = QLabel()
        self.pesel_hint.setObjectName("peselHint")
        self.pesel_hint.setWordWrap(True)
        self.duplicates = QLabel()
        self.duplicates.setObjectName("duplicateWarning")
        self.duplicates.setWordWrap(True)
        self.duplicates.setStyleSheet(WARNING_STYLE)
        self.duplicates.hide()
        self.save_anyway = QPushButton(_("It is another person: save anyway"))
        self.save_anyway.setObjectName("saveAnyway")
        self.save_anyway.hide()
        self.save_anyway.clicked.connect(self._save_anyway)

        form = QFormLayout()
        labels = {
            "first_name": _("&First name:"),
            "last_name": _("&Last name:"),
            "pesel": _("&PESEL:"),
            "document_number": _("&Document (no PESEL):"),
            "birth_date": _("&Birth date:"),
        }
        for name in ("first_name", "last_name", "pesel"):
            form.addRow(labels[name], self.fields[name])
            self.errors.attach(name, self.fields[name], form)
        form.addRow("", self.pesel_hint)
        for name in ("document_number", "birth_date"):
            form.addRow(labels[name], self.fields[name])
            self.errors.attach(name, self.fields[name], form)
        form.addRow(_("&Sex:"), self.sex)
        self.errors.attach("sex", self.sex, form)
        form.addRow(_("&Locality:"), self.fields["locality"])
        self.errors.attach("locality", self.fields["locality"], form)
        form.addRow(_("S&treet:"), self.fields["street"])
        self.errors.attach("street", self.fields["street"], form)
        number = QWidget()
        row = QHBoxLayout(number)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.fields["house_number"])
        flat = QLabel(_("fl&at:"))
        flat.setBuddy(self.fields["flat_number"])
        row.addWidget(flat)
        row.addWidget(self.fields["flat_number"])
        form.addRow(_("House &number:"), number)
        form.addRow(_("P&ostal code:"), self.fields["postal_code"])
        self.errors.attach("postal_code", self.fields["postal_code"], form)
        form.addRow(_("&Region:"), self.region)
        self.errors.attach("region", self.region, form)
        form.addRow(_("P&hone:"), self.fields["phone"])
        self.errors.attach("phone", self.fields["phone"], form)
        form.addRow(_("&E-mail:"), self.fields["email"])
        self.errors.attach("email", self.fields["email"], form)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.save_anyway, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_anyway.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general_label)
        layout.addWidget(self.duplicates)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self._region_timer = QTimer(self)
        self._region_timer.setSingleShot(True)
        self._region_timer.setInterval(250)
        self._region_timer.timeout.connect(self.update_region)
        for name in ("locality", "street", "house_number"):
            self.fields[name].textChanged.connect(lambda _t: self._region_timer.start())
        self.fields["pesel"].textChanged.connect(self.check_pesel)
        for name in ("first_name", "last_name", "pesel", "birth_date"):
            self.fields[name].editingFinished.connect(self.check_duplicates)
        self.ok_button.setEnabled(False)  # until the regions are in
        run_first_read(
            self,
            services.regions.list,
            self._show_regions,
            refused=self._regions_refused,
            busy=_("loading the regions"),
            lane="regions",
        )
        if client_id is not None:
            self._load(client_id)

    # --- loading and live checks --------------------------------------------------------

    def _editable(self) -> list[QWidget]:
        return [*self.fields.values(), self.sex, self.region, self.ok_button]

    def _load(self, client_id: ClientId) -> None:
        """The stored data, read off the GUI thread; the fields wait for them."""
        for widget in self._editable():
            widget.setEnabled(False)
        run_operation(
            self,
            lambda: self.services.clients.get(client_id),
            self._show_loaded,
            refused=self.errors.show_refusal,
            busy=_("loading the client's data"),
            lane="load",
        )

    def _show_regions(self, regions) -> None:
        """The regions came: the choice is offered, the address's region found, OK free."""
        if self._regions_refusal and self.errors.general_message() == self._regions_refusal:
            self.errors.general_label.clear()
            self.errors.general_label.hide()
        self._regions_refusal = ""
        self._regions_read = True
        self.region.setItemText(0, "")
        for region in regions:
            self.region.addItem(region.name, region.id)
        if self._stored_region is not None:
            self.region.setCurrentIndex(max(self.region.findData(self._stored_region), 0))
        if not is_running(self, "load"):  # a stored client's data still to come: it waits
            self.region.setEnabled(True)
            self.ok_button.setEnabled(True)
        self.update_region()

    def _regions_refused(self, error: ServiceError) -> None:
        self.errors.show_refusal(error)
        self._regions_refusal = self.errors.general_message()

    def _show_loaded(self, d) -> None:
        for widget in self._editable():
            widget.setEnabled(widget not in (self.region, self.ok_button) or self._regions_read)
        s = d.summary
        values = {
            "first_name": s.first_name,
            "last_name": s.last_name,
            "pesel": s.pesel,
            "document_number": s.document_number,
            "birth_date": format_date(s.birth_date),
            "locality": d.locality,
            "street": d.street,
            "house_number": d.house_number,
            "flat_number": d.flat_number,
            "postal_code": d.postal_code,
            "phone": s.phone,
            "email": d.email,
        }
        for name, value in values.items():
            self.fields[name].setText(value)
        self.sex.setCurrentIndex(max(self.sex.findData(d.sex), 0))
        if d.region_overridden:
            self._stored_region = s.region_id
            self.region.setCurrentIndex(max(self.region.findData(s.region_id), 0))
        self.check_pesel()  # birth date and sex follow the PESEL

    def check_pesel(self, text: str = "") -> None:
        """Say at once what is wrong with a PESEL, or what it tells (birth date, sex)."""
        text = self.fields["pesel"].text().strip()
        manual = not text
        for widget in (self.fields["birth_date"], self.sex):
            widget.setEnabled(manual)
        if not text:
            self.pesel_hint.clear()
            return
        try:
            info = parse_pesel(text)
        except DomainError as error:
            if len(text) < 11 and text.isdigit():
                self.pesel_hint.setStyleSheet("")
                self.pesel_hint.setText(_("{n} of 11 digits").format(n=len(text)))
            else:
                self.pesel_hint.setStyleSheet(BAD_STYLE)
                self.pesel_hint.setText(str(error))
            return
        self.fields["birth_date"].setText(format_date(info.birth_date))
        self.sex.setCurrentIndex(max(self.sex.findData(info.sex), 0))
        self.pesel_hint.setStyleSheet(OK_STYLE)
        self.pesel_hint.setText(
            _("\u2713 born {date}, {sex}").format(
                date=format_date(info.birth_date), sex=sex_label(info.sex)
            )
        )

    def update_region(self) -> None:
        """The region of the address typed, found off the GUI thread (the latest wins)."""
        address = (
            self.fields["locality"].text(),
            self.fields["street"].text(),
            self.fields["house_number"].text(),
        )
        run_operation(
            self,
            lambda: self.services.regions.region_for(*address),
            self._show_region,
            refused=lambda _error: None,  # the address is checked again on saving
            busy=_("finding the region"),
            lane="region",
            when_running="replace",
        )

    def _show_region(self, found) -> None:
        if not self._regions_read:  # asked again once the regions are in
            return
        name = self.region.itemText(self.region.findData(found)) if found else ""
        self.region.setItemText(
            0,
            _("Automatic: {region}").format(region=name)
            if name
            else _("Automatic: no region for this address"),
        )

    def check_duplicates(self) -> None:
        try:
            data = self.input()
        except ValidationError:
            return
        client_id = self.client_id
        run_operation(
            self,
            lambda: self.services.clients.likely_duplicates(data, exclude_id=client_id),
            self.show_duplicates,
            refused=lambda _error: None,  # checked again on saving
            busy=_("looking for the same person"),
            lane="duplicates",
            when_running="replace",
        )

    def show_duplicates(self, similar) -> None:
        if not similar:
            self.duplicates.hide()
            self.save_anyway.hide()
            return
        people = "<br>".join(
            f"\u2022 {c.display_name}, {c.identity}" + (f", {c.address}" if c.address else "")
            for c in similar
        )
        self.duplicates.setText(_("Is this person registered already? Similar:") + f"<br>{people}")
        self.duplicates.show()

    # --- saving -------------------------------------------------------------------------

    def input(self) -> ClientInput:
        """The form as a ClientInput; ValidationError if the birth date cannot be read."""
        text = {name: edit.text() for name, edit in self.fields.items()}
        birth = None
        if text["birth_date"].strip() and not text["pesel"].strip():
            try:
                birth = parse_date(text["birth_date"], "birth_date")
            except DomainError as error:
                raise ValidationError.single("birth_date", str(error)) from None
        return ClientInput(
            first_name=text["first_name"],
            last_name=text["last_name"],
            pesel=text["pesel"],
            document_number=text["document_number"],
            birth_date=birth,
            sex=None if text["pesel"].strip() else self.sex.currentData(),
            locality=text["locality"],
            street=text["street"],
            house_number=text["house_number"],
            flat_number=text["flat_number"],
            postal_code=text["postal_code"],
            phone=text["phone"],
            email=text["email"],
            region_id=self.region.currentData(),
        )

    def save(self) -> None:
        """Saved off the GUI thread (``ui.operation``); refusals next to their fields."""
        if not self._regions_read:  # OK waits for the regions
            return
        try:
            data = self.input()
        except ServiceError as error:
            self.errors.show_refusal(error)
            return
        clients, client_id, confirm = self.services.clients, self.client_id, self.confirm_duplicate

        def work() -> ClientSummary:
            if client_id is None:
                return clients.create(data, confirm)
            return clients.update(client_id, data, confirm)

        run_operation(self, work, self._saved, refused=self._refused, busy=_("saving the client"))

    def _saved(self, saved: ClientSummary) -> None:
        self.saved = saved
        self.accept()

    def _refused(self, error: ServiceError) -> None:
        if isinstance(error, LikelyDuplicate):
            self.errors.clear()
            self.show_duplicates(error.candidates)
            self.save_anyway.show()
            self.save_anyway.setFocus()
            return
        self.errors.show_refusal(error)

    def _save_anyway(self) -> None:
        self.confirm_duplicate = True
        self.save()

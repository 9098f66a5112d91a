"""A new client registered at the desk in a few fields: name, PESEL (or a document),
address (its region found automatically), phone. The regions and the office's locality are
read before the dialog opens, off the GUI thread (``ContactForm.new_client``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
)

from opsdesk.errors import ServiceError
from opsdesk.i18n import N_, _
from opsdesk.services.clients.register import ClientInput, ClientSummary, LikelyDuplicate
from opsdesk.ui.forms import FieldErrors
from opsdesk.ui.operation import run_operation

if TYPE_CHECKING:
    from opsdesk.services.office.records import RegionRecord
    from opsdesk.services.registry import Services

FIELDS = (
    ("first_name", N_("First name")),
    ("last_name", N_("Last name")),
    ("pesel", N_("PESEL")),
    ("document_number", N_("Document (without a PESEL)")),
    ("locality", N_("Locality")),
    ("street", N_("Street")),
    ("house_number", N_("House number")),
    ("flat_number", N_("Flat")),
    ("postal_code", N_("Postal code")),
    ("phone", N_("Phone")),
)


class QuickClientDialog(QDialog):
    def __init__(
        self,
        services: Services,
        search_text: str = "",
        parent=None,
        *,
        regions: list[RegionRecord],
        locality: str,
    ):
        """``regions`` and ``locality`` (the office's town): read before, off the GUI
        thread."""
        super().__init__(parent)
        self.services = services
        self.created: ClientSummary | None = None
        self._confirming = False
        self.setWindowTitle(_("New client"))
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for name, label in FIELDS:
            edit = QLineEdit()
            edit.setObjectName(name)
            form.addRow(_(label), edit)
            self.fields[name] = edit
        self.region = QComboBox()
        self.region.addItem(_("From the address"), None)
        for region in regions:
            self.region.addItem(region.name, region.id)
        form.addRow(_("Region"), self.region)
        self.errors = FieldErrors(self)
        for name, _label in FIELDS:
            self.errors.attach(name, self.fields[name], form)
        self.errors.attach("region", self.region, form)
        words = search_text.split()
        if words and not any(ch.isdigit() for ch in search_text):
            self.fields["last_name"].setText(words[0].capitalize())
            if len(words) > 1:
                self.fields["first_name"].setText(words[1].capitalize())
        self.fields["locality"].setText(locality)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general_label)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.fields["first_name" if self.fields["last_name"].text() else "last_name"].setFocus()

    def data(self) -> ClientInput:
        values: dict[str, Any] = {name: edit.text() for name, edit in self.fields.items()}
        return ClientInput(region_id=self.region.currentData(), **values)

    def save(self) -> None:
        """Saved off the GUI thread (``ui.operation``); refusals next to their fields."""
        data, confirm, reception = self.data(), self._confirming, self.services.reception
        run_operation(
            self,
            lambda: reception.quick_client(data, confirm_duplicate=confirm),
            self._saved,
            refused=self._refused,
            busy=_("saving the client"),
        )

    def _saved(self, created) -> None:
        self.created = created
        self.accept()

    def _refused(self, error: ServiceError) -> None:
        if isinstance(error, LikelyDuplicate):
            self.errors.show({"general": str(error)})
            self._confirming = True
            self.save_button.setText(_("Save anyway"))
            return
        self.errors.show_refusal(error)

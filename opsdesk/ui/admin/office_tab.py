"""The "Office profile" tab: the name and address printed on every document, the EU project,
and the strip of logos printed at the top of project documents."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from opsdesk.errors import ServiceError
from opsdesk.i18n import N_, _
from opsdesk.services.office.profile import MAX_LOGO_BYTES, OfficeInput, logo_problem
from opsdesk.services.office.records import OfficeRecord
from opsdesk.ui.file_dialog import ask_open_path
from opsdesk.ui.forms import FieldErrors, show_service_error
from opsdesk.ui.operation import run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui.admin")

PREVIEW_WIDTH, PREVIEW_HEIGHT = 560, 90

# (field of OfficeInput, key of the service's errors, label)
OFFICE_FIELDS = (
    ("name", "office_name", N_("Name of the office:")),
    ("street", "street", N_("Street and number:")),
    ("postal_code", "postal_code", N_("Postal code:")),
    ("city", "city", N_("City:")),
    ("phone", "phone", N_("Phone:")),
    ("email", "email", N_("E-mail:")),
)
PROJECT_FIELDS = (
    ("project_name", "project_name", N_("Project name:")),
    ("project_number", "project_number", N_("Project number:")),
)


class OfficeTab(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("officeTab")
        self.fields: dict[str, QLineEdit] = {}
        self.errors = FieldErrors(self)
        self._logo: bytes | None = None  # what is shown now
        self._logo_changed = False

        office_box = QGroupBox(_("The office"))
        self._form(office_box, OFFICE_FIELDS)
        self.fields["postal_code"].setPlaceholderText("00-000")
        self.fields["postal_code"].setMaximumWidth(120)
        self.fields["name"].setMinimumWidth(420)
        project_box = QGroupBox(_("EU project (printed on hour summaries)"))
        self._form(project_box, PROJECT_FIELDS)

        logo_box = QGroupBox(_("Strip of logos (top of project documents)"))
        self.preview = QLabel()
        self.preview.setObjectName("logoPreview")
        self.preview.setMinimumSize(PREVIEW_WIDTH, PREVIEW_HEIGHT)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet(
            "QLabel#logoPreview { border: 1px solid #8a8a8a; background: white; color: #404040; }"
        )
        self.preview.setAccessibleName(_("Logo strip preview"))
        self.choose_button = QPushButton(_("Choose a logo &file\u2026"))
        self.choose_button.setObjectName("chooseLogo")
        self.choose_button.clicked.connect(lambda _c=False: self.choose_logo())
        self.remove_button = QPushButton(_("&Remove the logo"))
        self.remove_button.setObjectName("removeLogo")
        self.remove_button.clicked.connect(lambda _c=False: self.remove_logo())
        logo_hint = QLabel(
            _(
                "A PNG or JPEG file, wide and low (e.g. the row of EU and "
                "programme logos), at most {n} MB."
            ).format(n=MAX_LOGO_BYTES // (1024 * 1024))
        )
        logo_hint.setWordWrap(True)
        logo_buttons = QHBoxLayout()
        logo_buttons.addWidget(self.choose_button)
        logo_buttons.addWidget(self.remove_button)
        logo_buttons.addStretch(1)
        logo_layout = QVBoxLayout(logo_box)
        logo_layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignLeft)
        logo_layout.addWidget(logo_hint)
        logo_layout.addLayout(logo_buttons)
        self.errors.attach("logo", self.choose_button, logo_layout)

        entry_box = QGroupBox(_("Hour sheets"))
        self.entry_days = QSpinBox()
        self.entry_days.setObjectName("entryDays")
        self.entry_days.setRange(0, 366)
        self.entry_days.setSpecialValueText(_("no limit"))
        # "1 dzień", "2 dni", "5 dni": in Polish as in English only one day is singular
        self.entry_days.valueChanged.connect(
            lambda n: self.entry_days.setSuffix(_(" day") if n == 1 else _(" days"))
        )
        self.entry_days.setSuffix(_(" days"))
        self.entry_days.setAccessibleName(_("Days after a month's end for entering its sessions"))
        save_entry = QPushButton(_("Save the &entry window"))
        save_entry.setObjectName("saveEntryDays")
        save_entry.clicked.connect(lambda _c=False: self.save_entry_days())
        self.entry_saved = QLabel()
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.entry_days)
        entry_row.addWidget(save_entry)
        entry_row.addWidget(self.entry_saved, 1)
        entry_form = QFormLayout(entry_box)
        entry_hint = QLabel(
            _(
                "Sessions of a month can be entered until this many days after its end; "
                "later only after the person submits the month and the manager returns it."
            )
        )
        entry_hint.setWordWrap(True)
        entry_form.addRow(entry_hint)
        entry_form.addRow(_("Entry closes after"), entry_row)
        self.errors.attach("entry_days", self.entry_days, entry_form)

        self.save_button = QPushButton(_("&Save the profile"))
        self.save_button.setObjectName("saveOffice")
        self.save_button.clicked.connect(lambda _c=False: self.save())
        self.revert_button = QPushButton(_("&Undo the changes"))
        self.revert_button.setObjectName("revertOffice")
        self.revert_button.clicked.connect(lambda _c=False: self.load())
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        content = QWidget()
        column = QVBoxLayout(content)
        intro = QLabel(
            _(
                "The office's name and address are printed at the top of every "
                "document opsdesk prints."
            )
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        column.addWidget(self.errors.general_label)
        column.addWidget(office_box)
        column.addWidget(project_box)
        column.addWidget(logo_box)
        column.addWidget(entry_box)
        column.addLayout(buttons)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.load()

    def _form(self, box: QGroupBox, specs) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, error_key, label in specs:
            edit = QLineEdit()
            edit.setObjectName(field)
            edit.returnPressed.connect(self.save)
            form.addRow(_(label), edit)
            self.fields[field] = edit
            self.errors.attach(error_key, edit, form)
        return form

    # --- data ------------------------------------------------------------------------

    def load(self) -> None:
        """Read the profile and the entry window off the GUI thread and show them."""
        office, approvals = self.services.office, self.services.month_approvals
        run_operation(
            self,
            lambda: (office.profile(), approvals.entry_days()),
            self._loaded,
            refused=lambda error: show_service_error(self, error),
            busy=_("loading"),
        )

    def _loaded(self, answer: tuple[OfficeRecord, int]) -> None:
        record, entry_days = answer
        self.entry_days.setValue(entry_days)
        self._show(record)

    def save_entry_days(self) -> None:
        """The hours entry window, an office setting of its own (its own transaction),
        saved off the GUI thread."""
        approvals, days = self.services.month_approvals, self.entry_days.value()
        run_operation(
            self.entry_days,
            lambda: approvals.set_entry_days(days),
            lambda _saved: self.entry_saved.setText(_("Saved.")),
            refused=self._entry_days_refused,
            busy=_("saving"),
        )

    def _entry_days_refused(self, error: ServiceError) -> None:
        self.entry_saved.clear()
        self.errors.report(error)

    def _show(self, record: OfficeRecord) -> None:
        self.errors.clear()
        for field, edit in self.fields.items():
            edit.setText(getattr(record, field) or "")
        self._set_logo(record.logo_strip)
        self._logo_changed = False
        self.saved_label.clear()

    def data(self) -> OfficeInput:
        return OfficeInput(**{field: edit.text() for field, edit in self.fields.items()})

    def save(self) -> None:
        """Save the profile (and a new or removed logo) off the GUI thread."""
        logo = self._logo if self._logo_changed else None
        clear = self._logo_changed and self._logo is None
        data, office = self.data(), self.services.office
        run_operation(
            self.save_button,
            lambda: office.update(data, logo_strip=logo, clear_logo=clear),
            self._saved,
            refused=self._refused,
            busy=_("saving"),
        )

    def _saved(self, record: OfficeRecord) -> None:
        self._show(record)
        self.saved_label.setText(_("The office profile is saved."))

    def _refused(self, error: ServiceError) -> None:
        self.saved_label.clear()
        self.errors.report(error)

    # --- the logo --------------------------------------------------------------------

    def choose_logo(self) -> None:
        path, _filter = ask_open_path(
            self, _("Choose the logo strip"), str(Path.home()), _("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            self.load_logo(Path(path))

    def load_logo(self, path: Path) -> bool:
        """Show the image in ``path`` as the new logo (saved with the profile)."""
        try:
            data = path.read_bytes()
        except OSError as error:
            log.warning("cannot read %s: %s", path, error)
            self.errors.show({"logo": _("The file cannot be read.")})
            return False
        problem = logo_problem(data)
        if problem is None and QImage.fromData(QByteArray(data)).isNull():
            problem = _("The logo must be a PNG or JPEG image.")
        if problem is not None:
            self.errors.show({"logo": problem})
            return False
        self.errors.clear()
        self._set_logo(data)
        self._logo_changed = True
        self.saved_label.clear()
        return True

    def remove_logo(self) -> None:
        self._set_logo(None)
        self._logo_changed = True
        self.saved_label.clear()

    def _set_logo(self, data: bytes | None) -> None:
        self._logo = data
        image = QImage.fromData(QByteArray(data)) if data else QImage()
        if image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("No logo: documents are printed without it."))
        else:
            pixmap = QPixmap.fromImage(image).scaled(
                PREVIEW_WIDTH - 8,
                PREVIEW_HEIGHT - 8,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self.preview.setPixmap(pixmap)
        self.remove_button.setEnabled(data is not None)

    def logo(self) -> bytes | None:
        return self._logo


def build_office_tab(services: Services, parent=None) -> OfficeTab:
    return OfficeTab(services, parent)

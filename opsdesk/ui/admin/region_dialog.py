"""A region's dialog: its name, its pair of workers and its streets and localities."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit

from opsdesk.domain.roles import Role
from opsdesk.i18n import _
from opsdesk.services.office.records import RegionRecord, StaffRecord
from opsdesk.services.office.regions import RegionInput, format_areas, parse_areas
from opsdesk.ui.form_dialog import FormDialog

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

WORKER_ROLES = frozenset({Role.SOCIAL_WORKER, Role.SERVICES_WORKER})


def area_hint() -> str:
    return _(
        "One line for each street or locality: \u201elocality; street; house numbers\u201d. "
        "Examples:\n"
        "Kamionka \u2014 the whole locality\n"
        "Paczk\u00f3w; Kolejowa \u2014 the whole street\n"
        "Paczk\u00f3w; Wojska Polskiego; 1-40 \u2014 numbers 1 to 40\n"
        "Paczk\u00f3w; Wojska Polskiego; 41- \u2014 from 41 to the end"
    )


def workers(staff: list[StaffRecord]) -> list[StaffRecord]:
    """Active people who can be a region's worker, in the service's (Polish) order."""
    return [s for s in staff if s.active and s.roles & WORKER_ROLES]


class RegionDialog(FormDialog):
    def __init__(
        self,
        services: Services,
        staff: list[StaffRecord],
        record: RegionRecord | None = None,
        parent=None,
    ):
        super().__init__(
            parent,
            _("New region") if record is None else _("Region: {name}").format(name=record.name),
            _("&Save"),
        )
        self.services = services
        self.record = record
        self.setObjectName("regionDialog")
        self.setMinimumWidth(620)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.benefits_worker = self._worker_combo("benefits_worker", staff)
        self.social_worker = self._worker_combo("social_worker", staff)
        self.areas = QPlainTextEdit()
        self.areas.setObjectName("areas")
        self.areas.setTabChangesFocus(True)
        self.areas.setMinimumHeight(160)
        self.areas.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.areas.setAccessibleName(_("Streets and localities"))
        hint = QLabel(area_hint())
        hint.setObjectName("areasHint")
        hint.setWordWrap(True)
        self.areas.setAccessibleDescription(hint.text())
        self.add_field("name", _("&Name:"), self.name)
        self.add_field("benefits_worker", _("&Benefits worker:"), self.benefits_worker)
        self.add_field("social_worker", _("&Social worker:"), self.social_worker)
        self.add_field("areas", _("S&treets and\nlocalities:"), self.areas)
        self.form.addRow("", hint)
        if record is not None:
            self.name.setText(record.name)
            self._choose(
                self.benefits_worker, record.benefits_worker_id, record.benefits_worker_name
            )
            self._choose(self.social_worker, record.social_worker_id, record.social_worker_name)
            self.areas.setPlainText(format_areas(record.areas))
        self.name.setFocus()

    def _worker_combo(self, name: str, staff: list[StaffRecord]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(_("(nobody yet)"), None)
        for person in workers(staff):
            combo.addItem(f"{person.full_name} ({person.roles_label})", person.id)
        return combo

    @staticmethod
    def _choose(combo: QComboBox, staff_id: int | None, name: str) -> None:
        if staff_id is None:
            return
        index = combo.findData(staff_id)
        if index < 0:  # a worker who left or lost the role: kept until someone is chosen
            combo.addItem(_("{name} (inactive)").format(name=name), staff_id)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def request(self) -> Callable[[], RegionRecord]:
        """The region as typed, saved off the GUI thread."""
        data = RegionInput(
            name=self.name.text(),
            areas=parse_areas(self.areas.toPlainText()),
            benefits_worker_id=self.benefits_worker.currentData(),
            social_worker_id=self.social_worker.currentData(),
        )
        regions, region_id = self.services.regions, self.record.id if self.record else None
        return lambda: regions.save(data, region_id)

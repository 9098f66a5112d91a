"""The Administration section: one tab for each thing the logged-in person may manage.

Tabs are built when first opened and list tabs read their records again each time they are
shown. Keyboard: Ctrl+Tab / Ctrl+Shift+Tab (or Ctrl+PgDown / Ctrl+PgUp) change the tab;
each tab's buttons have their own Alt+letter.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from opsdesk.domain.roles import Action
from opsdesk.i18n import N_, _

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

log = logging.getLogger("opsdesk.ui.admin")


@dataclass(frozen=True)
class AdminTab:
    key: str
    title: str  # English source, translated when shown
    action: Action  # who may see the tab
    factory: str  # "module:function(services, parent) -> QWidget"


TABS = (
    AdminTab(
        "staff", N_("Staff"), Action.STAFF_MANAGE, "opsdesk.ui.admin.staff_tab:build_staff_tab"
    ),
    AdminTab(
        "teams", N_("Teams"), Action.SETTINGS_MANAGE, "opsdesk.ui.admin.teams_tab:build_teams_tab"
    ),
    AdminTab(
        "purposes",
        N_("Contact purposes"),
        Action.SETTINGS_MANAGE,
        "opsdesk.ui.admin.purposes_tab:build_purposes_tab",
    ),
    AdminTab(
        "regions",
        N_("Regions"),
        Action.SETTINGS_MANAGE,
        "opsdesk.ui.admin.regions_tab:build_regions_tab",
    ),
    AdminTab(
        "office",
        N_("Office profile"),
        Action.SETTINGS_MANAGE,
        "opsdesk.ui.admin.office_tab:build_office_tab",
    ),
    AdminTab(
        "gdpr",
        N_("GDPR information"),
        Action.SETTINGS_MANAGE,
        "opsdesk.ui.admin.gdpr_info_tab:build_gdpr_information_tab",
    ),
    AdminTab(
        "letters",
        N_("Letter templates"),
        Action.LETTER_TEMPLATES,
        "opsdesk.ui.admin.letter_templates_tab:build_letter_templates_tab",
    ),
    AdminTab(
        "audit", N_("Audit log"), Action.AUDIT_VIEW, "opsdesk.ui.admin.audit_tab:build_audit_tab"
    ),
    AdminTab(
        "backups",
        N_("Backups"),
        Action.BACKUP_RESTORE,
        "opsdesk.ui.safety.backup_tab:build_backup_tab",
    ),
    AdminTab(
        "retention",
        N_("Data retention"),
        Action.RETENTION_ANONYMISE,
        "opsdesk.ui.safety.retention_tab:build_retention_tab",
    ),
)


def tabs_for(actor) -> list[AdminTab]:
    return [tab for tab in TABS if actor is not None and actor.can(tab.action)]


class AdminSection(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("adminSection")
        self._specs = tabs_for(services.actor)
        self._built: dict[str, QWidget] = {}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.tabs.setDocumentMode(True)
        for spec in self._specs:
            self.tabs.addTab(QWidget(), _(spec.title))  # replaced when first opened
        self.tabs.setAccessibleName(_("Administration"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{_('Administration')}</h2>"))
        if not self._specs:
            layout.addWidget(QLabel(_("There is nothing here you may manage.")))
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._opened)
        if self._specs:
            self._opened(0)

    def tab_keys(self) -> list[str]:
        return [spec.key for spec in self._specs]

    def open_tab(self, key: str) -> QWidget:
        """Show the tab ``key`` (built if needed) and return its widget."""
        index = self.tab_keys().index(key)
        self.tabs.setCurrentIndex(index)
        self._opened(index)
        return self._built[key]

    def _opened(self, index: int) -> None:
        if not 0 <= index < len(self._specs):
            return
        spec = self._specs[index]
        widget = self._built.get(spec.key)
        if widget is None:
            widget = self._build(spec)
            self._built[spec.key] = widget
            self.tabs.blockSignals(True)
            old = self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, widget, _(spec.title))
            self.tabs.setCurrentIndex(index)
            self.tabs.blockSignals(False)
            if old is not None:
                old.deleteLater()
        elif callable(reload := getattr(widget, "reload", None)):
            reload()  # someone may have changed something meanwhile

    def _build(self, spec: AdminTab) -> QWidget:
        module_name, function = spec.factory.split(":")
        factory = getattr(importlib.import_module(module_name), function)
        return factory(self.services, self)


def build_admin_section(services: Services, parent=None) -> QWidget:
    return AdminSection(services, parent)

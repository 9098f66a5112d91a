"""The "Audit log" tab: who saw or changed what, and when. Read-only: entries are never
changed or deleted, by anybody.

The days are asked of the service (the newest LIMIT entries of them); the person, object and
kind of event narrow the loaded entries at once, in a proxy model. The days are read off the
GUI thread (``ui.operation``); changing the dates again before the answer, the newest wins.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.formatting import format_datetime
from opsdesk.domain.roles import Action
from opsdesk.domain.text import polish_sort_key
from opsdesk.i18n import N_, _
from opsdesk.services.audit import AuditRow
from opsdesk.ui.admin.audit_labels import action_label, detail_label, entity_label
from opsdesk.ui.admin.record_view import RecordView
from opsdesk.ui.date_edit import DateEdit
from opsdesk.ui.forms import show_service_error
from opsdesk.ui.operation import run_operation
from opsdesk.ui.table_models import RIGHT, Column, RecordFilterProxy, RecordTableModel

if TYPE_CHECKING:
    from opsdesk.services.registry import Services

LIMIT = 5000
DEFAULT_DAYS = 7

COLUMNS: tuple[Column[AuditRow], ...] = (
    Column(N_("When"), lambda r: format_datetime(r.at), sort_key=lambda r: (r.at, r.id)),
    Column(N_("Who (login)"), lambda r: r.actor_login or "\u2014"),
    Column(N_("Event"), lambda r: action_label(r.action)),
    Column(N_("Concerns"), lambda r: entity_label(r.entity)),
    Column(
        N_("Object no."),
        lambda r: "" if r.entity_id is None else str(r.entity_id),
        sort_key=lambda r: (r.entity_id is None, r.entity_id or 0),
        align=RIGHT,
    ),
    Column(
        N_("Details"), lambda r: detail_label(r.detail), tooltip=lambda r: detail_label(r.detail)
    ),
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


class AuditTab(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("auditTab")
        today = services.ctx.clock.today()
        self.since = self._date_edit("since", today - timedelta(days=DEFAULT_DAYS - 1))
        self.until = self._date_edit("until", today)
        self.login = self._combo("login")
        self.entity = self._combo("entity")
        self.action = self._combo("action")
        self.refresh_button = QPushButton(_("Re&fresh"))
        self.refresh_button.setObjectName("refreshAudit")
        self.refresh_button.clicked.connect(lambda _c=False: self.reload())

        self.model = RecordTableModel(COLUMNS, self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = RecordView(self.proxy, "auditTable", self)
        self.view.setAccessibleName(_("Audit log"))
        self.count_label = QLabel()
        self.count_label.setObjectName("auditCount")
        self.count_label.setWordWrap(True)

        filters = QGridLayout()
        for column, (text, widget) in enumerate(
            (
                (_("From &day:"), self.since),
                (_("to da&y:"), self.until),
                (_("&Login:"), self.login),
                (_("&Concerns:"), self.entity),
                (_("Eve&nt:"), self.action),
            )
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label, 0, column)
            filters.addWidget(widget, 1, column)
        filters.addWidget(self.refresh_button, 1, 5)
        filters.setColumnStretch(6, 1)
        self.who_saw_button: QPushButton | None = None
        if services.actor is not None and services.actor.can(Action.AUDIT_PERSON):
            self.who_saw_button = QPushButton(_("&Who saw a person's data\u2026"))
            self.who_saw_button.setObjectName("whoSaw")
            self.who_saw_button.clicked.connect(lambda _c=False: self.open_who_saw())
            filters.addWidget(self.who_saw_button, 1, 7)
        self.who_saw_dialog: QWidget | None = None
        intro = QLabel(
            _(
                "Who logged in, and who saw or changed what. The log can only be "
                "read: nobody can change or delete its entries."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

        self.since.dateChanged.connect(lambda _d: self.reload())
        self.until.dateChanged.connect(lambda _d: self.reload())
        for combo in (self.login, self.entity, self.action):
            combo.currentIndexChanged.connect(lambda _i: self._filter())
        self.reload()

    def open_who_saw(self) -> QWidget:
        """The "who saw this person" window (the manager's)."""
        from opsdesk.ui.admin.who_saw_dialog import WhoSawDialog

        if self.who_saw_dialog is not None:
            self.who_saw_dialog.deleteLater()
        self.who_saw_dialog = WhoSawDialog(self.services, self)
        self.who_saw_dialog.show()
        return self.who_saw_dialog

    def _date_edit(self, name: str, day: date) -> DateEdit:
        edit = DateEdit(day, today=self.services.ctx.clock.today())
        edit.setObjectName(name)
        return edit

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setMinimumContentsLength(14)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    # --- data ------------------------------------------------------------------------

    def reload(self) -> None:
        since, until = self.since.value(), self.until.value()
        if since is None or until is None:  # the field says why
            return
        audit = self.services.audit
        run_operation(
            self,
            lambda: audit.entries(since=since, until=until, limit=LIMIT),
            self._show_rows,
            refused=lambda error: show_service_error(self, error),
            busy=_("loading the audit log"),
            when_running="replace",
        )

    def _show_rows(self, rows: list[AuditRow]) -> None:
        self.model.set_records(rows)
        self._fill(self.login, {r.actor_login for r in rows}, lambda code: code or "\u2014")
        self._fill(self.entity, {r.entity for r in rows}, entity_label)
        self._fill(self.action, {r.action for r in rows}, action_label)
        self._filter()
        self.view.fit_columns()

    @staticmethod
    def _fill(combo: QComboBox, codes: set[str], label: Callable[[str], str]) -> None:
        chosen = combo.currentData()
        if chosen is not None:
            codes = codes | {chosen}  # kept even when these days have none of it
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("(all)"), None)
        for code in sorted(codes, key=lambda c: polish_sort_key(label(c))):
            combo.addItem(label(code), code)
        index = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(index)
        combo.blockSignals(False)

    def _filter(self) -> None:
        login, entity, action = (c.currentData() for c in (self.login, self.entity, self.action))

        def accepts(row: AuditRow) -> bool:
            return (
                (login is None or row.actor_login == login)
                and (entity is None or row.entity == entity)
                and (action is None or row.action == action)
            )

        self.proxy.set_predicate(accepts)
        shown, loaded = self.proxy.rowCount(), self.model.rowCount()
        text = _("Entries shown: {shown} of {loaded}.").format(shown=shown, loaded=loaded)
        if loaded >= LIMIT:
            text += " " + _(
                "Only the newest {n} entries of these days are loaded; choose fewer "
                "days to see older ones."
            ).format(n=LIMIT)
        self.count_label.setText(text)


def build_audit_tab(services: Services, parent=None) -> AuditTab:
    return AuditTab(services, parent)

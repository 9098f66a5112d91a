"""The hours section: the tabs each role needs (docs/roles.md).

- psychologist / supervisor: their sessions (with the budget), the calendar (psychologist),
  summaries;
- first-contact desk: the psychologist's calendar to book clients into;
- manager: contracts, sessions (codes only, no notes), the calendar, summaries;
- social workers: their own supervision.

The section follows the office: after any commit (another window or workstation) it asks
``HoursCalendarService.change_mark`` and reloads the open page (``follow``) when a session or
a contract changed since that page loaded; a page reloads anyway when its tab is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QWidget

from opsdesk.domain.roles import Action
from opsdesk.i18n import _
from opsdesk.ui.change_watcher import FollowsChanges
from opsdesk.ui.operation import is_running, run_operation

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


class HoursSection(FollowsChanges, QTabWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.setObjectName("hoursSection")
        self.services = services
        actor = services.actor
        assert actor is not None, "the hours section is shown to a logged-in person only"
        provider = actor.can(Action.PSYCH_SESSIONS) or actor.can(Action.SUPERVISION_SESSIONS)
        manager = actor.can(Action.HOURS_TOTALS)
        self.pages: dict[str, QWidget] = {}
        self._catch_up_again = False
        if provider or manager:
            from opsdesk.ui.hours.sessions_page import SessionsPage

            self._add("sessions", SessionsPage(services), _("Sessions"))
        if actor.can(Action.PSYCH_BOOK) or actor.can(Action.PSYCH_SESSIONS) or manager:
            from opsdesk.ui.hours.calendar_page import CalendarPage

            self._add("calendar", CalendarPage(services), _("Psychologist's calendar"))
        if provider or manager:
            from opsdesk.ui.hours.summary_page import SummaryPage

            self._add("summary", SummaryPage(services), _("Summaries"))
        if actor.can(Action.CONTRACT_MANAGE):
            from opsdesk.ui.hours.contracts_page import ContractsPage

            self._add("contracts", ContractsPage(services), _("Contracts"))
        if actor.can(Action.SUPERVISION_ATTENDANCE):
            from opsdesk.ui.hours.attendance_page import AttendancePage

            self._add("attendance", AttendancePage(services), _("My supervision"))
        self.currentChanged.connect(self._refresh_current)
        self.watch_for_changes(services)

    def _add(self, key: str, page: QWidget, title: str) -> None:
        page.setObjectName(page.objectName() or key)
        self.pages[key] = page
        self.addTab(page, title)

    def _refresh_current(self, index: int) -> None:
        """Data may have changed on another tab (or another workstation)."""
        page = self.widget(index)
        if page is not None and hasattr(page, "refresh"):
            page.refresh()

    def catch_up(self) -> None:
        """Reload the open page if sessions or contracts changed since it loaded its data
        (each page notes the mark it showed, ``shown_mark``, when it loads); the mark is
        asked off the GUI thread (``ui.operation``). A commit seen while the mark is asked
        is caught up once more after it answered."""
        page = self.currentWidget()
        if not hasattr(page, "follow"):
            return
        if is_running(self):
            self._catch_up_again = True
            return
        self._catch_up_again = False
        calendar = self.services.hours_calendar

        def done(mark: object) -> None:
            if self.currentWidget() is page and getattr(page, "shown_mark", None) != mark:
                page.follow()
            if self._catch_up_again:
                self.catch_up()

        run_operation(
            self,
            calendar.change_mark,
            done,
            refused=lambda _error: None,  # offline: the connection banner says so; next commit
            busy=_("checking for changes"),
        )


def build_hours_section(services: Services, parent=None) -> QWidget:
    return HoursSection(services, parent)

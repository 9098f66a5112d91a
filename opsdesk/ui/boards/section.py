"""The "Team boards" section: the team's board (workers, the manager), the cases handed to the
person waiting for an answer (its count on the tab and on the board's header), the search
across boards, and the client register (everyone with access to clients' contact data, the
first-contact desk included)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from opsdesk.domain.roles import Action
from opsdesk.i18n import _
from opsdesk.ui.operation import is_running

if TYPE_CHECKING:
    from opsdesk.services.registry import Services


class BoardsSection(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.board = None
        self.inbox = None
        self.search = None
        self.register = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("boardsTabs")
        actor = services.actor
        assert actor is not None, "the boards section is shown to a logged-in person only"
        if actor.can(Action.CASE_VIEW) and services.boards.teams():
            from opsdesk.ui.boards.board_widget import BoardWidget
            from opsdesk.ui.boards.handoff_inbox import HandoffInbox, inbox_title

            self.board = BoardWidget(services)
            self.tabs.addTab(self.board, _("Team board"))
            self.inbox = HandoffInbox(services)
            self.tabs.addTab(self.inbox, inbox_title(self.board.inbox_count))
            self.board.inbox_count_changed.connect(self._show_inbox_count)
            self.board.inbox_requested.connect(lambda: self.tabs.setCurrentWidget(self.inbox))
            self.inbox.count_changed.connect(self._show_inbox_count)
            self.inbox.cases_changed.connect(self.board.refresh)
            self.tabs.currentChanged.connect(self._tab_opened)
            from opsdesk.ui.boards.case_search import CaseSearch

            self.search = CaseSearch(services)
            self.tabs.addTab(self.search, _("Search"))
        if actor.can(Action.CLIENT_VIEW):
            from opsdesk.ui.boards.client_register import ClientRegister

            self.register = ClientRegister(services)
            self.tabs.addTab(self.register, _("Clients"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.tabs.count():
            layout.addWidget(self.tabs)
        else:
            layout.addWidget(
                QLabel(_("You have no team board; ask the administrator to put you in a team."))
            )

    def _show_inbox_count(self, count: int) -> None:
        from opsdesk.ui.boards.handoff_inbox import inbox_title

        assert self.inbox is not None and self.board is not None
        self.tabs.setTabText(self.tabs.indexOf(self.inbox), inbox_title(count))
        self.board.show_inbox_count(count)
        # another workstation handed a case over (or took one back) while the list is shown
        shown = self.tabs.currentWidget() is self.inbox
        if shown and count != self.inbox.model.rowCount() and not is_running(self.inbox):
            self.inbox.reload()

    def _tab_opened(self, index: int) -> None:
        if self.inbox is not None and self.tabs.widget(index) is self.inbox:
            self.inbox.reload()


def build_boards_section(services: Services, parent=None) -> QWidget:
    return BoardsSection(services, parent)

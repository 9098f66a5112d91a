"""The "Team boards" section: the team's board (workers, the manager), the cases handed to the
person waiting for an answer (its count on the tab and on the board's header), the search
across boards, and the client register (everyone with access to clients' contact data, the
first-contact desk included)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QLabel, QTabWidget, QVBoxLayout, QWidget

from opsdesk.domain.roles import Action
from opsdesk.i18n import N_, _
from opsdesk.ui.forms import ERROR_STYLE
from opsdesk.ui.operation import is_running, run_first_read

if TYPE_CHECKING:
    from opsdesk.services.registry import Services
    from opsdesk.ui.boards.board_widget import BoardWidget
    from opsdesk.ui.boards.case_search import CaseSearch
    from opsdesk.ui.boards.client_register import ClientRegister
    from opsdesk.ui.boards.handoff_inbox import HandoffInbox

log = logging.getLogger("opsdesk.ui")

NO_BOARD = N_("You have no team board; ask the administrator to put you in a team.")


class BoardsSection(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.board: BoardWidget | None = None  # with the teams' answer, when any
        self.inbox: HandoffInbox | None = None
        self.search: CaseSearch | None = None
        self.register: ClientRegister | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("boardsTabs")
        actor = services.actor
        assert actor is not None, "the boards section is shown to a logged-in person only"
        if actor.can(Action.CLIENT_VIEW):
            from opsdesk.ui.boards.client_register import ClientRegister

            self.register = ClientRegister(services)
            self.tabs.addTab(self.register, _("Clients"))
        self.tabs.currentChanged.connect(self._tab_opened)
        self.no_board = QLabel(_(NO_BOARD))
        self.no_board.setWordWrap(True)
        self.no_board.setContentsMargins(8, 4, 8, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.no_board)
        if actor.can(Action.CASE_VIEW):  # the teams are read off the GUI thread
            run_first_read(
                self,
                services.boards.teams,
                self._add_boards,
                refused=self._teams_refused,
                busy=_("loading the board"),
                lane="teams",
            )
        self._show_tabs()

    def _teams_refused(self, error) -> None:
        """Said under the tabs; the teams are asked for again shortly (``run_first_read``)."""
        log.info("boards not shown yet: %s", error)
        self.no_board.setText(str(error))
        self.no_board.setStyleSheet(ERROR_STYLE)
        self.no_board.show()

    def _add_boards(self, teams) -> None:
        """The board, the hand-offs and the search, before the clients, when the person has
        a team board."""
        if teams:
            from opsdesk.ui.boards.board_widget import BoardWidget
            from opsdesk.ui.boards.case_search import CaseSearch
            from opsdesk.ui.boards.handoff_inbox import HandoffInbox, inbox_title

            services = self.services
            board = self.board = BoardWidget(services)
            inbox = self.inbox = HandoffInbox(services)
            self.search = CaseSearch(services)
            self.tabs.blockSignals(True)
            self.tabs.insertTab(0, board, _("Team board"))
            self.tabs.insertTab(1, inbox, inbox_title(board.inbox_count))
            self.tabs.insertTab(2, self.search, _("Search"))
            focus, register = QApplication.focusWidget(), self.register
            if focus is None or register is None or not register.isAncestorOf(focus):
                self.tabs.setCurrentIndex(0)  # the board first, unless one works in Clients
            self.tabs.blockSignals(False)
            board.inbox_count_changed.connect(self._show_inbox_count)
            board.inbox_requested.connect(lambda: self.tabs.setCurrentWidget(inbox))
            inbox.count_changed.connect(self._show_inbox_count)
            inbox.cases_changed.connect(board.refresh)
        self.no_board.setText(_(NO_BOARD))
        self.no_board.setStyleSheet("")
        self._show_tabs()

    def _show_tabs(self) -> None:
        loading = is_running(self, "teams")
        self.tabs.setVisible(self.tabs.count() > 0)
        self.no_board.setVisible(self.tabs.count() == 0 and not loading)

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

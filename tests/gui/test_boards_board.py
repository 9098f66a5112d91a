"""The team board on screen: columns, moving cards by keyboard and by drag and drop, refused
moves explained, filters, the caseload panel, and the section each role gets."""

from datetime import date

import pytest
from case_office import fill_board
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QPushButton
from typing_keys import type_text
from waiting import operations_done, others_commit_seen, server_away, slow_server

from opsdesk.ui.boards.board_widget import BoardWidget
from opsdesk.ui.boards.column_model import CaseIdRole
from opsdesk.ui.boards.section import BoardsSection
from opsdesk.ui.sections import SECTIONS


@pytest.fixture
def board(qtbot, world):
    ids = fill_board(world)
    widget = BoardWidget(world.as_("anna"))
    widget.opened = []
    widget.open_case_dialog = widget.opened.append
    qtbot.addWidget(widget)
    widget.resize(1400, 700)
    widget.show()
    operations_done(qtbot)  # the first load runs off the GUI thread
    widget.ids = ids
    widget.world = world
    return widget


def column(board, code):
    return board.columns[board.world.statuses["benefits"][code]]


def headings(board):
    return [c.heading.text() for c in board.columns.values()]


def select(board, code, case_id):
    view = column(board, code).view
    row = view.model().row_of(case_id)
    view.setCurrentIndex(view.model().index(row, 0))
    view.setFocus()
    return view


def test_columns_are_the_teams_statuses_with_counts(board):
    assert headings(board) == [
        "Nowy wniosek (2)",
        "Wywiad środowiskowy (1)",
        "Decyzja w przygotowaniu (1)",
        "Decyzja wydana (1)",
        "Zamknięte (1)",
    ]
    new = column(board, "new").model
    assert new.data(new.index(0, 0), CaseIdRole) == board.ids["urgent"]  # overdue first


def test_keyboard_moves_a_card_to_the_next_column(board, qtbot):
    view = select(board, "new", board.ids["fresh"])
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    operations_done(qtbot)
    assert headings(board)[:2] == ["Nowy wniosek (1)", "Wywiad środowiskowy (2)"]
    target = column(board, "interview").view
    assert target.hasFocus() and target.current_case() == board.ids["fresh"]
    assert board.message.text() == "OPS.2.2026: przeniesiono do kolumny „Wywiad środowiskowy”."


def test_a_move_that_skips_the_interview_is_refused_with_the_reason(board, qtbot):
    view = select(board, "interview", board.ids["interview"])
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    operations_done(qtbot)
    assert board.message.isVisible()
    assert "nie zarejestrowano jeszcze wywiadu środowiskowego" in board.message.text()
    assert headings(board)[1:3] == ["Wywiad środowiskowy (1)", "Decyzja w przygotowaniu (1)"]
    detail = board.services.cases.get(board.ids["interview"])
    assert detail.summary.status_name == "Wywiad środowiskowy"


def test_drag_and_drop_moves_a_card(board, qtbot):
    source = column(board, "new").model
    target = column(board, "interview").model
    mime = source.mimeData([source.index(source.row_of(board.ids["fresh"]), 0)])
    target.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    qtbot.waitUntil(lambda: headings(board)[1] == "Wywiad środowiskowy (2)")
    assert board.status_of(board.ids["fresh"]) == board.world.statuses["benefits"]["interview"]


def test_dropping_on_the_closed_column_closes_the_case_by_its_rules(board, qtbot):
    asked = []

    def answer(dialog):
        asked.append([dialog.ending.itemText(i) for i in range(dialog.ending.count())])
        dialog.ending.setCurrentIndex(1)  # discontinued by a decision
        dialog.outcome.setText("Strona zmarła, postępowanie umorzone")
        dialog.number.setText("ZS.8111.9.2026")
        dialog.save()
        operations_done(qtbot)
        return dialog.result()

    board.exec_dialog = answer
    source = column(board, "new").model
    closed = column(board, "closed").model
    mime = source.mimeData([source.index(source.row_of(board.ids["fresh"]), 0)])
    closed.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    qtbot.waitUntil(lambda: headings(board)[4] == "Zamknięte (2)")
    assert asked[0][:2] == [
        "Wydano decyzję (art. 104 KPA)",
        "Postępowanie umorzone decyzją (art. 105 KPA), np. wycofanie wniosku",
    ]
    detail = board.services.cases.get(board.ids["fresh"])
    assert (detail.outcome, detail.decision_number) == (
        "Strona zmarła, postępowanie umorzone",
        "ZS.8111.9.2026",
    )
    board.ask = lambda title, label: None  # cancelled: nothing moves
    view = select(board, "closed", board.ids["fresh"])
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert headings(board)[4] == "Zamknięte (2)"


def test_a_cancelled_closing_moves_nothing(board, qtbot):
    board.exec_dialog = lambda dialog: 0
    board.request_move(board.ids["fresh"], board.world.statuses["benefits"]["closed"])
    operations_done(qtbot)  # the closing dialog opens once its endings were read
    assert headings(board)[4] == "Zamknięte (1)"
    assert board.services.cases.get(board.ids["fresh"]).closed_at is None


def test_enter_opens_the_case_and_the_menu_offers_every_column(board, qtbot):
    view = select(board, "new", board.ids["urgent"])
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert board.opened == [board.ids["urgent"]]
    menu = board.card_menu(board.ids["urgent"])
    move_to = menu.actions()[1].menu()
    assert [a.text() for a in move_to.actions()] == [
        "Nowy wniosek",
        "Wywiad środowiskowy",
        "Decyzja w przygotowaniu",
        "Decyzja wydana",
        "Zamknięte",
    ]
    assert not move_to.actions()[0].isEnabled()  # where it already is
    move_to.actions()[1].trigger()
    operations_done(qtbot)
    assert headings(board)[1] == "Wywiad środowiskowy (2)"


def test_filters(board, qtbot):
    filters = board.filters
    filters.overdue.setChecked(True)
    operations_done(qtbot)
    assert headings(board) == [
        "Nowy wniosek (1)",
        "Wywiad środowiskowy (0)",
        "Decyzja w przygotowaniu (0)",
        "Decyzja wydana (0)",
        "Zamknięte (0)",
    ]
    filters.overdue.setChecked(False)
    operations_done(qtbot)
    filters.mine.setChecked(True)  # Anna: Kowalski's cases and the closed one
    operations_done(qtbot)
    assert headings(board)[:2] == ["Nowy wniosek (1)", "Wywiad środowiskowy (1)"]
    filters.mine.setChecked(False)
    operations_done(qtbot)
    type_text(qtbot, filters.search, "wąsik")
    filters.flush()
    operations_done(qtbot)
    assert headings(board) == [
        "Nowy wniosek (1)",
        "Wywiad środowiskowy (0)",
        "Decyzja w przygotowaniu (0)",
        "Decyzja wydana (1)",
        "Zamknięte (0)",
    ]
    filters.search.clear()
    filters.flush()
    operations_done(qtbot)
    region = filters.region.findText("Rejon 2 \u2013 wsie")
    filters.region.setCurrentIndex(region)
    operations_done(qtbot)
    assert headings(board)[0] == "Nowy wniosek (1)"


def test_caseload_panel_filters_by_worker(board, qtbot):
    table = board.caseload.table
    rows = [
        (
            table.model().index(r, 0).data(),
            table.model().index(r, 1).data(),
            table.model().index(r, 2).data(),
        )
        for r in range(table.model().rowCount())
    ]
    assert rows == [("Anna Łęcka", "3", "1"), ("Bartosz Źrebiec", "2", "0")]
    table.activated.emit(table.model().index(1, 0))
    operations_done(qtbot)
    assert board.filters.worker.currentText() == "Bartosz Źrebiec"
    assert headings(board)[0] == "Nowy wniosek (1)"


def test_the_section_per_role(qtbot, world):
    clerk = BoardsSection(world.as_("clerk"))
    qtbot.addWidget(clerk)
    operations_done(qtbot)  # the teams are read off the GUI thread
    assert [clerk.tabs.tabText(i) for i in range(clerk.tabs.count())] == ["Klienci"]
    worker = BoardsSection(world.as_("celina"))
    qtbot.addWidget(worker)
    operations_done(qtbot)
    assert [worker.tabs.tabText(i) for i in range(worker.tabs.count())] == [
        "Tablica zespołu",
        "Przekazane do mnie (0)",
        "Szukaj",
        "Klienci",
    ]
    operations_done(qtbot)  # the first load runs off the GUI thread
    assert worker.board.info.team_name == "Zespół pracy socjalnej i usług"
    manager = BoardsSection(world.as_("manager"))
    qtbot.addWidget(manager)
    operations_done(qtbot)  # the teams come with the first load
    teams = manager.board.filters.team
    assert [teams.itemText(i) for i in range(teams.count())] == [
        "Zespół świadczeń",
        "Zespół pracy socjalnej i usług",
    ]
    teams.setCurrentIndex(1)
    operations_done(qtbot)
    assert [c.name for c in manager.board.columns.values()] == [
        "Nowe",
        "Wywiad środowiskowy",
        "Praca socjalna",
        "Kontrakt socjalny",
        "Zamknięte",
    ]
    spec = next(s for s in SECTIONS if s.key == "boards")
    assert spec.factory == "opsdesk.ui.boards.section:build_boards_section"
    assert spec.on_login == "opsdesk.ui.boards.due_dialog:show_due_at_login"


@pytest.fixture
def workstation(board):
    """The desk's PC: the same office database, opened by another program."""
    from opsdesk.services.registry import Services
    from opsdesk.storage.database import Database

    database = Database(board.world.db.url)
    yield Services(database, board.world.as_("clerk").actor, board.world.clock)
    database.dispose()


def new_application(services, world, day):
    from datetime import date

    from opsdesk.services.cases.records import CaseInput

    return services.cases.create(
        CaseInput(
            client_id=world.clients["wasik"],
            kind_id=world.kinds["zasilek_celowy"],
            application_date=date(2026, 3, day),
        )
    )


def test_the_board_shows_what_another_workstation_did_and_keeps_the_selection(
    board, qtbot, workstation
):
    view = select(board, "new", board.ids["fresh"])
    new_application(workstation, board.world, 16)
    others_commit_seen(qtbot, board.watcher)
    operations_done(qtbot)
    assert headings(board)[0] == "Nowy wniosek (3)"
    assert view.current_case() == board.ids["fresh"] and view.hasFocus()
    cards = [view.model().card(row).id for row in range(view.model().rowCount())]
    assert len(cards) == 3 and board.ids["fresh"] in cards


def test_a_long_column_keeps_its_scroll_when_the_board_follows_a_change(board, qtbot, workstation):
    for day in range(1, 16):
        for _ in range(3):
            new_application(workstation, board.world, day)
    others_commit_seen(qtbot, board.watcher)
    operations_done(qtbot)
    assert headings(board)[0] == "Nowy wniosek (47)"
    view = column(board, "new").view
    model = view.model()
    view.setCurrentIndex(model.index(32, 0))
    view.scrollTo(model.index(30, 0), view.ScrollHint.PositionAtTop)
    top, selected = view.indexAt(QPoint(1, 1)).data(CaseIdRole), model.card(32).id
    bartosz = board.world.staff["bartosz"]
    board.world.as_("anna").cases.reassign(board.ids["urgent"], bartosz)
    others_commit_seen(qtbot, board.watcher)
    operations_done(qtbot)
    assert model.card(model.row_of(board.ids["urgent"])).worker_id == bartosz
    assert view.indexAt(QPoint(1, 1)).data(CaseIdRole) == top
    assert view.current_case() == selected


def test_a_status_added_by_the_administrator_meanwhile_appears_on_refresh(board, qtbot):
    from opsdesk.domain.office_model import TeamKind
    from opsdesk.services.office.teams import StatusInput, TeamInput

    admin = board.world.as_("admin")
    team = next(t for t in admin.teams.list() if t.id == board.world.teams["benefits"])
    statuses = [StatusInput(s.name, s.code, s.closes_case, s.id) for s in team.statuses]
    statuses.insert(1, StatusInput("Kompletowanie dokumentów"))
    admin.teams.save(
        TeamInput(team.name, TeamKind(team.kind), team.ticket_letter, tuple(statuses)), team.id
    )
    [refresh] = [b for b in board.findChildren(QPushButton) if b.toolTip() == "F5"]
    qtbot.mouseClick(refresh, Qt.MouseButton.LeftButton)
    operations_done(qtbot)
    assert headings(board)[:3] == [
        "Nowy wniosek (2)",
        "Kompletowanie dokumentów (0)",
        "Wywiad środowiskowy (1)",
    ]


def test_tab_reaches_each_column_and_leaves_the_caseload_table(board, qtbot):
    board.refresh_button.setFocus()
    views = [c.view for c in board.columns.values()]
    for view in views:
        qtbot.keyClick(board.focusWidget(), Qt.Key.Key_Tab)
        assert board.focusWidget() is view
    qtbot.keyClick(board.focusWidget(), Qt.Key.Key_Tab)
    assert board.focusWidget() is board.caseload.table
    assert not board.caseload.table.tabKeyNavigation()  # Tab does not cycle in its cells


def test_arrows_leave_one_card_selected_and_scroll_the_column_into_view(board, qtbot):
    board.resize(700, 600)
    qtbot.wait(10)
    view = select(board, "new", board.ids["fresh"])
    for _ in range(len(board.columns) - 1):
        qtbot.keyClick(board.focusWidget(), Qt.Key.Key_Right)
    last = list(board.columns.values())[-1]
    assert board.focusWidget() is last.view
    selected = [len(c.view.selectionModel().selectedIndexes()) for c in board.columns.values()]
    assert selected == [0] * (len(selected) - 1) + [1]
    visible = board.columns_scroll.viewport().rect()
    corner = last.mapTo(board.columns_scroll.viewport(), QPoint(0, 0))
    assert visible.contains(corner) and visible.right() >= corner.x() + last.width() - 1
    assert board.columns_scroll.horizontalScrollBar().value() > 0
    qtbot.keyClick(last.view, Qt.Key.Key_Space)
    assert board.opened == [last.view.current_case()]
    assert view.selectionModel().selectedIndexes() == []


def test_cards_show_the_whole_file_number_and_the_days_overdue_at_the_narrowest(board):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFont, QFontMetrics

    from opsdesk.ui.boards.card_delegate import due_texts, split_line
    from opsdesk.ui.boards.column_view import COLUMN_MIN_WIDTH

    model = column(board, "new").model
    card = model.card(model.row_of(board.ids["urgent"]))
    font = QFont(board.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)  # as at QT_SCALE_FACTOR=1.25
    metrics = QFontMetrics(font)
    rect = QRect(0, 0, COLUMN_MIN_WIDTH - 40, metrics.height())
    texts = [
        t
        for _r, t, _a in split_line(metrics, rect, "Bartosz Źrebiec-Wielkopolski", card.file_number)
    ]
    assert texts[-1] == card.file_number == "OPS.1.2026"
    board.world.clock.advance(days=30)
    due = [t for _r, t, _a in due_texts(metrics, rect, card, date(2026, 4, 30))]
    assert due[1:] == ["12.03.2026", "34 dz. rob. po terminie"]
    for part, text, _align in split_line(
        metrics, rect, "decyzja (nowy termin, art. 36 KPA)", "27.04.2026"
    ):
        assert rect.contains(part) and metrics.horizontalAdvance(text) <= part.width()


def test_the_filtered_board_is_exported_to_a_workbook(board, qtbot, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "tablica.xlsx"
    suggested = []
    board.choose_export_path = lambda name: suggested.append(name) or str(target)
    board.filters.overdue.setChecked(True)
    operations_done(qtbot)
    qtbot.mouseClick(board.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: board.message.text().startswith("Wyeksportowano"), timeout=10000)
    assert suggested == ["Zespół_świadczeń_2026-03-16.xlsx"]
    assert board.message.text() == f"Wyeksportowano kart: 1 do pliku {target}."
    sheet = load_workbook(target).active
    assert sheet["B2"].value == "tylko po terminie"
    assert [c.value for c in sheet[7]][1:3] == ["OPS.1.2026", "Kowalski Jan"]
    assert board.export_button.isEnabled()


def test_a_move_can_be_undone_for_a_few_minutes(board, qtbot):
    view = select(board, "new", board.ids["fresh"])
    assert board.undo_button.isHidden()
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    operations_done(qtbot)
    assert headings(board)[:2] == ["Nowy wniosek (1)", "Wywiad środowiskowy (2)"]
    assert board.undo_button.isVisible()
    qtbot.keyClick(board.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    operations_done(qtbot)
    assert headings(board)[:2] == ["Nowy wniosek (2)", "Wywiad środowiskowy (1)"]
    assert board.message.text() == (
        "OPS.2.2026: przeniesienie cofnięte, karta znów w kolumnie „Nowy wniosek”."
    )
    assert board.undo_button.isHidden()
    assert board.focusWidget() is column(board, "new").view
    events = board.services.cases.get(board.ids["fresh"]).events
    assert [(e.actor_name, e.to_value) for e in events if e.kind == "status"][-2:] == [
        ("Anna Łęcka", "Wywiad środowiskowy"),
        ("Anna Łęcka", "Nowy wniosek"),
    ]


def test_an_undo_too_late_is_refused_with_the_reason(board, qtbot):
    view = select(board, "new", board.ids["fresh"])
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    operations_done(qtbot)
    board.world.clock.advance(minutes=6)
    board.undo_button.click()
    operations_done(qtbot)
    assert board.message.text() == (
        "Nie ma Twojego przeniesienia tej sprawy z ostatnich 5 minut, które można cofnąć."
    )
    assert headings(board)[:2] == ["Nowy wniosek (1)", "Wywiad środowiskowy (2)"]


def test_the_board_warns_of_what_falls_due_and_lists_it(board, qtbot):
    assert board.due_line.text() == (
        "Terminy: po terminie – 1, dziś – 0, jutro – 0, w ciągu 3 dni roboczych – 1"
    )
    dialog = board.show_due()
    qtbot.addWidget(dialog)
    model = dialog.model
    assert [
        (model.data(model.index(r, 0)), model.data(model.index(r, 5)))
        for r in range(model.rowCount())
    ] == [("po terminie", "OPS.1.2026"), ("w ciągu 3 dni roboczych", "OPS.3.2026")]
    board.filters.overdue.setChecked(True)
    operations_done(qtbot)
    qtbot.waitUntil(lambda: "w ciągu 3 dni roboczych – 0" in board.due_line.text())


def test_the_deadline_calendar_shows_each_day_and_its_list(board, qtbot, qtmodeltester):
    from PySide6.QtCore import QDate

    board.filters.mine.setChecked(True)  # Anna's own calendar
    operations_done(qtbot)
    dialog = board.show_calendar()
    qtbot.addWidget(dialog)
    operations_done(qtbot)
    assert dialog.windowTitle() == "Kalendarz terminów: moje sprawy"
    assert sorted(dialog.by_day) == [date(2026, 3, 12), date(2026, 3, 19), date(2026, 3, 27)]
    marked = dialog.calendar.dateTextFormat(QDate(2026, 3, 12))
    assert marked.fontWeight() == 700 and marked.toolTip() == "terminów: 1"
    dialog.calendar.setSelectedDate(QDate(2026, 3, 19))
    assert dialog.day_label.text() == "czwartek, 19 marca 2026: terminów: 1"
    qtmodeltester.check(dialog.model)
    assert dialog.model.data(dialog.model.index(0, 5)) == "OPS.3.2026"
    dialog.calendar.setSelectedDate(QDate(2026, 3, 18))
    assert dialog.day_label.text() == "środa, 18 marca 2026: brak terminu"
    dialog.calendar.setCurrentPage(2026, 4)
    operations_done(qtbot)
    assert date(2026, 4, 10) in dialog.by_day  # the decisions of April come in


def test_a_slow_server_never_freezes_the_board_and_a_due_reload_is_not_started_twice(
    board, qtbot, workstation, monkeypatch
):
    from opsdesk.ui.operation import operations

    operations_done(qtbot)
    with slow_server(monkeypatch, type(board.services.boards), "board") as slow:
        new_application(workstation, board.world, 16)
        others_commit_seen(qtbot, board.watcher)  # the board reloads by itself
        qtbot.waitUntil(lambda: operations().busy_text == "wczytywanie tablicy", timeout=3000)
        new_application(workstation, board.world, 15)  # and one more while it loads
        others_commit_seen(qtbot, board.watcher)
        view = select(board, "new", board.ids["fresh"])  # the person goes on meanwhile
        assert view.current_case() == board.ids["fresh"]
        # the event loop went on: the window never froze
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
        assert headings(board)[0] == "Nowy wniosek (2)"
        assert len(slow.calls) == 1  # never two reloads at once
    operations_done(qtbot)
    assert headings(board)[0] == "Nowy wniosek (4)"  # both commits shown
    assert len(slow.calls) == 2  # the second reload ran after the first answered
    assert view.current_case() == board.ids["fresh"]


def test_a_card_moves_while_a_slow_reload_runs(board, qtbot, workstation, monkeypatch):
    operations_done(qtbot)
    with slow_server(monkeypatch, type(board.services.boards), "board"):
        new_application(workstation, board.world, 16)
        others_commit_seen(qtbot, board.watcher)  # a reload starts and waits for the server
        view = select(board, "new", board.ids["fresh"])
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: board.message.text().startswith("OPS.2.2026: przeniesiono"))
    operations_done(qtbot)
    assert headings(board)[:2] == ["Nowy wniosek (2)", "Wywiad środowiskowy (2)"]
    assert column(board, "interview").view.current_case() == board.ids["fresh"]


def test_the_board_opens_at_once_and_loads_its_cards_off_the_gui_thread(qtbot, world, monkeypatch):
    from opsdesk.ui.operation import operations

    fill_board(world)
    services = world.as_("anna")
    with slow_server(monkeypatch, type(services.boards), "board") as slow:
        widget = BoardWidget(services)  # a busy server: the section still opens at once
        qtbot.addWidget(widget)
        widget.resize(1400, 700)
        widget.show()
        qtbot.waitUntil(lambda: operations().busy_text == "wczytywanie tablicy", timeout=3000)
        # the event loop went on: the window never froze
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)
        assert widget.columns == {} and widget.info is None
        assert widget.filters.region.count() == 1  # "every region": the rest comes with it
        widget.refresh()  # F5 pressed while it loads: nothing more is asked
        widget.catch_up()  # nor by a commit seen meanwhile
        qtbot.wait(50)
        assert len(slow.calls) == 1
    operations_done(qtbot)
    assert headings(widget)[0] == "Nowy wniosek (2)"
    assert len(slow.calls) == 1  # loaded once
    regions = widget.filters.region
    assert [regions.itemText(i) for i in range(regions.count())] == [
        "Wszystkie rejony",
        "Rejon 1 – Gryfino",
        "Rejon 2 – wsie",
    ]


def test_the_sections_teams_refused_at_first_come_once_the_server_answers(
    qtbot, world, monkeypatch
):
    """The server away a moment as the section opens: said under the tabs, the teams asked
    again shortly, the board there once it answers; one working in Clients stays there."""
    fill_board(world)
    services = world.as_("celina")
    boards = type(services.boards)
    away = server_away(monkeypatch, boards, "teams")
    section = BoardsSection(services)
    qtbot.addWidget(section)
    section.show()
    qtbot.waitUntil(lambda: len(away.tries) >= 2, timeout=5000)
    assert section.no_board.isVisible() and "Brak połączenia" in section.no_board.text()
    assert section.register is not None
    section.register.search.setFocus()  # the person works in Clients meanwhile
    away.back()
    qtbot.waitUntil(lambda: section.board is not None, timeout=5000)
    operations_done(qtbot)
    tabs = section.tabs
    assert tabs.count() == 4 and not section.no_board.isVisible()
    assert tabs.currentWidget() is section.register  # not taken away from the search
    assert section.board.info is not None  # the board loaded too


def test_the_section_opens_at_once_while_the_server_reads_the_teams(qtbot, world, monkeypatch):
    fill_board(world)
    services = world.as_("celina")
    with slow_server(monkeypatch, type(services.boards), "teams") as slow:
        section = BoardsSection(services)
        qtbot.addWidget(section)
        section.resize(1366, 768)
        section.show()
        qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=3000)
        qtbot.wait(200)
        qtbot.waitUntil(lambda: slow.ticks >= 5, timeout=5000)  # the window answers
        tabs = section.tabs
        assert [tabs.tabText(i) for i in range(tabs.count())] == ["Klienci"]
        assert not section.no_board.isVisible()  # not "no board" before the answer
    operations_done(qtbot)
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Tablica zespołu",
        "Przekazane do mnie (0)",
        "Szukaj",
        "Klienci",
    ]
    assert tabs.currentWidget() is section.board and section.board.info is not None
    assert len(slow.calls) == 2  # the section's, then the board's first load

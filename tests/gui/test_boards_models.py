"""The board's item models: they pass qtmodeltester, fetch lazily, colour by urgency, and
carry cards by drag and drop."""

from datetime import date

import pytest
from case_office import fill_board
from PySide6.QtCore import QModelIndex, Qt

from opsdesk.services.cases.boards import BoardFilter
from opsdesk.services.cases.records import CaseInput
from opsdesk.ui.boards.caseload import CaseloadModel
from opsdesk.ui.boards.column_model import (
    CASE_MIME,
    BoardColumnModel,
    CaseIdRole,
    UrgencyRole,
)
from opsdesk.ui.boards.due_dialog import DueModel
from opsdesk.ui.clients.client_model import ClientListModel


def column_model(world, who="anna", code="new", page_size=3):
    services = world.as_(who)
    team = world.teams["benefits"]
    info = services.boards.board(team)
    status = world.statuses["benefits"][code]
    return BoardColumnModel(
        status,
        lambda after, limit: services.boards.page(team, status, BoardFilter(), after, limit),
        info.today,
        info.kinds,
        info.workers,
        page_size=page_size,
    )


@pytest.fixture
def many(world):
    clerk = world.as_("clerk")
    for day in range(1, 11):
        clerk.cases.create(
            CaseInput(
                client_id=world.clients["kowalski"],
                kind_id=world.kinds["zasilek_celowy"],
                application_date=date(2026, 3, day),
            )
        )
    return world


def test_column_model_passes_qtmodeltester(qtmodeltester, many):
    model = column_model(many)
    model.reload()
    qtmodeltester.check(model)


def test_cards_are_fetched_a_page_at_a_time(many):
    model = column_model(many)
    assert model.rowCount() == 0 and model.canFetchMore(QModelIndex())
    model.reload()
    assert model.rowCount() == 3
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 10
    dues = [model.card(r).next_due for r in range(10)]
    assert dues == sorted(dues)
    assert model.row_of(model.card(7).id) == 7


def test_cards_say_everything_in_words_and_colour_by_urgency(world):
    ids = fill_board(world)
    model = column_model(world, page_size=50)
    model.reload()
    by_id = {
        model.data(model.index(r), CaseIdRole): model.index(r) for r in range(model.rowCount())
    }
    urgent = by_id[ids["urgent"]]
    assert urgent.data(UrgencyRole) == "overdue"
    assert urgent.data(Qt.ItemDataRole.DisplayRole) == (
        "Kowalski Jan — sprawa pilna — Zasiłek celowy — Anna Łęcka — OPS.1.2026 — "
        "wywiad środowiskowy (pilny): 12.03.2026 · dni roboczych po terminie: 2"
    )
    assert by_id[ids["fresh"]].data(UrgencyRole) == "ok"
    interview = column_model(world, code="interview")
    interview.reload()
    assert interview.data(interview.index(0), UrgencyRole) == "soon"
    assert interview.data(interview.index(0)).endswith(
        "wywiad środowiskowy: 19.03.2026 · pozostało dni roboczych: 3"
    )
    decision = column_model(world, code="decision")
    decision.reload()
    assert decision.data(decision.index(0), UrgencyRole) == "stopped"
    assert decision.data(decision.index(0)).endswith(
        "Zawieszenie postępowania: bieg terminu decyzji wstrzymany"
    )


def test_a_dropped_card_asks_the_board_to_move_it(world, qtbot):
    ids = fill_board(world)
    source, target = column_model(world), column_model(world, code="interview")
    source.reload()
    mime = source.mimeData([source.index(0)])
    assert mime.hasFormat(CASE_MIME)
    assert target.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    with qtbot.waitSignal(target.move_requested) as signal:
        dropped = target.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert not dropped  # the board reloads; Qt must not remove the row itself
    assert signal.args == [ids["urgent"], world.statuses["benefits"]["interview"]]
    assert source.flags(source.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert target.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled


def test_side_models_pass_qtmodeltester(qtmodeltester, world):
    fill_board(world)
    anna = world.as_("anna")
    caseload = CaseloadModel()
    caseload.set_records(anna.boards.caseload(world.teams["benefits"]))
    qtmodeltester.check(caseload)
    assert [caseload.data(caseload.index(r, 0)) for r in range(caseload.rowCount())] == [
        "Anna Łęcka",
        "Bartosz Źrebiec",
    ]
    assert caseload.headerData(2, Qt.Orientation.Horizontal) == "Po terminie"
    due = DueModel(anna.boards.my_due())
    qtmodeltester.check(due)
    assert due.data(due.index(0, 0)) == "po terminie"
    clients = ClientListModel()
    clients.set_records(anna.clients.search(""))
    qtmodeltester.check(clients)


def test_a_page_asked_for_by_scrolling_comes_off_the_gui_thread_and_only_once(qtbot, many):
    import threading

    from PySide6.QtWidgets import QListView
    from waiting import operations_done

    from opsdesk.ui.operation import run_operation

    services = many.as_("anna")
    team, status = many.teams["benefits"], many.statuses["benefits"]["new"]
    info = services.boards.board(team)
    answer, asked = threading.Event(), []

    def slow_page(after, limit):
        if after is not None:  # the pages after the first: a busy server
            asked.append(after.id)
            assert answer.wait(10)
        return services.boards.page(team, status, BoardFilter(), after, limit)

    model = BoardColumnModel(status, slow_page, info.today, info.kinds, info.workers, page_size=3)
    view = QListView()
    qtbot.addWidget(view)
    model.run_fetch = lambda work, done, failed: run_operation(
        view, work, done, refused=lambda _e: failed(), when_running="replace"
    )
    model.reload()
    assert model.rowCount() == 3
    try:
        model.fetchMore(QModelIndex())  # the view scrolled to the last card
        model.fetchMore(QModelIndex())  # and asks again while the page comes
        qtbot.wait(100)  # the window answers meanwhile
        assert model.rowCount() == 3 and not model.canFetchMore(QModelIndex())
    finally:
        answer.set()
    operations_done(qtbot)
    assert model.rowCount() == 6 and len(asked) == 1 and model.canFetchMore(QModelIndex())


def test_the_side_tables_show_their_colours_tooltips_alignment_and_keys(world):
    from datetime import date

    from PySide6.QtGui import QColor

    from opsdesk.services.cases.boards import CaseloadRow, DueItem
    from opsdesk.ui.boards.caseload import WorkerIdRole
    from opsdesk.ui.boards.due_dialog import CaseIdRole as DueCaseIdRole
    from opsdesk.ui.clients.client_model import ClientIdRole

    fill_board(world)
    anna = world.as_("anna")
    rows = anna.boards.caseload(world.teams["benefits"])
    over = replace_row(rows[0], limit=2, absent_until=date(2026, 3, 20))
    caseload = CaseloadModel()
    caseload.set_records([over, replace_row(rows[1], limit=None)])
    cell = caseload.index
    assert cell(0, 0).data() == "Anna Łęcka\nnieobecność do 20.03"
    assert cell(0, 1).data() == f"{over.open} / 2" and cell(1, 1).data() == str(rows[1].open)
    assert cell(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "Ponad limit obciążenia (2)"
    assert cell(1, 1).data(Qt.ItemDataRole.ToolTipRole) is None
    amber = QColor("#fff1c2")
    assert [cell(0, c).data(Qt.ItemDataRole.BackgroundRole) for c in range(3)] == [
        amber,
        amber,
        None,
    ]
    assert cell(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert cell(0, 2).data(Qt.ItemDataRole.ForegroundRole) == QColor("#8a1414")
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert cell(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert over.over_limit and cell(0, 0).data(WorkerIdRole) == over.worker_id
    assert isinstance(rows[0], CaseloadRow)

    items = anna.boards.my_due()
    due = DueModel(items)
    assert isinstance(items[0], DueItem) and items[0].when == "overdue"
    assert due.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) == QColor("#fbe0e0")
    assert due.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == QColor("#8a1414")
    assert due.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    assert due.headerData(5, Qt.Orientation.Horizontal) == "Znak sprawy"
    assert due.index(0, 3).data(DueCaseIdRole) == items[0].case_id

    clients = ClientListModel()
    found = anna.clients.search("")
    clients.set_records(found)
    assert clients.index(0, 0).data() == found[0].display_name
    assert clients.index(0, 4).data(ClientIdRole) == found[0].id


def replace_row(row, **changes):
    from dataclasses import replace

    return replace(row, **changes)

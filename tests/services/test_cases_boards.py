"""Board queries: order, paging, filters, counts, caseload per worker, what is due this week."""

from datetime import date, datetime

import pytest

from opsdesk.domain.case_closing import FORWARDED, UNEXAMINED, Closing
from opsdesk.errors import NotFound, PermissionDenied
from opsdesk.services.cases.boards import BoardFilter, end_of_week
from opsdesk.services.cases.records import CaseInput


@pytest.fixture
def board(world):
    """Nine benefits cases applied on different days, in Anna's and Bartosz's regions, one
    of them urgent and one suspended, plus a social work case."""
    clerk = world.as_("clerk")
    ids = {}
    for day in range(2, 11):  # 2..10 March 2026
        client = "kowalski" if day % 2 else "wasik"
        ids[day] = clerk.cases.create(
            CaseInput(
                client_id=world.clients[client],
                kind_id=world.kinds["zasilek_celowy"],
                application_date=date(2026, 2, day + 10),
                urgent=(day == 9),
            )
        ).id
    anna = world.as_("anna")
    anna.case_deadlines.record_interview(ids[3], date(2026, 2, 20))
    anna.case_deadlines.suspend(ids[3], date(2026, 3, 2), "dokumenty")
    clerk.cases.create(
        CaseInput(client_id=world.clients["kowalski"], kind_id=world.kinds["praca_socjalna"])
    )
    return ids


def new_column(world):
    return world.teams["benefits"], world.statuses["benefits"]["new"]


def test_columns_with_counts(world, board):
    info = world.as_("anna").boards.board(world.teams["benefits"])
    assert [(c.name, c.count) for c in info.columns] == [
        ("Nowy wniosek", 9),
        ("Wywiad środowiskowy", 0),
        ("Decyzja w przygotowaniu", 0),
        ("Decyzja wydana", 0),
        ("Zamknięte", 0),
    ]
    assert info.team_workers == (
        (world.staff["anna"], "Anna Łęcka"),
        (world.staff["bartosz"], "Bartosz Źrebiec"),
    )
    assert info.kinds[world.kinds["zasilek_celowy"]] == "Zasiłek celowy"


def test_cards_earliest_deadline_first_and_the_stopped_clock_last(world, board):
    team, new = new_column(world)
    cards = world.as_("anna").boards.page(team, new)
    dues = [c.next_due for c in cards]
    assert dues[:-1] == sorted(dues[:-1]) and dues[-1] is None
    assert cards[-1].id == board[3] and cards[-1].suspended
    assert cards[0].id == board[9] and cards[0].urgent  # the urgent interview comes first
    assert cards[0].client_name == "Kowalski Jan"


def test_paging_by_key_gives_every_card_once(world, board):
    team, new = new_column(world)
    boards = world.as_("anna").boards
    whole = boards.page(team, new)
    seen, after = [], None
    while page := boards.page(team, new, after=after, limit=2):
        seen += page
        after = page[-1]
    assert seen == whole


@pytest.mark.parametrize(
    ("filt", "expected"),
    [
        (lambda w: BoardFilter(worker_id=w.staff["bartosz"]), 5),  # Wąsik lives in a village
        (lambda w: BoardFilter(region_id=w.regions["Rejon 1 \u2013 Gryfino"]), 4),
        (lambda w: BoardFilter(text="WASIK"), 5),  # no Polish letters, any case
        (lambda w: BoardFilter(text="wąs zofia"), 5),
        (lambda w: BoardFilter(text="ops.3."), 1),  # the file number
        (lambda w: BoardFilter(overdue_only=True), 5),
    ],
)
def test_filters(world, board, filt, expected):
    world.clock.moment = datetime(2026, 3, 9, 9, 0)
    team, new = new_column(world)
    boards = world.as_("anna").boards
    cards = boards.page(team, new, filt(world))
    assert len(cards) == expected
    assert boards.board(team, filt(world)).columns[0].count == expected


@pytest.mark.parametrize("few", [200, 0])  # the clients named by id / read by a subquery
def test_a_pesel_part_finds_its_clients_cases_in_every_column(world, board, monkeypatch, few):
    """A word with digits may be a part of a PESEL or of a file number: the cards of the
    clients holding it and of the matching numbers, whichever way the clients are found."""
    from opsdesk.services.cases import boards as board_module

    monkeypatch.setattr(board_module, "FEW_HOLDERS", few)
    world.clock.moment = datetime(2026, 3, 9, 9, 0)
    team, new = new_column(world)
    anna = world.as_("anna")

    def counts(text):
        return [c.count for c in anna.boards.board(team, BoardFilter(text=text)).columns]

    assert counts("520221") == [5, 0, 0, 0, 0]  # Wąsik's PESEL
    assert counts("80051412375") == [4, 0, 0, 0, 0]  # Kowalski's, whole
    assert counts("999999") == [0, 0, 0, 0, 0]
    anna.cases.close(board[4], Closing(UNEXAMINED, "wniosek wycofany"))
    assert counts("520221") == [4, 0, 0, 0, 1]  # the closing column's card too
    assert len(anna.boards.page(team, new, BoardFilter(text="520221"))) == 4


def test_overdue_only_means_past_the_deadline(world, board):
    world.clock.moment = datetime(2026, 3, 9, 9, 0)
    team, new = new_column(world)
    cards = world.as_("anna").boards.page(team, new, BoardFilter(overdue_only=True))
    assert all(c.next_due < date(2026, 3, 9) for c in cards)


def test_caseload_per_worker(world, board):
    world.clock.moment = datetime(2026, 3, 9, 9, 0)
    rows = world.as_("manager").boards.caseload(world.teams["benefits"])
    assert [(r.worker_name, r.open, r.overdue) for r in rows] == [
        ("Anna Łęcka", 4, 2),
        ("Bartosz Źrebiec", 5, 3),
    ]
    world.as_("anna").cases.close(board[5], Closing(FORWARDED, "przekazano do PCPR w Gryfinie"))
    rows = world.as_("manager").boards.caseload(world.teams["benefits"])
    assert (rows[0].open, rows[0].overdue) == (3, 1)


def test_what_is_due_within_3_working_days_at_login(world, board):
    world.clock.moment = datetime(2026, 3, 5, 8, 0)  # a Thursday: 3 working days is Tue 10.03
    due = world.as_("bartosz").boards.my_due()
    assert [(d.file_number, d.due, d.when) for d in due] == [
        ("OPS.1.2026", date(2026, 3, 4), "overdue"),  # 14 working days from Thu 12.02
        ("OPS.3.2026", date(2026, 3, 5), "today"),  # from Sat 14.02
        ("OPS.5.2026", date(2026, 3, 6), "tomorrow"),  # from Mon 16.02
        ("OPS.7.2026", date(2026, 3, 10), "soon"),
    ]
    assert due[0].label == "wywiad środowiskowy"
    anna = world.as_("anna").boards.my_due()
    assert [(d.file_number, d.due, d.label) for d in anna] == [
        ("OPS.8.2026", date(2026, 2, 23), "wywiad środowiskowy (pilny)"),  # from Thu 19.02
        ("OPS.4.2026", date(2026, 3, 5), "wywiad środowiskowy"),
        ("OPS.6.2026", date(2026, 3, 9), "wywiad środowiskowy"),
    ]  # Mon: 2 working days on
    assert end_of_week(date(2026, 3, 5)) == date(2026, 3, 8)
    assert world.as_("manager").boards.my_due() == []  # not a worker's list


def test_boards_are_for_the_team_and_the_manager(world, board):
    assert [t.name for t in world.as_("anna").boards.teams()] == ["Zespół świadczeń"]
    assert len(world.as_("manager").boards.teams()) == 2
    team, new = new_column(world)
    with pytest.raises(PermissionDenied):
        world.as_("celina").boards.page(team, new)
    with pytest.raises(PermissionDenied):
        world.as_("clerk").boards.board(team)
    with pytest.raises(NotFound):
        world.as_("anna").boards.page(team, world.statuses["social_work"]["new"])


def test_a_closing_column_shows_the_newest_cases_only(world, board, monkeypatch):
    from opsdesk.services.cases import boards as boards_module

    monkeypatch.setattr(boards_module, "CLOSED_WINDOW", 2)
    anna = world.as_("anna")
    for day in (2, 3, 4):
        anna.cases.close(board[day], Closing(UNEXAMINED, "braki formalne nieuzupełnione"))
    team, closed = world.teams["benefits"], world.statuses["benefits"]["closed"]
    column = anna.boards.board(team).columns[-1]
    assert (column.count, column.capped) == (2, True)
    assert [c.id for c in anna.boards.page(team, closed)] == [board[4], board[3]]


def test_the_change_mark_moves_with_every_change_of_a_case_and_with_the_day(world, board):
    """What an open board asks after each commit in the office: has a case changed?"""
    anna = world.as_("anna")
    team, new = new_column(world)
    mark = anna.boards.change_mark()
    anna.boards.board(team)
    anna.boards.page(team, new)
    anna.cases.get(board[2])  # reads, even audited ones, change nothing on a board
    assert anna.boards.change_mark() == mark
    for change in (
        lambda: anna.cases.move(board[4], world.statuses["benefits"]["interview"]),
        lambda: anna.cases.reassign(board[5], world.staff["bartosz"]),
        lambda: anna.cases.set_flags(board[6], True, False, "bezdomność"),
        lambda: world.as_("clerk").cases.create(
            CaseInput(client_id=world.clients["wasik"], kind_id=world.kinds["zasilek_celowy"])
        ),
    ):
        change()
        assert anna.boards.change_mark() != mark
        mark = anna.boards.change_mark()
    world.clock.advance(days=1)
    assert anna.boards.change_mark() != mark
    with pytest.raises(PermissionDenied):
        world.as_("psych").boards.change_mark()


def test_the_text_filter_reads_names_anywhere_and_file_numbers_by_their_pattern(world, board):
    """The clients are found first (bench/case_search.md); what the filter matches stays: a
    part of a name, a PESEL, any part of a file number, the closing column's cards too."""
    world.clock.moment = datetime(2026, 3, 9, 9, 0)
    team, new = new_column(world)
    anna = world.as_("anna")

    def counts(text):
        return [c.count for c in anna.boards.board(team, BoardFilter(text=text)).columns]

    assert counts("asik") == [5, 0, 0, 0, 0]  # the middle of "Wąsik"
    assert counts("ops") == counts("2026") == counts("ops.") == [9, 0, 0, 0, 0]
    assert counts("wasik ops.3.") == [1, 0, 0, 0, 0]
    assert counts("kowal ops.3.") == [0, 0, 0, 0, 0]
    anna.cases.close(board[4], Closing(UNEXAMINED, "wniosek wycofany"))
    assert counts("wąsik") == [4, 0, 0, 0, 1]
    # a file number's words are counted column by column (each from the board's index):
    # the closing column's recent cards too
    closed = anna.cases.get(board[4]).summary.file_number
    assert counts(closed.lower()) == [0, 0, 0, 0, 1]
    assert counts(f"wąsik {closed}") == [0, 0, 0, 0, 1]
    world.as_("admin").cases.set_file_pattern("MOPS-ŚW/{seq}/{year}")
    case = world.as_("clerk").cases.create(
        CaseInput(client_id=world.clients["kowalski"], kind_id=world.kinds["zasilek_celowy"])
    )
    assert case.file_number == "MOPS-ŚW/11/2026"
    assert [c.id for c in anna.boards.page(team, new, BoardFilter(text="mops-sw"))] == [case.id]
    assert counts("sw/11")[0] == 1
    assert anna.boards.team_due(team, BoardFilter(text="mops"), until=date(2026, 12, 31))

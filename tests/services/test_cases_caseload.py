"""Absence and caseload: the manager marks a worker absent and moves their open cases to
others in one transaction; caseload limits warn and need confirming; the board's caseload
shows limits and absences; new cases of an absent worker's region go to the whole team."""

from datetime import date

import pytest
from case_office import fill_board
from sqlalchemy import func, select

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.services.cases.caseload import AbsenceInput, OverCaseload
from opsdesk.services.cases.records import CaseInput
from opsdesk.storage.models import AuditEntry, CaseEvent


@pytest.fixture
def ids(world):
    return fill_board(world)  # Anna: 3 open cases on the benefits board, Bartosz: 2


def annas_open(world):
    return [c.id for c in world.as_("manager").caseload.open_cases(world.staff["anna"])]


def leave(world, **values):
    return AbsenceInput(
        world.staff["anna"],
        values.get("starts_on", date(2026, 3, 16)),
        values.get("ends_on", date(2026, 3, 27)),
        values.get("reason", "urlop wypoczynkowy"),
    )


def test_the_absent_workers_cases_move_in_one_go_with_reasons(world, ids):
    manager, bartosz = world.as_("manager"), world.as_("bartosz")
    cases = annas_open(world)
    assert len(cases) == 3
    moved = manager.caseload.reassign_many(
        {c: world.staff["bartosz"] for c in cases}, "urlop Anny 16–27.03", absence=leave(world)
    )
    assert moved == 3
    assert annas_open(world) == []
    assert bartosz.inbox.count() == 3  # each waits for Bartosz to accept it
    detail = bartosz.cases.get(cases[0])
    worker = [e for e in detail.events if e.kind == "worker"][-1]
    assert (worker.from_value, worker.to_value, worker.reason) == (
        "Anna Łęcka",
        "Bartosz Źrebiec",
        "urlop Anny 16–27.03",
    )
    [absence] = manager.caseload.absences()
    assert (absence.staff_name, absence.ends_on, absence.reason) == (
        "Anna Łęcka",
        date(2026, 3, 27),
        "urlop wypoczynkowy",
    )
    rows = {r.worker_name: r for r in manager.boards.caseload(world.teams["benefits"])}
    assert rows["Anna Łęcka"].absent_until == date(2026, 3, 27)
    assert rows["Bartosz Źrebiec"].open == 5
    with world.db.reading() as session:
        bulk = session.scalar(select(func.count()).where(AuditEntry.detail.like("worker % (bulk)")))
    assert bulk == 3


def test_only_the_chosen_cases_move_and_a_bad_one_moves_none(world, ids):
    manager = world.as_("manager")
    first, *rest = annas_open(world)
    with world.db.reading() as session:
        events_before = session.scalar(select(func.count()).select_from(CaseEvent))
    with pytest.raises(ValidationError) as error:
        manager.caseload.reassign_many(
            {first: world.staff["bartosz"], rest[0]: world.staff["celina"]}, "urlop"
        )
    assert error.value.errors["worker"].startswith("Celina Żak nie należy do zespołu")
    with pytest.raises(ValidationError) as error:
        manager.caseload.reassign_many({first: world.staff["bartosz"]}, "  ")
    assert error.value.errors == {"reason": "Podaj powód."}
    with world.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(CaseEvent)) == events_before
    assert manager.caseload.reassign_many({first: world.staff["bartosz"]}, "urlop") == 1
    assert annas_open(world) == rest


def test_a_limit_warns_and_the_move_needs_confirming(world, ids):
    manager = world.as_("manager")
    manager.caseload.set_limits(10, {world.staff["bartosz"]: 3})
    assert manager.caseload.limits().limit_of(world.staff["anna"]) == 10
    cases = annas_open(world)
    moves = {c: world.staff["bartosz"] for c in cases}
    [warning] = manager.caseload.check_moves(moves)
    assert warning.text == (
        "Bartosz Źrebiec: otwartych spraw 2, po przekazaniu 3 kolejnych byłoby 5, ponad limit 3"
    )
    with pytest.raises(OverCaseload) as error:
        manager.caseload.reassign_many(moves, "urlop Anny")
    assert error.value.warnings == [warning]
    assert len(annas_open(world)) == 3  # nothing moved
    assert manager.caseload.reassign_many(moves, "urlop Anny", over_limit_confirmed=True) == 3
    rows = {r.worker_name: r for r in manager.boards.caseload(world.teams["benefits"])}
    assert (rows["Bartosz Źrebiec"].limit, rows["Bartosz Źrebiec"].over_limit) == (3, True)
    assert (rows["Anna Łęcka"].limit, rows["Anna Łęcka"].over_limit) == (10, False)
    with pytest.raises(ValidationError) as error:
        manager.caseload.set_limits(0, {})
    assert "od 1 do 999" in error.value.errors["default"]


def test_absences_are_checked(world, ids):
    manager = world.as_("manager")
    with pytest.raises(ValidationError) as error:
        manager.caseload.mark_absent(leave(world, ends_on=date(2026, 3, 10)))
    assert "ends_on" in error.value.errors
    manager.caseload.mark_absent(leave(world))
    with pytest.raises(ValidationError) as error:
        manager.caseload.mark_absent(leave(world, starts_on=date(2026, 3, 20)))
    assert "od 16.03.2026 do 27.03.2026" in error.value.errors["starts_on"]
    with pytest.raises(ValidationError) as error:  # nobody absent receives a moved case
        manager.caseload.reassign_many({ids["fresh"]: world.staff["anna"]}, "zastępstwo")
    assert error.value.errors["worker"] == "Anna Łęcka – nieobecność do 27.03.2026."
    [absence] = manager.caseload.absences()
    manager.caseload.cancel_absence(absence.id)
    assert manager.caseload.absences() == []


def test_new_cases_of_an_absent_workers_region_go_to_the_team(world):
    manager = world.as_("manager")
    manager.caseload.mark_absent(leave(world))
    case = world.as_("clerk").cases.create(
        CaseInput(client_id=world.clients["kowalski"], kind_id=world.kinds["zasilek_celowy"])
    )
    assert case.worker_id is None
    world.clock.moment = world.clock.moment.replace(day=30)  # back from leave
    case = world.as_("clerk").cases.create(
        CaseInput(client_id=world.clients["kowalski"], kind_id=world.kinds["zasilek_celowy"])
    )
    assert case.worker_name == "Anna Łęcka"


def test_a_hand_off_does_not_go_back_to_an_absent_worker(world, ids):
    manager, bartosz = world.as_("manager"), world.as_("bartosz")
    manager.caseload.reassign_many(
        {ids["urgent"]: world.staff["bartosz"]}, "urlop Anny", absence=leave(world)
    )
    [item] = bartosz.inbox.waiting()
    with pytest.raises(ValidationError) as error:
        bartosz.inbox.send_back(item.id, "to nie mój rejon, proszę o zmianę")
    assert error.value.errors["handoff"].startswith("Anna Łęcka – nieobecność do 27.03.2026.")


def test_only_the_manager_moves_cases_in_bulk(world, ids):
    anna = world.as_("anna")
    with pytest.raises(PermissionDenied):
        anna.caseload.reassign_many({ids["fresh"]: world.staff["bartosz"]}, "urlop")
    with pytest.raises(PermissionDenied):
        anna.caseload.mark_absent(leave(world))
    assert anna.caseload.limits().default is None  # everyone may read the limits


def test_new_cases_of_a_worker_at_the_limit_go_to_the_team(world, ids):
    """Issue 17: routing respects the caseload limit as it does an absence."""
    manager, clerk = world.as_("manager"), world.as_("clerk")
    anna = world.staff["anna"]
    carried = next(
        r.open for r in manager.boards.caseload(world.teams["benefits"]) if r.worker_id == anna
    )
    manager.caseload.set_limits(None, {anna: carried})
    new = CaseInput(client_id=world.clients["kowalski"], kind_id=world.kinds["zasilek_celowy"])
    assert clerk.cases.create(new).worker_id is None  # the team's, for the manager to assign
    manager.caseload.set_limits(None, {anna: carried + 2})
    assert clerk.cases.create(new).worker_name == "Anna Łęcka"

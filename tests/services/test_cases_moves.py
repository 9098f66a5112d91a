"""Moving cards across the board, reassigning, closing and reopening, and the history of it."""

from datetime import date, datetime

import pytest

from opsdesk.domain.case_closing import DECISION, DISCONTINUED, UNEXAMINED, Closing
from opsdesk.errors import ValidationError
from opsdesk.services.cases.records import CaseInput


@pytest.fixture
def case_id(world):
    return (
        world.as_("anna")
        .cases.create(
            CaseInput(
                client_id=world.clients["kowalski"],
                kind_id=world.kinds["zasilek_okresowy"],
                application_date=date(2026, 3, 2),
            )
        )
        .id
    )


def status(world, code):
    return world.statuses["benefits"][code]


def test_a_decision_before_the_interview_is_refused_and_nothing_changes(world, case_id):
    anna = world.as_("anna")
    before = anna.cases.get(case_id)
    with pytest.raises(ValidationError) as error:
        anna.cases.move(case_id, status(world, "decision"))
    assert "nie zarejestrowano jeszcze wywiadu" in error.value.errors["status"]
    after = anna.cases.get(case_id)
    assert after.summary.status_name == "Nowy wniosek"
    assert after.events == before.events


def test_the_way_through_the_board_with_its_history(world, case_id):
    anna = world.as_("anna")
    anna.cases.move(case_id, status(world, "interview"))
    world.clock.moment = datetime(2026, 3, 18, 10, 0)
    anna.case_deadlines.record_interview(case_id, date(2026, 3, 17))
    moved = anna.cases.move(case_id, status(world, "decision"))
    assert (moved.next_due, moved.next_due_label) == (date(2026, 4, 2), "decyzja")
    world.clock.moment = datetime(2026, 3, 25, 12, 0)
    decided = anna.cases.move(case_id, status(world, "decided"))
    assert decided.next_due is None  # a one-off allowance: nothing more is due
    detail = anna.cases.get(case_id)
    assert detail.decision_date == date(2026, 3, 25)  # recorded by the move
    timeline = [(e.kind, e.from_value, e.to_value) for e in detail.events]
    assert timeline == [
        ("created", "", "Nowy wniosek"),
        ("worker", "", "Anna Łęcka"),
        ("status", "Nowy wniosek", "Wywiad środowiskowy"),
        ("interview", "", "17.03.2026"),
        ("deadline", "20.03.2026 (wywiad środowiskowy)", "02.04.2026 (decyzja)"),
        ("status", "Wywiad środowiskowy", "Decyzja w przygotowaniu"),
        ("status", "Decyzja w przygotowaniu", "Decyzja wydana"),
        ("decision", "", "25.03.2026"),
        ("deadline", "02.04.2026 (decyzja)", "brak terminu"),
    ]
    assert {e.actor_name for e in detail.events} == {"Anna Łęcka"}
    assert detail.events[2].label == "Zmiana statusu"


def test_closing_needs_an_outcome_and_reopening_a_reason(world, case_id):
    anna = world.as_("anna")
    with pytest.raises(ValidationError) as error:
        anna.cases.close(case_id, "  ")
    assert error.value.errors["status"] == (
        "Aby zamknąć sprawę, podaj, jak się zakończyła (rozstrzygnięcie)."
    )
    closed = anna.cases.close(
        case_id,
        Closing(DISCONTINUED, "Wniosek wycofany przez stronę", "ZS.8111.3.2026", date(2026, 3, 10)),
    )
    assert closed.closed and closed.next_due is None and closed.status_name == "Zamknięte"
    detail = anna.cases.get(case_id)
    assert detail.outcome == "Wniosek wycofany przez stronę" and detail.closed_at is not None
    assert (detail.ending, detail.decision_number, detail.decision_date) == (
        "discontinued",
        "ZS.8111.3.2026",
        date(2026, 3, 10),
    )
    with pytest.raises(ValidationError, match="dlaczego"):
        anna.cases.move(case_id, status(world, "new"))
    reopened = anna.cases.move(case_id, status(world, "new"), "Strona złożyła wniosek ponownie")
    assert not reopened.closed and reopened.next_due == date(2026, 3, 20)
    assert [e.kind for e in anna.cases.get(case_id).events][-3:] == [
        "status",
        "reopened",
        "deadline",
    ]


def test_a_case_needing_a_decision_closes_only_by_the_rules(world, case_id):
    anna = world.as_("anna")
    before = anna.cases.get(case_id)
    for closing, errors in (
        (
            "x",
            {
                "status": "Sprawa przyznawana decyzją zamyka się z numerem i datą decyzji "
                "albo jako umorzona, pozostawiona bez rozpoznania lub przekazana: "
                "zamknij ją w oknie sprawy."
            },
        ),
        (
            Closing(UNEXAMINED, "x"),
            {"outcome": "Opisz rozstrzygnięcie kilkoma słowami (co najmniej 10 znaków)."},
        ),
        (
            Closing(DECISION, "Przyznano zasiłek okresowy"),
            {"decision_number": "Podaj numer decyzji.", "decision_date": "Podaj datę decyzji."},
        ),
        (
            Closing(DECISION, "Przyznano zasiłek okresowy", "ZS.8111.3.2026", date(2026, 3, 13)),
            {"decision_date": "Najpierw zarejestruj wywiad środowiskowy: decyzja go wymaga."},
        ),
        (
            Closing(DISCONTINUED, "Wniosek wycofany", "ZS.1", date(2026, 3, 17)),
            {"decision_date": "Data decyzji nie może być z przyszłości."},
        ),
        (
            Closing("done", "Pomoc udzielona bez decyzji"),
            {"ending": "Wybierz, jak zakończyła się sprawa."},
        ),
    ):
        with pytest.raises(ValidationError) as error:
            anna.cases.close(case_id, closing)
        assert error.value.errors == errors
    after = anna.cases.get(case_id)
    assert after.closed_at is None and after.events == before.events  # nothing half saved
    anna.case_deadlines.record_interview(case_id, date(2026, 3, 5))
    anna.case_deadlines.record_decision(case_id, date(2026, 3, 12), number="ZS.8111.3.2026")
    closed = anna.cases.close(case_id, Closing(DECISION, "Przyznano zasiłek okresowy"))
    assert closed.closed
    detail = anna.cases.get(case_id)
    assert (detail.ending, detail.decision_number) == ("decision", "ZS.8111.3.2026")


def test_help_without_a_decision_closes_with_a_described_outcome(world):
    celina = world.as_("celina")
    case = celina.cases.create(
        CaseInput(client_id=world.clients["kowalski"], kind_id=world.kinds["praca_socjalna"])
    )
    with pytest.raises(ValidationError) as error:
        celina.cases.close(case.id, "x")
    assert error.value.errors == {
        "outcome": "Opisz rozstrzygnięcie kilkoma słowami (co najmniej 10 znaków)."
    }
    assert celina.cases.close(case.id, "Kontrakt socjalny zrealizowany").closed
    assert celina.cases.get(case.id).ending == "done"


def test_reassigning_within_the_team_only(world, case_id):
    anna = world.as_("anna")
    moved = anna.cases.reassign(case_id, world.staff["bartosz"], "urlop")
    assert moved.worker_name == "Bartosz Źrebiec"
    with pytest.raises(ValidationError) as error:
        anna.cases.reassign(case_id, world.staff["dorota"])
    assert error.value.errors["worker"].startswith("Dorota Wąs nie należy do zespołu")
    event, handed = anna.cases.get(case_id).events[-2:]
    assert (event.kind, event.from_value, event.to_value, event.reason) == (
        "worker",
        "Anna Łęcka",
        "Bartosz Źrebiec",
        "urlop",
    )
    assert (handed.kind, handed.to_value) == ("handed", "Zespół świadczeń — Bartosz Źrebiec")


def test_urgency_shortens_the_interview_deadline(world, case_id):
    anna = world.as_("anna")
    urgent = anna.cases.set_flags(case_id, urgent=True, complex=False, reason="bezdomność")
    assert (urgent.next_due, urgent.next_due_rule) == (date(2026, 3, 4), "interview_urgent")
    events = anna.cases.get(case_id).events
    assert [e.kind for e in events][-2:] == ["flags", "deadline"]
    assert events[-2].to_value == "pilna, zwykła"


def test_a_change_of_the_flags_needs_a_reason_and_a_preview_changes_nothing(world, case_id):
    anna = world.as_("anna")
    before = anna.cases.get(case_id)
    preview = anna.cases.flags_preview(case_id, urgent=True, complex=True)
    assert [(d.rule, d.due) for d in preview] == [
        ("interview_urgent", date(2026, 3, 4)),
        ("decision_complex", date(2026, 5, 4)),
    ]
    assert anna.cases.get(case_id).deadlines == before.deadlines
    with pytest.raises(ValidationError) as error:
        anna.cases.set_flags(case_id, urgent=True, complex=False, reason="  ")
    assert error.value.errors == {"reason": "Podaj powód."}
    assert not anna.cases.get(case_id).urgent
    unchanged = anna.cases.set_flags(case_id, urgent=False, complex=False)  # nothing moves
    assert unchanged.next_due == before.summary.next_due


def test_a_kind_without_a_decision_moves_freely(world):
    celina = world.as_("celina")
    case = celina.cases.create(
        CaseInput(client_id=world.clients["kowalski"], kind_id=world.kinds["praca_socjalna"])
    )
    moved = celina.cases.move(case.id, world.statuses["social_work"]["contract"])
    assert moved.status_name == "Kontrakt socjalny"


def test_a_move_is_undone_by_its_author_within_minutes(world, case_id):
    anna = world.as_("anna")
    anna.case_deadlines.record_interview(case_id, date(2026, 3, 5))
    anna.cases.move(case_id, status(world, "decision"))
    decided = anna.cases.move(case_id, status(world, "decided"))  # records the decision today
    assert anna.cases.get(case_id).decision_date == date(2026, 3, 16)
    with pytest.raises(ValidationError) as error:
        world.as_("bartosz").cases.undo_move(case_id)  # not his move
    assert error.value.errors["status"].startswith("Nie ma Twojego przeniesienia")
    world.clock.advance(minutes=4)
    back = anna.cases.undo_move(case_id)
    assert back.status_name == "Decyzja w przygotowaniu" and decided.next_due is None
    detail = anna.cases.get(case_id)
    assert detail.decision_date is None and back.next_due == date(2026, 4, 2)
    last = [e for e in detail.events if e.kind == "status"][-1]
    assert (last.actor_name, last.from_value, last.to_value, last.reason) == (
        "Anna Łęcka",
        "Decyzja wydana",
        "Decyzja w przygotowaniu",
        "cofnięcie przeniesienia",
    )
    world.clock.advance(minutes=6)
    with pytest.raises(ValidationError):
        anna.cases.undo_move(case_id)  # too late: the undo was the last move, 6 minutes ago


def test_a_move_followed_by_another_change_is_not_undone(world, case_id):
    anna = world.as_("anna")
    anna.cases.move(case_id, status(world, "interview"))
    anna.case_deadlines.record_interview(case_id, date(2026, 3, 5))
    with pytest.raises(ValidationError) as error:
        anna.cases.undo_move(case_id)
    assert error.value.errors == {
        "status": "Sprawa zmieniła się po przeniesieniu; przenieś kartę ręcznie."
    }
    assert anna.cases.get(case_id).summary.status_name == "Wywiad środowiskowy"

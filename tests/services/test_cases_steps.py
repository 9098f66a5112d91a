"""The steps deadlines depend on: interview, decision, suspensions (KPA art. 35 § 5), the
art. 36 notice, and the interview update of a continuing benefit."""

from datetime import date, datetime

import pytest

from opsdesk.domain.case_closing import DISCONTINUED, Closing
from opsdesk.errors import ValidationError
from opsdesk.services.cases.records import CaseInput

APPLIED = date(2026, 3, 2)  # Monday; the decision is due on Thursday 2 April 2026


@pytest.fixture
def anna(world):
    return world.as_("anna")


@pytest.fixture
def case_id(world, anna):
    case = anna.cases.create(
        CaseInput(
            client_id=world.clients["kowalski"],
            kind_id=world.kinds["zasilek_okresowy"],
            application_date=APPLIED,
        )
    )
    anna.case_deadlines.record_interview(case.id, date(2026, 3, 5))
    return case.id


def test_interview_and_decision_dates_are_checked(world, anna, case_id):
    steps = anna.case_deadlines
    with pytest.raises(ValidationError) as error:
        steps.record_interview(case_id, date(2026, 3, 17))
    assert error.value.errors == {"interview_date": "Data wywiadu nie może być z przyszłości."}
    with pytest.raises(ValidationError) as error:
        steps.record_interview(case_id, date(2026, 2, 27))
    assert error.value.errors == {
        "interview_date": "Wywiad nie może być wcześniej niż wniosek (02.03.2026)."
    }
    with pytest.raises(ValidationError) as error:
        steps.record_decision(case_id, date(2026, 3, 4))
    assert error.value.errors == {
        "decision_date": "Decyzja nie może być wcześniejsza niż wywiad (05.03.2026)."
    }
    decided = steps.record_decision(case_id, date(2026, 3, 12))
    assert decided.next_due is None


def test_no_decision_without_an_interview(world, anna):
    case = anna.cases.create(
        CaseInput(client_id=world.clients["kowalski"], kind_id=world.kinds["zasilek_celowy"])
    )
    with pytest.raises(ValidationError) as error:
        anna.case_deadlines.record_decision(case.id)
    assert error.value.errors == {
        "decision_date": "Najpierw zarejestruj wywiad środowiskowy: decyzja go wymaga."
    }


def test_a_suspension_stops_the_clock_and_moves_the_date(world, anna, case_id):
    steps = anna.case_deadlines
    assert anna.cases.get(case_id).summary.next_due == date(2026, 4, 2)
    suspended = steps.suspend(case_id, date(2026, 3, 10), "oczekiwanie na zaświadczenie z PUP")
    assert suspended.next_due is None  # no running clock while suspended
    detail = anna.cases.get(case_id)
    assert detail.suspended_since == date(2026, 3, 10)
    assert detail.deadlines[0].stopped and detail.next_deadline is None
    world.clock.moment = datetime(2026, 3, 20, 9, 0)
    resumed = steps.resume(case_id, date(2026, 3, 19), "dokumenty dostarczone")
    # 10..19 March = 10 days not counted: 12 April (a Sunday) -> Monday 13 April
    assert resumed.next_due == date(2026, 4, 13)
    events = [(e.kind, e.from_value, e.to_value) for e in anna.cases.get(case_id).events]
    assert events[-4:] == [
        ("suspended", "", "10.03.2026"),
        ("deadline", "02.04.2026 (decyzja)", "brak terminu"),
        ("resumed", "10.03.2026", "19.03.2026"),
        ("deadline", "brak terminu", "13.04.2026 (decyzja)"),
    ]


def test_suspension_input_is_checked(world, anna, case_id):
    steps = anna.case_deadlines
    with pytest.raises(ValidationError) as error:
        steps.suspend(case_id, date(2026, 3, 10), "")
    assert error.value.errors == {"reason": "Podaj powód."}
    with pytest.raises(ValidationError) as error:
        steps.suspend(case_id, date(2026, 3, 20), "dokumenty")
    assert error.value.errors == {"since": "Zawieszenie nie może zaczynać się w przyszłości."}
    with pytest.raises(ValidationError) as error:
        steps.resume(case_id)
    assert error.value.errors == {"on": "Postępowanie nie jest zawieszone."}
    steps.suspend(case_id, date(2026, 3, 10), "dokumenty")
    with pytest.raises(ValidationError) as error:
        steps.suspend(case_id, date(2026, 3, 11), "dokumenty")
    assert error.value.errors == {"since": "Postępowanie jest już zawieszone od 10.03.2026."}
    with pytest.raises(ValidationError) as error:
        steps.resume(case_id, date(2026, 3, 9))
    assert "10.03.2026" in error.value.errors["on"]
    steps.resume(case_id, date(2026, 3, 12))
    with pytest.raises(ValidationError) as error:
        steps.suspend(case_id, date(2026, 3, 12), "znowu")
    assert error.value.errors == {
        "since": "To zachodzi na poprzednie zawieszenie, które skończyło się 12.03.2026."
    }


def test_an_art_36_notice_gives_a_new_date(world, anna, case_id):
    steps = anna.case_deadlines
    world.clock.moment = datetime(2026, 4, 1, 9, 0)
    with pytest.raises(ValidationError) as error:
        steps.give_notice(case_id, date(2026, 4, 2), "opinia biegłego")
    assert error.value.errors == {
        "new_date": "Nowy termin musi być późniejszy niż obecny "
        "termin (02.04.2026) i niż dzisiejsza data."
    }
    with pytest.raises(ValidationError) as error:
        steps.give_notice(case_id, date(2026, 4, 6), "opinia biegłego")  # Easter Monday
    assert error.value.errors == {"new_date": "06.04.2026 to dzień wolny; wybierz dzień roboczy."}
    with pytest.raises(ValidationError) as error:
        steps.give_notice(case_id, date(2026, 4, 20), " ")
    assert error.value.errors == {"reason": "Podaj powód."}
    noticed = steps.give_notice(case_id, date(2026, 4, 20), "oczekiwanie na opinię biegłego")
    assert (noticed.next_due, noticed.next_due_label) == (
        date(2026, 4, 20),
        "decyzja (nowy termin, art. 36 KPA)",
    )
    detail = anna.cases.get(case_id)
    assert detail.notice_new_date == date(2026, 4, 20)
    assert detail.notice_reason == "oczekiwanie na opinię biegłego"
    notice = [e for e in detail.events if e.kind == "notice"][0]
    assert (notice.from_value, notice.to_value, notice.label) == (
        "02.04.2026",
        "20.04.2026",
        "Zawiadomienie o zwłoce (art. 36 KPA)",
    )


def test_a_continuing_benefit_is_due_for_an_interview_update(world, anna):
    case = anna.cases.create(
        CaseInput(
            client_id=world.clients["wasik"],
            kind_id=world.kinds["zasilek_staly"],
            worker_id=world.staff["anna"],
            application_date=APPLIED,
        )
    )
    anna.case_deadlines.record_interview(case.id, date(2026, 3, 6))
    decided = anna.case_deadlines.record_decision(case.id, date(2026, 3, 13))
    assert (decided.next_due, decided.next_due_rule) == (date(2026, 9, 7), "interview_update")
    world.clock.moment = datetime(2026, 9, 3, 9, 0)
    updated = anna.case_deadlines.record_interview(case.id, date(2026, 9, 2), "aktualizacja")
    assert updated.next_due == date(2027, 3, 2)


def test_steps_on_a_kind_without_a_decision_are_refused(world):
    celina = world.as_("celina")
    case = celina.cases.create(
        CaseInput(client_id=world.clients["kowalski"], kind_id=world.kinds["praca_socjalna"])
    )
    with pytest.raises(ValidationError) as error:
        celina.case_deadlines.suspend(case.id, None, "dokumenty")
    assert error.value.errors == {
        "since": "Termin decyzji mają tylko postępowania, które kończą się decyzją."
    }


def test_a_closed_case_takes_no_steps(world, anna, case_id):
    anna.cases.close(
        case_id,
        Closing(
            DISCONTINUED, "zgon strony, postępowanie umorzone", "ZS.8111.7.2026", date(2026, 3, 12)
        ),
    )
    with pytest.raises(ValidationError) as error:
        anna.case_deadlines.record_decision(case_id)
    assert error.value.errors == {"case": "Sprawa jest zamknięta; najpierw ją otwórz ponownie."}

"""Hand-offs that arrive ("Przekazane do mnie"): a case handed to a team or a worker waits in
their list until accepted or sent back with a reason; the sender learns of a return."""

from datetime import date

import pytest
from sqlalchemy import select

from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.storage.models import AuditEntry


def open_case(world, who, client, kind):
    return world.open_case(who, client, kind, date(2026, 3, 10))


@pytest.fixture
def asked(world):
    """Celina (social work) asks the benefits team for a decision for Jan Kowalski (Gryfino:
    Anna's region). Returns (Celina's case, the new benefits case)."""
    social = open_case(world, "celina", "kowalski", "praca_socjalna")
    new = world.as_("celina").handoffs.ask_for_decision(
        social, world.kinds["zasilek_celowy"], "Prośba o zasiłek celowy na opał"
    )
    return social, new.id


def kinds_of(detail):
    return [e.kind for e in detail.events]


def test_a_hand_off_to_another_team_waits_for_the_regions_worker(world, asked):
    social, new = asked
    anna, bartosz, manager = world.as_("anna"), world.as_("bartosz"), world.as_("manager")
    assert (anna.inbox.count(), bartosz.inbox.count(), manager.inbox.count()) == (1, 0, 1)
    [item] = anna.inbox.waiting()
    assert (item.kind, item.case_id, item.client_name) == ("team", new, "Kowalski Jan")
    assert (item.from_team_name, item.sent_by_name, item.to_worker_name) == (
        "Zespół pracy socjalnej i usług",
        "Celina Żak",
        "Anna Łęcka",
    )
    assert item.note == "Prośba o zasiłek celowy na opał"
    assert item.source_file_number == world.as_("celina").cases.get(social).summary.file_number
    assert bartosz.inbox.waiting() == []
    handed = next(e for e in anna.cases.get(new).events if e.kind == "handed")
    assert handed.label == "Przekazanie sprawy"
    assert handed.to_value == "Zespół świadczeń \u2014 Anna Łęcka"


def test_accepting_empties_the_list_and_is_in_the_history_and_the_audit(world, asked):
    _social, new = asked
    anna = world.as_("anna")
    [item] = anna.inbox.waiting()
    assert anna.inbox.accept([item.id]) == 1
    assert anna.inbox.count() == 0 and anna.inbox.waiting() == []
    detail = anna.cases.get(new)
    assert kinds_of(detail)[-1] == "handoff_accepted"
    world.db.behind.flush()  # the list entries are written behind the read
    with world.db.reading() as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.entity, AuditEntry.detail).where(
                AuditEntry.entity.in_(("case_handoff", "case")),
                AuditEntry.actor_login == "anna",
            )
        ).all()
    assert ("update", "case_handoff", "accepted") in entries
    assert any(a == "list" and d.startswith("handed to me") for a, _e, d in entries)
    with pytest.raises(ValidationError) as error:
        anna.inbox.accept([item.id])
    assert "już" in error.value.errors["handoff"]  # answered already


def test_sending_a_team_hand_off_back_closes_it_and_tells_the_sender(world, asked):
    social, new = asked
    anna, celina = world.as_("anna"), world.as_("celina")
    [item] = anna.inbox.waiting()
    with pytest.raises(ValidationError) as error:
        anna.inbox.send_back(item.id, "nie")
    assert "co najmniej 10" in error.value.errors["reason"]
    anna.inbox.send_back(item.id, "Rodzina ma już przyznany zasiłek celowy w tym miesiącu")
    closed = anna.cases.get(new)
    assert closed.closed_at is not None and closed.ending == "returned"
    assert closed.outcome == "Rodzina ma już przyznany zasiłek celowy w tym miesiącu"
    assert closed.summary.status_name == "Zamknięte" and closed.next_deadline is None
    assert anna.inbox.count() == 0
    [back] = celina.inbox.waiting()
    assert (back.kind, back.case_id, back.sent_by_name) == ("returned", social, "Anna Łęcka")
    assert back.note == "Rodzina ma już przyznany zasiłek celowy w tym miesiącu"
    with pytest.raises(ValidationError):
        celina.inbox.send_back(back.id, "a jednak proszę o decyzję")
    celina.inbox.accept([back.id])
    assert celina.inbox.count() == 0
    assert {"handoff_returned", "handoff_seen"} <= set(kinds_of(celina.cases.get(social)))


def test_a_case_given_to_another_worker_waits_for_them_and_goes_back_with_a_reason(world):
    case = open_case(world, "anna", "kowalski", "zasilek_okresowy")
    manager, anna, bartosz = world.as_("manager"), world.as_("anna"), world.as_("bartosz")
    manager.cases.reassign(case, world.staff["bartosz"], "urlop Anny")
    [item] = bartosz.inbox.waiting()
    assert (item.kind, item.note, item.sent_by_name) == ("worker", "urlop Anny", "Jolanta Świątek")
    assert anna.inbox.count() == 0
    bartosz.inbox.send_back(item.id, "To nie mój rejon, Wełtyń ma inną osobę")
    detail = anna.cases.get(case)
    assert detail.summary.worker_name == "Anna Łęcka"
    [back] = anna.inbox.waiting()
    assert (back.kind, back.note) == ("returned", "To nie mój rejon, Wełtyń ma inną osobę")
    assert bartosz.inbox.count() == 0


def test_taking_a_case_oneself_hands_nothing_and_a_newer_hand_off_supersedes(world):
    case = open_case(world, "anna", "kowalski", "zasilek_okresowy")
    anna, bartosz, manager = world.as_("anna"), world.as_("bartosz"), world.as_("manager")
    bartosz.cases.reassign(case, world.staff["bartosz"])
    assert bartosz.inbox.count() == 0
    bartosz.cases.reassign(case, world.staff["anna"], "wraca do Anny")
    assert anna.inbox.count() == 1
    manager.cases.reassign(case, world.staff["bartosz"], "jednak Bartosz")
    assert (anna.inbox.count(), bartosz.inbox.count()) == (0, 1)
    bartosz.cases.reassign(case, None)
    assert bartosz.inbox.count() == 0


def test_a_hand_off_to_the_team_is_anyones_and_the_accepting_worker_takes_it(world):
    social = open_case(world, "celina", "kovalenko", "praca_socjalna")  # no region: no worker
    world.as_("celina").handoffs.ask_for_decision(
        social, world.kinds["zasilek_okresowy"], "Prośba o zasiłek okresowy"
    )
    anna, bartosz = world.as_("anna"), world.as_("bartosz")
    assert (anna.inbox.count(), bartosz.inbox.count()) == (1, 1)
    [item] = bartosz.inbox.waiting()
    assert item.to_worker_name == ""
    bartosz.inbox.accept([item.id])
    assert anna.inbox.count() == 0
    assert bartosz.cases.get(item.case_id).summary.worker_name == "Bartosz Źrebiec"


def test_only_the_receiver_or_the_manager_answers(world, asked):
    _social, _new = asked
    [item] = world.as_("anna").inbox.waiting()
    for other in ("bartosz", "dorota"):
        with pytest.raises(PermissionDenied):
            world.as_(other).inbox.accept([item.id])
    with pytest.raises(PermissionDenied):
        world.as_("clerk").inbox.count()
    assert world.as_("manager").inbox.accept([item.id]) == 1


def test_a_closed_case_leaves_the_list(world, asked):
    _social, new = asked
    anna = world.as_("anna")
    from opsdesk.domain.case_closing import UNEXAMINED, Closing

    anna.cases.close(new, Closing(UNEXAMINED, "wniosek bez podpisu, nieuzupełniony"))
    assert anna.inbox.count() == 0 and anna.inbox.waiting() == []

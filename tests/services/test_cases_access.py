"""Who sees a case and its notes: its team and the manager; the desk sees only where a client
was sent; every read of a case is audited (never the notes' text)."""

import pytest
from sqlalchemy import select

from opsdesk.errors import NotFound, PermissionDenied, ValidationError
from opsdesk.services.cases.records import CaseInput
from opsdesk.storage.models import AuditEntry


@pytest.fixture
def case_id(world):
    return (
        world.as_("clerk")
        .cases.create(
            CaseInput(
                client_id=world.clients["kowalski"],
                kind_id=world.kinds["zasilek_okresowy"],
                summary="Brak dochodu po utracie pracy",
            )
        )
        .id
    )


def test_the_team_and_the_manager_see_the_case(world, case_id):
    for who in ("anna", "bartosz", "manager"):
        detail = world.as_(who).cases.get(case_id)
        assert detail.summary.client_name == "Kowalski Jan"
        assert detail.text == "Brak dochodu po utracie pracy"


@pytest.mark.parametrize("who", ["celina", "clerk", "psych", "admin"])
def test_others_do_not(world, case_id, who):
    with pytest.raises(PermissionDenied):
        world.as_(who).cases.get(case_id)
    with pytest.raises(PermissionDenied):
        world.as_(who).case_notes.list(case_id)


def test_another_team_cannot_change_it(world, case_id):
    celina = world.as_("celina")
    with pytest.raises(PermissionDenied, match="innego zespołu"):
        celina.cases.move(case_id, world.statuses["benefits"]["interview"])
    with pytest.raises(PermissionDenied):
        celina.case_deadlines.record_interview(case_id)
    with pytest.raises(PermissionDenied):
        celina.case_notes.add(case_id, "Notatka")


def test_notes_are_for_the_team_and_the_manager_only(world, case_id):
    anna = world.as_("anna")
    with pytest.raises(ValidationError) as error:
        anna.case_notes.add(case_id, "   ")
    assert error.value.errors == {"note": "Najpierw napisz notatkę."}
    anna.case_notes.add(case_id, "Klient zgłosił przemoc w rodzinie — pilny kontakt.")
    world.clock.advance(minutes=5)
    world.as_("manager").case_notes.add(case_id, "Proszę o priorytet.")
    notes = world.as_("bartosz").case_notes.list(case_id)
    assert [(n.author_name, n.text) for n in notes] == [
        ("Jolanta Świątek", "Proszę o priorytet."),
        ("Anna Łęcka", "Klient zgłosił przemoc w rodzinie — pilny kontakt."),
    ]
    with pytest.raises(PermissionDenied):
        world.as_("clerk").case_notes.list(case_id)
    with world.db.reading() as session:
        details = list(session.scalars(select(AuditEntry.detail)))
    assert not any("przemoc" in d for d in details)  # the audit never holds a note's text


def test_reads_are_audited(world, case_id):
    world.as_("anna").cases.get(case_id)
    world.as_("manager").case_notes.list(case_id)
    with world.db.reading() as session:
        reads = session.execute(
            select(AuditEntry.actor_login, AuditEntry.entity).where(AuditEntry.action == "read")
        ).all()
    assert reads == [("anna", "case"), ("manager", "case_notes")]


def test_the_desk_sees_where_a_client_was_sent_not_the_content(world, case_id):
    [referral] = world.as_("clerk").cases.where_sent(world.clients["kowalski"])
    assert (referral.file_number, referral.team_name, referral.worker_name) == (
        "OPS.1.2026",
        "Zespół świadczeń",
        "Anna Łęcka",
    )
    assert not hasattr(referral, "text") and not referral.closed
    with pytest.raises(PermissionDenied):
        world.as_("clerk").cases.for_client(world.clients["kowalski"])


def test_a_clients_cases_are_listed_per_team(world, case_id):
    world.as_("clerk").cases.create(
        CaseInput(client_id=world.clients["kowalski"], kind_id=world.kinds["praca_socjalna"])
    )
    assert [c.team_name for c in world.as_("anna").cases.for_client(world.clients["kowalski"])] == [
        "Zespół świadczeń"
    ]
    assert len(world.as_("manager").cases.for_client(world.clients["kowalski"])) == 2


def test_unknown_case(world):
    with pytest.raises(NotFound):
        world.as_("anna").cases.get(12345)

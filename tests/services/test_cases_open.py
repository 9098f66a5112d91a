"""Opening cases: defaults (team, region's worker, first column, file number), bad input that
saves nothing, who may open where, and opening a case from a reception contact."""

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from opsdesk.errors import NotFound, PermissionDenied, ValidationError
from opsdesk.services.cases.records import CaseInput
from opsdesk.storage.models import AuditEntry, Case, CaseEvent, Counter, Visit


def count_cases(world) -> int:
    with world.db.reading() as session:
        return session.scalar(select(func.count(Case.id)))


def periodic(world, client="kowalski", **values) -> CaseInput:
    return CaseInput(
        client_id=world.clients[client], kind_id=world.kinds["zasilek_okresowy"], **values
    )


def test_defaults_team_worker_column_number_and_deadline(world):
    case = world.as_("clerk").cases.create(periodic(world))
    assert case.file_number == "OPS.1.2026"
    assert (case.team_name, case.worker_name, case.status_name) == (
        "Zespół świadczeń",
        "Anna Łęcka",
        "Nowy wniosek",
    )  # Gryfino is Anna's region
    assert case.application_date == date(2026, 3, 16)
    assert (case.next_due, case.next_due_label) == (date(2026, 4, 3), "wywiad środowiskowy")
    village = world.as_("clerk").cases.create(periodic(world, "wasik"))
    assert (village.file_number, village.worker_name) == ("OPS.2.2026", "Bartosz Źrebiec")


def test_kind_decides_the_team_and_region_the_social_worker(world):
    case = world.as_("manager").cases.create(
        CaseInput(client_id=world.clients["wasik"], kind_id=world.kinds["praca_socjalna"])
    )
    assert (case.team_name, case.worker_name) == ("Zespół pracy socjalnej i usług", "Dorota Wąs")
    assert case.next_due is None  # social work has no statutory deadline


def test_a_client_without_a_region_gets_nobody_until_assigned(world):
    case = world.as_("clerk").cases.create(periodic(world, "kovalenko"))
    assert case.worker_id is None and case.worker_name == ""


def test_file_number_pattern_is_configurable_and_restarts_every_year(world):
    admin = world.as_("admin")
    with pytest.raises(ValidationError) as error:
        admin.cases.set_file_pattern("OPS.{seq}")
    assert "{seq} i {year}" in error.value.errors["case_file_pattern"]
    admin.cases.set_file_pattern("ZŚ.8111.{seq:03d}.{year}")
    clerk = world.as_("clerk")
    assert clerk.cases.create(periodic(world)).file_number == "ZŚ.8111.001.2026"
    assert clerk.cases.create(periodic(world)).file_number == "ZŚ.8111.002.2026"
    world.clock.moment = datetime(2027, 1, 4, 8, 0)
    assert clerk.cases.create(periodic(world)).file_number == "ZŚ.8111.001.2027"
    with pytest.raises(PermissionDenied):
        clerk.cases.set_file_pattern("{seq}/{year}")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"application_date": date(2026, 3, 17)},
            "application_date",
            "Data wniosku nie może być z przyszłości (dziś jest 16.03.2026).",
        ),
        (
            {"worker": "celina"},
            "worker",
            "Celina Żak nie należy do zespołu „Zespół świadczeń”; wybierz pracownika tego zespołu.",
        ),
        (
            {"status": ("social_work", "work")},
            "status",
            "Ten status nie jest otwartą kolumną tablicy zespołu „Zespół świadczeń”.",
        ),
        (
            {"status": ("benefits", "closed")},
            "status",
            "Ten status nie jest otwartą kolumną tablicy zespołu „Zespół świadczeń”.",
        ),
        ({"kind_id": 999}, "kind", "Wybierz rodzaj pomocy z listy."),
        ({"client_id": 999}, "client", "Wybierz klienta sprawy."),
        (
            {"team": "first_contact"},
            "team",
            "Sprawę można założyć tylko na tablicy zespołu świadczeń albo zespołu pracy socjalnej.",
        ),
    ],
)
def test_bad_input_gets_a_polish_message_and_saves_nothing(world, change, field, message):
    values = {}
    if "worker" in change:
        values["worker_id"] = world.staff[change["worker"]]
    if "status" in change:
        team, code = change["status"]
        values["status_id"] = world.statuses[team][code]
    if "team" in change:
        values["team_id"] = world.teams[change["team"]]
    for key in ("application_date", "kind_id", "client_id"):
        if key in change:
            values[key] = change[key]
    base = {
        "client_id": world.clients["kowalski"],
        "kind_id": world.kinds["zasilek_okresowy"],
        "team_id": world.teams["benefits"],
    }
    base.update(values)
    with pytest.raises(ValidationError) as error:
        world.as_("clerk").cases.create(CaseInput(**base))
    assert error.value.errors[field] == message
    assert count_cases(world) == 0
    with world.db.reading() as session:  # the file number was not used up either
        assert (
            session.scalar(
                select(func.count()).select_from(Counter).where(Counter.name == "case_file")
            )
            == 0
        )


def test_who_may_open_cases_where(world):
    # a benefits worker opens on their own board, not on social work's
    world.as_("anna").cases.create(periodic(world))
    with pytest.raises(PermissionDenied, match="własnego zespołu"):
        world.as_("anna").cases.create(
            CaseInput(client_id=world.clients["kowalski"], kind_id=world.kinds["praca_socjalna"])
        )
    for nobody in ("psych", "admin"):
        with pytest.raises(PermissionDenied):
            world.as_(nobody).cases.create(periodic(world))
    # the desk opens on any board
    assert (
        world.as_("clerk")
        .cases.create(
            CaseInput(client_id=world.clients["kowalski"], kind_id=world.kinds["praca_socjalna"])
        )
        .id
    )
    assert count_cases(world) == 2


def test_opening_is_recorded_in_history_and_audit(world):
    case = world.as_("clerk").cases.create(periodic(world, summary="Wniosek o zasiłek"))
    with world.db.reading() as session:
        events = session.execute(
            select(CaseEvent.kind, CaseEvent.to_value).where(CaseEvent.case_id == case.id)
        ).all()
        audit = session.execute(
            select(AuditEntry.action, AuditEntry.entity).where(
                AuditEntry.entity_id == case.id, AuditEntry.entity == "case"
            )
        ).all()
    assert events == [("created", "Nowy wniosek"), ("worker", "Anna Łęcka")]
    assert audit == [("create", "case")]


def add_visit(world, client="kowalski", team="benefits", worker="bartosz") -> int:
    with world.db.transaction() as session:
        visit = Visit(
            day=date(2026, 3, 13),
            channel="in_person",
            state="in_service",
            client_id=world.clients[client] if client else None,
            target_team_id=world.teams[team] if team else None,
            target_worker_id=world.staff[worker] if worker else None,
            arrived_at=datetime(2026, 3, 13, 10, 5),
        )
        session.add(visit)
        session.flush()
        return visit.id


def test_open_case_from_a_reception_contact(world):
    visit_id = add_visit(world)
    case = world.as_("clerk").cases.open_case_from_visit(
        visit_id, world.kinds["zasilek_celowy"], summary="Opał na zimę"
    )
    assert case.application_date == date(2026, 3, 13)  # the day of the contact
    assert (case.team_name, case.worker_name) == ("Zespół świadczeń", "Bartosz Źrebiec")
    detail = world.as_("bartosz").cases.get(case.id)
    assert detail.opened_from_visit_id == visit_id and detail.text == "Opał na zimę"


def test_open_case_from_a_contact_uses_the_kinds_team_when_the_target_differs(world):
    visit_id = add_visit(world, team="benefits", worker="anna")
    case = world.as_("clerk").cases.open_case_from_visit(visit_id, world.kinds["praca_socjalna"])
    assert (case.team_name, case.worker_name) == ("Zespół pracy socjalnej i usług", "Celina Żak")


def test_open_case_from_a_contact_without_a_client(world):
    visit_id = add_visit(world, client=None)
    with pytest.raises(ValidationError) as error:
        world.as_("clerk").cases.open_case_from_visit(visit_id, world.kinds["zasilek_celowy"])
    assert error.value.errors == {
        "client": "Najpierw zarejestruj osobę jako klienta, potem załóż sprawę."
    }
    with pytest.raises(NotFound):
        world.as_("clerk").cases.open_case_from_visit(999, world.kinds["zasilek_celowy"])
    assert count_cases(world) == 0


def test_default_assignment_prefills_the_form(world):
    clerk = world.as_("clerk")
    assignment = clerk.cases.default_assignment(
        world.clients["wasik"], world.kinds["uslugi_opiekuncze"]
    )
    assert assignment.team_id == world.teams["social_work"]
    assert assignment.worker_id == world.staff["dorota"]

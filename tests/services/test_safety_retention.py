"""Retention: a preview (codes, file numbers, what is cleared — no names), then anonymisation
of the clients whose every case closed more than N years ago; audited; cases keep numbers."""

from collections import Counter
from datetime import date, datetime, time

import pytest
from safety.offices import clients_with_old_cases
from sqlalchemy import String, or_, select

from opsdesk.domain.case_closing import DECISION, Closing
from opsdesk.domain.hours import ContractKind, SessionForm
from opsdesk.domain.pesel import make_pesel
from opsdesk.domain.queue import Channel, Outcome
from opsdesk.domain.roles import Role
from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.services.cases.records import CaseInput
from opsdesk.services.clients.register import ClientInput
from opsdesk.services.hours.records import BookingInput, ContractInput, DutyHours, SessionInput
from opsdesk.services.reception.desk import ContactInput
from opsdesk.services.reception.rooms import BookingInput as RoomBookingInput
from opsdesk.services.safety.retention import ANONYMISED_NAME, DEFAULT_YEARS, RetentionService
from opsdesk.services.safety.retention_texts import ANONYMISED_TEXT
from opsdesk.storage.models import AuditEntry, Base, Case, Client, Household


@pytest.fixture
def manager(make_person):
    return make_person(Role.MANAGER, login="kierownik")


@pytest.fixture
def people(office, make_person, manager, clock):
    return clients_with_old_cases(make_person, manager, clock)


def test_the_default_period_is_ten_years_and_the_administrator_changes_it(office):
    assert office.retention.years() == DEFAULT_YEARS == 10
    with pytest.raises(ValidationError) as error:
        office.retention.set_years(0)
    assert "od 1 do 100" in error.value.errors["years"]
    assert office.retention.set_years(5) == 5
    assert office.retention.years() == 5


def test_only_the_administrator(manager, make_person):
    for services in (manager, make_person(Role.SOCIAL_WORKER, "social_work")):
        with pytest.raises(PermissionDenied):
            services.retention.preview()
        with pytest.raises(PermissionDenied):
            services.retention.anonymise([1])
        with pytest.raises(PermissionDenied):
            services.retention.set_years(3)


def test_preview_lists_codes_file_numbers_and_fields_never_names(office, people):
    preview = office.retention.preview()
    assert preview.years == 10 and preview.cutoff == date(2016, 11, 30)
    [candidate] = preview.candidates
    assert candidate.client_id == people["old"]
    assert candidate.code.startswith("K-")
    assert candidate.last_closed == date(2014, 3, 3)
    assert len(candidate.file_numbers) == 1
    assert candidate.cleared_labels() == (
        "imię i nazwisko, PESEL, data urodzenia, adres, telefon, e-mail"
    )
    assert "Wąsowska" not in repr(preview)
    with office.db.reading() as session:  # looking changes nothing, but is recorded
        assert session.get(Client, people["old"]).last_name == "Wąsowska"
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "retention_preview")
        ).one()
        assert entry.actor_login == "admin" and "1 clients" in entry.detail


def test_a_shorter_period_takes_in_more(office, people):
    office.retention.set_years(5)
    ids = {c.client_id for c in office.retention.preview().candidates}
    assert ids == {people["old"], people["recent"]}  # "mixed" has an open case


def test_anonymise_clears_the_person_keeps_the_cases_and_is_audited(office, people, manager, clock):
    preview = office.retention.preview()
    result = office.retention.anonymise([c.client_id for c in preview.candidates])
    assert (result.anonymised, result.skipped) == (1, 0)
    with office.db.reading() as session:
        client = session.get(Client, people["old"])
        assert client.last_name == ANONYMISED_NAME == "Anonimizowany"
        assert client.first_name == ""
        assert client.pesel is None and client.document_number is None
        assert client.birth_date is None
        assert (
            client.locality,
            client.street,
            client.house_number,
            client.postal_code,
            client.phone,
            client.email,
        ) == ("", "", "", "", "", "")
        assert client.anonymised_at == clock.now()
        assert client.code == preview.candidates[0].code  # hour sheets still add up
        case = session.scalars(select(Case).where(Case.client_id == client.id)).one()
        assert case.file_number == preview.candidates[0].file_numbers[0]
        entries = list(
            session.execute(
                select(AuditEntry.entity, AuditEntry.entity_id, AuditEntry.actor_login).where(
                    AuditEntry.action == "anonymise"
                )
            )
        )
        assert session.get(Client, people["mixed"]).last_name == "Żak"
    assert [tuple(e) for e in entries] == [("client", people["old"], "admin")]
    # the register no longer finds the person, by name or PESEL
    assert manager.clients.search("Wąsowska") == []
    assert manager.clients.search(make_pesel(date(1944, 5, 14), "F", 1)) == []
    assert office.retention.preview().candidates == ()


def test_clients_no_longer_qualifying_are_skipped(office, people, manager, clock):
    preview = office.retention.preview()
    kind = next(k for k in manager.cases.kinds() if not k.needs_decision)
    manager.cases.create(CaseInput(people["old"], kind.id))  # came back meanwhile
    result = office.retention.anonymise(
        [c.client_id for c in preview.candidates] + [people["recent"], 999_999]
    )
    assert (result.anonymised, result.skipped) == (0, 3)
    with office.db.reading() as session:
        assert session.get(Client, people["old"]).last_name == "Wąsowska"


# --- free text written about the client -------------------------------------------------------

ROUTING = "Pani Wąsowska prosi o rozmowę z p. Nowak, zna ją z sąsiedztwa"
DESK_NOTE = "Skarży się na przemoc syna, boi się wracać do domu"
REDIRECT = "Sprawa długów czynszowych Wąsowskiej, nie świadczenia"
FINISH_NOTE = "Umówiona na wywiad, syn pije"
CANCEL = "Wyszła z płaczem przed wywołaniem"
ROOM_NOTE = "Rozmowa o przemocy domowej z Wąsowską"
SUMMARY = "Zasiłek celowy na leki kardiologiczne, mieszka sama z synem alkoholikiem"
CASE_NOTE = "Syn grozi matce, rozważyć Niebieską Kartę"
SUSPENSION = "Czekamy na zaświadczenie od psychiatry o stanie zdrowia"
NOTICE = "Opóźnienie: pobyt klientki w szpitalu psychiatrycznym"
INTERVIEW = "Wywiad: mieszkanie zadłużone, syn agresywny po alkoholu"
HANDOFF = "Proszę o pracę socjalną: przemoc ze strony syna, depresja"
OUTCOME = "Przyznano zasiłek celowy 400 zł na leki"
HANDOFF_OUTCOME = "Syn podjął terapię odwykową"
SESSION_NOTE = "Klientka opowiada o lęku przed synem; plan: grupa wsparcia"
GROUP_NOTE = "Grupa wsparcia: Wąsowska i Kęsik, wspólne doświadczenie przemocy"
OLD_TEXTS = (
    ROUTING,
    DESK_NOTE,
    REDIRECT,
    FINISH_NOTE,
    CANCEL,
    ROOM_NOTE,
    SUMMARY,
    CASE_NOTE,
    SUSPENSION,
    NOTICE,
    INTERVIEW,
    HANDOFF,
    OUTCOME,
    HANDOFF_OUTCOME,
    SESSION_NOTE,
)
RECENT_NOTE = "Kęsik: notatka z 2020, nadal przechowywana"


def _at(clock, *when):
    clock.moment = datetime(*when)


@pytest.fixture
def written(office, people, manager, make_person, clock):
    """Free text about the "old" client written in 2013 (visits, a room booking, a case with
    notes, a suspension, a notice and a hand-off, psychologist's sessions); a group session
    shared with "recent", who is kept; "old" shares a household with a kept relative."""
    clerk = make_person(Role.CLERK, "first_contact", "recepcja")
    psychologist = make_person(Role.PSYCHOLOGIST, None, "psycholog")
    teams = {t.kind: t.id for t in office.teams.list()}
    old, recent = people["old"], people["recent"]
    _at(clock, 2013, 6, 3, 8, 0)  # a Monday
    purpose = clerk.reception.purposes()[0]
    route = clerk.reception.route(purpose.id, old)
    other_team = next(
        t for k, t in teams.items() if t != route.team_id and k in ("benefits", "social_work")
    )
    visit = clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON,
            purpose.id,
            client_id=old,
            team_id=other_team,
            override_reason=ROUTING,
            note=DESK_NOTE,
        )
    )
    back = next(
        t for k, t in teams.items() if t not in (other_team,) and k in ("benefits", "social_work")
    )
    clerk.queue.redirect(visit.id, back, reason=REDIRECT)
    clerk.queue.call(visit.id)
    clerk.queue.finish(visit.id, Outcome.INFORMATION, note=FINISH_NOTE)
    second = clerk.reception.register(ContactInput(Channel.IN_PERSON, purpose.id, client_id=old))
    clerk.queue.cancel(second.id, CANCEL)
    clerk.rooms.book(
        RoomBookingInput(
            "pokój cichy",
            datetime(2013, 6, 3, 10),
            datetime(2013, 6, 3, 11),
            manager.actor.id,
            old,
            ROOM_NOTE,
        )
    )
    decided = next(k for k in manager.cases.kinds() if k.needs_decision)
    case = manager.cases.create(CaseInput(old, decided.id, summary=SUMMARY)).id
    manager.case_notes.add(case, CASE_NOTE)
    manager.case_deadlines.suspend(case, None, SUSPENSION)
    _at(clock, 2013, 6, 10, 8, 0)
    manager.case_deadlines.resume(case)
    manager.case_deadlines.give_notice(case, date(2013, 9, 2), NOTICE)
    social = next(k for k in manager.cases.kinds() if not k.needs_decision)
    handed = manager.handoffs.hand_off(case, teams["social_work"], social.id, HANDOFF).id
    contract = manager.contracts.create(
        ContractInput(
            kind=ContractKind.PSYCHOLOGY,
            number="1/PS/2013",
            provider_staff_id=psychologist.actor.id,
            monthly_minutes=15 * 60,
            valid_from=date(2013, 1, 1),
            valid_to=date(2013, 12, 31),
            project_name="Skuteczna pomoc",
            project_number="POWR.02.05.00-00-0117/16",
            duty_hours=(DutyHours(1, time(12), time(16)),),
        )
    )
    # the desk refers both clients (bookings on the contract's last Tuesday): only referred
    # clients are the psychologist's to record sessions with
    for hour, client in ((12, old), (13, recent)):
        clerk.hours_calendar.book(
            BookingInput(contract.id, date(2013, 12, 31), time(hour), 60, client)
        )
    _at(clock, 2013, 6, 10, 18, 0)
    psychologist.hours.record(
        SessionInput(
            contract.id,
            date(2013, 6, 10),
            time(12),
            50,
            SessionForm.INDIVIDUAL,
            (old,),
            note=SESSION_NOTE,
        )
    )
    psychologist.hours.record(
        SessionInput(
            contract.id,
            date(2013, 6, 10),
            time(14),
            90,
            SessionForm.GROUP,
            (old, recent),
            note=GROUP_NOTE,
        )
    )
    manager.cases.close(handed, HANDOFF_OUTCOME)
    manager.case_deadlines.record_interview(case, None, INTERVIEW)
    manager.case_deadlines.record_decision(case, None)
    manager.cases.close(case, Closing(DECISION, OUTCOME, "ZS.8111.40.2013"))
    relative = clerk.clients.create(
        ClientInput(
            first_name="Jan",
            last_name="Wąsowski",
            pesel=make_pesel(date(1970, 2, 3), "M", 4),
            locality="Łęczyca",
        )
    )
    clerk.clients.join_household(relative.id, old, "syn")
    _at(clock, 2020, 3, 3, 9, 0)
    recent_case = people["cases"][recent]
    manager.case_notes.add(recent_case, RECENT_NOTE)
    _at(clock, 2026, 11, 30, 9, 0)
    return {"contract": contract.id, "relative": relative.id, "case": case, "visit": visit.id}


# table -> the kind of text the preview counts there
KIND_OF_TABLE = {
    "case_file": "case",
    "case_note": "case_note",
    "case_event": "case_event",
    "case_suspension": "case_suspension",
    "case_handoff": "case_handoff",
    "visit": "visit",
    "visit_event": "visit_event",
    "room_booking": "room_booking",
    "session_note": "session_note",
    "session": "session",
}


def _is_text(column) -> bool:
    return isinstance(column.type, String)  # Text derives from String


def _snapshot(office) -> dict:
    """Every row of every table: (table, primary key) -> {column: value}."""
    rows = {}
    with office.db.reading() as session:
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table)).mappings():
                key = tuple(row[c.name] for c in table.primary_key.columns)
                rows[table.name, key] = dict(row)
    return rows


def _changed_texts(before: dict, after: dict) -> Counter:
    """How many text values changed in rows that existed before, per kind (client table
    aside: its own fields are the "cleared" ones)."""
    changed: Counter = Counter()
    for (table, key), row in before.items():
        if table in ("client", "household"):
            continue
        table_columns = Base.metadata.tables[table].columns
        for name, value in row.items():
            if _is_text(table_columns[name]) and after[table, key][name] != value:
                changed[KIND_OF_TABLE[table]] += 1
    return changed


def _where_found(office, text: str) -> list[str]:
    """table.column of every text column of every table holding ``text``."""
    found = []
    with office.db.reading() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if _is_text(c)]
            if (
                columns
                and session.execute(
                    select(table).where(or_(*(c.contains(text, autoescape=True) for c in columns)))
                ).first()
            ):
                found.append(table.name)
    return found


def _anonymise_all(office):
    preview = office.retention.preview()
    return preview, office.retention.anonymise([c.client_id for c in preview.candidates])


def test_every_text_written_about_the_client_is_replaced(office, people, written):
    assert all(_where_found(office, text) for text in OLD_TEXTS)  # the texts are there
    preview, result = _anonymise_all(office)
    assert (result.anonymised, result.skipped) == (1, 0)
    left = {text: where for text in OLD_TEXTS if (where := _where_found(office, text))}
    assert left == {}
    assert _where_found(office, ANONYMISED_TEXT)
    # the group session is kept while "recent" is; so is everything of "recent"
    assert _where_found(office, GROUP_NOTE) == ["session_note"]
    assert _where_found(office, RECENT_NOTE) == ["case_note"]


def test_the_preview_counts_what_then_changes_and_the_audit_holds_only_counts(office, written):
    before = _snapshot(office)
    preview, result = _anonymise_all(office)
    changed = _changed_texts(before, _snapshot(office))
    [candidate] = preview.candidates
    assert dict(candidate.texts) == dict(preview.texts) == dict(changed)
    assert candidate.text_count == preview.text_count == result.texts == sum(changed.values())
    assert set(changed) >= {
        "case",
        "case_note",
        "case_event",
        "case_suspension",
        "case_handoff",
        "visit",
        "visit_event",
        "room_booking",
        "session_note",
    }
    assert "notatki w sprawach: 1" in candidate.texts_label()
    assert preview.households_ended == result.households_ended == 1
    with office.db.reading() as session:
        detail = session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "anonymise")
        ).one()
    assert detail.startswith("retention 10 years; texts replaced: case=")
    assert "case_note=1" in detail and not any(t in detail for t in OLD_TEXTS)


def test_statistics_dates_minutes_and_client_codes_stay(office, people, manager, written):
    month = (2013, 6)
    sheet = manager.hours_sheets.hour_sheet(written["contract"], month)
    stats = manager.reception_stats.day(date(2013, 6, 3))
    before = _snapshot(office)
    _anonymise_all(office)
    after = _snapshot(office)
    for (table, key), row in before.items():
        if table in ("client", "household"):
            continue
        columns = Base.metadata.tables[table].columns
        assert {n: v for n, v in row.items() if not _is_text(columns[n])} == {
            n: v for n, v in after[table, key].items() if not _is_text(columns[n])
        }, table
    again = manager.hours_sheets.hour_sheet(written["contract"], month)
    assert again.rows == sheet.rows and again.month_used_minutes == sheet.month_used_minutes == 140
    assert manager.reception_stats.day(date(2013, 6, 3)) == stats
    with office.db.reading() as session:
        codes = {c.id: c.code for c in session.scalars(select(Client))}
    assert {r.client_code for r in again.rows} >= {codes[people["old"]]}


def test_a_kept_client_is_untouched_until_their_own_time(office, people, written):
    kept = ("client", (people["recent"],))
    before = _snapshot(office)
    _anonymise_all(office)
    after = _snapshot(office)
    assert after[kept] == before[kept]
    recent_rows = [
        k
        for k, row in before.items()
        if k[0] == "case_file" and row["client_id"] == people["recent"]
    ]
    assert recent_rows and all(after[k] == before[k] for k in recent_rows)
    # five years later "recent" goes too, and with them the group session's note
    office.retention.set_years(5)
    preview, result = _anonymise_all(office)
    assert [c.client_id for c in preview.candidates] == [people["recent"]]
    assert dict(preview.texts)["session_note"] == 1 and result.anonymised == 1
    assert _where_found(office, GROUP_NOTE) == _where_found(office, RECENT_NOTE) == []


def test_the_household_ends_when_one_member_stays(office, people, written):
    _anonymise_all(office)
    with office.db.reading() as session:
        relative = session.get(Client, written["relative"])
        assert (relative.household_id, relative.household_relation) == (None, None)
        assert relative.last_name == "Wąsowski"
        assert session.scalars(select(Household)).all() == []
        assert (
            session.scalars(
                select(AuditEntry.detail).where(
                    AuditEntry.entity_id == relative.id, AuditEntry.action == "update"
                )
            ).all()[-1]
            == "left household (retention)"
        )


def test_a_refused_or_failed_run_changes_nothing(office, people, manager, written, monkeypatch):
    preview = office.retention.preview()
    ids = [c.client_id for c in preview.candidates]
    before = _snapshot(office)
    with pytest.raises(PermissionDenied):
        manager.retention.anonymise(ids)
    assert _snapshot(office) == before

    real = RetentionService._end_households

    def fail_at_the_end(self, *args):
        real(self, *args)
        raise RuntimeError("disk full")

    monkeypatch.setattr(RetentionService, "_end_households", fail_at_the_end)
    with pytest.raises(RuntimeError):
        office.retention.anonymise(ids)
    assert _snapshot(office) == before
    assert all(_where_found(office, text) for text in OLD_TEXTS)

"""Client names and the psychologist's private notes cannot be reached through any hours
service by anyone but the psychologist (names: their own view; notes: their author only)."""

from __future__ import annotations

from datetime import date, time

import pytest
from hours_office import NOTE, HoursOffice, psych_contract_input

from opsdesk.errors import NotFound, PermissionDenied
from opsdesk.services.hours.records import BookingInput

NOV_3 = date(2026, 11, 3)
NAMES = ("Łukasz", "Kowalski", "Zofia", "Wąsowska")
ROLES = [
    "admin",
    "manager",
    "clerk",
    "other_psychologist",
    "supervisor",
    "social_a",
    "services_worker",
    "benefits_worker",
]


@pytest.fixture
def recorded(hours: HoursOffice):
    session = hours.psychologist.hours.record(hours.consultation(NOV_3, "12:00", note=NOTE))
    hours.clerk.hours_calendar.book(
        BookingInput(hours.psych.id, date(2026, 12, 1), time(12), 60, hours.clients["zofia"].id)
    )
    hours.supervisor.hours.record(hours.supervision_session(NOV_3, "09:00"))
    return session


def every_read(services, hours: HoursOffice, session_id: int) -> list:
    """The result of every reading call of the hours services (or the refusal)."""
    psych, sup = hours.psych.id, hours.supervision.id
    calls = [
        lambda: services.contracts.list(),
        lambda: services.contracts.get(psych),
        lambda: services.hours.sessions(psych, (2026, 11)),
        lambda: services.hours.sessions(psych, (2026, 12)),
        lambda: services.hours.sessions(sup, (2026, 11)),
        lambda: services.hours.session(session_id),
        lambda: services.hours.budget(psych, (2026, 11)),
        lambda: services.hours.check(psych, NOV_3, 60),
        lambda: services.hours.own_clients(psych),
        lambda: services.hours.own_supervision(2026),
        lambda: services.hours.social_workers(),
        lambda: services.hours_calendar.bookable(),
        lambda: services.hours_calendar.week(psych, date(2026, 11, 30)),
        lambda: services.hours_calendar.week(psych, NOV_3),
        lambda: services.hours_calendar.bookings_for_client(hours.clients["zofia"].id),
        lambda: services.hours_summary.contract_summary(psych),
        lambda: services.hours_summary.projects(),
        lambda: services.hours_summary.supervision_by_worker(2026),
        lambda: services.hours_sheets.hour_sheet(psych, (2026, 11)),
        lambda: services.hours_sheets.attendance_sheet(sup, (2026, 11)),
    ]
    results = []
    for call in calls:
        try:
            results.append(call())
        except (PermissionDenied, NotFound) as refusal:
            results.append(refusal)
    return results


@pytest.mark.parametrize("who", ROLES)
def test_no_other_role_reaches_names_or_notes(hours, recorded, who):
    seen = repr(every_read(getattr(hours, who), hours, recorded.id))
    assert NOTE not in seen
    for name in NAMES:
        assert name not in seen, f"{who} saw {name}"


def test_the_psychologist_sees_own_clients_by_name_and_the_note_only_in_the_session(
    hours, recorded
):
    assert hours.psychologist.hours.session(recorded.id).note == NOTE
    listed = hours.psychologist.hours.sessions(hours.psych.id, (2026, 11))
    assert listed[0].clients[0].name == "Łukasz Kowalski" and listed[0].note is None
    week = hours.psychologist.hours_calendar.week(hours.psych.id, date(2026, 11, 30))
    assert any("Zofia Wąsowska" in slot.label for slot in week.slots)
    sheet = hours.psychologist.hours_sheets.hour_sheet(hours.psych.id, (2026, 11))
    assert "Kowalski" not in repr(sheet)  # printed sheets carry codes only
    assert sheet.rows[0].client_code == hours.clients["lukasz"].code


def test_the_manager_sees_codes(hours, recorded):
    listed = hours.manager.hours.sessions(hours.psych.id, (2026, 11))
    assert listed[0].clients[0].display == hours.clients["lukasz"].code


def test_the_desk_sees_taken_slots_but_not_who(hours, recorded):
    week = hours.clerk.hours_calendar.week(hours.psych.id, date(2026, 11, 30))
    taken = [s for s in week.slots if not s.free]
    assert taken and all(s.label == "" for s in taken)


def test_a_note_stays_its_authors_when_the_contract_changes_hands(hours, recorded):
    hours.manager.contracts.update(
        hours.psych.id, psych_contract_input(hours.other_psychologist.actor.id)
    )
    other = hours.other_psychologist.hours.session(recorded.id)
    assert other.note is None and not other.has_own_note
    with pytest.raises(PermissionDenied):
        hours.other_psychologist.hours.update(
            recorded.id, hours.consultation(NOV_3, "12:00", note="nadpisuję")
        )
    with pytest.raises(PermissionDenied):
        hours.psychologist.hours.session(recorded.id)  # no longer the provider


def test_reads_of_sessions_are_audited(hours, recorded):
    hours.manager.hours.sessions(hours.psych.id, (2026, 11))
    reads = hours.manager.audit.entries(action="read", entity="contract", entity_id=hours.psych.id)
    assert any(e.actor_login == "kierownik" and "2026-11" in e.detail for e in reads)

"""Recording sessions: validity, durations, forms, clashes, participants, notes."""

from __future__ import annotations

import dataclasses
from datetime import date, time

import pytest
from hours_office import NOTE, psych_contract_input
from people import STAFF_PASSWORD

from opsdesk.domain.hours import SessionForm, SessionState
from opsdesk.errors import Conflict, PermissionDenied, ValidationError
from opsdesk.services.hours.records import (
    BookingInput,
    ManagerApproval,
    ParticipantInput,
    SessionInput,
)
from opsdesk.services.hours.session_checks import SessionClash

NOV_3 = date(2026, 11, 3)  # a Tuesday before the fixture's "today" (30.11.2026)


def test_provider_records_a_session_and_reads_it_back(hours):
    record = hours.psychologist.hours.record(hours.consultation(NOV_3, "12:00", 45, note=NOTE))
    assert record.state is SessionState.HELD
    assert record.time_label == "12:00–12:45"
    assert record.clients[0].display == "Łukasz Kowalski (K-000001)"
    again = hours.psychologist.hours.session(record.id)
    assert again.note == NOTE and again.has_own_note


@pytest.mark.parametrize(
    "who", ["manager", "clerk", "other_psychologist", "supervisor", "social_a", "admin"]
)
def test_only_the_provider_records(hours, who):
    with pytest.raises(PermissionDenied):
        getattr(hours, who).hours.record(hours.consultation(NOV_3, "12:00"))


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        (0, "Sesja musi trwać co najmniej minutę."),
        (-30, "Sesja musi trwać co najmniej minutę."),
        (24 * 60 + 1, "Sesja nie może trwać dłużej niż 24 godziny."),
        (8 * 60, "Sesja musi skończyć się w dniu, w którym się zaczęła."),  # 20:00 + 8 h
    ],
)
def test_bad_durations_are_refused(hours, minutes, message):
    with pytest.raises(ValidationError) as error:
        hours.psychologist.hours.record(hours.consultation(NOV_3, "20:00", minutes))
    assert error.value.errors["minutes"] == message


def test_a_full_day_session_is_accepted(hours):
    approval = ManagerApproval("Całodniowa interwencja kryzysowa", "kierownik", STAFF_PASSWORD)
    record = hours.psychologist.hours.record(hours.consultation(NOV_3, "00:00", 24 * 60), approval)
    assert record.minutes == 1440 and record.approved_over_budget


@pytest.mark.parametrize("day", [date(2025, 12, 31), date(2027, 7, 1)])
def test_sessions_outside_the_contract_are_refused(hours, day):
    with pytest.raises(ValidationError) as error:
        hours.psychologist.hours.record(hours.consultation(day, "10:00"))
    assert error.value.errors["day"] == (
        "Umowa obowiązuje od 01.01.2026 do 30.06.2027; ta data jest poza nią."
    )


def test_first_and_last_day_of_validity_are_inside(hours):
    hours.psychologist.hours.record(hours.consultation(date(2026, 1, 1), "10:00"))


def test_a_future_session_must_be_booked_not_recorded(hours):
    with pytest.raises(ValidationError) as error:
        hours.psychologist.hours.record(hours.consultation(date(2026, 12, 1), "12:00"))
    assert "zarezerwuj" in error.value.errors["day"]


def test_overlapping_sessions_of_one_provider_are_refused_naming_the_clash(hours):
    hours.psychologist.hours.record(hours.consultation(NOV_3, "12:00", 60))
    with pytest.raises(SessionClash) as error:
        hours.psychologist.hours.record(hours.consultation(NOV_3, "12:30", 60, client="zofia"))
    assert error.value.errors["start"] == (
        "Ten termin koliduje z inną sesją wykonawcy: 03.11.2026 12:00–13:00, konsultacja "
        "indywidualna (odbyta, umowa 3/PS/2026)."
    )
    # back to back is fine
    hours.psychologist.hours.record(hours.consultation(NOV_3, "13:00", 60, client="zofia"))


def test_a_clash_across_the_providers_contracts_is_found(hours):
    second = hours.manager.contracts.create(
        psych_contract_input(hours.psychologist.actor.id, number="9/PS/2026")
    )
    hours.psychologist.hours.record(hours.consultation(NOV_3, "12:00", 60))
    data = dataclasses.replace(hours.consultation(NOV_3, "12:15", 30), contract_id=second.id)
    with pytest.raises(SessionClash) as error:
        hours.psychologist.hours.record(data)
    assert "umowa 3/PS/2026" in error.value.errors["start"]


def test_cancelled_sessions_free_their_time(hours):
    first = hours.psychologist.hours.record(hours.consultation(NOV_3, "12:00"))
    hours.psychologist.hours.cancel(first.id)
    hours.psychologist.hours.record(hours.consultation(NOV_3, "12:00", client="zofia"))


def test_forms_and_clients(hours):
    with pytest.raises(ValidationError) as error:
        hours.psychologist.hours.record(
            hours.consultation(
                NOV_3, "12:00", form=SessionForm.INDIVIDUAL, clients=("lukasz", "zofia")
            )
        )
    assert error.value.errors["clients"] == "Konsultacja indywidualna dotyczy jednego klienta."
    with pytest.raises(ValidationError) as error:
        hours.psychologist.hours.record(
            hours.consultation(NOV_3, "12:00", form=SessionForm.SUPERVISION_GROUP)
        )
    assert error.value.errors["form"] == "Ta forma nie należy do tego rodzaju umowy."
    family = hours.psychologist.hours.record(
        hours.consultation(NOV_3, "12:00", 90, form=SessionForm.FAMILY, clients=("lukasz", "zofia"))
    )
    assert [c.code for c in family.clients] == ["K-000001", "K-000002"]


def test_supervision_participants_must_be_social_or_services_workers(hours):
    """docs/roles.md: social workers and the services worker attend supervision."""
    sup = hours.supervisor.hours
    with pytest.raises(ValidationError) as error:
        sup.record(hours.supervision_session(NOV_3, "09:00", people=(hours.clerk, hours.social_a)))
    assert error.value.errors["participants"] == (
        "Beata Kłos nie jest aktywnym pracownikiem socjalnym ani pracownikiem ds. usług: "
        "superwizja jest tylko dla nich."
    )
    held = sup.record(
        hours.supervision_session(NOV_3, "09:00", people=(hours.social_a, hours.services_worker))
    )
    assert len(held.participants) == 2
    with pytest.raises(ValidationError) as error:
        sup.record(hours.supervision_session(NOV_3, "09:00", people=(hours.social_a,)))
    assert error.value.errors["participants"] == (
        "Superwizja grupowa wymaga co najmniej dwóch uczestników."
    )


def test_supervision_stores_participants_and_consent_never_content(hours):
    record = hours.supervisor.hours.record(hours.supervision_session(NOV_3, "09:00"))
    assert [(p.full_name, p.consent) for p in record.participants] == [
        ("Ewa Szuberla", True),
        ("Marek Wójcik", False),
    ]
    with pytest.raises(ValidationError) as error:
        hours.supervisor.hours.update(
            record.id,
            dataclasses.replace(
                hours.supervision_session(NOV_3, "09:00"), note="Omówiono rodzinę X."
            ),
        )
    assert "nigdy" in error.value.errors["note"]
    assert not hasattr(record, "content")


def test_an_inactive_social_worker_is_refused(hours):
    hours.admin.staff.set_active(hours.social_b.actor.id, False)
    with pytest.raises(ValidationError) as error:
        hours.supervisor.hours.record(hours.supervision_session(NOV_3, "09:00"))
    assert "Marek Wójcik" in error.value.errors["participants"]


def test_workers_see_their_own_attendance(hours):
    hours.supervisor.hours.record(hours.supervision_session(NOV_3, "09:00", 120))
    hours.supervisor.hours.record(
        hours.supervision_session(
            date(2026, 11, 10),
            "09:00",
            60,
            people=(hours.social_a,),
            form=SessionForm.SUPERVISION_INDIVIDUAL,
        )
    )
    own = hours.social_a.hours.own_supervision(2026)
    assert own.minutes == 180 and len(own.rows) == 2
    assert own.rows[0].provider_name == "Krzysztof Dąbrowski"
    assert hours.social_b.hours.own_supervision(2026).minutes == 120
    assert hours.social_b.hours.own_supervision(2025).rows == ()
    with pytest.raises(PermissionDenied):
        hours.clerk.hours.own_supervision(2026)


def test_no_show_and_cancel_states(hours):
    booking = hours.clerk.hours_calendar.book(
        BookingInput(hours.psych.id, date(2026, 12, 1), time(12), 60, hours.clients["zofia"].id)
    )
    with pytest.raises(ValidationError):
        hours.psychologist.hours.mark_no_show(booking.session_id)  # in the future
    with pytest.raises(Conflict):
        hours.psychologist.hours.mark_held(
            hours.psychologist.hours.record(hours.consultation(NOV_3, "12:00")).id
        )


def test_notes_belong_to_their_author(hours):
    record = hours.psychologist.hours.record(hours.consultation(NOV_3, "12:00", note=NOTE))
    changed = hours.psychologist.hours.update(
        record.id, dataclasses.replace(hours.consultation(NOV_3, "12:00", note=None))
    )
    assert changed.note == NOTE  # None leaves the note alone
    removed = hours.psychologist.hours.update(
        record.id, hours.consultation(NOV_3, "12:00", note="")
    )
    assert removed.note is None and not removed.has_own_note


def test_a_session_cannot_move_to_another_contract(hours):
    record = hours.psychologist.hours.record(hours.consultation(NOV_3, "12:00"))
    with pytest.raises(ValidationError) as error:
        hours.psychologist.hours.update(
            record.id,
            SessionInput(
                hours.supervision.id,
                NOV_3,
                time(12),
                60,
                SessionForm.INDIVIDUAL,
                (hours.clients["lukasz"].id,),
            ),
        )
    assert "contract" in error.value.errors


def test_participants_are_not_clients(hours):
    with pytest.raises(ValidationError) as error:
        hours.psychologist.hours.record(
            dataclasses.replace(
                hours.consultation(NOV_3, "12:00"),
                participants=(ParticipantInput(hours.social_a.actor.id),),
            )
        )
    assert "participants" in error.value.errors


def test_every_write_is_audited_without_the_note(hours):
    record = hours.psychologist.hours.record(hours.consultation(NOV_3, "12:00", note=NOTE))
    hours.psychologist.hours.session(record.id)
    entries = hours.manager.audit.entries(entity="session", entity_id=record.id)
    assert {e.action for e in entries} == {"create", "read"}
    assert all(NOTE not in e.detail and "Kowalski" not in e.detail for e in entries)

"""Month approval and lock: submitted by the provider, approved, returned or reopened by the
manager; an approved month refuses every change to its sessions, bookings and notes."""

from __future__ import annotations

import dataclasses
from datetime import date, time

import pytest
from hours_office import NOTE
from sqlalchemy import select

from opsdesk.errors import Conflict, PermissionDenied, ValidationError
from opsdesk.services.hours.records import ApprovalState, BookingInput
from opsdesk.storage.models import AuditEntry

NOV = (2026, 11)
NOV_3 = date(2026, 11, 3)
LOCKED = (
    "Miesiąc 11.2026 jest zatwierdzony i zamknięty; zmiana wymaga ponownego otwarcia go "
    "przez kierownika."
)


def _approved(hours) -> int:
    """A session on 3 November, the month submitted and approved; the session's id."""
    session = hours.psychologist.hours.record(hours.consultation(NOV_3, "12:00", 60, note=NOTE))
    hours.psychologist.month_approvals.submit(hours.psych.id, NOV)
    hours.manager.month_approvals.approve(hours.psych.id, NOV)
    return session.id


def _audit(hours, action: str) -> list[str]:
    with hours.manager.db.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry.detail)
                .where(AuditEntry.action == action, AuditEntry.entity_id == hours.psych.id)
                .order_by(AuditEntry.id)
            )
        )


def test_submitted_then_approved_with_who_and_when(hours):
    assert hours.manager.month_approvals.status(hours.psych.id, NOV).state is ApprovalState.OPEN
    submitted = hours.psychologist.month_approvals.submit(hours.psych.id, NOV)
    assert submitted.state is ApprovalState.SUBMITTED
    assert submitted.submitted_by == "Małgorzata Zielińska"
    approved = hours.manager.month_approvals.approve(hours.psych.id, NOV)
    assert approved.state is ApprovalState.APPROVED and approved.locked
    assert approved.decided_by == "Jolanta Świątek"
    assert approved.decided_at is not None and approved.decided_at.date() == date(2026, 11, 30)
    assert approved.summary.startswith("zatwierdzony, zamknięty — Jolanta Świątek, 30.11.2026")
    assert _audit(hours, "submit_month") == ["month 2026-11"]
    assert _audit(hours, "approve_month") == ["month 2026-11, version 1: 0 sessions, 0 min"]


def test_an_approved_month_refuses_new_changed_and_cancelled_sessions(hours):
    session_id = _approved(hours)
    psychologist = hours.psychologist.hours
    with pytest.raises(ValidationError) as error:
        psychologist.record(hours.consultation(date(2026, 11, 5), "12:00"))
    assert error.value.errors["day"] == LOCKED
    existing = psychologist.session(session_id)
    changed = dataclasses.replace(hours.consultation(NOV_3, "12:00", 90), note="Inna notatka")
    with pytest.raises(Conflict, match="zatwierdzony i zamknięty"):
        psychologist.update(session_id, changed)
    with pytest.raises(Conflict, match="zatwierdzony i zamknięty"):
        psychologist.cancel(session_id)
    after = psychologist.session(session_id)
    assert (after.minutes, after.note, after.state) == (existing.minutes, NOTE, existing.state)


def test_an_approved_month_refuses_bookings_and_moves_into_it(hours):
    _approved(hours)
    booking = BookingInput(
        hours.psych.id, date(2026, 11, 30), time(14), 60, hours.clients["zofia"].id
    )
    with pytest.raises(ValidationError) as error:
        hours.psychologist.hours_calendar.book(booking)
    assert error.value.errors["day"] == LOCKED
    december = hours.psychologist.hours_calendar.book(
        dataclasses.replace(booking, day=date(2026, 12, 1), start=time(12))
    )
    moved = hours.consultation(NOV_3, "14:00", client="zofia")
    with pytest.raises(ValidationError) as error:
        hours.psychologist.hours.update(december.session_id, moved)
    assert error.value.errors["day"] == LOCKED
    hours.psychologist.hours_calendar.cancel_booking(december.session_id)  # December stays open


def test_the_manager_returns_a_month_with_a_reason_and_it_can_be_submitted_again(hours):
    approvals = hours.manager.month_approvals
    hours.psychologist.month_approvals.submit(hours.psych.id, NOV)
    with pytest.raises(ValidationError) as error:
        approvals.send_back(hours.psych.id, NOV, "   ")
    assert error.value.errors["reason"] == "Podaj powód."
    returned = approvals.send_back(hours.psych.id, NOV, "Brak sesji z 12 listopada")
    assert returned.state is ApprovalState.RETURNED and not returned.locked
    assert returned.reason == "Brak sesji z 12 listopada"
    hours.psychologist.hours.record(hours.consultation(date(2026, 11, 12), "12:00"))
    again = hours.psychologist.month_approvals.submit(hours.psych.id, NOV)
    assert again.state is ApprovalState.SUBMITTED
    assert _audit(hours, "return_month") == ["month 2026-11: Brak sesji z 12 listopada"]


def test_a_reopened_month_takes_a_correction_and_the_audit_keeps_both_versions(hours):
    session_id = _approved(hours)
    approvals = hours.manager.month_approvals
    reopened = approvals.reopen(hours.psych.id, NOV, "Sesja trwała 90 minut")
    assert reopened.state is ApprovalState.REOPENED and reopened.corrections == 1
    hours.psychologist.hours.update(session_id, hours.consultation(NOV_3, "12:00", 90))
    hours.psychologist.month_approvals.submit(hours.psych.id, NOV)
    final = approvals.approve(hours.psych.id, NOV)
    assert final.locked and final.corrections == 1
    assert _audit(hours, "approve_month") == [
        "month 2026-11, version 1: 1 sessions, 60 min",
        "month 2026-11, version 2: 1 sessions, 90 min",
    ]
    assert _audit(hours, "reopen_month") == ["month 2026-11: Sesja trwała 90 minut"]
    sheet = hours.manager.hours_sheets.hour_sheet(hours.psych.id, NOV)
    assert sheet.approval is not None and sheet.approval.corrections == 1
    assert sheet.approval.decided_by == "Jolanta Świątek"


def test_only_a_month_in_the_right_state_moves_on(hours):
    approvals = hours.manager.month_approvals
    with pytest.raises(Conflict, match="Zatwierdzić można tylko przekazany miesiąc"):
        approvals.approve(hours.psych.id, NOV)
    with pytest.raises(Conflict):
        approvals.reopen(hours.psych.id, NOV, "powód")
    hours.psychologist.month_approvals.submit(hours.psych.id, NOV)
    with pytest.raises(Conflict):
        hours.psychologist.month_approvals.submit(hours.psych.id, NOV)
    with pytest.raises(ValidationError) as error:
        hours.psychologist.month_approvals.submit(hours.psych.id, (2026, 12))
    assert error.value.errors["month"] == "Nie można przekazać miesiąca, który się nie zaczął."


@pytest.mark.parametrize("who", ["manager", "other_psychologist", "clerk", "supervisor"])
def test_only_the_provider_submits(hours, who):
    with pytest.raises(PermissionDenied):
        getattr(hours, who).month_approvals.submit(hours.psych.id, NOV)


@pytest.mark.parametrize("who", ["psychologist", "clerk", "supervisor", "admin"])
def test_only_the_manager_approves_returns_and_reopens(hours, who):
    hours.psychologist.month_approvals.submit(hours.psych.id, NOV)
    services = getattr(hours, who).month_approvals
    with pytest.raises(PermissionDenied):
        services.approve(hours.psych.id, NOV)
    with pytest.raises(PermissionDenied):
        services.send_back(hours.psych.id, NOV, "powód")
    assert hours.manager.month_approvals.status(hours.psych.id, NOV).state is (
        ApprovalState.SUBMITTED
    )


SUBMITTED = (
    "Miesiąc 11.2026 jest przekazany do zatwierdzenia; można go zmienić dopiero, gdy "
    "kierownik go zwróci."
)


def test_a_submitted_month_refuses_the_persons_changes_until_the_manager_returns_it(hours):
    session = hours.psychologist.hours.record(hours.consultation(NOV_3, "12:00", 60))
    hours.psychologist.month_approvals.submit(hours.psych.id, NOV)
    psychologist = hours.psychologist.hours
    with pytest.raises(ValidationError) as error:
        psychologist.record(hours.consultation(date(2026, 11, 5), "12:00"))
    assert error.value.errors["day"] == SUBMITTED
    with pytest.raises(Conflict, match="przekazany do zatwierdzenia"):
        psychologist.update(session.id, hours.consultation(NOV_3, "12:00", 90))
    with pytest.raises(Conflict, match="przekazany do zatwierdzenia"):
        psychologist.cancel(session.id)
    booking = BookingInput(
        hours.psych.id, date(2026, 11, 30), time(14), 60, hours.clients["zofia"].id
    )
    with pytest.raises(ValidationError) as error:
        hours.psychologist.hours_calendar.book(booking)
    assert error.value.errors["day"] == SUBMITTED
    assert psychologist.session(session.id).minutes == 60
    hours.manager.month_approvals.send_back(hours.psych.id, NOV, "Dopisz sesję z 5 listopada")
    psychologist.record(hours.consultation(date(2026, 11, 5), "12:00"))
    assert psychologist.update(session.id, hours.consultation(NOV_3, "12:00", 90)).minutes == 90


def test_a_month_closes_for_entry_days_after_its_end_by_the_office_setting(hours, clock):
    from opsdesk.services.hours.approval import DEFAULT_ENTRY_DAYS

    assert DEFAULT_ENTRY_DAYS == 10
    hours.admin.month_approvals.set_entry_days(DEFAULT_ENTRY_DAYS)
    assert hours.manager.month_approvals.entry_days() == 10
    psychologist = hours.psychologist.hours
    with pytest.raises(ValidationError):  # 30 November: October closed on the 10th
        psychologist.record(hours.consultation(date(2026, 10, 30), "12:00"))
    clock.moment = clock.moment.replace(day=10, month=11)  # 10 November: October still open
    psychologist.record(hours.consultation(date(2026, 10, 29), "12:00"))
    clock.moment = clock.moment.replace(day=11)
    with pytest.raises(ValidationError) as error:
        psychologist.record(hours.consultation(date(2026, 10, 28), "12:00"))
    assert error.value.errors["day"] == (
        "Wpisywanie za miesiąc 10.2026 zamknięto 10.11.2026; przekaż miesiąc i poproś "
        "kierownika o zwrócenie go do korekty."
    )
    # the way to a late entry: the person submits, the manager returns it for a correction
    hours.psychologist.month_approvals.submit(hours.psych.id, (2026, 10))
    hours.manager.month_approvals.send_back(hours.psych.id, (2026, 10), "Brakująca sesja")
    assert psychologist.record(hours.consultation(date(2026, 10, 28), "12:00")).minutes == 60


def test_the_entry_window_is_the_administrators_setting_with_a_field_message(hours):
    with pytest.raises(PermissionDenied):
        hours.manager.month_approvals.set_entry_days(30)
    for wrong in (-1, 367, True):
        with pytest.raises(ValidationError) as error:
            hours.admin.month_approvals.set_entry_days(wrong)
        assert error.value.errors["entry_days"] == "Wpisz liczbę dni od 0 (bez limitu) do 366."
    assert hours.admin.month_approvals.set_entry_days(0) == 0


def test_the_supervision_attendance_list_carries_the_months_approval(hours):
    march = (2026, 3)
    hours.supervisor.hours.record(hours.supervision_session(date(2026, 3, 11), "10:00", 120))
    hours.supervisor.month_approvals.submit(hours.supervision.id, march)
    hours.manager.month_approvals.approve(hours.supervision.id, march)
    sheet = hours.manager.hours_sheets.attendance_sheet(hours.supervision.id, march)
    assert sheet.approval is not None and sheet.approval.locked
    assert sheet.approval.decided_by == "Jolanta Świątek"


def test_the_person_declares_hours_in_other_projects_for_the_sheet(hours):
    hours.psychologist.hours.record(
        dataclasses.replace(
            hours.consultation(NOV_3, "12:00", 60),
            task_done="konsultacja psychologiczna",
            project_task="Zadanie 2",
        )
    )
    approvals = hours.psychologist.month_approvals
    with pytest.raises(ValidationError) as error:
        approvals.declare_other_projects(hours.psych.id, NOV, 276 * 60)
    assert error.value.errors["other_minutes"].startswith(
        "Przy 1 h w tym projekcie łączne obciążenie przekroczyłoby 276 godzin"
    )
    with pytest.raises(ValidationError):
        approvals.declare_other_projects(hours.psych.id, NOV, -1)
    with pytest.raises(PermissionDenied):
        hours.manager.month_approvals.declare_other_projects(hours.psych.id, NOV, 60)
    assert approvals.declare_other_projects(hours.psych.id, NOV, 100 * 60).other_project_minutes
    sheet = hours.manager.hours_sheets.hour_sheet(hours.psych.id, NOV)
    assert sheet.other_project_minutes == 100 * 60
    row = sheet.sessions()[0]
    assert (row.task_done, row.project_task, row.over_budget) == (
        "konsultacja psychologiczna",
        "Zadanie 2",
        False,
    )
    approvals.submit(hours.psych.id, NOV)
    with pytest.raises(ValidationError):  # a submitted month waits for the manager
        approvals.declare_other_projects(hours.psych.id, NOV, 90 * 60)

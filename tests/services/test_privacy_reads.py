"""What a psychologist may read, and every list of personal data audited (issue 19, items 1, 2
and 4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from sqlalchemy import select

from opsdesk.domain.pesel import make_pesel
from opsdesk.errors import NotFound, ValidationError
from opsdesk.services.cases.boards import BoardFilter
from opsdesk.services.cases.records import CaseInput
from opsdesk.services.clients.register import ClientInput
from opsdesk.services.hours.records import BookingInput
from opsdesk.storage.models import AuditEntry, AuditShown

DEC_1 = date(2026, 12, 1)  # a Tuesday: the psychologist's duty 12-16


def stranger(hours):
    """A client the desk registered but never referred to the psychologist."""
    return hours.clerk.clients.create(
        ClientInput(
            "Henryk",
            "Żółtowski",
            pesel=make_pesel(date(1970, 1, 2), "M", 77),
            locality="Łęczyca",
            street="Ogrodowa",
            house_number="7",
            phone="600 100 200",
        )
    )


def test_a_psychologist_cannot_book_a_stranger_to_reach_the_file(hours):
    henryk = stranger(hours)
    psychologist = hours.psychologist
    with pytest.raises(ValidationError) as refused:
        psychologist.hours_calendar.book(
            BookingInput(hours.psych.id, DEC_1, time(12), 60, henryk.id)
        )
    assert "nie został do Ciebie skierowany" in refused.value.errors["clients"]
    held = replace(hours.consultation(date(2026, 11, 24), "12:00"), client_ids=(henryk.id,))
    with pytest.raises(ValidationError):
        psychologist.hours.record(held)
    with pytest.raises(NotFound):
        psychologist.clients.get(henryk.id)
    assert psychologist.clients.search("Żółtowski") == []
    assert henryk.id not in {c.client_id for c in psychologist.hours.own_clients(hours.psych.id)}


def test_a_referral_opens_the_file_and_its_cancellation_closes_it(hours):
    henryk = stranger(hours)
    booking = hours.clerk.hours_calendar.book(
        BookingInput(hours.psych.id, DEC_1, time(13), 60, henryk.id)
    )
    psychologist = hours.psychologist
    assert psychologist.clients.get(henryk.id).summary.phone == "600 100 200"
    assert psychologist.cases.where_sent(henryk.id) == []
    psychologist.hours_calendar.cancel_booking(booking.session_id)
    with pytest.raises(NotFound):
        psychologist.clients.get(henryk.id)
    # a booking the psychologist makes and cancels never widens the circle either
    lukasz = hours.clients["lukasz"].id
    own = psychologist.hours_calendar.book(
        BookingInput(hours.psych.id, DEC_1, time(14), 60, lukasz)
    )
    psychologist.hours_calendar.cancel_booking(own.session_id)
    assert psychologist.clients.get(lukasz).summary.last_name == "Kowalski"


def test_a_psychologist_lists_referrals_only_of_own_clients_and_the_list_is_audited(hours):
    henryk = stranger(hours)
    with pytest.raises(NotFound):
        hours.psychologist.cases.where_sent(henryk.id)
    lukasz = hours.clients["lukasz"].id
    assert hours.psychologist.cases.where_sent(lukasz) == []
    assert lists(hours, "psycholog") == [("referrals", f"client {lukasz} (0)", [])]


def lists(office, login):
    """The "list" audit entries of ``login``: (screen, what was asked, which ids)."""
    office.manager.db.behind.flush()  # the list entries are written behind the read
    with office.manager.db.reading() as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "list", AuditEntry.actor_login == login)
            .order_by(AuditEntry.id)
        ).all()
        return [
            (
                e.detail.split(": ", 1)[0],
                e.detail.split(": ", 1)[1],
                sorted(
                    session.scalars(select(AuditShown.entity_id).where(AuditShown.entry_id == e.id))
                ),
            )
            for e in entries
        ]


def test_a_search_is_one_audit_entry_with_what_was_asked_and_who_was_shown(hours):
    found = hours.clerk.clients.search("łęczyca") + hours.clerk.clients.search("Kowalski")
    entries = lists(hours, "recepcja")
    assert entries[-2:] == [
        ("client search", "„łęczyca” (0)", []),
        ("client search", "„Kowalski” (1)", [hours.clients["lukasz"].id]),
    ]
    assert [c.last_name for c in found] == ["Kowalski"]
    address = hours.clerk.clients.search_by_address("Zachęty")
    assert lists(hours, "recepcja")[-1] == (
        "address search",
        "„Zachęty” (3)",
        sorted(c.id for c in address),
    )


def test_the_desks_search_as_the_clerk_types_is_audited_with_who_was_shown(hours):
    shown = hours.clerk.reception.search_clients("kowal")
    assert [c.last_name for c in shown] == ["Kowalski"]
    assert hours.clerk.reception.search_clients("łęczyca xyz") == []
    # one entry for what was shown; a search that showed nobody writes nothing
    assert lists(hours, "recepcja")[-1] == (
        "desk search",
        "„kowal” (1)",
        [hours.clients["lukasz"].id],
    )


def test_board_pages_a_clients_cases_the_desk_log_and_the_queue_are_audited(world):
    clerk, anna = world.as_("clerk"), world.as_("anna")
    case = clerk.cases.create(
        CaseInput(client_id=world.clients["kowalski"], kind_id=world.kinds["zasilek_celowy"])
    )
    team, new = world.teams["benefits"], world.statuses["benefits"]["new"]
    cards = anna.boards.page(team, new, BoardFilter(text="kow"))
    assert [c.id for c in cards] == [case.id]
    anna.cases.for_client(world.clients["kowalski"])
    clerk.reception.today()
    clerk.queue.queue(world.teams["first_contact"])

    def entries(login):
        world.db.behind.flush()  # the list entries are written behind the read
        with world.db.reading() as session:
            return [
                (e.entity, e.detail)
                for e in session.scalars(
                    select(AuditEntry)
                    .where(AuditEntry.action == "list", AuditEntry.actor_login == login)
                    .order_by(AuditEntry.id)
                )
            ]

    assert entries("anna") == [
        ("case", f"board: team {team}, column {new}, „kow” (1)"),
        ("case", f"client's cases: client {world.clients['kowalski']} (1)"),
    ]
    assert [d.split(":")[0] for _e, d in entries("clerk")] == ["desk log", "queue"]


def test_list_entries_are_not_changes(hours):
    mark = hours.clerk.hours_calendar.change_mark()
    hours.clerk.clients.search("Kowalski")
    assert hours.clerk.hours_calendar.change_mark() == mark

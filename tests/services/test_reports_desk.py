"""What the desk prints for a visitor: the ticket and the referral slip."""

from __future__ import annotations

import pytest
from pdf_text import all_text

from opsdesk.errors import PermissionDenied
from opsdesk.printing import documents


def test_the_ticket_counts_who_waits_before(reports_office):
    office = reports_office
    first = office.clerk.reports.ticket(office.visits["lukasz"])
    assert first.ticket.endswith("-001") and first.waiting_ahead == 0
    assert first.team_name == "Zespół świadczeń"
    again = office.clerk.reception.register(_contact(office, "benefit_application"))
    second = office.clerk.reports.ticket(again.id)
    assert second.ticket.endswith("-002") and second.waiting_ahead == 1
    text = all_text(documents.ticket(office.clerk, again.id))
    assert f"Twój numer {second.ticket} Zespół świadczeń Osób przed Tobą: 1" in text


def test_the_referral_slip_names_the_team_worker_and_room(reports_office):
    office = reports_office
    slip = office.clerk.reports.referral_slip(office.visits["lukasz"])
    assert slip.person == "Kowalski Łukasz" and slip.team_name == "Zespół świadczeń"
    text = all_text(documents.referral_slip(office.clerk, office.visits["lukasz"]))
    assert "Skierowanie do: Zespół świadczeń" in text
    assert "Osoba Kowalski Łukasz" in text
    assert "Beata Kłos pracownik pierwszego kontaktu" in text


def test_the_referral_slip_carries_the_booked_appointment(reports_office):
    office = reports_office
    text = all_text(documents.referral_slip(office.clerk, office.visits["psych"]))
    assert "Umówiona wizyta u psychologa 01.12.2026, 12:00–13:00, Małgorzata Zielińska" in text


def test_printing_a_referral_is_audited(reports_office):
    office = reports_office
    office.clerk.reports.referral_slip(office.visits["lukasz"])
    entry = office.manager.audit.entries(action="print", entity="visit")[0]
    assert entry.entity_id == office.visits["lukasz"] and entry.detail == "referral slip"


def test_a_slip_printed_again_is_in_the_visit_s_history_and_on_half_a_sheet(reports_office):
    import io

    import pypdf
    from sqlalchemy import select

    from opsdesk.storage.models import VisitEvent

    office, visit = reports_office, reports_office.visits["lukasz"]
    first = documents.referral_slip(office.clerk, visit)
    again = documents.referral_slip(office.clerk, visit)
    assert all_text(again) == all_text(first)
    with office.clerk.db.reading() as session:
        history = session.execute(
            select(VisitEvent.action, VisitEvent.detail)
            .where(VisitEvent.visit_id == visit, VisitEvent.action == "slip")
            .order_by(VisitEvent.id)
        ).all()
    assert [tuple(row) for row in history] == [("slip", ""), ("slip", "again")]
    page = pypdf.PdfReader(io.BytesIO(again)).pages[0]
    assert round(float(page.mediabox.width)) == 420  # A5: 148 mm


@pytest.mark.parametrize("who", ["psychologist", "supervisor", "admin"])
def test_people_away_from_the_desk_cannot_print_them(reports_office, who):
    services = getattr(reports_office, who)
    with pytest.raises(PermissionDenied):
        services.reports.referral_slip(reports_office.visits["lukasz"])
    with pytest.raises(PermissionDenied):
        services.reports.ticket(reports_office.visits["lukasz"])


def _contact(office, purpose: str):
    from opsdesk.domain.queue import Channel
    from opsdesk.services.reception.desk import ContactInput

    purposes = {p.code: p.id for p in office.clerk.reception.purposes()}
    return ContactInput(Channel.IN_PERSON, purposes[purpose], visitor_label="pani z dzieckiem")

"""Registering contacts at the desk: routing, tickets, priorities, bad input."""

from datetime import date

import pytest
from sqlalchemy import func, select

from opsdesk.domain.pesel import make_pesel
from opsdesk.domain.queue import Channel, Outcome
from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.services.clients import desk_search
from opsdesk.services.clients.register import ClientInput
from opsdesk.services.reception.desk import ContactInput
from opsdesk.storage.models import AuditEntry, Client, Visit, VisitEvent


def count(db, model):
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_search_ignores_case_and_polish_letters_and_finds_streets(desk):
    found = desk.clerk.reception.search_clients("lukasz")
    assert [c.display_name for c in found] == ["Kowalski Łukasz"]
    assert [c.display_name for c in desk.clerk.reception.search_clients("ZDZBLO")] == [
        "Źdźbło Grażyna"
    ]
    assert [c.display_name for c in desk.clerk.reception.search_clients("luzycka")] == [
        "Kowalski Łukasz"
    ]
    pesel = desk.clients["zofia"].pesel
    assert [c.display_name for c in desk.clerk.reception.search_clients(pesel)] == [
        "Wąsowska Zofia"
    ]


def test_routing_team_from_purpose_worker_from_region(desk):
    route = desk.clerk.reception.route(
        desk.purposes["benefit_application"], desk.clients["lukasz"].id
    )
    assert (route.team_id, route.worker_name, route.region_name) == (
        desk.teams["benefits"],
        "Anna Łęcka",
        "Rejon 1",
    )
    assert "Anna Łęcka" in route.explanation and "Rejon 1" in route.explanation
    # Kościuszki 40 is in region 2 (numbers from 26); social work goes to its social worker
    route = desk.clerk.reception.route(desk.purposes["social_work"], desk.clients["zofia"].id)
    assert (route.team_id, route.worker_name) == (desk.teams["social_work"], "Marek Wójcik")
    # a client from outside the regions: the team, no worker, and the clerk is told why
    route = desk.clerk.reception.route(desk.purposes["social_work"], desk.clients["grazyna"].id)
    assert route.worker_id is None and "rejonie" in route.explanation


def test_in_person_contact_gets_a_ticket_and_waits(desk, clock):
    visit = desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON,
            desk.purposes["benefit_application"],
            client_id=desk.clients["lukasz"].id,
            note="wniosek o zasiłek okresowy",
        )
    )
    assert visit.ticket == "Ś-001"
    assert visit.state == "waiting"
    assert visit.person == "Kowalski Łukasz"
    assert visit.target_team_id == desk.teams["benefits"]
    assert visit.target_worker_name == "Anna Łęcka"
    assert visit.arrived_at == clock.now()
    second = desk.clerk.reception.register(
        ContactInput(Channel.IN_PERSON, desk.purposes["social_work"])
    )
    third = desk.clerk.reception.register(
        ContactInput(Channel.IN_PERSON, desk.purposes["benefit_application"])
    )
    assert (second.ticket, third.ticket) == ("P-001", "Ś-002")
    assert second.person == "Osoba anonimowa"
    with desk.admin.db.reading() as session:
        events = session.execute(
            select(VisitEvent.action, VisitEvent.actor_id, VisitEvent.at).where(
                VisitEvent.visit_id == visit.id
            )
        ).all()
        assert events == [("register", desk.clerk.actor.id, clock.now())]
        assert (
            session.scalar(
                select(AuditEntry.action).where(
                    AuditEntry.entity == "visit", AuditEntry.entity_id == visit.id
                )
            )
            == "create"
        )


@pytest.mark.parametrize("channel", [Channel.PHONE, Channel.EMAIL, Channel.LETTER, Channel.EPUAP])
def test_remote_contacts_are_logged_without_a_ticket(desk, channel):
    visit = desk.clerk.reception.register(
        ContactInput(
            channel, desk.purposes["benefit_application"], client_id=desk.clients["jan"].id
        )
    )
    assert visit.ticket == "" and visit.state == "done"
    assert visit.outcome == Outcome.SENT_TO_TEAM and visit.outcome_team_id == desk.teams["benefits"]
    info = desk.clerk.reception.register(ContactInput(channel, desk.purposes["information"]))
    assert info.outcome == Outcome.INFORMATION
    assert desk.clerk.queue.queue(desk.teams["benefits"]).waiting == ()


def test_priority_reason_is_recorded(desk):
    visit = desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON,
            desk.purposes["information"],
            priority_reason="aged_75",
            client_id=desk.clients["zofia"].id,
        )
    )
    assert (visit.priority, visit.priority_reason) == (1, "aged_75")


def test_override_needs_a_reason_which_is_kept(desk):
    data = ContactInput(
        Channel.IN_PERSON,
        desk.purposes["benefit_application"],
        client_id=desk.clients["lukasz"].id,
        worker_id=desk.benefits_b.actor.id,
    )
    with pytest.raises(ValidationError) as error:
        desk.clerk.reception.register(data)
    assert error.value.errors == {
        "override_reason": "Podaj, dlaczego kierujesz inaczej, niż zaproponowano."
    }
    assert count(desk.admin.db, Visit) == 0
    visit = desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON,
            desk.purposes["benefit_application"],
            client_id=desk.clients["lukasz"].id,
            worker_id=desk.benefits_b.actor.id,
            override_reason="pani Łęcka na urlopie",
        )
    )
    assert visit.target_worker_name == "Piotr Żak"
    assert visit.routing_override_reason == "pani Łęcka na urlopie"
    # another team: its region worker follows, and a reason is needed too
    moved = desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON,
            desk.purposes["benefit_application"],
            client_id=desk.clients["lukasz"].id,
            team_id=desk.teams["social_work"],
            override_reason="sprawa przemocy w rodzinie",
        )
    )
    assert (moved.ticket, moved.target_worker_name) == ("P-001", "Ewa Szuberla")
    nobody = desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON,
            desk.purposes["benefit_application"],
            client_id=desk.clients["lukasz"].id,
            no_worker=True,
            override_reason="dowolny",
        )
    )
    assert nobody.target_worker_id is None


def test_bad_input_gets_polish_messages_and_changes_nothing(desk):
    tickets_before = count(desk.admin.db, Visit)
    with pytest.raises(ValidationError) as error:
        desk.clerk.reception.register(ContactInput(Channel.IN_PERSON, None))
    assert error.value.errors["purpose"] == "Wybierz cel kontaktu."
    with pytest.raises(ValidationError) as error:
        desk.clerk.reception.register(
            ContactInput(Channel.IN_PERSON, desk.purposes["information"], priority_reason="vip")
        )
    assert error.value.errors == {"priority": "Wybierz powód pierwszeństwa z listy."}
    with pytest.raises(ValidationError) as error:
        desk.clerk.reception.register(
            ContactInput(Channel.IN_PERSON, desk.purposes["information"], client_id=99999)
        )
    assert error.value.errors == {"client": "Taki klient nie istnieje."}
    assert count(desk.admin.db, Visit) == tickets_before
    # the failed attempts did not use up ticket numbers
    ok = desk.clerk.reception.register(
        ContactInput(Channel.IN_PERSON, desk.purposes["information"])
    )
    assert ok.ticket == "I-001"


def test_quick_client_refuses_an_unknown_street_and_an_invalid_pesel(desk):
    clients_before = count(desk.admin.db, Client)
    with pytest.raises(ValidationError) as error:
        desk.clerk.reception.quick_client(
            ClientInput(
                "Maria",
                "Dąbrowska",
                pesel="85010112345",
                locality="Gryfino",
                street="Łużyckaa",
                house_number="3",
            )
        )
    assert error.value.errors["street"].startswith(
        "Żaden rejon nie obejmuje adresu „Łużyckaa 3 Gryfino”."
    )
    with pytest.raises(ValidationError) as error:
        desk.clerk.reception.quick_client(
            ClientInput(
                "Maria", "Dąbrowska", pesel="85010112346", locality="Gryfino", street="Łużycka"
            )
        )
    assert "PESEL" in error.value.errors["pesel"]
    assert count(desk.admin.db, Client) == clients_before
    created = desk.clerk.reception.quick_client(
        ClientInput(
            "Maria",
            "Dąbrowska",
            pesel="85010112345",
            locality="Gryfino",
            street="ul. Łużycka",
            house_number="3",
        )
    )
    assert created.region_name == "Rejon 1"


def test_only_the_desk_registers(desk):
    with pytest.raises(PermissionDenied):
        desk.social_a.reception.register(
            ContactInput(Channel.IN_PERSON, desk.purposes["information"])
        )
    with pytest.raises(PermissionDenied):
        desk.manager.reception.register(ContactInput(Channel.PHONE, desk.purposes["information"]))


def test_search_puts_the_exact_surname_with_the_first_names_start_first(desk):
    from opsdesk.services.clients.register import ClientInput

    for number, (first, last) in enumerate(
        (("Alicja", "Jankowska"), ("Janina", "Jankowska"), ("Józef", "Jankowski"))
    ):
        desk.clerk.clients.create(
            ClientInput(
                first_name=first,
                last_name=last,
                document_number=f"ABC12345{number}",
                locality="Szczecin",
            )
        )
    names = [c.display_name for c in desk.clerk.reception.search_clients("jankowska j")]
    assert names[0] == "Jankowska Janina"  # Enter takes her
    assert names == ["Jankowska Janina", "Jankowska Alicja"]
    names = [c.display_name for c in desk.clerk.reception.search_clients("jankow")]
    assert names == ["Jankowska Alicja", "Jankowska Janina", "Jankowski Józef"]
    names = [c.display_name for c in desk.clerk.reception.search_clients("janina jank")]
    assert names == ["Jankowska Janina"]
    assert [c.display_name for c in desk.clerk.reception.search_clients("kosciuszki 40")] == [
        "Wąsowska Zofia"
    ]
    pesel = desk.clients["zofia"].pesel
    assert [c.display_name for c in desk.clerk.reception.search_clients(pesel[:6])] == [
        "Wąsowska Zofia"
    ]


def test_search_reads_a_start_shared_by_many_only_so_deep_and_still_finds_the_person(
    desk, monkeypatch
):
    """A keystroke reads a bounded part of an index range however many share the typed start
    (here 2 entries stand for the 200 read at most): the person is reached through the
    completed surname or the PESEL's own range instead."""
    monkeypatch.setattr(desk_search, "SCANNED", 2)
    people = [
        ("Adam", "Nowak", date(1981, 1, 1)),
        ("Barbara", "Nowak", date(1982, 2, 2)),
        ("Celina", "Nowak", date(1983, 3, 3)),
        ("Zofia", "Nowak", date(1936, 7, 8)),
        ("Zofia", "Nowakowska", date(1984, 4, 4)),
    ]
    for number, (first, last, born) in enumerate(people):
        desk.clerk.clients.create(
            ClientInput(first, last, pesel=make_pesel(born, "F", 50 + number), locality="Gryfino")
        )

    def names(text):
        return [c.display_name for c in desk.clerk.reception.search_clients(text)]

    assert names("now zof") == ["Nowak Zofia", "Nowakowska Zofia"]
    assert names("zof nowakowska") == ["Nowakowska Zofia"]
    assert names("nowak 360708") == ["Nowak Zofia"]
    assert names("nowak zofia 3607") == ["Nowak Zofia"]
    assert names("now xyz") == []


def test_a_contact_of_todays_log_is_corrected_with_a_reason_and_the_original_kept(desk, clock):
    from opsdesk.errors import NotFound
    from opsdesk.services.reception.desk import ContactCorrection

    call = desk.clerk.reception.register(
        ContactInput(Channel.PHONE, desk.purposes["information"], desk.clients["jan"].id)
    )
    assert (call.channel, call.outcome) == ("phone", "information")
    with pytest.raises(ValidationError) as error:
        desk.clerk.reception.correct(call.id, ContactCorrection("  ", channel="email"))
    assert error.value.errors == {"reason": "Podaj, dlaczego kontakt jest poprawiany."}
    with pytest.raises(ValidationError) as error:  # a phone call never gets a ticket
        desk.clerk.reception.correct(call.id, ContactCorrection("pomyłka", channel="in_person"))
    assert set(error.value.errors) == {"channel"}
    with pytest.raises(ValidationError) as error:
        desk.clerk.reception.correct(call.id, ContactCorrection("bez zmian", channel="phone"))
    assert error.value.errors == {"reason": "Niczego nie zmieniono."}
    fixed = desk.clerk.reception.correct(
        call.id,
        ContactCorrection(
            "to był e-mail, nie telefon",
            channel=Channel.EMAIL,
            purpose_id=desk.purposes["benefit_application"],
            outcome=Outcome.SENT_TO_TEAM,
            outcome_team_id=desk.teams["benefits"],
        ),
    )
    assert (fixed.channel, fixed.purpose_name, fixed.outcome, fixed.outcome_team_id) == (
        "email",
        "Wniosek o świadczenie",
        "sent_to_team",
        desk.teams["benefits"],
    )
    assert desk.clerk.reception.today()[0].channel == "email"
    with desk.admin.db.reading() as session:
        audited = session.execute(
            select(AuditEntry.actor_login, AuditEntry.detail).where(
                AuditEntry.action == "correct", AuditEntry.entity_id == call.id
            )
        ).all()
        history = session.execute(
            select(VisitEvent.action, VisitEvent.detail).where(VisitEvent.visit_id == call.id)
        ).all()
    information, application = desk.purposes["information"], desk.purposes["benefit_application"]
    assert audited == [
        (
            "recepcja",
            f"channel: phone -> email; purpose: {information} -> {application}; "
            f"outcome: information -> sent_to_team; outcome_team: None -> {desk.teams['benefits']}",
        )
    ]  # the original values stay in the audit; the typed reason only in the history
    assert history[-1] == ("correct", "to był e-mail, nie telefon")
    visit = desk.clerk.reception.register(
        ContactInput(Channel.IN_PERSON, desk.purposes["information"])
    )
    with pytest.raises(ValidationError) as error:  # a ticket's outcome comes when served
        desk.clerk.reception.correct(visit.id, ContactCorrection("x", outcome=Outcome.APPLICATION))
    assert set(error.value.errors) == {"outcome"}
    with pytest.raises(PermissionDenied):
        desk.benefits_a.reception.correct(call.id, ContactCorrection("x", channel="letter"))
    clock.advance(days=1)  # only today's log
    with pytest.raises(NotFound):
        desk.clerk.reception.correct(call.id, ContactCorrection("x", channel="letter"))


def test_a_past_days_log_lists_that_days_contacts_and_a_later_day_is_refused(desk, clock):
    from datetime import timedelta

    yesterday = clock.today() - timedelta(days=1)
    clock.advance(days=-1)
    sent = desk.clerk.reception.register(
        ContactInput(
            Channel.IN_PERSON, desk.purposes["benefit_application"], desk.clients["jan"].id
        )
    )
    clock.advance(days=1)
    desk.clerk.reception.register(ContactInput(Channel.PHONE, desk.purposes["information"]))

    assert [v.id for v in desk.clerk.reception.contacts_on(yesterday)] == [sent.id]
    assert sent.id not in [v.id for v in desk.clerk.reception.today()]
    with pytest.raises(ValidationError) as refused:
        desk.clerk.reception.contacts_on(clock.today() + timedelta(days=1))
    assert refused.value.errors == {"day": "Po dzisiejszym dniu nie ma jeszcze kontaktów."}
    desk.admin.db.behind.flush()  # the list entries are written behind the read
    with desk.admin.db.reading() as session:
        listed = session.scalars(
            select(AuditEntry.detail).where(
                AuditEntry.action == "list", AuditEntry.actor_login == "recepcja"
            )
        ).all()
    assert f"desk log: {yesterday.isoformat()} (1)" in listed  # the read of a past day audited

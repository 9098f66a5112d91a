"""Who saw this person's data: for one client, who opened, printed, exported or was shown in
a list their data, when and on which screen, printable; the manager's only, and audited
itself (issue 19, item 5)."""

from __future__ import annotations

import pytest
from pdf_text import all_text
from safety.matrix import assert_anonymous_refused, assert_roles

from opsdesk.domain.roles import Action
from opsdesk.errors import NotFound
from opsdesk.printing import documents


def seen(report):
    """(who, activity, screen, data) of each row, newest first."""
    return [(r.who, r.action_label, r.screen, r.subject) for r in report.rows]


def test_reads_prints_and_lists_of_the_client_are_named_and_nobody_elses(hours):
    lukasz, zofia = hours.clients["lukasz"].id, hours.clients["zofia"].id
    clock = hours.clerk.ctx.clock
    hours.clerk.clients.search("Kowalski")
    clock.advance(minutes=1)  # a person's next step (a list's entry is written behind it)
    hours.clerk.clients.get(lukasz)
    hours.clerk.clients.get(zofia)  # somebody else's file: not in Łukasz's report
    hours.psychologist.cases.where_sent(lukasz)
    clock.advance(minutes=1)
    report = hours.manager.who_saw.report(lukasz)
    assert (report.client_name, report.client_id) == ("Łukasz Kowalski", lukasz)
    rows = seen(report)
    assert rows[:3] == [
        (
            "Jolanta Świątek (kierownik)",
            "wgląd",
            "kto widział dane osoby",
            "dane klienta",
        ),
        ("Beata Kłos (recepcja)", "wgląd", "kartoteka klienta", "dane klienta"),
        (
            "Beata Kłos (recepcja)",
            "wyświetlenie na liście",
            "wyszukiwanie klientów: „Kowalski”",
            "dane klienta",
        ),
    ]
    assert report.rows[0].at >= report.rows[-1].at  # newest first
    # the desk's referral booking of the office's set-up is there too
    assert ("Beata Kłos (recepcja)", "umówienie wizyty", "sesje u psychologa") in [
        row[:3] for row in rows
    ]
    assert all("Wąsowska" not in " ".join(r) for r in rows)


def test_a_case_shown_on_a_board_page_counts_as_the_clients(hours):
    from opsdesk.services.cases.records import CaseInput

    lukasz = hours.clients["lukasz"].id
    kind = next(k for k in hours.manager.cases.kinds() if not k.needs_decision)
    case = hours.manager.cases.create(CaseInput(lukasz, kind.id))
    assert case.team_id == hours.social_a.actor.team_id
    hours.manager.cases.get(case.id)
    hours.social_a.boards.page(case.team_id, case.status_id)
    rows = seen(hours.manager.who_saw.report(lukasz))
    number = f"sprawa {case.file_number}"
    assert rows[1:3] == [
        ("Ewa Szuberla (socjalny1)", "wyświetlenie na liście", "tablica zespołu", number),
        ("Jolanta Świątek (kierownik)", "wgląd", "sprawa", number),
    ]


def test_showing_and_printing_it_are_audited_and_the_pdf_reads_in_polish(hours):
    lukasz = hours.clients["lukasz"].id
    hours.clerk.clients.get(lukasz)
    hours.manager.who_saw.report(lukasz)
    pdf = documents.who_saw_report(hours.manager, lukasz)
    text = all_text(pdf)
    assert "Kto widział dane osoby" in text
    assert "Łukasz Kowalski" in text
    assert "Beata Kłos (recepcja)" in text and "kartoteka klienta" in text
    assert "wydruk" in text  # the print being made lists itself
    entries = hours.manager.audit.entries(entity="client", entity_id=lukasz)
    made = [(e.action, e.actor_login) for e in entries if e.detail == "who saw report"]
    assert made == [("print", "kierownik"), ("read", "kierownik")]


def test_an_unknown_client_is_not_found(hours):
    for client_id in (999_999, 2**31, 2**63, -1):
        with pytest.raises(NotFound) as error:
            hours.manager.who_saw.report(client_id)
        assert str(error.value) == "Taki klient nie istnieje."


def test_only_the_manager_may_ask(make_person, hours):
    lukasz = hours.clients["lukasz"].id
    assert_roles(make_person, lambda s: s.who_saw.report(lukasz), Action.AUDIT_PERSON)
    assert_anonymous_refused(hours.manager, lambda s: s.who_saw.report(lukasz))

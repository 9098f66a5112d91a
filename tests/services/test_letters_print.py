"""Letters printed from a case: each shipped template for a case of its kind, the clocks they
move (art. 64 § 2 summons with art. 35 § 5 and art. 57 § 4, art. 36 notice, delivery and
appeal), one transaction each, versions, printing again exactly, refusals that write nothing."""

import json
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from opsdesk.domain.case_closing import DECISION, Closing
from opsdesk.errors import NotFound, PermissionDenied, ValidationError
from opsdesk.services.cases.records import CaseInput
from opsdesk.services.letters.records import LetterInputs, TemplateInput
from opsdesk.storage.models import AuditEntry, CaseEvent, CaseLetter, CaseSuspension

MONDAY = datetime(2026, 11, 30, 9, 0)
APPLIED = date(2026, 11, 16)  # Monday: the decision is due on Wednesday 16.12.2026


@pytest.fixture
def anna(world):
    world.clock.moment = MONDAY
    return world.as_("anna")


def open_case(world, services, client="kowalski", kind="zasilek_okresowy", interview=True):
    case = services.cases.create(
        CaseInput(
            client_id=world.clients[client],
            kind_id=world.kinds[kind],
            application_date=APPLIED,
        )
    )
    if interview:
        services.case_deadlines.record_interview(case.id, date(2026, 11, 20))
    return case.id


def template_of(services, case_id, kind):
    return next(c for c in services.letters.choices(case_id) if c.kind == kind)


def counts(world):
    with world.db.reading() as session:
        return (
            session.scalar(select(func.count(CaseLetter.id))),
            session.scalar(select(func.count(CaseEvent.id))),
            session.scalar(select(func.count(CaseSuspension.id))),
            session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action != "read")),
        )


# --- the summons (art. 64 § 2 KPA) ------------------------------------------------------------


def test_a_summons_makes_the_case_wait_and_moves_the_decision(world, anna):
    case_id = open_case(world, anna)
    assert anna.cases.get(case_id).summary.next_due == date(2026, 12, 16)
    choice = template_of(anna, case_id, "summons")
    assert choice.problem == "" and choice.inputs == ("missing", "counted_from")
    printed = anna.letters.print_letter(
        case_id, choice.template_id, LetterInputs(missing="zaświadczenie o dochodach z ZUS")
    )
    text = printed.document.body
    assert "zaświadczenie o dochodach z ZUS" in text
    assert "w terminie 7 dni od dnia doręczenia" in text
    assert printed.document.title == "WEZWANIE\ndo usunięcia braków wniosku"
    assert printed.document.addressee == ("Jan Kowalski", "ul. Łużycka 5/3", "74-100 Gryfino")
    assert printed.document.place_and_date == "Gryfino, dnia 30.11.2026"
    assert printed.document.file_number in printed.document.footer
    detail = anna.cases.get(case_id)
    # delivered today (Mon 30.11): 01.12-07.12 (7 days) do not count: 16.12 + 7 = Wed 23.12
    deadlines = {d.rule: d.due for d in detail.deadlines}
    assert deadlines == {"completion": date(2026, 12, 7), "decision": date(2026, 12, 23)}
    assert detail.awaiting_completion == date(2026, 12, 7)
    assert detail.summary.next_due == date(2026, 12, 7)
    assert detail.summary.next_due_label == "czeka na uzupełnienie braków"
    assert detail.suspended_since is None  # the decision's clock is not stopped: it moved
    kinds = [e.kind for e in detail.events]
    assert kinds[-3:] == ["letter", "summons", "deadline"]
    summons = next(e for e in detail.events if e.kind == "summons")
    assert (summons.from_value, summons.to_value) == ("01.12.2026", "07.12.2026")
    assert summons.reason == "zaświadczenie o dochodach z ZUS"
    with world.db.reading() as session:
        period = session.execute(
            select(CaseSuspension.kind, CaseSuspension.letter_id, CaseSuspension.settled_on).where(
                CaseSuspension.case_id == case_id
            )
        ).one()
        content = session.scalar(
            select(CaseLetter.content).where(CaseLetter.id == printed.letter.id)
        )
        entry = session.execute(
            select(AuditEntry.entity_id, AuditEntry.actor_login).where(
                AuditEntry.action == "print", AuditEntry.entity == "case_letter"
            )
        ).one()
    assert tuple(period) == ("summons", printed.letter.id, None)
    assert tuple(entry) == (printed.letter.id, "anna")
    stored = json.loads(content)
    assert stored["values"]["braki"] == "zaświadczenie o dochodach z ZUS"
    assert "klient.pesel" not in stored["values"]  # only what the letter shows is kept
    # a second summons while the first waits is refused
    assert template_of(anna, case_id, "summons").problem
    with pytest.raises(ValidationError):
        anna.letters.print_letter(case_id, choice.template_id, LetterInputs(missing="x"))


def test_the_board_shows_the_case_waiting(world, anna):
    case_id = open_case(world, anna)
    choice = template_of(anna, case_id, "summons")
    anna.letters.print_letter(case_id, choice.template_id, LetterInputs(missing="PIT-11"))
    team = world.teams["benefits"]
    board = anna.boards.board(team)
    cards = [c for column in board.columns for c in anna.boards.page(team, column.id)]
    card = next(c for c in cards if c.id == case_id)
    assert (card.next_due, card.next_due_rule) == (date(2026, 12, 7), "completion")


@pytest.mark.parametrize(
    ("delivered", "last_day", "decision"),
    [
        # Sat 28.11.2026 + 7 = Sat 05.12 -> Mon 07.12 (art. 57 § 4); 29.11-07.12 is 9 days:
        # 16.12 + 9 = Fri 25.12 (holiday), 26.12 (holiday), Sunday -> Mon 28.12.2026
        (date(2026, 11, 28), date(2026, 12, 7), date(2026, 12, 28)),
        # Thu 17.12.2026 + 7 = Thu 24.12, Christmas Eve (a holiday since 2025), 25, 26, Sunday
        # -> Mon 28.12; the summons came after the decision's deadline passed: it adds nothing
        (date(2026, 12, 17), date(2026, 12, 28), date(2026, 12, 16)),
        # Wed 02.12.2026 + 7 = Wed 09.12; 03.12-09.12 = 7 days: 16.12 + 7 = Wed 23.12
        (date(2026, 12, 2), date(2026, 12, 9), date(2026, 12, 23)),
    ],
)
def test_summons_period_ending_on_a_day_off(world, anna, delivered, last_day, decision):
    case_id = open_case(world, anna)
    if delivered > MONDAY.date():
        world.clock.moment = datetime.combine(delivered, MONDAY.time())
    choice = template_of(anna, case_id, "summons")
    anna.letters.print_letter(
        case_id, choice.template_id, LetterInputs(missing="PIT-11", counted_from=delivered)
    )
    detail = anna.cases.get(case_id)
    deadlines = {d.rule: d.due for d in detail.deadlines}
    assert deadlines["completion"] == last_day
    assert deadlines["decision"] == decision


def test_the_party_completes_the_application(world, anna):
    case_id = open_case(world, anna)
    choice = template_of(anna, case_id, "summons")
    anna.letters.print_letter(case_id, choice.template_id, LetterInputs(missing="PIT-11"))
    world.clock.moment = datetime(2026, 12, 4, 10, 0)
    with pytest.raises(ValidationError) as error:
        anna.case_deadlines.record_completion(case_id, date(2026, 11, 27))
    assert "30.11.2026" in error.value.errors["on"]
    summary = anna.case_deadlines.record_completion(case_id, date(2026, 12, 3))
    # waited 01.12-03.12 (3 days): 16.12 + 3 = Sat 19.12 -> Mon 21.12.2026
    assert (summary.next_due, summary.next_due_rule) == (date(2026, 12, 21), "decision")
    detail = anna.cases.get(case_id)
    assert detail.awaiting_completion is None
    assert template_of(anna, case_id, "summons").problem == ""  # may summon again
    with pytest.raises(ValidationError):
        anna.case_deadlines.record_completion(case_id)


def test_an_answer_on_the_day_of_delivery_waits_no_day(world, anna):
    case_id = open_case(world, anna)
    choice = template_of(anna, case_id, "summons")
    anna.letters.print_letter(case_id, choice.template_id, LetterInputs(missing="PIT-11"))
    summary = anna.case_deadlines.record_completion(case_id)
    assert (summary.next_due, summary.next_due_rule) == (date(2026, 12, 16), "decision")


# --- the art. 36 notice -----------------------------------------------------------------------


def test_the_art_36_notice_moves_the_deadline_to_the_new_date(world, anna):
    case_id = open_case(world, anna)
    choice = template_of(anna, case_id, "delay_notice")
    before = counts(world)
    with pytest.raises(ValidationError) as error:
        anna.letters.print_letter(
            case_id,
            choice.template_id,
            LetterInputs(new_date=date(2026, 12, 10), reason="opinia lekarza"),
        )
    assert "16.12.2026" in error.value.errors["new_date"]
    with pytest.raises(ValidationError) as error:
        anna.letters.print_letter(
            case_id, choice.template_id, LetterInputs(new_date=date(2027, 1, 15))
        )
    assert "reason" in error.value.errors
    assert counts(world) == before  # refused: nothing written
    printed = anna.letters.print_letter(
        case_id,
        choice.template_id,
        LetterInputs(new_date=date(2027, 1, 15), reason="oczekiwanie na opinię lekarza"),
    )
    body = printed.document.body
    assert "Nowy termin załatwienia sprawy: 15.01.2027." in body
    assert "Przyczyna zwłoki: oczekiwanie na opinię lekarza" in body
    assert "do dnia 16.12.2026" in body and "ponaglenia" in body
    detail = anna.cases.get(case_id)
    assert detail.notice_new_date == date(2027, 1, 15)
    assert detail.summary.next_due == date(2027, 1, 15)
    assert detail.summary.next_due_rule == "decision_notice"
    assert [e.kind for e in detail.events][-3:] == ["letter", "notice", "deadline"]


# --- the other letters -------------------------------------------------------------------------


def test_interview_notice(world, anna):
    case_id = open_case(world, anna, interview=False)
    choice = template_of(anna, case_id, "interview_notice")
    with pytest.raises(ValidationError) as error:
        anna.letters.print_letter(
            case_id,
            choice.template_id,
            LetterInputs(interview_on=date(2026, 12, 3), interview_at="25:00"),
        )
    assert error.value.errors == {"interview_at": "Podaj godzinę jako GG:MM, np. 10:30."}
    with pytest.raises(ValidationError) as error:
        anna.letters.print_letter(
            case_id, choice.template_id, LetterInputs(interview_on=date(2026, 12, 3))
        )
    assert "godzina wywiadu ({wywiad.godzina})" in error.value.errors["values"]
    printed = anna.letters.print_letter(
        case_id,
        choice.template_id,
        LetterInputs(interview_on=date(2026, 12, 3), interview_at="9.30"),
    )
    assert "w dniu 03.12.2026 (czwartek) o godzinie 09:30." in printed.document.body
    assert "ul. Łużycka 5/3, 74-100 Gryfino" in printed.document.body
    assert anna.cases.get(case_id).summary.next_due_rule == "interview"  # no clock moved


def test_hand_off_notice_names_the_other_team(world, anna):
    case_id = open_case(world, anna)
    choice = template_of(anna, case_id, "handoff_notice")
    assert choice.problem == "Sprawy nie przekazano do innego zespołu."
    handed = anna.handoffs.refer_to_social_work(case_id, "praca socjalna z rodziną")
    choice = template_of(anna, case_id, "handoff_notice")
    assert choice.problem == "" and choice.linked_cases[0][0] == handed.id
    printed = anna.letters.print_letter(case_id, choice.template_id, LetterInputs())
    assert f"pod znakiem {handed.file_number}" in printed.document.body
    assert handed.team_name in printed.document.body
    assert "w dniu 30.11.2026" in printed.document.body


def test_the_delivery_record_starts_the_appeal_period_and_the_case_closes_when_final(world, anna):
    case_id = open_case(world, anna)
    choice = template_of(anna, case_id, "delivery_record")
    assert choice.problem  # no decision yet
    anna.case_deadlines.record_decision(case_id, date(2026, 11, 27))
    choice = template_of(anna, case_id, "delivery_record")
    before = counts(world)
    with pytest.raises(ValidationError) as error:  # no decision number recorded
        anna.letters.print_letter(case_id, choice.template_id, LetterInputs())
    assert "numer decyzji ({decyzja.numer})" in error.value.errors["values"]
    assert counts(world) == before
    anna.case_deadlines.record_decision(case_id, date(2026, 11, 27), number="OPS.5011.7.2026")
    printed = anna.letters.print_letter(case_id, choice.template_id, LetterInputs())
    body = printed.document.body
    assert "Decyzję nr OPS.5011.7.2026 z dnia 27.11.2026" in body
    assert "doręczono w dniu 30.11.2026: osobiście, w siedzibie ośrodka." in body
    assert "do dnia 14.12.2026 włącznie" in body
    assert printed.document.addressee == ()  # a record, not a letter to the party
    assert [s.label for s in printed.document.signatures] == [
        "doręczający (podpis)",
        "odbierający (data i podpis)",
    ]
    detail = anna.cases.get(case_id)
    assert detail.decision_delivered_on == date(2026, 11, 30)
    assert detail.appeal.last_day == date(2026, 12, 14)
    closing = Closing(DECISION, "zasiłek okresowy przyznany na 3 miesiące")
    with pytest.raises(ValidationError) as error:
        anna.cases.close(case_id, closing)
    assert "15.12.2026" in error.value.errors["ending"]
    world.clock.moment = datetime(2026, 12, 15, 8, 0)
    assert anna.cases.close(case_id, closing).closed


def test_other_letter_with_typed_content(world, anna):
    case_id = open_case(world, anna)
    choice = template_of(anna, case_id, "general")
    with pytest.raises(ValidationError) as error:
        anna.letters.print_letter(case_id, choice.template_id, LetterInputs(content="  "))
    assert error.value.errors == {"content": "Napisz treść pisma."}
    printed = anna.letters.print_letter(
        case_id, choice.template_id, LetterInputs(content="Proszę o kontakt.\n\nDziękuję.")
    )
    assert printed.document.body.endswith("Proszę o kontakt.\n\nDziękuję.")


def test_line_breaks_pasted_from_a_word_processor_break_the_letters_lines(world, anna):
    """Word's manual line break (Shift+Enter) pastes as a vertical tab, some editors give a
    page break or U+2028: each is a line break in the letter, never a character in it."""
    case_id = open_case(world, anna)
    choice = template_of(anna, case_id, "general")
    content = "Proszę o kontakt\x0bw poniedziałek.\r\nDziękuję.\u2028Anna\x0c\x0c"
    printed = anna.letters.print_letter(case_id, choice.template_id, LetterInputs(content=content))
    assert printed.document.body.endswith("Proszę o kontakt\nw poniedziałek.\nDziękuję.\nAnna")
    assert anna.letters.reprint(printed.letter.id) == printed.document


def test_every_shipped_template_prints_for_a_case_of_its_kind(world, anna):
    benefit = open_case(world, anna)
    anna.handoffs.refer_to_social_work(benefit, "praca socjalna z rodziną")
    decided = open_case(world, anna, client="wasik", kind="posilek")
    anna.case_deadlines.record_decision(decided, date(2026, 11, 27), number="OPS.5011.8.2026")
    inputs = {
        "summons": (benefit, LetterInputs(missing="PIT-11")),
        "delay_notice": (benefit, LetterInputs(new_date=date(2027, 1, 29), reason="opinia")),
        "interview_notice": (
            benefit,
            LetterInputs(interview_on=date(2026, 12, 4), interview_at="10:00"),
        ),
        "handoff_notice": (benefit, LetterInputs()),
        "delivery_record": (decided, LetterInputs()),
        "general": (decided, LetterInputs(content="Informujemy o zmianie godzin pracy.")),
    }
    printed = set()
    for kind, (case_id, given) in inputs.items():
        if kind == "delay_notice":
            world.clock.moment = MONDAY  # after the summons: a new date later than 23.12
        choice = template_of(anna, case_id, kind)
        letter = anna.letters.print_letter(case_id, choice.template_id, given)
        assert "{" not in letter.document.body and letter.document.title
        printed.add(kind)
    assert printed == {t.kind for t in world.as_("manager").letter_templates.templates()}
    history = anna.letters.letters(benefit)
    assert [letter.kind for letter in history] == [
        "summons",
        "delay_notice",
        "interview_notice",
        "handoff_notice",
    ]


# --- a field the case lacks --------------------------------------------------------------------


def test_a_letter_needing_a_field_the_case_lacks_names_it_and_prints_nothing(world, anna):
    manager = world.as_("manager")
    case_id = open_case(world, anna, client="kovalenko")  # no PESEL
    template = next(t for t in manager.letter_templates.templates() if t.kind == "general")
    manager.letter_templates.save(
        template.id,
        TemplateInput(template.name, template.current.title, "PESEL: {klient.pesel}\n\n{tresc}"),
    )
    before = counts(world)
    with pytest.raises(ValidationError) as error:
        anna.letters.print_letter(case_id, template.id, LetterInputs(content="Treść."))
    assert error.value.errors == {
        "values": "Nie można wydrukować pisma: brak danych: PESEL klienta ({klient.pesel})."
    }
    assert counts(world) == before


# --- versions and printing again ----------------------------------------------------------------


def test_a_letter_prints_again_exactly_with_its_own_version(world, anna):
    manager = world.as_("manager")
    case_id = open_case(world, anna)
    choice = template_of(anna, case_id, "general")
    first = anna.letters.print_letter(
        case_id, choice.template_id, LetterInputs(content="Pierwsze pismo.")
    )
    template = manager.letter_templates.get(choice.template_id)
    saved = manager.letter_templates.save(
        template.id, TemplateInput(template.name, "PISMO W SPRAWIE {sprawa.znak}", "{tresc}")
    )
    assert saved.version == 2
    world.clock.moment = datetime(2026, 12, 2, 11, 0)
    second = anna.letters.print_letter(
        case_id, choice.template_id, LetterInputs(content="Drugie pismo.")
    )
    assert second.document.title.startswith("PISMO W SPRAWIE OPS.")
    again = anna.letters.reprint(first.letter.id)
    assert again == first.document
    assert anna.letters.reprint(second.letter.id) == second.document
    history = anna.letters.letters(case_id)
    assert [(h.version, h.printed_at.day) for h in history] == [(1, 30), (2, 2)]
    assert all(h.reprintable for h in history)
    with world.db.reading() as session:
        reprints = session.scalars(
            select(AuditEntry.detail).where(
                AuditEntry.action == "print", AuditEntry.entity == "case_letter"
            )
        ).all()
    assert sum(1 for d in reprints if d.startswith("reprint")) == 2


def test_printing_again_after_the_office_profile_changed_is_the_same_letter(world, anna):
    from opsdesk.services.office.profile import OfficeInput

    case_id = open_case(world, anna)
    choice = template_of(anna, case_id, "general")
    first = anna.letters.print_letter(case_id, choice.template_id, LetterInputs(content="A."))
    world.as_("admin").office.update(
        OfficeInput(name="OPS Gryfino", street="ul. Nowa 1", postal_code="74-100", city="Gryfino")
    )
    assert anna.letters.reprint(first.letter.id) == first.document


# --- who may --------------------------------------------------------------------------------------


def test_who_may_print_and_who_may_not(world, anna):
    case_id = open_case(world, anna)
    choice = template_of(anna, case_id, "general")
    printed = anna.letters.print_letter(case_id, choice.template_id, LetterInputs(content="A."))
    celina = world.as_("celina")  # social work team: another team's case
    with pytest.raises(PermissionDenied):
        celina.letters.choices(case_id)
    with pytest.raises(PermissionDenied):
        celina.letters.reprint(printed.letter.id)
    admin = world.as_("admin")
    with pytest.raises(PermissionDenied):
        admin.letters.print_letter(case_id, choice.template_id, LetterInputs(content="A."))
    manager = world.as_("manager")
    assert manager.letters.reprint(printed.letter.id) == printed.document
    with pytest.raises(NotFound):
        anna.letters.reprint(10**9)


def test_a_closed_case_prints_no_letter(world, anna):
    case_id = open_case(world, anna)
    anna.case_deadlines.record_decision(case_id, date(2026, 11, 27), number="OPS.5011.9.2026")
    anna.cases.close(case_id, Closing(DECISION, "zasiłek okresowy przyznany"))
    assert all(c.problem for c in anna.letters.choices(case_id))
    choice = template_of(anna, case_id, "general")
    with pytest.raises(ValidationError):
        anna.letters.print_letter(case_id, choice.template_id, LetterInputs(content="A."))


def test_anonymised_letters_cannot_be_printed_again(world, anna):
    case_id = open_case(world, anna)
    choice = template_of(anna, case_id, "general")
    printed = anna.letters.print_letter(case_id, choice.template_id, LetterInputs(content="A."))
    from opsdesk.services.safety.retention_texts import plan_texts, replace_texts

    with world.db.transaction() as session:
        replace_texts(session, plan_texts(session, [world.clients["kowalski"]]))
    assert not anna.letters.letters(case_id)[0].reprintable
    with pytest.raises(ValidationError) as error:
        anna.letters.reprint(printed.letter.id)
    assert "zanonimizowano" in error.value.errors["letter"]

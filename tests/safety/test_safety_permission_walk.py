"""Every role against every gated service entry point (docs/roles.md, issue 8).

Each call uses a record that does not exist (or no input at all): a role the matrix refuses
must meet PermissionDenied before anything is looked up; an allowed role gets past the gate
and then fails on the missing record or input, which counts as "allowed" here. Calls whose
scope is narrowed further (own team, own clients, own contracts) are covered by the
capabilities' own privacy tests.
"""

from datetime import date

import pytest
from safety.matrix import TEAM_OF_ROLE, outcome, roles_with

from opsdesk.domain.roles import Action, Role

NO = 999_999
TODAY = date(2026, 11, 30)


def own_team(services) -> int:
    actor = services.actor
    return actor.team_id if actor is not None and actor.team_id else NO


# Psychologists reach booking for their own contracts (hours: "own, with notes").
PSYCH_BOOKING = roles_with(Action.PSYCH_BOOK) | roles_with(Action.PSYCH_SESSIONS)

CALLS = {
    # reception
    "reception.register": (lambda s: s.reception.register(None), Action.VISIT_REGISTER),
    # workers serve and see their own team: they are walked on their own team's id
    "queue.call_next": (lambda s: s.queue.call_next(own_team(s)), Action.VISIT_SERVE),
    "queue.finish": (lambda s: s.queue.finish(NO, None), Action.VISIT_SERVE),
    "rooms.book": (lambda s: s.rooms.book(None), Action.ROOM_BOOK),
    "reception_stats.day": (lambda s: s.reception_stats.day(TODAY), Action.RECEPTION_STATS),
    # clients and cases
    "clients.search": (lambda s: s.clients.search("Nowak"), Action.CLIENT_VIEW),
    "clients.create": (lambda s: s.clients.create(None), Action.CLIENT_EDIT),
    "clients.update": (lambda s: s.clients.update(NO, None), Action.CLIENT_EDIT),
    "cases.create": (lambda s: s.cases.create(None), Action.CASE_CREATE),
    "cases.open_case_from_visit": (
        lambda s: s.cases.open_case_from_visit(NO, NO),
        Action.CASE_CREATE,
    ),
    "cases.move": (lambda s: s.cases.move(NO, NO), Action.CASE_CHANGE),
    "cases.close": (lambda s: s.cases.close(NO, "x"), Action.CASE_CHANGE),
    "cases.flags_preview": (lambda s: s.cases.flags_preview(NO, True, False), Action.CASE_VIEW),
    "cases.undo_move": (lambda s: s.cases.undo_move(NO), Action.CASE_CHANGE),
    "cases.closing_endings": (lambda s: s.cases.closing_endings(NO), Action.CASE_VIEW),
    "boards.export": (lambda s: s.boards.export(own_team(s)), Action.CASE_VIEW),
    "boards.team_due": (lambda s: s.boards.team_due(own_team(s)), Action.CASE_VIEW),
    "case_deadlines.suspend": (
        lambda s: s.case_deadlines.suspend(NO, TODAY, "x"),
        Action.CASE_CHANGE,
    ),
    "case_notes.add": (lambda s: s.case_notes.add(NO, "x"), Action.CASE_CHANGE),
    "case_deadlines.record_completion": (
        lambda s: s.case_deadlines.record_completion(NO, TODAY),
        Action.CASE_CHANGE,
    ),
    "case_deadlines.record_delivery": (
        lambda s: s.case_deadlines.record_delivery(NO, TODAY),
        Action.CASE_CHANGE,
    ),
    # letters
    "letters.choices": (lambda s: s.letters.choices(NO), Action.CASE_VIEW),
    "letters.letters": (lambda s: s.letters.letters(NO), Action.CASE_VIEW),
    "letters.preview": (lambda s: s.letters.preview(NO, NO, None), Action.CASE_CHANGE),
    "letters.print_letter": (lambda s: s.letters.print_letter(NO, NO, None), Action.CASE_CHANGE),
    "letters.reprint": (lambda s: s.letters.reprint(NO), Action.CASE_VIEW),
    "letter_templates.templates": (
        lambda s: s.letter_templates.templates(),
        Action.LETTER_TEMPLATES,
    ),
    "letter_templates.create": (lambda s: s.letter_templates.create(None), Action.LETTER_TEMPLATES),
    "letter_templates.save": (lambda s: s.letter_templates.save(NO, None), Action.LETTER_TEMPLATES),
    "letter_templates.preview": (
        lambda s: s.letter_templates.preview("summons", None),
        Action.LETTER_TEMPLATES,
    ),
    "letter_templates.set_active": (
        lambda s: s.letter_templates.set_active(NO, False),
        Action.LETTER_TEMPLATES,
    ),
    "gdpr_information.save": (lambda s: s.gdpr_information.save(None), Action.SETTINGS_MANAGE),
    "gdpr_information.information": (
        lambda s: s.gdpr_information.information(),
        roles_with(Action.GDPR_REPORT) | roles_with(Action.SETTINGS_MANAGE),
    ),
    "letter_templates.kinds": (
        lambda s: s.letter_templates.kinds(),
        roles_with(Action.LETTER_TEMPLATES) | roles_with(Action.CASE_VIEW),
    ),
    "boards.board": (lambda s: s.boards.board(own_team(s)), Action.CASE_VIEW),
    # hours
    "contracts.create": (lambda s: s.contracts.create(None), Action.CONTRACT_MANAGE),
    "hours_calendar.book": (lambda s: s.hours_calendar.book(None), PSYCH_BOOKING),
    "hours_summary.projects": (lambda s: s.hours_summary.projects(), Action.HOURS_TOTALS),
    # reports and safety
    "reports.gdpr_report": (lambda s: s.reports.gdpr_report(NO), Action.GDPR_REPORT),
    "audit.entries": (lambda s: s.audit.entries(), Action.AUDIT_VIEW),
    "staff.create": (lambda s: s.staff.create(None), Action.STAFF_MANAGE),
    "teams.save": (lambda s: s.teams.save(None), Action.SETTINGS_MANAGE),
    "regions.save": (lambda s: s.regions.save(None), Action.SETTINGS_MANAGE),
    "office.update": (lambda s: s.office.update(None), Action.SETTINGS_MANAGE),
    "retention.preview": (lambda s: s.retention.preview(), Action.RETENTION_ANONYMISE),
}


@pytest.fixture
def people(make_person):
    return {role: make_person(role, TEAM_OF_ROLE.get(role)) for role in Role}


def test_every_role_meets_the_matrix_at_every_gated_entry_point(people):
    mismatches = {}
    for name, (call, action) in CALLS.items():
        allowed = roles_with(action) if isinstance(action, Action) else action
        for role, services in people.items():
            found = outcome(call, services)
            expected = "allowed" if role in allowed else "refused"
            if found != expected:
                mismatches[f"{name} as {role.value}"] = found
    assert mismatches == {}, "\n".join(f"{k}: {v}" for k, v in sorted(mismatches.items()))


def test_nobody_logged_in_is_refused_everywhere(people):
    anonymous = people[Role.ADMIN].as_actor(None)
    found = {name: outcome(call, anonymous) for name, (call, _action) in CALLS.items()}
    assert {n: o for n, o in found.items() if o != "refused"} == {}

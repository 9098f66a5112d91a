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
from opsdesk.services.cases.search import CaseQuery

NO = 999_999
TODAY = date(2026, 11, 30)


def own_team(services) -> int:
    actor = services.actor
    return actor.team_id if actor is not None and actor.team_id else NO


# Psychologists reach booking for their own contracts (hours: "own, with notes").
PSYCH_BOOKING = roles_with(Action.PSYCH_BOOK) | roles_with(Action.PSYCH_SESSIONS)
# A queue is seen by the desk and the manager (every team's) and by a team's workers
QUEUE_VIEWERS = roles_with(Action.VISIT_VIEW)
# the client search of the GDPR report and of "who saw this person"
CLIENT_FINDERS = roles_with(Action.GDPR_REPORT) | roles_with(Action.AUDIT_PERSON)

CALLS = {
    # reception
    "reception.register": (lambda s: s.reception.register(None), Action.VISIT_REGISTER),
    # workers serve and see their own team: they are walked on their own team's id
    "queue.call_next": (lambda s: s.queue.call_next(own_team(s)), Action.VISIT_SERVE),
    "queue.finish": (lambda s: s.queue.finish(NO, None), Action.VISIT_SERVE),
    "queue.call": (lambda s: s.queue.call(NO, reason="x"), Action.VISIT_SERVE),
    "queue.hold": (lambda s: s.queue.hold(NO), Action.VISIT_SERVE),
    "queue.resume": (lambda s: s.queue.resume(NO), Action.VISIT_SERVE),
    "queue.undo_no_show": (lambda s: s.queue.undo_no_show(NO), Action.VISIT_SERVE),
    "queue.undo_cancel": (lambda s: s.queue.undo_cancel(NO), Action.VISIT_SERVE),
    "reception.correct": (lambda s: s.reception.correct(NO, None), Action.VISIT_REGISTER),
    "presence.set_status": (
        lambda s: s.presence.set_status("x"),
        roles_with(Action.VISIT_SERVE) | roles_with(Action.VISIT_VIEW),
    ),
    "presence.closed_places": (lambda s: s.presence.closed_places(), Action.VISIT_VIEW),
    "rooms.book": (lambda s: s.rooms.book(None), Action.ROOM_BOOK),
    "reception_stats.day": (lambda s: s.reception_stats.day(TODAY), Action.RECEPTION_STATS),
    "reception_stats.set_targets": (
        lambda s: s.reception_stats.set_targets({NO: 0}),
        Action.RECEPTION_STATS,
    ),
    "queue.rate": (lambda s: s.queue.rate(NO, 3), Action.VISIT_SERVE),
    # lists of personal data (issue 19, item 4: each audited as one entry)
    "reception.today": (lambda s: s.reception.today(), Action.VISIT_REGISTER),
    "reception.lists_mark": (lambda s: s.reception.lists_mark(), Action.VISIT_VIEW),
    "reception.search_clients": (lambda s: s.reception.search_clients("Nowak"), Action.CLIENT_VIEW),
    "queue.queue": (lambda s: s.queue.queue(own_team(s)), QUEUE_VIEWERS),
    "clients.search_by_address": (
        lambda s: s.clients.search_by_address("Zachęty"),
        Action.CLIENT_VIEW,
    ),
    "cases.for_client": (lambda s: s.cases.for_client(NO), Action.CASE_VIEW),
    "cases.where_sent": (lambda s: s.cases.where_sent(NO), Action.CLIENT_VIEW),
    "boards.page": (lambda s: s.boards.page(own_team(s), NO), Action.CASE_VIEW),
    "reports.find_clients": (lambda s: s.reports.find_clients("Nowak"), CLIENT_FINDERS),
    # clients and cases
    "clients.get": (lambda s: s.clients.get(NO), Action.CLIENT_VIEW),
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
    "caseload.reassign_many": (
        lambda s: s.caseload.reassign_many({NO: NO}, "urlop"),
        Action.CASE_ASSIGN,
    ),
    "caseload.mark_absent": (lambda s: s.caseload.mark_absent(None), Action.CASE_ASSIGN),
    "caseload.open_cases": (lambda s: s.caseload.open_cases(NO), Action.CASE_ASSIGN),
    "caseload.limits": (lambda s: s.caseload.limits(), Action.CASE_VIEW),
    "caseload.set_limits": (
        lambda s: s.caseload.set_limits(None, {}),
        roles_with(Action.CASE_ASSIGN) | roles_with(Action.SETTINGS_MANAGE),
    ),
    "case_search.search": (lambda s: s.case_search.search(CaseQuery(text="x")), Action.CASE_VIEW),
    "case_search.save_filter": (
        lambda s: s.case_search.save_filter("x", CaseQuery(mine=True)),
        Action.CASE_VIEW,
    ),
    "case_search.delete_filter": (lambda s: s.case_search.delete_filter(NO), Action.CASE_VIEW),
    "appeals.of_case": (lambda s: s.appeals.of_case(NO), Action.CASE_VIEW),
    "appeals.lodge": (lambda s: s.appeals.lodge(NO, TODAY), Action.CASE_CHANGE),
    "appeals.forward": (lambda s: s.appeals.forward(NO, TODAY), Action.CASE_CHANGE),
    "inbox.count": (lambda s: s.inbox.count(), Action.CASE_VIEW),
    "inbox.waiting": (lambda s: s.inbox.waiting(), Action.CASE_VIEW),
    "inbox.accept": (lambda s: s.inbox.accept([NO]), Action.CASE_CHANGE),
    "inbox.send_back": (lambda s: s.inbox.send_back(NO, "to nie nasza sprawa"), Action.CASE_CHANGE),
    # hours
    "contracts.create": (lambda s: s.contracts.create(None), Action.CONTRACT_MANAGE),
    "hours_calendar.book": (lambda s: s.hours_calendar.book(None), PSYCH_BOOKING),
    "hours_summary.projects": (lambda s: s.hours_summary.projects(), Action.HOURS_TOTALS),
    "hours_summary.month_overview": (
        lambda s: s.hours_summary.month_overview((2026, 11)),
        Action.HOURS_TOTALS,
    ),
    "hours_exports.projects": (lambda s: s.hours_exports.projects("xlsx"), Action.HOURS_TOTALS),
    "month_approvals.submit": (
        lambda s: s.month_approvals.submit(NO, (2026, 11)),
        roles_with(Action.PSYCH_SESSIONS) | roles_with(Action.SUPERVISION_SESSIONS),
    ),
    "month_approvals.approve": (
        lambda s: s.month_approvals.approve(NO, (2026, 11)),
        Action.CONTRACT_MANAGE,
    ),
    "month_approvals.send_back": (
        lambda s: s.month_approvals.send_back(NO, (2026, 11), "x"),
        Action.CONTRACT_MANAGE,
    ),
    "month_approvals.reopen": (
        lambda s: s.month_approvals.reopen(NO, (2026, 11), "x"),
        Action.CONTRACT_MANAGE,
    ),
    "month_approvals.declare_other_projects": (
        lambda s: s.month_approvals.declare_other_projects(NO, (2026, 11), 60),
        roles_with(Action.PSYCH_SESSIONS) | roles_with(Action.SUPERVISION_SESSIONS),
    ),
    "month_approvals.set_entry_days": (
        lambda s: s.month_approvals.set_entry_days(10),
        Action.SETTINGS_MANAGE,
    ),
    # reports and safety
    "reports.gdpr_report": (lambda s: s.reports.gdpr_report(NO), Action.GDPR_REPORT),
    "indicators.overview": (lambda s: s.indicators.overview(None), Action.INDICATORS_VIEW),
    "indicators.wait_target": (lambda s: s.indicators.wait_target(), Action.INDICATORS_VIEW),
    "indicators.figure": (
        lambda s: s.indicators.figure(None, "contacts"),
        Action.INDICATORS_VIEW,
    ),
    "audit.entries": (lambda s: s.audit.entries(), Action.AUDIT_VIEW),
    "who_saw.report": (lambda s: s.who_saw.report(NO), Action.AUDIT_PERSON),
    "staff.create": (lambda s: s.staff.create(None), Action.STAFF_MANAGE),
    "staff.update": (lambda s: s.staff.update(NO, None), Action.STAFF_MANAGE),
    "teams.save": (lambda s: s.teams.save(None), Action.SETTINGS_MANAGE),
    "teams.set_active": (lambda s: s.teams.set_active(NO, False), Action.SETTINGS_MANAGE),
    "purposes.list": (lambda s: s.purposes.list(), Action.SETTINGS_MANAGE),
    "purposes.save": (lambda s: s.purposes.save(None), Action.SETTINGS_MANAGE),
    "purposes.set_active": (lambda s: s.purposes.set_active(NO, False), Action.SETTINGS_MANAGE),
    "purposes.move": (lambda s: s.purposes.move(NO, 1), Action.SETTINGS_MANAGE),
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

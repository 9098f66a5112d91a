"""Bad input to the reading and printing services, logging in and the audit browser: a
report or a clear refusal, never a raw error, and nothing saved but the audit of a read."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from people import STAFF_PASSWORD
from safety.fuzzing import (
    FUZZ_FEW,
    attempt,
    nasty_text,
    odd_dates,
    search_text,
    unknown_ids,
    weird_numbers,
)

from opsdesk.errors import AuthenticationError, ServiceError, ValidationError

READ_AUDIT = ("audit_entry",)


@FUZZ_FEW
@given(login=nasty_text(300), password=nasty_text(300))
def test_login_with_any_text_is_refused_clearly(reports_office, login, password):
    anonymous = reports_office.manager.as_actor(None)
    _actor, error = attempt(
        anonymous.db, lambda: anonymous.auth.login(login, password), ignore=READ_AUDIT
    )
    assert isinstance(error, AuthenticationError)


@FUZZ_FEW
@given(old=nasty_text(300), new=nasty_text(300), repeat=nasty_text(300))
def test_changing_a_password_with_any_text(reports_office, old, new, repeat):
    clerk = reports_office.clerk
    _done, error = attempt(
        clerk.db,
        lambda: clerk.auth.change_password(clerk.actor, old, new, repeat),
        ignore=READ_AUDIT,
    )
    assert isinstance(error, (ValidationError, AuthenticationError))  # the old one is wrong
    assert clerk.auth.login(clerk.actor.login, STAFF_PASSWORD).id == clerk.actor.id


@FUZZ_FEW
@given(
    since=st.one_of(st.none(), odd_dates()),
    until=st.one_of(st.none(), odd_dates()),
    who=st.one_of(st.none(), nasty_text(200)),
    entity=st.one_of(st.none(), nasty_text(100)),
    entity_id=st.one_of(st.none(), unknown_ids()),
    action=st.one_of(st.none(), nasty_text(50)),
    limit=weird_numbers(),
)
def test_browsing_the_audit_log_with_any_filter(
    reports_office, since, until, who, entity, entity_id, action, limit
):
    manager = reports_office.manager
    rows, _error = attempt(
        manager.db,
        lambda: manager.audit.entries(
            since=since,
            until=until,
            actor_login=who,
            entity=entity,
            entity_id=entity_id,
            action=action,
            limit=limit,
        ),
        ignore=READ_AUDIT,
    )
    assert rows is None or isinstance(rows, list)


@FUZZ_FEW
@given(text=search_text())
def test_finding_a_client_for_the_gdpr_report_with_any_text(reports_office, text):
    manager = reports_office.manager
    found, _error = attempt(manager.db, lambda: manager.reports.find_clients(text))
    assert found is None or all(c.display_name for c in found)


@FUZZ_FEW
@given(client=unknown_ids())
def test_a_gdpr_report_of_nobody_is_refused(reports_office, client):
    manager = reports_office.manager
    _report, error = attempt(manager.db, lambda: manager.reports.gdpr_report(client))
    assert isinstance(error, ServiceError)


@FUZZ_FEW
@given(client=unknown_ids())
def test_who_saw_nobody_is_refused(reports_office, client):
    manager = reports_office.manager
    _report, error = attempt(manager.db, lambda: manager.who_saw.report(client))
    assert isinstance(error, ServiceError)


@FUZZ_FEW
@given(
    team=st.one_of(unknown_ids(), st.sampled_from(["real"])),
    worker=st.one_of(st.none(), unknown_ids()),
    until=st.one_of(st.none(), odd_dates()),
)
def test_deadline_reports_with_odd_teams_workers_and_days(reports_office, team, worker, until):
    manager = reports_office.manager
    if team == "real":
        team = manager.reports.deadline_scopes()[0].team_id
    report, error = attempt(
        manager.db, lambda: manager.reports.deadline_report(team, worker, until), ignore=READ_AUDIT
    )
    assert (report is None) != (error is None)


@FUZZ_FEW
@given(
    contract=st.one_of(unknown_ids(), st.just("real")), year=weird_numbers(), month=weird_numbers()
)
def test_hour_sheets_of_odd_months_and_contracts(reports_office, contract, year, month):
    manager = reports_office.manager
    if contract == "real":
        contract = reports_office.psych.id
    _sheet, error = attempt(
        manager.db,
        lambda: manager.hours_sheets.hour_sheet(contract, (year, month)),
        ignore=READ_AUDIT,
    )
    _sheet, error = attempt(
        manager.db,
        lambda: manager.hours_sheets.attendance_sheet(contract, (year, month)),
        ignore=READ_AUDIT,
    )


@FUZZ_FEW
@given(
    contract=st.one_of(unknown_ids(), st.just("real")),
    quarter=st.one_of(st.none(), st.tuples(weird_numbers(), weird_numbers())),
)
def test_quarter_and_project_summaries_of_odd_quarters(reports_office, contract, quarter):
    manager = reports_office.manager
    if contract == "real":
        contract = reports_office.psych.id
    for scope in ("quarter", "project"):
        attempt(
            manager.db,
            lambda scope=scope: manager.reports.hours_period(contract, scope, quarter),
            ignore=READ_AUDIT,
        )


@FUZZ_FEW
@given(day=odd_dates(), year=weird_numbers(), month=weird_numbers())
def test_reception_statistics_of_odd_days_and_months(reports_office, day, year, month):
    manager = reports_office.manager
    attempt(manager.db, lambda: manager.reception_stats.day(day))
    attempt(manager.db, lambda: manager.reception_stats.month(year, month))
    attempt(manager.db, lambda: manager.hours_summary.supervision_by_worker(year))


@FUZZ_FEW
@given(contract=unknown_ids(), minutes=weird_numbers(), limit=weird_numbers())
def test_a_contract_summary_of_nobody_and_the_display_with_odd_numbers(
    reports_office, contract, minutes, limit
):
    manager = reports_office.manager
    _summary, error = attempt(
        manager.db, lambda: manager.hours_summary.contract_summary(contract), ignore=READ_AUDIT
    )
    assert isinstance(error, ServiceError)
    calls, _error = attempt(manager.db, lambda: manager.display.recent_calls(minutes, limit))
    assert calls is None or isinstance(calls, list)

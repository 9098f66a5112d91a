"""The overview counts the late and overdue decisions and interviews without listing them
(issue 20, speed); the list is read when opened (``figure(period, "late")``) or for the files.
Both must agree, including decisions whose proceedings were suspended (their deadline moves),
on tests/indicator_office.py with three such cases added."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from opsdesk.domain.report_periods import month_period, parse_period
from opsdesk.storage.models import BenefitKind, Case, CaseSuspension

NOVEMBER = month_period(2026, 11)


@pytest.fixture
def suspended_office(indicator_office):
    """S1 applied 01.09, suspended 10.09-14.09, decided 05.11: late even with the 5 days;
    S3 applied 02.09, suspended 10.09-12.09, no decision: overdue since its moved deadline;
    S4 applied 20.10, suspended from 21.10 and not resumed: its clock still stands."""
    o = indicator_office
    with o.manager.db.transaction() as session:
        template = session.get(Case, o.cases["C6"])
        assert template is not None
        kind = session.scalar(select(BenefitKind.id).where(BenefitKind.id == template.kind_id))

        def add(seq: int, applied: date, decided: date | None, stops) -> None:
            case = Case(
                file_number=f"OPS.{seq}.2026",
                file_year=2026,
                file_seq=seq,
                client_id=template.client_id,
                kind_id=kind,
                team_id=template.team_id,
                worker_id=template.worker_id,
                status_id=template.status_id,
                application_date=applied,
                interview_date=applied,
                decision_date=decided,
                created_at=datetime(2026, 9, 1, 8),
                updated_at=datetime(2026, 9, 1, 8),
            )
            session.add(case)
            session.flush()
            for first, last in stops:
                session.add(CaseSuspension(case_id=case.id, starts_on=first, ends_on=last))

        add(101, date(2026, 9, 1), date(2026, 11, 5), [(date(2026, 9, 10), date(2026, 9, 14))])
        add(103, date(2026, 9, 2), None, [(date(2026, 9, 10), date(2026, 9, 12))])
        add(104, date(2026, 10, 20), None, [(date(2026, 10, 21), None)])
    return o


def test_suspended_decisions_are_counted_as_they_are_listed(suspended_office):
    o = suspended_office
    decisions = o.manager.indicators.overview(NOVEMBER).current.decisions
    # C1 on time, C2 and S1 late; C6 and S3 overdue (S4's clock stands)
    assert (decisions.made, decisions.on_time, decisions.outstanding) == (3, 1, 2)
    late = o.manager.indicators.figure(NOVEMBER, "late")
    numbers = [row[0] for row in late.rows]
    assert "OPS.101.2026" in numbers and "OPS.103.2026" in numbers
    assert "OPS.104.2026" not in numbers


@pytest.mark.parametrize("code", ["2026-11", "2026-10", "2026-09", "2026-Q4", "2026"])
def test_the_counts_and_the_lists_agree(suspended_office, code):
    o = suspended_office
    period = parse_period(code)
    counted = o.manager.indicators.overview(period)
    listed = o.manager.indicators.overview(period, lists=True)
    for step in ("decisions", "interviews"):
        plain, full = getattr(counted.current, step), getattr(listed.current, step)
        assert plain.late == ()
        assert (plain.made, plain.on_time) == (full.made, full.on_time)
        assert plain.made_late == sum(1 for r in full.late if r.made is not None)
        assert plain.outstanding == sum(1 for r in full.late if r.made is None)
        before = getattr(counted.previous, step)
        alone = getattr(o.manager.indicators.overview(period.previous(), lists=True).current, step)
        assert (before.made, before.on_time, before.outstanding) == (
            alone.made,
            alone.on_time,
            sum(1 for r in alone.late if r.made is None),
        )
    total = counted.current.decisions.late_count + counted.current.interviews.late_count
    assert o.manager.indicators.figure(period, "late").total == total

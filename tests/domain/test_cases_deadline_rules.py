"""Statutory deadlines worked out by hand (docs/law.md) around holidays, month ends, weekends
and both sides of the 2025 change (24 December a holiday from 2025 on).

Each case lists the days counted, so a reader can check it against a calendar."""

from datetime import date

import pytest

from opsdesk.domain.deadlines import due_date

D = date

HAND_WORKED = [
    # --- environmental interview: 14 working days, the day of the event not counted -------
    # Wed 10.12.2025: 11,12,15,16,17,18,19,22,23 (9), 24-26 holidays (24 new in 2025),
    # 29,30,31 (12), 1 Jan holiday, Fri 2 Jan (13), Mon 5 Jan (14)
    ("interview", D(2025, 12, 10), D(2026, 1, 5)),
    # Tue 10.12.2024: 11,12,13,16,17,18,19,20,23 (9), Tue 24 Dec still a working day (10),
    # 25-26 holidays, 27,30,31 (13), 1 Jan holiday, Thu 2 Jan (14)
    ("interview", D(2024, 12, 10), D(2025, 1, 2)),
    # Fri 11.04.2025: 14-18 (5), Easter Monday 21, 22-25 (9), 28,29,30 (12), 1 May holiday,
    # Fri 2 May (13), Sat 3 May holiday anyway, Mon 5 May (14)
    ("interview", D(2025, 4, 11), D(2025, 5, 5)),
    # filed on Saturday 14.03.2026: 16-20 (5), 23-27 (10), 30,31 (12), 1 Apr (13), 2 Apr (14)
    ("interview", D(2026, 3, 14), D(2026, 4, 2)),
    # --- urgent interview: 2 working days ----------------------------------------------------
    # Mon 22.12.2025: Tue 23 (1), 24-26 holidays, 27-28 weekend, Mon 29 (2)
    ("interview_urgent", D(2025, 12, 22), D(2025, 12, 29)),
    # Mon 23.12.2024: Tue 24 (1, a working day before the change), 25-26 holidays, Fri 27 (2)
    ("interview_urgent", D(2024, 12, 23), D(2024, 12, 27)),
    # Thu 30.04.2026: 1 May (Fri) holiday, weekend, Mon 4 May (1), Tue 5 May (2)
    ("interview_urgent", D(2026, 4, 30), D(2026, 5, 5)),
    # Wed 18.06.2025: Corpus Christi Thu 19 Jun, Fri 20 (1), Mon 23 (2)
    ("interview_urgent", D(2025, 6, 18), D(2025, 6, 23)),
    # --- decision: 1 month (KPA art. 35 § 3), art. 57 § 3 and § 4 -----------------------------
    # 24.11.2025 -> 24.12.2025, a holiday since 2025; 25, 26 holidays; 27-28 weekend -> Mon 29
    ("decision", D(2025, 11, 24), D(2025, 12, 29)),
    # 24.11.2024 (an ePUAP application on a Sunday) -> Tue 24.12.2024, then a working day
    ("decision", D(2024, 11, 24), D(2024, 12, 24)),
    # 31.01.2025 -> no 31 February: the month's last day, Fri 28.02.2025
    ("decision", D(2025, 1, 31), D(2025, 2, 28)),
    # 30.01.2026 -> 28.02.2026 is a Saturday -> Mon 02.03.2026
    ("decision", D(2026, 1, 30), D(2026, 3, 2)),
    # 29.01.2024 -> 29.02.2024, a leap day and a Thursday
    ("decision", D(2024, 1, 29), D(2024, 2, 29)),
    # 01.10.2026 -> Sun 01.11.2026, All Saints as well -> Mon 02.11.2026
    ("decision", D(2026, 10, 1), D(2026, 11, 2)),
    # 11.10.2026 -> Wed 11.11.2026 Independence Day -> Thu 12.11.2026
    ("decision", D(2026, 10, 11), D(2026, 11, 12)),
    # 06.12.2025 -> Tue 06.01.2026 Epiphany -> Wed 07.01.2026
    ("decision", D(2025, 12, 6), D(2026, 1, 7)),
    # --- particularly complicated: 2 months -------------------------------------------------
    # 31.10.2025 -> Wed 31.12.2025 (New Year's Eve is no holiday)
    ("decision_complex", D(2025, 10, 31), D(2025, 12, 31)),
    # 24.10.2025 -> Wed 24.12.2025, a holiday from 2025 -> Mon 29.12.2025
    ("decision_complex", D(2025, 10, 24), D(2025, 12, 29)),
    # 24.10.2024 -> Tue 24.12.2024, still a working day then
    ("decision_complex", D(2024, 10, 24), D(2024, 12, 24)),
    # 31.12.2025 -> 28.02.2026 (no 31 Feb) is a Saturday -> Mon 02.03.2026
    ("decision_complex", D(2025, 12, 31), D(2026, 3, 2)),
    # --- interview update: 6 months (art. 107 u.p.s.) ---------------------------------------
    # 31.08.2025 -> 28.02.2026 (Saturday) -> Mon 02.03.2026
    ("interview_update", D(2025, 8, 31), D(2026, 3, 2)),
    # 01.05.2026 -> Sun 01.11.2026 (All Saints) -> Mon 02.11.2026
    ("interview_update", D(2026, 5, 1), D(2026, 11, 2)),
    # 24.06.2026 -> Thu 24.12.2026, a holiday; 25 Fri, 26 Sat holidays, Sun 27 -> Mon 28
    ("interview_update", D(2026, 6, 24), D(2026, 12, 28)),
    # 24.06.2024 -> Tue 24.12.2024, a working day before the change
    ("interview_update", D(2024, 6, 24), D(2024, 12, 24)),
]


@pytest.mark.parametrize(("rule", "start", "due"), HAND_WORKED)
def test_hand_worked_deadlines(rule, start, due):
    assert due_date(rule, start) == due
    assert isinstance(due_date(rule, start), date)


def test_the_same_start_on_both_sides_of_the_2025_change():
    """Only the year differs; in 2025 Christmas Eve stops the clock, in 2024 it did not."""
    assert due_date("decision", D(2024, 11, 24)) == D(2024, 12, 24)
    assert due_date("decision", D(2025, 11, 24)) == D(2025, 12, 29)
    assert due_date("interview_urgent", D(2024, 12, 23)) == D(2024, 12, 27)
    assert due_date("interview_urgent", D(2025, 12, 23)) == D(2025, 12, 30)

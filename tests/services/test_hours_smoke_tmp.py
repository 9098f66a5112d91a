from datetime import date
from hours_office import hours  # noqa
def test_smoke(hours):
    s = hours.psychologist.hours.record(hours.consultation(date(2026, 11, 3), "12:00", note="x"))
    print(s)
    print(hours.manager.hours.sessions(hours.psych.id, (2026, 11)))
    print(hours.psychologist.hours.budget(hours.psych.id, (2026, 11)))
    print(hours.clerk.hours_calendar.week(hours.psych.id, date(2026, 12, 1)))
    print(hours.manager.hours_summary.contract_summary(hours.psych.id).months[:2])
    print(hours.manager.hours_sheets.hour_sheet(hours.psych.id, (2026, 11)))

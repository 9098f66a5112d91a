"""The list behind each figure of the overview, on tests/indicator_office.py (its docstring
lists every contact and case): who may see names, and how looking is audited."""

from datetime import date

import pytest
from sqlalchemy import select

from opsdesk.domain import roles
from opsdesk.domain.report_periods import month_period
from opsdesk.domain.roles import Action, Role
from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.storage.models import AuditEntry, AuditShown

NOVEMBER = month_period(2026, 11)


def column(figure, name):
    index = figure.columns.index(name)
    return [row[index] for row in figure.rows]


def test_the_contacts_of_a_worker(indicator_office):
    o = indicator_office
    figure = o.manager.indicators.figure(NOVEMBER, f"worker:{o.staff['anna']}")
    # V1 (02.11, in person, waited 4), V4 (12.11, phone), V5 (13.11, letter)
    assert figure.total == 3 and not figure.truncated
    assert column(figure, "Dzień") == [date(2026, 11, 2), date(2026, 11, 12), date(2026, 11, 13)]
    assert column(figure, "Kanał") == ["Osobiście", "Telefon", "Pismo"]
    assert column(figure, "Czeka (min)") == ["4,0", "", ""]
    assert column(figure, "Obsłużył(a)") == ["Anna Kowalczyk"] * 3
    assert figure.names_shown and column(figure, "Osoba")[0] == ""  # no client registered


def test_the_waits_and_the_redirected_visit(indicator_office):
    figure = indicator_office.manager.indicators.figure(NOVEMBER, "waits")
    # V1 4, V2 20, V3 10 + 30 after the redirect, V6 still waiting, V7 15
    assert sorted(column(figure, "Czeka (min)")) == ["", "10,0 + 30,0", "15,0", "20,0", "4,0"]
    assert figure.total == 5


def test_channels_purposes_teams_and_settled(indicator_office):
    o = indicator_office
    m = o.manager.indicators
    assert m.figure(NOVEMBER, "channel:phone").total == 1
    assert m.figure(NOVEMBER, "settled").total == 2  # V1 and V4
    assert m.figure(NOVEMBER, "ended").total == 5
    assert m.figure(NOVEMBER, "contacts").total == 7
    benefits = m.figure(NOVEMBER, f"team:{o.teams['benefits']}")
    assert benefits.total == 2  # V2 and V3 ended in the benefits team's queue
    overview = m.overview(NOVEMBER).current
    for count in overview.by_purpose:
        assert m.figure(NOVEMBER, f"purpose:{count.key}").total == count.count


def test_late_decisions_with_days_late_and_the_cases(indicator_office):
    o = indicator_office
    decisions = o.manager.indicators.figure(NOVEMBER, "decisions")
    # C1 on time (due 12.11), C2 a day late (due 12.11, made 13.11)
    assert column(decisions, "Nr sprawy") == [o.file_numbers["C1"], o.file_numbers["C2"]]
    assert column(decisions, "Termin") == [date(2026, 11, 12), date(2026, 11, 12)]
    assert column(decisions, "Dni po terminie") == [0, 1]
    assert column(decisions, "Klient") == ["Łukasz Wójcik"] * 2
    interviews = o.manager.indicators.figure(NOVEMBER, "interviews")
    assert column(interviews, "Dni po terminie") == [0, 1]  # C3 on time, C4 a day late
    assert o.manager.indicators.figure(NOVEMBER, "cases_new").total == 4  # C3 C4 C7 C9
    assert o.manager.indicators.figure(NOVEMBER, "cases_closed").total == 3  # C1 C2 C8
    beata = o.manager.indicators.figure(NOVEMBER, f"caseload:{o.staff['beata']}")
    assert column(beata, "Nr sprawy") == [o.file_numbers["C4"], o.file_numbers["C7"]]
    nobody = o.manager.indicators.figure(NOVEMBER, "caseload:")
    assert column(nobody, "Pracownik") == ["Nieprzypisane"]


def test_the_late_list_is_read_when_opened_as_the_overview_counts_it(indicator_office):
    o = indicator_office
    late = o.manager.indicators.figure(NOVEMBER, "late")
    # C2 a day late, C4's interview a day late, C6 overdue since 15.10 with an art. 36 notice
    assert column(late, "Nr sprawy") == [
        o.file_numbers["C2"],
        o.file_numbers["C4"],
        o.file_numbers["C6"],
    ]
    assert column(late, "Dni po terminie") == [1, 1, 46]
    assert column(late, "Wykonano")[2] == "jeszcze nie"
    assert column(late, "Zawiadomienie z art. 36")[2] == "tak, nowy termin 20.11.2026"
    assert column(late, "Klient") == ["Łukasz Wójcik"] * 3
    counted = o.manager.indicators.overview(NOVEMBER).current
    assert late.total == counted.decisions.late_count + counted.interviews.late_count == 3
    o.manager.db.behind.flush()  # the list entries are written behind the read
    with o.manager.db.reading() as session:
        detail = session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "list").order_by(AuditEntry.id)
        ).all()[-1]
    assert detail == "indicators: 2026-11 late (3)"


def test_hours_list_months_without_clients(indicator_office):
    figure = indicator_office.manager.indicators.figure(month_period(2026, 11), "hours")
    assert figure.rows[0][:2] == ("1/PS/2026", "11.2026")
    assert figure.rows[0][2:] == (900, 150, 2)
    assert not figure.names_shown


def test_a_list_with_names_is_audited_as_personal_data_shown(indicator_office):
    o = indicator_office
    o.manager.indicators.figure(NOVEMBER, "decisions")
    o.manager.indicators.figure(NOVEMBER, "hours")
    o.manager.db.behind.flush()  # the list entries are written behind the read
    with o.manager.db.reading() as session:
        entries = session.execute(
            select(AuditEntry.id, AuditEntry.action, AuditEntry.entity, AuditEntry.detail)
            .where(AuditEntry.detail.like("%2026-11%"))
            .order_by(AuditEntry.action)  # the list's entry is written behind: ids may swap
        ).all()
        shown = session.scalars(
            select(AuditShown.entity_id).where(AuditShown.entry_id == entries[0][0])
        ).all()
    assert [(a, e, d) for _i, a, e, d in entries] == [
        ("list", "case", "indicators: 2026-11 decisions (2)"),
        ("read", "indicators", "indicators 2026-11 hours"),
    ]
    assert sorted(shown) == sorted([o.cases["C1"], o.cases["C2"]])


def test_without_the_right_to_client_data_no_names_and_no_personal_audit(
    indicator_office, monkeypatch
):
    o = indicator_office
    monkeypatch.setitem(
        roles.PERMISSIONS,
        Role.MANAGER,
        roles.PERMISSIONS[Role.MANAGER] - {Action.CLIENT_VIEW},
    )
    figure = o.manager.indicators.figure(NOVEMBER, "decisions")
    assert not figure.names_shown and "Klient" not in figure.columns
    contacts = o.manager.indicators.figure(NOVEMBER, "contacts")
    assert "Osoba" not in contacts.columns
    o.manager.db.behind.flush()  # the list entries are written behind the read
    with o.manager.db.reading() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity.in_(["case", "client"]))
        ).all()
    assert "list" not in actions


def test_bad_figures_and_who_may_ask(indicator_office):
    m = indicator_office.manager.indicators
    for what in ("nothing", "worker:", "worker:abc", "channel:fax", "purpose:1e9", "x" * 50, None):
        with pytest.raises(ValidationError) as refused:
            m.figure(NOVEMBER, what)
        assert refused.value.errors == {"figure": "Dla tej liczby nie ma wykazu."}
    with pytest.raises(ValidationError, match="jeszcze się nie zaczął"):
        m.figure(month_period(2027, 1), "contacts")
    with pytest.raises(PermissionDenied):
        indicator_office.clerk.indicators.figure(NOVEMBER, "contacts")

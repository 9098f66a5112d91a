"""The desk's statistics for a day and a month against values worked out by hand."""

from datetime import datetime

import pytest

from opsdesk.domain.queue import Channel, Outcome
from opsdesk.errors import PermissionDenied, ValidationError
from opsdesk.services.reception.desk import ContactInput
from opsdesk.services.reception.stats import CountRow


def at(clock, hour, minute, day=30):
    clock.moment = datetime(2026, 11, day, hour, minute)


@pytest.fixture
def morning(desk, clock):
    """Eight contacts on Monday 30.11.2026 and one on 2.11.2026 (times in the comments)."""
    clerk = desk.clerk
    ben, fc = desk.teams["benefits"], desk.teams["first_contact"]

    def come(purpose, channel=Channel.IN_PERSON, priority=""):
        return clerk.reception.register(
            ContactInput(channel, desk.purposes[purpose], priority_reason=priority)
        )

    at(clock, 9, 0)
    v1 = come("benefit_application")
    at(clock, 9, 5)
    v2 = come("benefit_application")
    at(clock, 9, 6)
    v3 = come("benefit_application", priority="crisis")
    at(clock, 9, 7)
    assert clerk.queue.call_next(ben).id == v3.id  # waited 1
    at(clock, 9, 10)
    assert clerk.queue.call_next(ben).id == v1.id  # waited 10
    at(clock, 9, 12)
    clerk.queue.start(v1.id)
    clerk.queue.no_show(v3.id)
    at(clock, 9, 20)
    v4 = come("information")
    at(clock, 9, 21)
    v5 = come("information")
    at(clock, 9, 22)
    assert clerk.queue.call_next(fc).id == v4.id  # waited 2
    clerk.queue.start(v4.id)
    at(clock, 9, 27)
    clerk.queue.finish(v4.id, Outcome.INFORMATION)  # served 5
    at(clock, 9, 30)
    clerk.queue.finish(v1.id, Outcome.APPLICATION)  # served 18
    v8 = come("social_work")
    at(clock, 9, 31)
    clerk.queue.cancel(v8.id)
    at(clock, 9, 35)
    assert clerk.queue.call_next(ben).id == v2.id  # waited 30
    at(clock, 9, 40)
    assert clerk.queue.call_next(fc).id == v5.id  # waited 19
    clerk.queue.start(v5.id)
    at(clock, 9, 44)
    clerk.queue.redirect(v5.id, ben)  # served 4 (desk)
    at(clock, 9, 45)
    clerk.queue.finish(
        v2.id,
        Outcome.SENT_TO_TEAM,  # served 10, no start
        desk.teams["social_work"],
    )
    at(clock, 9, 50)
    assert clerk.queue.call_next(ben).id == v5.id  # waited 6 (benefits)
    at(clock, 10, 0)
    clerk.queue.finish(v5.id, Outcome.PSYCHOLOGIST)  # served 10
    at(clock, 10, 5)
    come("information", Channel.PHONE)
    come("benefit_application", Channel.LETTER)
    at(clock, 10, 0, day=2)
    come("information", Channel.EPUAP)
    at(clock, 12, 0)
    return desk


def test_day_statistics_by_hand(morning):
    desk = morning
    stats = desk.manager.reception_stats.day(datetime(2026, 11, 30).date())
    assert stats.title == "30.11.2026"
    assert stats.contacts == 8
    assert stats.by_channel == (
        CountRow("Osobiście", 6),
        CountRow("Telefon", 1),
        CountRow("E-mail", 0),
        CountRow("Pismo", 1),
        CountRow("ePUAP", 0),
    )
    purposes = dict((r.label, r.count) for r in stats.by_purpose)
    assert sum(purposes.values()) == 8 and len(purposes) == 3
    teams = {t.team_id: t for t in stats.teams}
    ben, fc = teams[desk.teams["benefits"]], teams[desk.teams["first_contact"]]
    # benefits waits 1, 10, 30, 6 -> sorted 1 6 10 30: median 8; p90 rank 2.7 -> 10 + 0.7*20
    assert (ben.waits, ben.wait_median, ben.wait_p90) == (4, 8.0, pytest.approx(24.0))
    # benefits services 18, 10, 10 -> median 10; p90 rank 1.8 -> 10 + 0.8*8
    assert (ben.services, ben.service_median, ben.service_p90) == (3, 10.0, pytest.approx(16.4))
    assert (ben.finished, ben.no_shows) == (3, 1)
    # desk waits 2, 19 -> median 10.5, p90 2 + 0.9*17; services 5, 4 -> 4.5, 4.9
    assert (fc.wait_median, fc.wait_p90) == (10.5, pytest.approx(17.3))
    assert (fc.service_median, fc.service_p90) == (4.5, pytest.approx(4.9))
    assert (fc.finished, fc.no_shows) == (1, 0)
    assert desk.teams["social_work"] not in teams  # the only social-work visit was cancelled
    # ended with an outcome: v1 v2 v4 v5 phone letter; at the desk itself: v4 and the phone
    assert (stats.finished_at_first_contact, stats.ended) == (2, 6)
    assert stats.first_contact_share == pytest.approx(1 / 3)
    assert set(stats.referrals) == {
        CountRow(desk.team_name("social_work"), 1),
        CountRow(desk.team_name("benefits"), 1),
        CountRow("Skierowano do psychologa", 1),
    }
    assert stats.no_shows == 1
    series = dict((r.label, r.count) for r in stats.series)
    assert (series["09"], series["10"], series["08"]) == (6, 2, 0)
    assert list(series)[0] == "07" and list(series)[-1] == "15"


def test_month_statistics(morning):
    stats = morning.clerk.reception_stats.month(2026, 11)
    assert stats.title == "Listopad 2026"
    assert stats.contacts == 9
    assert stats.series_title == "Kontakty w poszczególnych dniach"
    series = dict((r.label, r.count) for r in stats.series)
    assert len(series) == 30 and series["2"] == 1 and series["30"] == 8 and series["3"] == 0
    assert dict((r.label, r.count) for r in stats.by_channel)["ePUAP"] == 1
    with pytest.raises(ValidationError):
        morning.clerk.reception_stats.month(2026, 13)


def test_an_empty_day_and_who_may_see_statistics(desk):
    stats = desk.clerk.reception_stats.day(datetime(2026, 1, 5).date())
    assert (stats.contacts, stats.teams, stats.first_contact_share) == (0, (), None)
    with pytest.raises(PermissionDenied):
        desk.social_a.reception_stats.day(datetime(2026, 1, 5).date())


def test_waiting_targets_shares_per_team_and_day_and_the_xlsx_export(morning, clock):
    import io

    from openpyxl import load_workbook

    from opsdesk.printing.reception_xlsx import build_waiting_xlsx

    desk = morning
    ben, fc = desk.teams["benefits"], desk.teams["first_contact"]
    assert desk.clerk.reception_stats.targets() == {}
    desk.manager.reception_stats.set_target(ben, 10)
    assert desk.manager.reception_stats.set_target(fc, 15) == {ben: 10, fc: 15}
    assert desk.benefits_a.reception_stats.targets() == {ben: 10, fc: 15}  # the queue sees it
    with pytest.raises(ValidationError) as error:
        desk.manager.reception_stats.set_target(ben, 0)
    assert error.value.errors == {"target": "Cel to od 1 do 1440 minut."}
    with pytest.raises(PermissionDenied):
        desk.benefits_a.reception_stats.set_target(ben, 60)
    stats = desk.manager.reception_stats.month(2026, 11)
    teams = {t.team_id: t for t in stats.teams}
    # benefits waits 1, 10, 30, 6 against 10 min: three within; the desk's 2, 19 against 15
    assert (teams[ben].target_minutes, teams[ben].within_target) == (10, 3)
    assert teams[ben].within_target_share == 0.75
    assert (teams[fc].within_target, teams[fc].within_target_share) == (1, 0.5)
    assert [(d.day.day, d.team_name, d.waits, d.within_target) for d in stats.daily] == [
        (30, "Pierwszy kontakt", 2, 1),
        (30, desk.team_name("benefits"), 4, 3),
    ]
    book = load_workbook(io.BytesIO(build_waiting_xlsx(stats, "Jolanta Świątek", clock.now())))
    assert book.sheetnames == [
        "Czasy według zespołów",
        "Według dni",
        "Według pracowników",
        "Według pracowników i dni",
    ]
    rows = [tuple(r) for r in book["Czasy według zespołów"].iter_rows(values_only=True)]
    assert rows[0][0] == "Czasy oczekiwania przy stanowisku: Listopad 2026"
    assert rows[3][:7] == (
        "Zespół",
        "Wezwani",
        "Oczekiwanie: mediana (min)",
        "Oczekiwanie: 90. percentyl (min)",
        "Cel (min)",
        "W granicach celu",
        "Odsetek w granicach celu",
    )
    by_team = {r[0]: r for r in rows[4:]}
    assert by_team[desk.team_name("benefits")][1:7] == (4, 8.0, 24.0, 10, 3, 0.75)
    daily = list(book["Według dni"].iter_rows(values_only=True))
    assert daily[2][0].date() == datetime(2026, 11, 30).date()
    assert daily[2][1:] == (desk.team_name("benefits"), 4, 8.0, 24.0, 10, 3, 0.75)
    # every call of the morning was the clerk's: per worker and queue, over the month and by day
    assert [(w.worker_name, w.team_name, w.waits, w.within_target) for w in stats.workers] == [
        ("Beata Kłos", "Pierwszy kontakt", 2, 1),
        ("Beata Kłos", desk.team_name("benefits"), 4, 3),
    ]
    assert [w.day.day for w in stats.worker_days] == [30, 30]
    per_worker = list(book["Według pracowników"].iter_rows(values_only=True))
    assert per_worker[0] == (
        "Pracownik",
        "Zespół",
        "Wezwani",
        "Oczekiwanie: mediana (min)",
        "Cel (min)",
        "W granicach celu",
        "Odsetek w granicach celu",
    )
    assert per_worker[2] == ("Beata Kłos", desk.team_name("benefits"), 4, 8.0, 10, 3, 0.75)
    per_worker_day = list(book["Według pracowników i dni"].iter_rows(values_only=True))
    assert per_worker_day[1][0].date() == datetime(2026, 11, 30).date()
    assert per_worker_day[1][1:] == ("Beata Kłos", "Pierwszy kontakt", 2, 10.5, 15, 1, 0.5)


def test_the_share_within_the_target_per_worker_whose_call_ended_the_wait(desk, clock):
    ben = desk.teams["benefits"]
    desk.manager.reception_stats.set_target(ben, 10)
    at(clock, 9, 0)
    for key in ("lukasz", "jan"):  # region 1 (Anna Łęcka), region 2 (Piotr Żak)
        desk.clerk.reception.register(
            ContactInput(
                Channel.IN_PERSON, desk.purposes["benefit_application"], desk.clients[key].id
            )
        )
    at(clock, 9, 5)
    desk.benefits_a.queue.call_next(ben)  # waited 5: within
    at(clock, 9, 20)
    desk.benefits_b.queue.call_next(ben)  # waited 20: over
    stats = desk.manager.reception_stats.day(datetime(2026, 11, 30).date())
    assert [
        (w.worker_name, w.waits, w.within_target, w.within_target_share) for w in stats.workers
    ] == [("Anna Łęcka", 1, 1, 1.0), ("Piotr Żak", 1, 0, 0.0)]
    assert [(w.day.day, w.worker_name) for w in stats.worker_days] == [
        (30, "Anna Łęcka"),
        (30, "Piotr Żak"),
    ]


def test_the_survey_after_a_visit_one_rating_per_finished_visit(morning):
    from opsdesk.errors import Conflict

    desk = morning
    visits = {v.ticket: v for v in desk.clerk.reception.today()}
    desk.clerk.queue.rate(visits["I-001"].id, 5)
    desk.clerk.queue.rate(visits["Ś-001"].id, 4)
    desk.clerk.queue.rate(visits["Ś-002"].id, 2)
    with pytest.raises(Conflict) as error:
        desk.clerk.queue.rate(visits["I-001"].id, 1)
    assert str(error.value) == "Ta wizyta została już oceniona."
    with pytest.raises(Conflict):  # cancelled: no visit to rate
        desk.clerk.queue.rate(visits["P-001"].id, 3)
    with pytest.raises(ValidationError) as error:
        desk.clerk.queue.rate(visits["Ś-003"].id, 6)
    assert error.value.errors == {"rating": "Wybierz ocenę od 1 do 5."}
    with pytest.raises(PermissionDenied):  # another team's visit
        desk.social_a.queue.rate(visits["Ś-003"].id, 3)
    stats = desk.manager.reception_stats.month(2026, 11)
    assert (stats.ratings, stats.rated) == ((0, 1, 0, 1, 1), 3)
    assert stats.rating_average == pytest.approx(11 / 3)

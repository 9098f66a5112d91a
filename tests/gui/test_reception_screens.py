"""The conversation-room tab, the statistics tab, and the item models of the desk."""

from datetime import datetime

from PySide6.QtCore import QDate, Qt, QTime
from typing_keys import type_text
from waiting import operations_done

from opsdesk.domain.queue import Channel, Outcome
from opsdesk.services.reception.desk import ContactInput
from opsdesk.services.reception.rooms import BookingInput
from opsdesk.ui.reception.rooms_panel import RoomsPanel, bookings_line
from opsdesk.ui.reception.stats_view import StatsView
from opsdesk.ui.reception.table_models import ClientResultsModel, QueueModel, RowsModel


def test_booking_the_room_and_a_clash_named(qtbot, desk, clock):
    desk.clerk.rooms.book(
        BookingInput(
            "Pokój do rozmów",
            datetime(2026, 11, 30, 10, 0),
            datetime(2026, 11, 30, 11, 0),
            desk.social_a.actor.id,
            desk.clients["zofia"].id,
        )
    )
    panel = RoomsPanel(desk.clerk)
    qtbot.addWidget(panel)
    operations_done(qtbot)  # the bookings load off the GUI thread
    assert panel.model.rows() == [
        ("10:00–11:00", "Pokój do rozmów", "Ewa Szuberla", "Wąsowska Zofia", "")
    ]
    panel.starts.setTime(QTime(10, 30))
    panel.ends.setTime(QTime(11, 30))
    panel.worker.setCurrentIndex(panel.worker.findText("Piotr Żak"))
    panel.book()
    operations_done(qtbot)  # booked (here refused) off the GUI thread
    assert panel.message.text() == (
        "Pokój do rozmów jest już zarezerwowany 30.11.2026 w godz. "
        "10:00–11:00 (Ewa Szuberla, Wąsowska Zofia)."
    )
    panel.starts.setTime(QTime(11, 0))
    type_text(qtbot, panel.picker.search, "kowalski")
    qtbot.keyClick(panel.picker.search, "\r")
    operations_done(qtbot)  # the search answers off the GUI thread
    assert panel.picker.client.display_name == "Kowalski Łukasz"
    panel.book()
    operations_done(qtbot)
    assert panel.message.text() == ("Zarezerwowano: Pokój do rozmów, 11:00–11:30, dla: Piotr Żak.")
    assert [r[0] for r in panel.model.rows()] == ["10:00–11:00", "11:00–11:30"]
    assert bookings_line(desk.clerk.rooms.day(clock.today())) == (
        "Pokój do rozmów dziś: 10:00–11:00 Ewa Szuberla (Wąsowska Zofia) · "
        "11:00–11:30 Piotr Żak (Kowalski Łukasz)"
    )
    panel.worker.setCurrentIndex(0)
    panel.day.setDate(QDate(2026, 11, 29))
    panel.book()
    operations_done(qtbot)
    assert panel.errors.messages() == {
        "starts_at": "Ten termin już minął.",
        "worker": "Wybierz pracownika, dla którego rezerwujesz pokój.",
    }


def test_statistics_of_the_day_in_tables_and_a_chart(qtbot, desk, clock):
    clerk = desk.clerk
    first = clerk.reception.register(ContactInput(Channel.IN_PERSON, desk.purposes["information"]))
    clerk.reception.register(ContactInput(Channel.PHONE, desk.purposes["social_work"]))
    clock.advance(minutes=6)
    clerk.queue.call_next(desk.teams["first_contact"])
    clock.advance(minutes=4)
    clerk.queue.finish(first.id, Outcome.INFORMATION)
    view = StatsView(desk.manager)
    qtbot.addWidget(view)
    view.show_button.click()
    qtbot.waitUntil(lambda: view.stats is not None)
    assert view.summary.text().startswith(
        "<b>30.11.2026</b>: kontakty: 2 · załatwione przy pierwszym kontakcie: 1 z 2 (50%)"
    )
    assert view.teams_model.rows() == [
        ("Pierwszy kontakt", "1", "6 min", "6 min", "\u2014", "4 min", "4 min", "1", "0")
    ]
    assert [view.teams_model.headerData(c, Qt.Orientation.Horizontal) for c in (1, 7, 8)] == [
        "Wezwani",
        "Zakończone wizyty",
        "Nieobecni",
    ]
    assert ("Telefon", "1") in view.channels_model.rows()
    assert view.referrals_model.rows() == [(desk.team_name("social_work"), "1")]
    assert dict(view.chart.bars())["09"] == 2
    view.by_month.setChecked(True)
    view.show_button.click()
    qtbot.waitUntil(lambda: view.stats.title == "Listopad 2026")
    assert len(view.chart.bars()) == 30


def test_short_times_read_in_seconds_not_tenths_of_a_minute(qtbot, desk, clock):
    clerk = desk.clerk
    first = clerk.reception.register(ContactInput(Channel.IN_PERSON, desk.purposes["information"]))
    clock.advance(seconds=21)
    clerk.queue.call_next(desk.teams["first_contact"])
    clock.advance(minutes=4, seconds=30)
    clerk.queue.finish(first.id, Outcome.INFORMATION)
    view = StatsView(desk.manager)
    qtbot.addWidget(view)
    view.show_button.click()
    qtbot.waitUntil(lambda: view.stats is not None)
    row = view.teams_model.rows()[0]
    assert (row[2], row[5]) == ("21 s", "4 min 30 s")


def test_models_pass_the_model_tester(qtmodeltester, desk, clock):
    clerk = desk.clerk
    for key in ("zofia", "lukasz"):
        clerk.reception.register(
            ContactInput(
                Channel.IN_PERSON,
                desk.purposes["benefit_application"],
                client_id=desk.clients[key].id,
                priority_reason="crisis" if key == "zofia" else "",
            )
        )
    clerk.queue.call_next(desk.teams["benefits"])
    view = clerk.queue.queue(desk.teams["benefits"])
    queue = QueueModel()
    queue.set_rows(view.serving + view.waiting, clock.now())
    qtmodeltester.check(queue)
    assert queue.data(queue.index(0, 0)) == "Ś-001"
    assert queue.data(queue.index(0, 7)) == "Sytuacja kryzysowa"
    results = ClientResultsModel()
    results.set_clients(clerk.reception.search_clients("kościuszki"))
    qtmodeltester.check(results)
    assert results.data(results.index(0, 0)).startswith("Wąsowska Zofia — ")
    assert "Kościuszki 40" in results.data(results.index(0, 0)).splitlines()[1]
    rows = RowsModel(["Kanał", "Kontakty"])
    rows.set_rows([("Osobiście", 2), ("Telefon", 0)])
    qtmodeltester.check(rows)


def test_targets_the_queue_over_them_the_survey_and_the_xlsx_export(
    qtbot, desk, clock, tmp_path, monkeypatch
):
    from openpyxl import load_workbook

    from opsdesk.ui.reception.queue_panel import QueuePanel
    from opsdesk.ui.reception.stats_view import TargetsDialog

    clerk = desk.clerk
    fc = desk.teams["first_contact"]
    first = clerk.reception.register(ContactInput(Channel.IN_PERSON, desk.purposes["information"]))
    clerk.reception.register(ContactInput(Channel.IN_PERSON, desk.purposes["information"]))
    dialog = TargetsDialog(desk.manager)
    qtbot.addWidget(dialog)
    operations_done(qtbot)  # the targets and queues come off the GUI thread
    dialog.fields[fc].setValue(5)
    dialog.save()
    operations_done(qtbot)  # and are saved off it
    assert desk.manager.reception_stats.targets() == {fc: 5}
    clock.advance(minutes=6)
    panel = QueuePanel(clerk)
    qtbot.addWidget(panel)
    panel.show_team(fc)
    operations_done(qtbot)
    assert panel.summary.text().endswith("dłużej niż cel (5 min): 2")
    assert panel.model.data(panel.model.index(0, 3), Qt.ItemDataRole.ToolTipRole) == (
        "Czeka dłużej niż cel tej kolejki: 5 min"
    )
    clerk.queue.call_next(fc)
    clerk.queue.finish(first.id, Outcome.INFORMATION)
    clerk.queue.rate(first.id, 4)
    view = StatsView(desk.manager)
    qtbot.addWidget(view)
    view.show_button.click()
    qtbot.waitUntil(lambda: view.stats is not None)
    assert view.teams_model.rows()[0][4] == "0% (≤ 5 min)"  # waited 6 min
    assert view.workers_model.rows() == [
        ("Beata Kłos", "Pierwszy kontakt", "1", "6 min", "0% (≤ 5 min)")
    ]
    assert view.days_model.rows() == [
        ("30.11.2026", "Pierwszy kontakt", "1", "6 min", "0% (≤ 5 min)")
    ]
    assert view.ratings_model.rows() == [
        ("1", "0", "0%"),
        ("2", "0", "0%"),
        ("3", "0", "0%"),
        ("4", "1", "100%"),
        ("5", "0", "0%"),
    ]
    assert view.ratings_label.text() == "Zadowolenie: odpowiedzi: 1, średnia 4,0"
    target = tmp_path / "czasy.xlsx"
    monkeypatch.setattr(view, "choose_export_path", lambda suggested: str(target))
    view.export_button.click()
    qtbot.waitUntil(lambda: target.exists(), timeout=10_000)
    qtbot.waitUntil(lambda: view.summary.text().startswith("Wyeksportowano"))
    rows = list(load_workbook(target)["Czasy według zespołów"].iter_rows(values_only=True))
    assert rows[4][:7] == ("Pierwszy kontakt", 1, 6.0, 6.0, 5, 0, 0)
    rows = list(load_workbook(target)["Według pracowników"].iter_rows(values_only=True))
    assert rows[1] == ("Beata Kłos", "Pierwszy kontakt", 1, 6.0, 5, 0, 0)

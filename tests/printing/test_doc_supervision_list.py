"""The supervision attendance list: sessions, participants, consent, signatures."""

from __future__ import annotations

import datetime as dt

from pdf_text import all_text, fonts_are_embedded_dejavu
from report_samples import attendance

from opsdesk.printing.supervision_list import build_supervision_list


def test_each_session_lists_its_participants_with_consent_and_a_place_to_sign():
    text = all_text(build_supervision_list(attendance()))
    assert "Lista obecności na superwizji marzec 2026" in text
    assert "Sesja 1: 11.03.2026, 10:00–12:00 (2,00 godz.), superwizja grupowa" in text
    assert "Lp. Uczestnik Pisemna zgoda na udostępnienie wniosków Podpis uczestnika" in text
    assert "1. Ewa Szuberla tak 2. Marek Wójcik nie 3. Irena Ćwik tak" in text
    assert "Sesja 2: 25.03.2026, 09:00–10:30 (1,50 godz.), superwizja indywidualna" in text


def test_facts_totals_and_signatures():
    text = all_text(build_supervision_list(attendance()))
    assert "Umowa nr 7/SU/2026" in text
    assert "Superwizor Krzysztof Dąbrowski" in text
    assert "01.03.2026 – 31.03.2026" in text
    assert "sesje: 2, godziny: 3,50" in text
    assert "podpis superwizora" in text and "podpis kierownika" in text
    assert "treści superwizji się nie zapisuje" in text


def test_one_day_only():
    text = all_text(build_supervision_list(attendance(), day=dt.date(2026, 3, 25)))
    assert "Lista obecności na superwizji 25.03.2026" in text
    assert "sesje: 1, godziny: 1,50" in text
    assert "11.03.2026" not in text


def test_a_month_without_sessions_says_so():
    text = all_text(build_supervision_list(attendance(sessions=())))
    assert "W tym okresie nie odbyły się sesje superwizji." in text
    assert "sesje: 0, godziny: 0,00" in text


def test_fonts_are_embedded():
    assert fonts_are_embedded_dejavu(build_supervision_list(attendance()))


def test_an_approved_month_prints_who_approved_it_and_when_like_the_hour_sheet():
    from dataclasses import replace

    from opsdesk.services.hours.records import ApprovalState, MonthApprovalRecord

    approved = MonthApprovalRecord(
        4,
        (2026, 3),
        ApprovalState.APPROVED,
        "Krzysztof Dąbrowski",
        dt.datetime(2026, 4, 1, 8, 0),
        "Jolanta Świątek",
        dt.datetime(2026, 4, 2, 10, 15),
    )
    text = all_text(build_supervision_list(replace(attendance(), approval=approved)))
    assert "Miesiąc zatwierdził(a) Jolanta Świątek, 02.04.2026 10:15" in text
    assert "korekta" not in text
    corrected = replace(approved, corrections=1, reopened_at=dt.datetime(2026, 4, 8, 14, 30))
    text = all_text(build_supervision_list(replace(attendance(), approval=corrected)))
    assert "Lista obecności na superwizji marzec 2026 — korekta nr 1 z dnia 08.04.2026" in text
    assert "Wersja ewidencji korekta nr 1 z dnia 08.04.2026" in text
    submitted = MonthApprovalRecord(4, (2026, 3), ApprovalState.SUBMITTED)
    text = all_text(build_supervision_list(replace(attendance(), approval=submitted)))
    assert "Stan miesiąca przekazany do zatwierdzenia" in text

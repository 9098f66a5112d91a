"""What the first-contact desk hands out: the referral slip and the 80 mm queue ticket."""

from __future__ import annotations

import io

import pypdf
from pdf_text import all_text, fonts_are_embedded_dejavu, page_texts
from report_samples import referral, ticket
from reportlab.lib.units import mm

from opsdesk.printing.referral_slip import build_referral_slip
from opsdesk.printing.ticket import build_ticket


def test_the_referral_says_where_and_to_whom():
    text = all_text(build_referral_slip(referral()))
    assert "Skierowanie do: Zespół świadczeń" in text
    assert "Osoba Kowalski Łukasz" in text
    assert "Data zgłoszenia 24.03.2026 08:47" in text
    assert "Sprawa Wniosek o świadczenie Numerek Ś-012" in text
    assert "Pracownik Anna Łęcka" in text
    assert "pokój 12" in text
    assert "Osoba z niepełnosprawnością" in text
    assert "Beata Kłos pracownik pierwszego kontaktu" in text


def test_the_referral_shows_a_booked_appointment_only_when_there_is_one():
    text = all_text(build_referral_slip(referral()))
    assert "Umówiona wizyta u psychologa 26.03.2026, 12:00–13:00, Małgorzata Zielińska" in text
    assert "Umówiona wizyta" not in all_text(build_referral_slip(referral(appointment=False)))


def test_the_ticket_is_80_mm_wide_on_one_page():
    pdf = build_ticket(ticket())
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 1
    assert abs(float(pages[0].mediabox.width) - 80 * mm) < 0.5
    assert float(pages[0].mediabox.height) < 100 * mm


def test_the_ticket_shows_the_number_team_and_queue_but_nobody_s_name():
    text = page_texts(build_ticket(ticket(priority=True)))[0]
    assert "Twój numer Ś-012 Zespół świadczeń Osób przed Tobą: 3" in text
    assert "Obsługa w pierwszej kolejności" in text
    assert "24.03.2026 08:47" in text
    assert "Kowalski" not in text


def test_fonts_are_embedded():
    assert fonts_are_embedded_dejavu(build_ticket(ticket()))
    assert fonts_are_embedded_dejavu(build_referral_slip(referral()))


def test_the_ticket_speaks_the_language_the_person_chose():
    ukrainian = page_texts(build_ticket(ticket(priority=True, language="uk")))[0]
    assert "Ваш номер Ś-012 Zespół świadczeń Осіб перед вами: 3" in ukrainian
    assert "Обслуговування в першу чергу" in ukrainian
    assert "Будь ласка, зачекайте, доки ваш номер з’явиться на екрані." in ukrainian
    assert "Twój numer" not in ukrainian
    english = page_texts(build_ticket(ticket(language="en")))[0]
    assert "Your number Ś-012 Zespół świadczeń People waiting before you: 3" in english
    assert "Please wait until your number is shown on the screen." in english
    assert "Twój numer" in page_texts(build_ticket(ticket(language="de")))[0]  # Polish otherwise
    assert fonts_are_embedded_dejavu(build_ticket(ticket(language="uk")))
    title = pypdf.PdfReader(io.BytesIO(build_ticket(ticket(language="uk")))).metadata.title
    assert title == "Талон Ś-012"


def test_the_referral_slip_is_half_an_a4_sheet():
    pdf = build_referral_slip(referral())
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 1
    assert abs(float(pages[0].mediabox.width) - 148 * mm) < 1
    assert abs(float(pages[0].mediabox.height) - 210 * mm) < 1
    assert "Strona 1 z 1" in page_texts(pdf)[0]

"""A letter printed from a case: letterhead, file number, place and date, addressee, title,
the office's text, signatures; the same document makes the same bytes; nothing is markup."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace

import pypdf
import pytest
from pdf_text import all_text, fonts_are_embedded_dejavu, page_texts

from opsdesk.printing.letter import build_letter
from opsdesk.services.letters.records import LetterDocument, Signature

BODY = (
    "Na podstawie art. 64 § 2 ustawy z dnia 14 czerwca 1960 r. – Kodeks postępowania "
    "administracyjnego wzywa się do usunięcia braków wniosku z dnia 16.11.2026 w sprawie: "
    "zasiłek okresowy, w terminie 7 dni od dnia doręczenia niniejszego wezwania, przez:\n\n"
    "zaświadczenie o dochodach z ZUS\nPIT-11 za 2025 r.\n\n"
    "Nieusunięcie braków w wyznaczonym terminie spowoduje pozostawienie wniosku bez "
    "rozpoznania."
)


def summons(**changes) -> LetterDocument:
    document = LetterDocument(
        office_name="Ośrodek Pomocy Społecznej w Gryfinie",
        office_lines=("ul. Łużycka 50", "74-100 Gryfino", "tel. 91 416 20 11"),
        logo_strip=None,
        place_and_date="Gryfino, dnia 30.11.2026",
        file_number="OPS.12.2026",
        addressee=("Jan Kowalski", "ul. Łużycka 5/3", "74-100 Gryfino"),
        title="WEZWANIE\ndo usunięcia braków wniosku",
        body=BODY,
        signatures=(Signature("z upoważnienia kierownika ośrodka", "Anna Łęcka"),),
        footer="OPS.12.2026 · Wezwanie do uzupełnienia braków wniosku, wersja 1",
        author="Anna Łęcka",
        letter_id=7,
    )
    return replace(document, **changes)


def test_the_letter_says_who_writes_to_whom_about_what():
    text = all_text(build_letter(summons()))
    assert "Ośrodek Pomocy Społecznej w Gryfinie ul. Łużycka 50 74-100 Gryfino" in text
    assert "Znak sprawy: OPS.12.2026" in text
    assert "Gryfino, dnia 30.11.2026" in text
    assert "Jan Kowalski ul. Łużycka 5/3 74-100 Gryfino" in text
    assert "WEZWANIE do usunięcia braków wniosku" in text
    assert "zaświadczenie o dochodach z ZUS PIT-11 za 2025 r." in text
    assert "Anna Łęcka z upoważnienia kierownika ośrodka" in text
    assert "OPS.12.2026 · Wezwanie do uzupełnienia braków wniosku, wersja 1" in text
    assert "Strona 1 z 1" in text


def test_the_same_letter_makes_the_same_bytes():
    assert build_letter(summons()) == build_letter(summons())
    assert build_letter(summons()) != build_letter(summons(place_and_date="dnia 01.12.2026"))


def test_a_record_has_no_addressee_and_two_signatures():
    record = summons(
        addressee=(),
        title="POTWIERDZENIE DORĘCZENIA DECYZJI",
        signatures=(
            Signature("doręczający (podpis)", "Anna Łęcka"),
            Signature("odbierający (data i podpis)", ""),
        ),
    )
    text = all_text(build_letter(record))
    assert "Jan Kowalski ul." not in text
    assert "Anna Łęcka doręczający (podpis)" in text
    assert "odbierający (data i podpis)" in text


def test_nothing_in_a_value_is_markup():
    text = all_text(build_letter(summons(body="<b>pogrubione</b> &amp; <font size=40>x</font>")))
    assert "<b>pogrubione</b> &amp; <font size=40>x</font>" in text


def test_a_long_letter_goes_on_with_a_running_header():
    pdf = build_letter(summons(body="\n\n".join([BODY] * 12)))
    pages = page_texts(pdf)
    assert len(pages) >= 2
    assert pages[1].startswith("Ośrodek Pomocy Społecznej w Gryfinie · OPS.12.2026")
    assert f"Strona 2 z {len(pages)}" in pages[1]


def test_fonts_are_embedded_and_the_metadata_is_the_letters():
    pdf = build_letter(summons())
    assert fonts_are_embedded_dejavu(pdf)
    info = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert info.title == "WEZWANIE do usunięcia braków wniosku"
    assert info.author == "Anna Łęcka"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils (pdftoppm)")
def test_the_page_renders_as_an_a4_image(tmp_path):
    (tmp_path / "letter.pdf").write_bytes(build_letter(summons()))
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(tmp_path / "letter.pdf"), str(tmp_path / "page")],
        check=True,
    )
    from PIL import Image

    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 1
    with Image.open(pages[0]) as image:
        width, height = image.size
        assert abs(height / width - 297 / 210) < 0.02
        grey = image.convert("L")
        # ink on the page: the letterhead at the top and the text below it
        top = grey.crop((0, 0, width, height // 5)).getextrema()
        middle = grey.crop((0, height // 3, width, height * 2 // 3)).getextrema()
        assert top[0] < 128 and middle[0] < 128


# --- letters printed from a case (a small office) -----------------------------------------------


def test_every_shipped_letter_prints_from_a_case_and_again_byte_for_byte(world, tmp_path):
    import os
    from datetime import date, datetime

    from opsdesk.printing import documents
    from opsdesk.services.cases.records import CaseInput
    from opsdesk.services.letters.records import LetterInputs

    world.clock.moment = datetime(2026, 11, 30, 9, 0)
    anna = world.as_("anna")

    def case(client, kind):
        opened = anna.cases.create(
            CaseInput(
                client_id=world.clients[client],
                kind_id=world.kinds[kind],
                application_date=date(2026, 11, 16),
            )
        )
        anna.case_deadlines.record_interview(opened.id, date(2026, 11, 20))
        return opened.id

    benefit = case("kowalski", "zasilek_okresowy")
    handed = anna.handoffs.refer_to_social_work(benefit, "praca socjalna z rodziną")
    decided = case("wasik", "posilek")
    anna.case_deadlines.record_decision(decided, date(2026, 11, 27), number="OPS.5011.8.2026")
    letters = {
        "summons": (benefit, LetterInputs(missing="PIT-11 za 2025 r."), "usunięcia braków"),
        "delay_notice": (
            benefit,
            LetterInputs(new_date=date(2027, 1, 29), reason="opinia lekarza"),
            "Nowy termin załatwienia sprawy: 29.01.2027.",
        ),
        "interview_notice": (
            benefit,
            LetterInputs(interview_on=date(2026, 12, 4), interview_at="10:00"),
            "w dniu 04.12.2026 (piątek) o godzinie 10:00.",
        ),
        "handoff_notice": (benefit, LetterInputs(), f"pod znakiem {handed.file_number}"),
        "delivery_record": (
            decided,
            LetterInputs(),
            "Decyzję nr OPS.5011.8.2026 z dnia 27.11.2026",
        ),
        "general": (decided, LetterInputs(content="Proszę o kontakt."), "Proszę o kontakt."),
    }
    grabs = os.environ.get("OPSDESK_GRABS")
    for kind, (case_id, given, expected) in letters.items():
        choice = next(c for c in anna.letters.choices(case_id) if c.kind == kind)
        printed = anna.letters.print_letter(case_id, choice.template_id, given)
        pdf = documents.letter(printed.document)
        text = all_text(pdf)
        assert expected in text, kind
        assert "{" not in text and "Strona 1 z 1" in text, kind
        assert documents.letter_again(anna, printed.letter.id) == pdf, kind
        if grabs and shutil.which("pdftoppm"):
            (tmp_path / f"{kind}.pdf").write_bytes(pdf)
            subprocess.run(
                ["pdftoppm", "-r", "60", "-png", str(tmp_path / f"{kind}.pdf"), f"{grabs}/{kind}"],
                check=True,
            )

"""The shipped fonts print every Polish letter (Helvetica would print black squares)."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from opsdesk.printing.fonts import FONT, FONT_BOLD, missing_glyphs, register_fonts
from opsdesk.resources import resource

POLISH_LETTERS = "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ"


def test_every_polish_letter_is_covered_by_both_faces():
    assert missing_glyphs(POLISH_LETTERS) == set()


def test_office_typography_is_covered():
    assert missing_glyphs("„cytat” – — … · § € zł 1 229,00\u00a0zł №") == set()


def test_uncovered_characters_are_reported():
    assert missing_glyphs("Zażółć 中") == {"中"}


def test_line_breaks_are_not_reported_as_missing():
    assert missing_glyphs("pierwsza\nDruga\tkolumna") == set()


def test_fonts_are_registered_once_as_a_family_from_the_resources():
    register_fonts()
    register_fonts()
    regular = pdfmetrics.getFont(FONT)
    bold = pdfmetrics.getFont(FONT_BOLD)
    assert regular.face.filename == str(resource("fonts", "DejaVuSans.ttf"))
    assert bold.face.filename == str(resource("fonts", "DejaVuSans-Bold.ttf"))
    from reportlab.lib.fonts import tt2ps

    assert tt2ps(FONT, 1, 0) == FONT_BOLD
    assert tt2ps(FONT, 0, 1) == FONT  # no oblique shipped: never falls back to Helvetica


def test_the_licence_ships_with_the_fonts():
    licence = resource("fonts", "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "DejaVu" in licence


def test_a_text_of_known_characters_still_reports_one_it_cannot_draw():
    assert missing_glyphs("Zażółć") == set()  # every character known: the quick answer
    assert missing_glyphs("Zażółć \u4e2d") == {"\u4e2d"}

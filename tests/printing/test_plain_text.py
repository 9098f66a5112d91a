"""Plain text blocks: wrap within their width, never run over it, split across pages."""

from pdf_text import page_texts
from reportlab.platypus import SimpleDocTemplate, Table

from opsdesk.printing.plain_text import text_width, wrap_lines
from opsdesk.printing.styles import cell_style, para

FONT, SIZE = cell_style().fontName, cell_style().fontSize


def test_lines_break_at_spaces_and_keep_the_texts_own_line_breaks():
    text = "Zażółć gęślą jaźń w Łodzi\nul. Źródlana 5"
    lines = wrap_lines(text, FONT, SIZE, text_width("Zażółć gęślą jaźń", FONT, SIZE) + 1)
    assert lines == ["Zażółć gęślą jaźń", "w Łodzi", "ul. Źródlana 5"]


def test_a_word_wider_than_the_line_is_cut_and_no_line_overflows():
    word = "Ł" * 10_000
    width = 120.0
    lines = wrap_lines(f"przed {word} po", FONT, SIZE, width)
    assert "".join(lines).replace("przed", "", 1).replace("po", "", 1) == word
    assert all(text_width(line, FONT, SIZE) <= width for line in lines)
    assert lines[0] == "przed" and lines[-1].endswith("po")


def test_runs_of_spaces_read_as_one_and_empty_text_is_one_empty_line():
    assert wrap_lines("a    b", FONT, SIZE, 500) == ["a b"]
    assert wrap_lines("", FONT, SIZE, 500) == [""]


def test_a_long_text_in_a_document_breaks_across_pages_and_prints_verbatim(tmp_path):
    words = [f"słowo{n:04d}" for n in range(4000)]
    path = tmp_path / "long.pdf"
    block = para(" ".join(words), "body")
    SimpleDocTemplate(str(path)).build([block])
    pages = page_texts(path.read_bytes())
    assert len(pages) > 2
    printed = " ".join(pages).split()
    assert printed == words


def test_in_a_narrow_cell_a_long_word_wraps_inside_the_cell(tmp_path):
    cell = para("PSY/2025/" + "0" * 300, cell_style())
    table = Table([[cell, "obok"]], colWidths=[60, 60])
    path = tmp_path / "cell.pdf"
    SimpleDocTemplate(str(path)).build([table])
    text = page_texts(path.read_bytes())[0]
    assert "obok" in text and text.count("0") == 301  # 300 and the one of 2025
    assert cell.height > 10 * cell_style().leading  # wrapped into many lines


def test_a_long_word_is_hyphenated_at_a_syllable():
    width = text_width("środowi-", FONT, SIZE) + 0.5
    lines = wrap_lines("Wywiad środowiskowy", FONT, SIZE, width)
    assert lines == ["Wywiad", "środowi-", "skowy"]
    assert all(text_width(line, FONT, SIZE) <= width for line in lines)
    width = text_width("Nowakowska", FONT, SIZE) + 0.5  # wider than "Kowalska-"
    assert wrap_lines("Kowalska-Nowakowska", FONT, SIZE, width) == ["Kowalska-", "Nowakowska"]


def test_the_same_block_wrapped_again_follows_the_new_width():
    """Wrapped lines are remembered per text, font, size and width: a block a table wraps
    several times gets its lines for each width, never those of another width."""
    block = para("Zażółć gęślą jaźń w Łodzi", cell_style())
    wide = text_width("Zażółć gęślą jaźń w Łodzi", FONT, SIZE) + 1
    narrow = text_width("Zażółć gęślą", FONT, SIZE) + 1
    assert block.wrap(wide, 100) == (wide, cell_style().leading)
    assert block.wrap(narrow, 100)[1] == 2 * cell_style().leading  # "jaźń w Łodzi" under it
    assert block.split(narrow, cell_style().leading * 1.5)[0].text == "Zażółć gęślą"
    assert block.wrap(wide, 100)[1] == cell_style().leading


def test_a_block_is_drawn_with_the_same_operators_as_reportlab_draws_a_flowable(monkeypatch):
    """Text blocks skip the canvas's state copying but write the very same page: blocks at
    the top level (centred, right-aligned), in table cells, and text drawn after them by the
    canvas in its own font and colour."""
    import io

    import pypdf
    from reportlab.platypus import Flowable

    from opsdesk.printing.plain_text import PlainText
    from opsdesk.printing.styles import styles

    def page_streams() -> list[bytes]:
        sheet = styles()
        heading = para("Ewidencja godzin — zażółć gęślą jaźń", "title")
        heading.hAlign = "CENTER"
        right = para("Gryfino, 30.11.2026", cell_style("RIGHT"))
        right.hAlign = "RIGHT"
        cells = [[para("Nr umowy", sheet["label"]), para("OPS.2611.4.2025", sheet["value"])]]
        table = Table([*cells, ["zwykły tekst komórki", ""]], colWidths=[200, 200])
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer, invariant=1).build([heading, right, table])
        reader = pypdf.PdfReader(io.BytesIO(buffer.getvalue()))
        return [page.get_contents().get_data() for page in reader.pages]

    ours = page_streams()
    monkeypatch.setattr(PlainText, "drawOn", Flowable.drawOn)
    assert ours == page_streams()

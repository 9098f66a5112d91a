"""A block of plain text that wraps within its width: what ``para()`` makes.

Every text opsdesk prints is plain (no markup, one font and colour per block), so ReportLab's
Paragraph, which parses markup into fragments for each block, is more than it needs: on an
hour sheet the paragraphs took most of the layout time. ``PlainText`` breaks lines at spaces
(a word wider than the line is hyphenated at a Polish syllable, pyphen, so nothing runs over
its cell), keeps the text's own line breaks, aligns left, right or centre, and splits across
pages line by line. It takes the same ``ParagraphStyle`` as a Paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscent, stringWidth
from reportlab.platypus import Flowable


@lru_cache(maxsize=16384)
def text_width(text: str, font: str, size: float) -> float:
    """``stringWidth``, remembered: the same words, dates and hours recur in a document."""
    return stringWidth(text, font, size)


HYPHEN = "-"
HYPHENATION_LANGUAGE = "pl_PL"  # every printed document is Polish


@lru_cache(maxsize=1)
def _hyphenator():
    """Pyphen's Polish patterns (the LibreOffice dictionaries); None without pyphen, when a
    long word is cut between characters instead."""
    try:
        import pyphen
    except ImportError:  # pragma: no cover - pyphen is a dependency
        return None
    return pyphen.Pyphen(lang=HYPHENATION_LANGUAGE)


@lru_cache(maxsize=4096)
def _hyphen_points(word: str) -> tuple[int, ...]:
    """Where ``word`` may be hyphenated (its syllables: "śro-do-wi-sko-wy"), and after a
    hyphen it already has ("Kowalska-Nowak")."""
    points = {i + 1 for i, char in enumerate(word[:-1]) if char in "-/\u2013"}
    hyphenator = _hyphenator()
    if hyphenator is not None:
        points.update(hyphenator.positions(word))
    return tuple(sorted(p for p in points if 0 < p < len(word)))


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """``word`` in pieces no wider than ``width``: at the last syllable that fits, with a
    hyphen ("środowi-", "skowy"); only where no syllable fits (a long number) between
    characters, at least one character each."""
    pieces = []
    while len(word) > 1 and text_width(word, font, size) > width:
        cut = None
        for point in reversed(_hyphen_points(word)):
            head = word[:point]
            shown = head if head[-1] in "-/\u2013" else head + HYPHEN
            if text_width(shown, font, size) <= width:
                cut = (shown, point)
                break
        if cut is None:
            low, high = 1, len(word) - 1  # the longest prefix that fits, at least one char
            while low < high:
                middle = (low + high + 1) // 2
                if text_width(word[:middle], font, size) <= width:
                    low = middle
                else:
                    high = middle - 1
            cut = (word[:low], low)
        pieces.append(cut[0])
        word = word[cut[1] :]
    pieces.append(word)
    return pieces


SPACE_SHRINKAGE = 0.05  # as ReportLab's Paragraph: spaces may give 5 % of their width


def wrap_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``: its own line breaks kept, runs of spaces
    read as one space. As in a Paragraph, a line may exceed ``width`` by 5 % of its spaces
    (a fraction of a point) rather than lose its last word."""
    space = text_width(" ", font, size)
    lines: list[str] = []
    for source in text.split("\n"):
        line, line_width, spaces = "", 0.0, 0
        for word in source.split():
            word_width = text_width(word, font, size)
            slack = SPACE_SHRINKAGE * space * (spaces + 1)
            if line and line_width + space + word_width <= width + slack:
                line, line_width = f"{line} {word}", line_width + space + word_width
                spaces += 1
                continue
            if line:
                lines.append(line)
            *full, word = _break_word(word, font, size, width)
            lines.extend(full)
            line, line_width, spaces = word, text_width(word, font, size), 0
        lines.append(line)
    return lines


_ascent = lru_cache(maxsize=64)(getAscent)  # of the few fonts and sizes a document uses


@lru_cache(maxsize=4096)
def wrapped_lines(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """``wrap_lines``, remembered: a table wraps each cell several times while it sizes its
    rows and splits, and a month's sheet repeats the same form and task in many rows."""
    return tuple(wrap_lines(text, font, size, width))


class PlainText(Flowable):
    def __init__(self, text: str, style: ParagraphStyle, lines: Sequence[str] | None = None):
        super().__init__()
        self.text = text
        self.style = style
        self._lines = lines
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter

    def __repr__(self) -> str:
        return f"PlainText({self.text[:40]!r})"

    def getPlainText(self, identify=None) -> str:
        return self.text

    def wrap(self, availWidth, availHeight):
        style = self.style
        self._lines = wrapped_lines(self.text, style.fontName, style.fontSize, availWidth)
        self.width = availWidth
        self.height = len(self._lines) * style.leading
        return self.width, self.height

    def minWidth(self) -> float:
        """The widest word, for tables that size their columns from the content."""
        style = self.style
        return max(
            (text_width(word, style.fontName, style.fontSize) for word in self.text.split()),
            default=0.0,
        )

    def split(self, availWidth, availHeight):
        if self._lines is None or self.width != availWidth:
            self.wrap(availWidth, availHeight)
        fitting = int(availHeight // self.style.leading)
        if fitting <= 0 or fitting >= len(self._lines):
            return [] if fitting <= 0 else [self]
        first = PlainText("\n".join(self._lines[:fitting]), self.style, self._lines[:fitting])
        rest = PlainText("\n".join(self._lines[fitting:]), self.style, self._lines[fitting:])
        first.spaceAfter = 0
        rest.spaceBefore = 0
        return [first, rest]

    def drawOn(self, canvas, x, y, _sW=0) -> None:
        """As ``Flowable.drawOn``, writing the same operators (save, move to ``x``, ``y``,
        the text, restore) but without the canvas's copy of its state for the save: the
        block changes the font and colour only inside its own text object, never the
        canvas's. (A sheet drew ~60 blocks this way; the state copies and the matrix
        arithmetic cost about as much as the blocks' own lines.)"""
        if getattr(self, "_showBoundary", False):  # ReportLab's layout diagnostics
            super().drawOn(canvas, x, y, _sW)
            return
        x = self._hAlignAdjust(x, _sW)
        canvas.addLiteral("q")
        canvas.addLiteral(f"{fp_str(1, 0, 0, 1, x, y)} cm")  # what canvas.translate writes
        self.canv = canvas
        self.draw()
        del self.canv
        canvas.addLiteral("Q")

    def placed_lines(self) -> list[tuple[float, float, str]]:
        """Each line with where it starts, from the block's lower left corner (after wrap)."""
        style = self.style
        font, size = style.fontName, style.fontSize
        y = self.height - _ascent(font, size)
        assert self._lines is not None  # wrap() comes before drawing
        placed = []
        for line in self._lines:
            x = 0.0
            if style.alignment in (TA_RIGHT, TA_CENTER):
                spare = self.width - text_width(line, font, size)
                x = spare if style.alignment == TA_RIGHT else spare / 2
            placed.append((x, y, line))
            y -= style.leading
        return placed

    def draw(self) -> None:
        """All lines in one text object (one font and colour setting for the block)."""
        style = self.style
        text = self.canv.beginText()
        text.setFont(style.fontName, style.fontSize, style.leading)
        text.setFillColor(style.textColor)
        for x, y, line in self.placed_lines():
            text.setTextOrigin(x, y)
            text.textOut(line)
        self.canv.drawText(text)

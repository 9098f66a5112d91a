"""A bar chart of hours per month, drawn straight on the canvas in DejaVu Sans.

Gridlines at round steps, a bar per month labelled "12,50" when there is room, month labels
under the bars (slanted when narrow), and a dashed line at the monthly limit with its legend.
Drawn with a handful of canvas calls: ReportLab's chart widgets took longer for a 24-month
chart than the whole rest of an hour sheet.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from opsdesk.i18n import _
from opsdesk.printing.fonts import FONT, register_fonts
from opsdesk.printing.formatting import format_hours
from opsdesk.printing.styles import ACCENT, CONTENT_WIDTH, GRID, INK, MUTED

BAR_FILL = colors.HexColor("#7f9cc6")
LIMIT_COLOUR = colors.HexColor("#b03a2e")
GROUP_SPACING = 6
LABEL_SIZE = 7
BAR_LABEL_SIZE = 6.5
MIN_SLOT_FOR_VALUES = 26  # points per month below which bars carry no value
MIN_SLOT_FOR_LEVEL_LABELS = 34  # below this the month labels are slanted


def _nice_step(maximum: float) -> float:
    """A round value-axis step giving about five gridlines up to ``maximum``."""
    raw = max(maximum, 1.0) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _hours_label(hours: float) -> str:
    return format_hours(round(hours * 60))


class BarChart(Flowable):
    """What every bar chart here shares: its fixed size, a value axis from 0 to a round
    ``top`` in round ``step``s, the gridlines, and the category labels under the bars."""

    width: float
    height: float
    step: float
    top: float

    def _scale(self, highest: float, headroom: float, whole: bool = False) -> None:
        """The value axis for values up to ``highest`` with ``headroom`` (1.12: 12 % more)
        above them; ``whole``: counts, with whole-number gridlines."""
        self.step = _nice_step(highest * headroom)
        if whole:
            self.step = max(1.0, math.ceil(self.step))
        self.top = self.step * math.ceil(highest * headroom / self.step)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _grid(self, canvas, x0: float, y0: float, plot_width: float, y_of) -> None:
        canvas.setFont(FONT, LABEL_SIZE)
        for index in range(round(self.top / self.step) + 1):
            value = index * self.step
            y = y_of(value)
            if index:
                canvas.setStrokeColor(GRID)
                canvas.setLineWidth(0.3)
                canvas.line(x0, y, x0 + plot_width, y)
            canvas.setFillColor(MUTED)
            canvas.drawRightString(x0 - 2, y - 2.5, f"{value:g}".replace(".", ","))
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(1)
        canvas.line(x0, y0, x0, y_of(self.top))
        canvas.line(x0, y0, x0 + plot_width, y0)

    @staticmethod
    def _category_label(canvas, centre: float, y0: float, label: str, slanted: bool) -> None:
        """A category's name under its bars, slanted when the categories are narrow."""
        canvas.setFillColor(INK)
        if slanted:
            canvas.saveState()
            canvas.setFont(FONT, 6)
            canvas.translate(centre + 2, y0 - 3)
            canvas.rotate(45)
            canvas.drawRightString(0, -6, label)
            canvas.restoreState()
        else:
            canvas.setFont(FONT, LABEL_SIZE)
            canvas.drawCentredString(centre, y0 - 8, label)


class HoursChart(BarChart):
    """Bars of hours per month; see :func:`monthly_hours_chart`."""

    def __init__(
        self,
        months: Sequence[tuple[str, int]],
        limit_minutes: int | None,
        width: float,
        height: float,
    ) -> None:
        super().__init__()
        self.months = list(months)
        self.limit = limit_minutes / 60 if limit_minutes else None
        self.width, self.height = width, height
        values = [minutes / 60 for _label, minutes in self.months]
        self._scale(max(values + [self.limit or 0, 1.0]), 1.12)
        self.values = values

    def draw(self) -> None:
        canvas = self.canv
        count = max(len(self.months), 1)
        x0 = 9 * mm
        plot_width = self.width - 10 * mm
        slot = plot_width / count
        slanted = slot < MIN_SLOT_FOR_LEVEL_LABELS
        y0 = 14 * mm if slanted else 9 * mm
        plot_height = self.height - (20 * mm if slanted else 15 * mm)

        def y_of(value: float) -> float:
            return y0 + plot_height * value / self.top

        canvas.saveState()
        self._grid(canvas, x0, y0, plot_width, y_of)
        self._bars(canvas, x0, y0, slot, slanted, y_of)
        if self.limit:
            self._limit(canvas, x0, plot_width, y0 + plot_height, y_of(self.limit), self.limit)
        canvas.setFont(FONT, LABEL_SIZE)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(x0 - 2, y0 + plot_height + 3 * mm, _("hours"))
        canvas.restoreState()

    def _bars(self, canvas, x0: float, y0: float, slot: float, slanted: bool, y_of) -> None:
        bar_width = max(slot - GROUP_SPACING, 1.0)
        for index, ((label, _minutes), value) in enumerate(zip(self.months, self.values)):
            left = x0 + index * slot + (slot - bar_width) / 2
            centre = left + bar_width / 2
            canvas.setFillColor(BAR_FILL)
            canvas.setStrokeColor(ACCENT)
            canvas.setLineWidth(0.5)
            if value > 0:
                canvas.rect(left, y0, bar_width, y_of(value) - y0, stroke=1, fill=1)
            if slot >= MIN_SLOT_FOR_VALUES:
                text = _hours_label(value)
                text_width = stringWidth(text, FONT, BAR_LABEL_SIZE)
                base = y_of(value) + 3
                canvas.setFillColor(colors.white)  # stays readable where the limit passes
                canvas.rect(
                    centre - text_width / 2 - 1,
                    base - 1.5,
                    text_width + 2,
                    BAR_LABEL_SIZE + 1.5,
                    stroke=0,
                    fill=1,
                )
                canvas.setFillColor(INK)
                canvas.setFont(FONT, BAR_LABEL_SIZE)
                canvas.drawCentredString(centre, base, text)
            self._category_label(canvas, centre, y0, label, slanted)

    def _limit(
        self, canvas, x0: float, plot_width: float, plot_top: float, y: float, limit: float
    ) -> None:
        canvas.setStrokeColor(LIMIT_COLOUR)
        canvas.setLineWidth(0.8)
        canvas.setDash(3, 2)
        canvas.line(x0, y, x0 + plot_width, y)
        label = _("monthly limit {hours}").format(hours=_hours_label(limit))
        legend_y = plot_top + 3 * mm
        legend_x = x0 + plot_width - stringWidth(label, FONT, BAR_LABEL_SIZE) - 2
        canvas.line(legend_x - 12, legend_y + 2, legend_x - 2, legend_y + 2)
        canvas.setDash()
        canvas.setFillColor(LIMIT_COLOUR)
        canvas.setFont(FONT, BAR_LABEL_SIZE)
        canvas.drawRightString(x0 + plot_width, legend_y, label)


def monthly_hours_chart(
    months: Sequence[tuple[str, int]],
    *,
    limit_minutes: int | None = None,
    width: float = CONTENT_WIDTH,
    height: float = 55 * mm,
) -> Flowable:
    """Bars of hours per month, each labelled "12,50"; a dashed line at the monthly limit.

    ``months`` are ``(label, minutes)`` pairs in order, e.g. ``("03.2025", 750)``.
    """
    register_fonts()
    return HoursChart(months, limit_minutes, width, height)


# --- bars of several series, readable in black and white ----------------------------------

# Each series is told apart by its fill pattern, not by colour alone: a dark solid bar, a
# white bar with diagonal hatching, a light grey bar; all outlined in ink (a printout in black
# and white and a reader who does not tell red from green see the same chart).
SERIES_FILLS = (ACCENT, colors.white, colors.HexColor("#c8cdd6"))
HATCHED = 1  # the index of the hatched series
MAX_BAR_WIDTH = 18 * mm
LEGEND_SIZE = 7


def _hatch(canvas, left: float, bottom: float, width: float, height: float) -> None:
    """Diagonal lines inside a rectangle (clipped to it)."""
    if width <= 0 or height <= 0:
        return
    canvas.saveState()
    path = canvas.beginPath()
    path.rect(left, bottom, width, height)
    canvas.clipPath(path, stroke=0, fill=0)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.45)
    step = 3.2
    offset = -height
    while offset < width:
        canvas.line(left + offset, bottom, left + offset + height, bottom + height)
        offset += step
    canvas.restoreState()


class SeriesChart(BarChart):
    """Bars of one or more series per category; see :func:`series_bar_chart`."""

    def __init__(
        self,
        categories: Sequence[str],
        series: Sequence[tuple[str, Sequence[float]]],
        value_text,
        unit: str,
        width: float,
        height: float,
    ) -> None:
        super().__init__()
        self.categories = list(categories)
        self.series = [(name, list(values)) for name, values in series]
        self.value_text = value_text
        self.unit = unit
        self.width, self.height = width, height
        everything = [v for _name, values in self.series for v in values]
        whole = all(float(v).is_integer() for v in everything)  # counts
        self._scale(max(everything + [1.0]), 1.15, whole)

    def draw(self) -> None:
        canvas = self.canv
        count = max(len(self.categories), 1)
        x0 = 10 * mm
        plot_width = self.width - 11 * mm
        slot = plot_width / count
        longest = max((stringWidth(c, FONT, LABEL_SIZE) for c in self.categories), default=0)
        slanted = longest > slot - 2
        y0 = (8 * mm + min(longest, 30 * mm) * 0.7) if slanted else 8 * mm
        legend = 6 * mm if len(self.series) > 1 or self.unit else 2 * mm
        plot_height = self.height - y0 - legend

        def y_of(value: float) -> float:
            return y0 + plot_height * value / self.top

        canvas.saveState()
        self._grid(canvas, x0, y0, plot_width, y_of)
        group = min(max(slot - GROUP_SPACING, 1.0), MAX_BAR_WIDTH * len(self.series))
        bar_width = group / max(len(self.series), 1)
        show_values = bar_width >= 11
        for index, category in enumerate(self.categories):
            left = x0 + index * slot + (slot - group) / 2
            for number, (_name, values) in enumerate(self.series):
                value = values[index] if index < len(values) else 0
                x = left + number * bar_width
                self._bar(canvas, number, x, y0, bar_width, y_of(value) - y0)
                if show_values and value:
                    text = self.value_text(value)
                    size = BAR_LABEL_SIZE if stringWidth(text, FONT, 6.5) <= bar_width + 4 else 5
                    canvas.setFont(FONT, size)
                    canvas.setFillColor(INK)
                    canvas.drawCentredString(x + bar_width / 2, y_of(value) + 2, text)
            centre = x0 + index * slot + slot / 2
            self._category_label(canvas, centre, y0, category, slanted)
        self._legend(canvas, x0, plot_width, y0 + plot_height + 2.2 * mm)
        canvas.restoreState()

    def _bar(self, canvas, number: int, x: float, y0: float, width: float, height: float) -> None:
        if height <= 0:
            return
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.5)
        canvas.setFillColor(SERIES_FILLS[number % len(SERIES_FILLS)])
        canvas.rect(x, y0, width, height, stroke=1, fill=1)
        if number % len(SERIES_FILLS) == HATCHED:
            _hatch(canvas, x, y0, width, height)

    def _legend(self, canvas, x0: float, plot_width: float, y: float) -> None:
        canvas.setFont(FONT, LEGEND_SIZE)
        if self.unit:
            canvas.setFillColor(MUTED)
            canvas.drawString(0, y, self.unit)
        if len(self.series) < 2:
            return
        right = x0 + plot_width
        for number, (name, _values) in reversed(list(enumerate(self.series))):
            text_width = stringWidth(name, FONT, LEGEND_SIZE)
            canvas.setFillColor(INK)
            canvas.drawRightString(right, y, name)
            box = right - text_width - 11
            self._bar(canvas, number, box, y - 1, 8, 7)
            right = box - 8


def series_bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    value_text=lambda value: f"{value:g}".replace(".", ","),
    unit: str = "",
    width: float = CONTENT_WIDTH,
    height: float = 55 * mm,
) -> Flowable:
    """Bars of each series (e.g. this period and the previous one) per category, told apart
    by fill pattern (solid, hatched, light) as well as by the legend; ``value_text`` writes
    the number over a bar when there is room; ``unit`` names the value axis."""
    register_fonts()
    return SeriesChart(categories, series, value_text, unit, width, height)


GRID_LABEL_WIDTH = 16 * mm
GRID_HEADER = 5 * mm
GRID_ROW = 4.3 * mm
GRID_SIZE = 6


def _shade(count: int, busiest: int) -> float:
    """The grey of a cell: white for none, darker with more (0 = black, 1 = white)."""
    if not count or not busiest:
        return 1.0
    return 0.88 - 0.7 * (count / busiest)


class DayHourChart(Flowable):
    """A grid of contacts by day (rows) and hour of arrival (columns); see
    :func:`day_hour_chart`."""

    def __init__(
        self,
        rows: Sequence[str],
        hours: Sequence[int],
        counts: Sequence[Sequence[int]],
        width: float,
    ) -> None:
        super().__init__()
        self.rows, self.hours = list(rows), list(hours)
        self.counts = [list(r) for r in counts]
        self.busiest = max((n for r in self.counts for n in r), default=0)
        self.width = width
        self.height = GRID_HEADER + GRID_ROW * len(self.rows) + 1 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        cell = (self.width - GRID_LABEL_WIDTH) / max(len(self.hours), 1)
        top = self.height - GRID_HEADER
        canvas.saveState()
        canvas.setFont(FONT, GRID_SIZE)
        canvas.setFillColor(INK)
        for column, hour in enumerate(self.hours):
            x = GRID_LABEL_WIDTH + column * cell + cell / 2
            canvas.drawCentredString(x, top + 1.5 * mm, f"{hour:02d}")
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.3)
        for row, label in enumerate(self.rows):
            y = top - (row + 1) * GRID_ROW
            canvas.setFillColor(INK)
            canvas.drawString(0, y + 1.3 * mm, label)
            for column, count in enumerate(self.counts[row]):
                grey = _shade(count, self.busiest)
                canvas.setFillColor(colors.Color(grey, grey, grey))
                canvas.rect(GRID_LABEL_WIDTH + column * cell, y, cell, GRID_ROW, stroke=1, fill=1)
                if count:
                    canvas.setFillColor(colors.white if grey < 0.5 else INK)
                    canvas.drawCentredString(
                        GRID_LABEL_WIDTH + column * cell + cell / 2, y + 1.3 * mm, str(count)
                    )
        canvas.restoreState()


def day_hour_chart(
    rows: Sequence[str],
    hours: Sequence[int],
    counts: Sequence[Sequence[int]],
    *,
    width: float = CONTENT_WIDTH,
) -> Flowable:
    """Contacts by day and hour of arrival: each cell's number printed in it, its grey the
    darker the busier (readable in black and white, no colour to tell apart)."""
    register_fonts()
    return DayHourChart(rows, hours, counts, width)

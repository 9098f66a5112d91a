"""A bar chart of hours per month (ReportLab graphics, DejaVu Sans labels)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from opsdesk.i18n import _
from opsdesk.printing.fonts import FONT, register_fonts
from opsdesk.printing.formatting import format_hours
from opsdesk.printing.styles import ACCENT, CONTENT_WIDTH, GRID, INK, MUTED

BAR_FILL = colors.HexColor("#7f9cc6")
LIMIT_COLOUR = colors.HexColor("#b03a2e")


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


def monthly_hours_chart(
    months: Sequence[tuple[str, int]],
    *,
    limit_minutes: int | None = None,
    width: float = CONTENT_WIDTH,
    height: float = 55 * mm,
) -> Drawing:
    """Bars of hours per month, each labelled "12,50"; a dashed line at the monthly limit.

    ``months`` are ``(label, minutes)`` pairs in order, e.g. ``("03.2025", 750)``.
    """
    register_fonts()
    values = [minutes / 60 for _label, minutes in months]
    limit = limit_minutes / 60 if limit_minutes else None
    top = max(values + [limit or 0, 1.0])
    step = _nice_step(top * 1.12)

    drawing = Drawing(width, height, initialFontName=FONT)
    chart = VerticalBarChart()
    chart.x, chart.y = 9 * mm, 9 * mm
    chart.width, chart.height = width - 10 * mm, height - 15 * mm
    chart.data = [values or [0]]
    chart.barSpacing = 2
    chart.groupSpacing = 6
    chart.bars[0].fillColor = BAR_FILL
    chart.bars[0].strokeColor = ACCENT
    chart.bars[0].strokeWidth = 0.5
    chart.barLabelFormat = _hours_label
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 6.5
    chart.barLabels.fillColor = INK
    chart.barLabels.nudge = 5
    chart.barLabels.boxFillColor = colors.white  # stays readable where the limit line passes
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = step * math.ceil(top * 1.12 / step)
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.labelTextFormat = lambda value: f"{value:g}".replace(".", ",")
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.strokeColor = MUTED
    chart.categoryAxis.categoryNames = [label for label, _minutes in months] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.strokeColor = MUTED
    slot = chart.width / max(len(months), 1)
    if slot < 26:  # no room for a value over each bar: the gridlines tell
        chart.barLabelFormat = None
    if slot < 34:  # month labels would collide: slant them
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.dx = 2
        chart.categoryAxis.labels.fontSize = 6
        chart.y = 14 * mm
        chart.height = height - 20 * mm
    if limit:
        y = chart.y + chart.height * limit / chart.valueAxis.valueMax
        drawing.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=LIMIT_COLOUR,
                         strokeWidth=0.8, strokeDashArray=[3, 2]))
        legend_y = chart.y + chart.height + 3 * mm
        label = _("monthly limit {hours}").format(hours=_hours_label(limit))
        drawing.add(String(chart.x + chart.width, legend_y, label, fontName=FONT, fontSize=6.5,
                           fillColor=LIMIT_COLOUR, textAnchor="end"))
        legend_x = chart.x + chart.width - stringWidth(label, FONT, 6.5) - 2
        drawing.add(Line(legend_x - 12, legend_y + 2, legend_x - 2, legend_y + 2,
                         strokeColor=LIMIT_COLOUR, strokeWidth=0.8, strokeDashArray=[3, 2]))
    drawing.add(chart)
    drawing.add(String(chart.x - 2, chart.y + chart.height + 3 * mm, _("hours"), fontName=FONT,
                       fontSize=7, fillColor=MUTED, textAnchor="end"))
    return drawing

"""Sample documents for the printing tests (a real-looking office and hour sheet) and a
reader that turns a PDF back into what a person would see: text per page, fonts used."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pdf_text import page_fonts, page_texts

from opsdesk.domain.hours import ContractKind
from opsdesk.services.hours.records import ContractRecord, HourSheet, SheetRow
from opsdesk.services.office.records import OfficeRecord

PROVIDER = "Małgorzata Żółkiewska-Wąsowicz"
FORMS = ("konsultacja indywidualna", "konsultacja rodzinna", "poradnictwo specjalistyczne")


def logo_strip_png() -> bytes:
    """A wide PNG with four coloured blocks, like a row of EU programme logos."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 140), "white")
    draw = ImageDraw.Draw(image)
    for index, colour in enumerate(("#003399", "#d52b1e", "#ffcc00", "#2e7d32")):
        left = 40 + index * 290
        draw.rectangle((left, 25, left + 230, 115), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def office(with_logo: bool = True, **changes) -> OfficeRecord:
    values = dict(
        name="Ośrodek Pomocy Społecznej w Gryfinie",
        street="ul. Łużycka 50",
        postal_code="74-100",
        city="Gryfino",
        phone="91 416 20 05",
        email="",
        project_name="",
        project_number="",
        logo_strip=logo_strip_png() if with_logo else None,
    )
    values.update(changes)
    return OfficeRecord(**values)


def contract(**changes) -> ContractRecord:
    values = dict(
        id=4,
        kind=ContractKind.PSYCHOLOGY,
        number="OPS.2611.4.2025",
        provider_staff_id=None,
        provider_name=PROVIDER,
        provider_company="",
        monthly_minutes=15 * 60,
        project_minutes=180 * 60,
        pro_rata_first_month=False,
        valid_from=dt.date(2025, 1, 1),
        valid_to=dt.date(2025, 12, 31),
        project_name=(
            "Wdrożenie usprawnień organizacyjnych w Ośrodku Pomocy Społecznej w Gryfinie"
        ),
        project_number="POWR.02.05.00-00-0117/16",
    )
    values.update(changes)
    return ContractRecord(**values)


def session_rows(count: int, year: int = 2025, month: int = 3) -> list[SheetRow]:
    """``count`` sessions spread over the month's weekdays, 45–120 minutes long."""
    days = [
        dt.date(year, month, day) for day in range(1, 29) if dt.date(year, month, day).weekday() < 5
    ]
    rows = []
    for index in range(count):
        minutes = (45, 60, 90, 120)[index % 4]
        start = dt.datetime(year, month, 1, 8 + index % 8, (index % 2) * 30)
        rows.append(
            SheetRow(
                day=days[index % len(days)],
                start=start.time(),
                end=(start + dt.timedelta(minutes=minutes)).time(),
                minutes=minutes,
                form_label=FORMS[index % len(FORMS)],
                client_code=f"PSY/2025/{index % 37 + 1:03d}",
            )
        )
    return rows


def hour_sheet_data(rows: list[SheetRow] | None = None, **changes) -> HourSheet:
    values = dict(
        office=office(),
        contract=contract(),
        month=(2025, 3),
        rows=rows if rows is not None else session_rows(10),
        monthly_budget_minutes=15 * 60,
        project_used_minutes=120 * 60,
        project_budget_minutes=180 * 60,
        manager_name="Jolanta Świątek",
        prepared_by="Anna Łęcka",
        generated_at=dt.datetime(2025, 4, 1, 9, 15),
    )
    values.update(changes)
    return HourSheet(**values)


@pytest.fixture
def make_hour_sheet():
    return hour_sheet_data


@pytest.fixture
def make_sessions():
    return session_rows


@pytest.fixture
def pdf_pages():
    return page_texts


@pytest.fixture
def pdf_fonts():
    return page_fonts

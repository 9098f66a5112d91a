"""Every printable document in one place: its data from the services, then its PDF.

The door the "Raporty" section, the first-contact desk and the command line use:

    pdf = documents.hour_sheet(services, contract_id, (2026, 3), progress=report)

Each function checks permissions through its service (which also writes the audit entry),
then lays the document out. Importing this module does not import ReportLab: the document
modules are imported by the function that needs them, when the first document is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from opsdesk.domain.hours import Month
from opsdesk.domain.ids import ClientId, ContractId, StaffId, TeamId, VisitId

Progress = Callable[[float], None] | None
FETCHED = 0.05  # the share of the progress bar the data's reading stands for


def _fetched(progress: Progress) -> Progress:
    """The data read (``FETCHED`` reported); the build's own 0..1 progress, mapped after it."""
    if progress is None:
        return None
    progress(FETCHED)
    return lambda fraction: progress(FETCHED + (1 - FETCHED) * fraction)


def hour_sheet(services, contract_id: int, month: Month, *, progress: Progress = None) -> bytes:
    """The monthly record of hours of a contract (ewidencja godzin)."""
    from opsdesk.printing.hour_sheet import build_hour_sheet

    sheet = services.hours_sheets.hour_sheet(contract_id, month)
    return build_hour_sheet(sheet, progress=_fetched(progress))


def supervision_list(
    services,
    contract_id: int,
    month: Month,
    *,
    day: dt.date | None = None,
    progress: Progress = None,
) -> bytes:
    """The supervision attendance list of a month (or of the sessions of ``day``)."""
    from opsdesk.printing.supervision_list import build_supervision_list

    sheet = services.hours_sheets.attendance_sheet(contract_id, month)
    return build_supervision_list(sheet, day=day, progress=_fetched(progress))


def hours_summary(
    services,
    contract_id: ContractId,
    scope: str = "project",
    quarter: tuple[int, int] | None = None,
    *,
    progress: Progress = None,
) -> bytes:
    """A contract's hours by month over a quarter or the project to date, with a chart."""
    from opsdesk.printing.hours_summary import build_hours_summary

    report = services.reports.hours_period(contract_id, scope, quarter)
    return build_hours_summary(report, progress=_fetched(progress))


def deadline_report(
    services,
    team_id: TeamId,
    worker_id: StaffId | None = None,
    until: dt.date | None = None,
    *,
    progress: Progress = None,
) -> bytes:
    """Overdue and upcoming deadlines of a team's (or a worker's) open cases."""
    from opsdesk.printing.deadline_report import build_deadline_report

    report = services.reports.deadline_report(team_id, worker_id, until)
    return build_deadline_report(report, progress=_fetched(progress))


def gdpr_report(services, client_id: ClientId, *, progress: Progress = None) -> bytes:
    """Everything stored about a client and who accessed it (GDPR access request)."""
    from opsdesk.printing.gdpr_report import build_gdpr_report

    report = services.reports.gdpr_report(client_id)
    return build_gdpr_report(report, progress=_fetched(progress))


def who_saw_report(services, client_id: int, *, progress: Progress = None) -> bytes:
    """Who saw a client's data, when and on which screen (the manager's; audited as a print)."""
    from opsdesk.printing.who_saw_report import build_who_saw_report

    report = services.who_saw.report(client_id, printing=True)
    return build_who_saw_report(report, progress=_fetched(progress))


def referral_slip(services, visit_id: VisitId, *, progress: Progress = None) -> bytes:
    """The desk's referral slip for a visit: where and to whom the person goes."""
    from opsdesk.printing.referral_slip import build_referral_slip

    slip = services.reports.referral_slip(visit_id)
    return build_referral_slip(slip, progress=_fetched(progress))


def ticket(services, visit_id: VisitId, *, progress: Progress = None) -> bytes:
    """The queue ticket of a visit, 80 mm wide."""
    from opsdesk.printing.ticket import build_ticket

    slip = services.reports.ticket(visit_id)
    _fetched(progress)
    pdf = build_ticket(slip)
    if progress is not None:
        progress(1.0)
    return pdf


INDICATOR_FORMATS = ("pdf", "xlsx", "csv")


def indicators_report(services, period, file_format: str = "pdf", *, progress: Progress = None):
    """The indicators of the separated model for ``period`` (a ``domain.report_periods.Period``)
    and the period before it: "pdf" the printed report "Monitoring modelu rozdzielenia",
    "xlsx" a workbook with a sheet per section, "csv" one table for any spreadsheet."""
    if file_format not in INDICATOR_FORMATS:
        raise ValueError(f"unknown format {file_format!r}")
    overview = services.indicators.overview(
        period, use="print" if file_format == "pdf" else "export", lists=True
    )
    layout = _fetched(progress)
    if file_format == "pdf":
        from opsdesk.printing.indicators_report import build_indicators_report

        return build_indicators_report(overview, progress=layout)
    from opsdesk.printing.indicators_export import build_indicators_csv, build_indicators_xlsx

    data = (
        build_indicators_xlsx(overview) if file_format == "xlsx" else build_indicators_csv(overview)
    )
    if progress is not None:
        progress(1.0)
    return data


def letter(document, *, progress: Progress = None) -> bytes:
    """A letter printed from a case (``services.letters.print_letter`` records it first and
    returns its ``LetterDocument``), or a template's preview."""
    from opsdesk.printing.letter import build_letter

    return build_letter(document, progress=_fetched(progress))


def letter_again(services, letter_id: int, *, progress: Progress = None) -> bytes:
    """A letter from a case's history, exactly as it was printed (audited as a print)."""
    from opsdesk.printing.letter import build_letter

    document = services.letters.reprint(letter_id)
    return build_letter(document, progress=_fetched(progress))

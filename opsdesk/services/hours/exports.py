"""Hours lists and summaries as plain tables for a spreadsheet (XLSX or CSV, written by
``opsdesk.printing.table_export``). Each export is recorded in the audit log like a print
("export", with the list and the file format). Client codes only, never names or notes.
"""

from __future__ import annotations

import re
from datetime import date

from opsdesk.domain.hours import ContractKind, Month, SessionState
from opsdesk.domain.ids import ContractId
from opsdesk.domain.roles import Action
from opsdesk.errors import ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.hours.records import (
    ColumnKind,
    ContractRecord,
    ContractSummary,
    ExportColumn,
    ExportTable,
    HoursExport,
    PeriodRow,
)
from opsdesk.services.periods import checked_month

FORMATS = ("xlsx", "csv")
H, N, D, T = ColumnKind.HOURS, ColumnKind.COUNT, ColumnKind.DATE, ColumnKind.TIME


def _stem(*parts: str) -> str:
    return re.sub(r"[^\w.-]+", "-", "-".join(parts)).strip("-")


def _checked_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValidationError.single("format", _("Choose XLSX or CSV."))
    return fmt


def _budget_columns(carry: bool) -> tuple[ExportColumn, ...]:
    """The numbers of a period; with carry-over in a settlement's order: budget, carried in,
    held, booked, remaining, carried out."""
    return (
        ExportColumn(_("Budget (h)"), H),
        *([ExportColumn(_("Carried over in (h)"), H)] if carry else []),
        ExportColumn(_("Held (h)"), H),
        ExportColumn(_("Booked (h)"), H),
        ExportColumn(_("Remaining (h)"), H),
        *([ExportColumn(_("Carried over to the next month (h)"), H)] if carry else []),
        ExportColumn(_("Sessions"), N),
        ExportColumn(_("Approved over the budget"), N),
    )


def _budget_cells(row: PeriodRow, carry: bool, total: bool = False) -> tuple[object, ...]:
    """A period's numbers; the project's total row leaves the carried cells empty (carrying
    never raises the project's budget)."""
    budget = row.budget
    carried = None if total else row.carried_in
    return (
        budget.budget,
        *([carried] if carry else []),
        budget.used,
        budget.planned,
        row.left,
        *([None if total else row.carried_out] if carry else []),
        row.sessions,
        row.approved_over,
    )


class HoursExportService(Service):
    def sessions(self, contract_id: ContractId, month: Month, fmt: str) -> HoursExport:
        """A contract's month of sessions (every state), as the sessions list shows them."""
        from opsdesk.services.hours.sessions import HoursService

        fmt = _checked_format(fmt)
        month = checked_month(month)
        contract = self._contract(contract_id)
        records = HoursService(self.ctx).sessions(contract_id, month)
        supervision = contract.kind is ContractKind.SUPERVISION
        columns = (
            ExportColumn(_("Date"), D),
            ExportColumn(_("Starts at"), T),
            ExportColumn(_("Ends at"), T),
            ExportColumn(_("Hours"), H),
            ExportColumn(_("Form"), ColumnKind.TEXT),
            ExportColumn(_("Participants") if supervision else _("Client codes")),
            ExportColumn(_("State")),
            ExportColumn(_("Over the budget, approved by")),
        )
        rows = tuple(
            (
                r.day,
                r.start,
                r.end,
                r.minutes,
                r.form.label,
                ", ".join(p.full_name for p in r.participants)
                if supervision
                else ", ".join(c.code for c in r.clients),
                r.state.label,
                r.over_budget_approved_by,
            )
            for r in records
        )
        held = [r for r in records if r.state is SessionState.HELD]
        totals = (_("Held in total"), None, None, sum(r.minutes for r in held), "", "", "", "")
        table = ExportTable(_("Sessions"), columns, rows, totals)
        label = f"{month[1]:02d}.{month[0]}"
        self._audit(contract_id, f"sessions {month[0]}-{month[1]:02d} to {fmt.upper()}")
        return self._export(
            _("Sessions of {month}, contract {number}").format(month=label, number=contract.number),
            _stem(_("sessions"), contract.number, f"{month[0]}-{month[1]:02d}"),
            (table,),
        )

    def summary(self, contract_id: ContractId, fmt: str) -> HoursExport:
        """A contract's summary: months (the main table), quarters, forms, and supervision
        hours by worker."""
        from opsdesk.services.hours.summary import HoursSummaryService

        fmt = _checked_format(fmt)
        summary = HoursSummaryService(self.ctx).contract_summary(contract_id)
        number = summary.contract.number
        self._audit(contract_id, f"hours summary to {fmt.upper()}")
        return self._export(
            _("Summary of hours, contract {number}").format(number=number),
            _stem(_("summary"), number),
            _summary_tables(summary),
        )

    def projects(self, fmt: str) -> HoursExport:
        """Every project's hours (the manager's overview)."""
        from opsdesk.services.hours.summary import HoursSummaryService

        fmt = _checked_format(fmt)
        self.ctx.require(Action.HOURS_TOTALS)
        rows = HoursSummaryService(self.ctx).projects()
        table = ExportTable(
            _("Projects"),
            (
                ExportColumn(_("Project number")),
                ExportColumn(_("Project")),
                ExportColumn(_("Kind of service")),
                ExportColumn(_("Contracts"), N),
                ExportColumn(_("Contracted (h)"), H),
                ExportColumn(_("Held (h)"), H),
                ExportColumn(_("Remaining (h)"), H),
                ExportColumn(_("Sessions"), N),
            ),
            tuple(
                (
                    r.project_number,
                    r.project_name,
                    r.kind.label,
                    r.contracts,
                    r.budget.budget,
                    r.budget.used,
                    r.budget.budget - r.budget.used,
                    r.sessions,
                )
                for r in rows
            ),
        )
        with self.db.transaction() as session:
            audit.record(
                session, self.ctx, "export", "contract", None, f"projects to {fmt.upper()}"
            )
        return self._export(_("Hours by project"), _stem(_("projects")), (table,))

    # --- helpers -------------------------------------------------------------------------

    def _contract(self, contract_id: ContractId) -> ContractRecord:
        from opsdesk.services.hours.contracts import ContractService

        return ContractService(self.ctx).get(contract_id)

    def _audit(self, contract_id: ContractId, detail: str) -> None:
        with self.db.transaction() as session:
            audit.record(session, self.ctx, "export", "contract", contract_id, detail)

    def _export(self, title: str, stem: str, tables: tuple[ExportTable, ...]) -> HoursExport:
        actor = self.ctx.actor
        return HoursExport(
            title, stem, actor.full_name if actor else "", self.ctx.clock.now(), tables
        )


def _summary_tables(summary: ContractSummary) -> tuple[ExportTable, ...]:
    carry = summary.contract.carry_over
    months = ExportTable(
        _("Months"),
        (ExportColumn(_("Month"), D), *_budget_columns(carry)),
        tuple((date(r.key[0], r.key[1], 1), *_budget_cells(r, carry)) for r in summary.months),
        (_("Project"), *_budget_cells(summary.project, carry, total=True)),
    )
    quarters = ExportTable(
        _("Quarters"),
        (ExportColumn(_("Year"), N), ExportColumn(_("Quarter"), N), *_budget_columns(carry)),
        tuple((r.key[0], r.key[1], *_budget_cells(r, carry)) for r in summary.quarters),
    )
    forms = ExportTable(
        _("Forms"),
        (ExportColumn(_("Form")), ExportColumn(_("Sessions"), N), ExportColumn(_("Hours"), H)),
        tuple((f.form.label, f.sessions, f.minutes) for f in summary.forms),
    )
    tables = [months, quarters, forms]
    if summary.workers:
        tables.append(
            ExportTable(
                _("Workers"),
                (
                    ExportColumn(_("Worker")),
                    ExportColumn(_("Sessions"), N),
                    ExportColumn(_("Hours"), H),
                    ExportColumn(_("Consents to share conclusions"), N),
                ),
                tuple((w.full_name, w.sessions, w.minutes, w.consents) for w in summary.workers),
            )
        )
    return tuple(tables)

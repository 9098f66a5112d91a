"""``opsdesk report``: print documents to PDF files without the window, e.g. from a
scheduled task.

    opsdesk report hours --contract 3/PS/2026 --month 2026-03 --out ewidencja.pdf
    opsdesk report supervision --contract 4/SU/2026 --month 2026-03 [--day 11.03.2026] \
        --out lista.pdf
    opsdesk report summary --contract 3/PS/2026 (--quarter 2026-Q1 | --project) \
        --out zestawienie.pdf
    opsdesk report deadlines --team "Zespół świadczeń" [--worker LOGIN] [--until DATE] --out …
    opsdesk report gdpr (--client ID | --pesel PESEL) --out dane.pdf
    opsdesk report indicators --period 2026-Q4 --out monitoring.pdf|.xlsx|.csv

There is no login on the command line: whoever can run it on the office's computer can read
the database file anyway. It acts as a system actor with the manager's permissions
(``opsdesk.services.reports.documents.system_actor``): documents say "opsdesk (wiersz poleceń)" made
them, the audit log records each under the login "cli", and the manager who signs is the
office's manager. Bad input (an unknown contract, team or client, a malformed month, a path
that cannot be written) ends with a Polish message on stderr and exit code 2; the output file
is written only when the whole document is ready, so nothing is left behind.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from opsdesk.commands import CliError
from opsdesk.i18n import N_, _

_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_QUARTER = re.compile(r"(\d{4})-[Qq]?([1-4])", re.ASCII)


DESCRIPTION = N_(
    "Prints a document to a PDF file without opening the window. It acts with the "
    "manager's permissions and is recorded in the audit log as \u201ecli\u201d."
)


def add_arguments(parser) -> None:
    kinds = parser.add_subparsers(
        dest="document", metavar="DOCUMENT", required=True, parser_class=type(parser)
    )

    def document(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = kinds.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--out", required=True, metavar="FILE.pdf", help=_("the PDF file to write")
        )
        return sub

    for name, help_text in (
        ("hours", _("the monthly record of hours of a contract")),
        ("supervision", _("the supervision attendance list of a month")),
    ):
        sub = document(name, help_text)
        sub.add_argument(
            "--contract",
            required=True,
            metavar="NUMBER",
            help=_("the contract's number as printed, e.g. 3/PS/2025"),
        )
        sub.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month"))
        if name == "supervision":
            sub.add_argument("--day", metavar="DD.MM.YYYY", help=_("only the sessions of this day"))

    summary = document("summary", _("a contract's hours over a quarter or the project"))
    summary.add_argument(
        "--contract",
        required=True,
        metavar="NUMBER",
        help=_("the contract's number as printed, e.g. 3/PS/2025"),
    )
    period = summary.add_mutually_exclusive_group(required=True)
    period.add_argument("--quarter", metavar="YYYY-QN", help=_("the quarter, e.g. 2026-Q1"))
    period.add_argument(
        "--project", action="store_true", help=_("the project from its start to this month")
    )

    deadlines = document("deadlines", _("the deadline report of a team or a worker"))
    deadlines.add_argument("--team", required=True, metavar="NAME", help=_("the team's name"))
    deadlines.add_argument("--worker", metavar="LOGIN", help=_("only this worker's cases"))
    deadlines.add_argument(
        "--until",
        metavar="DD.MM.YYYY",
        help=_("deadlines up to this day (default: two weeks from today)"),
    )

    help_text = _("the indicators of the separated model for a period (PDF, XLSX or CSV)")
    indicators = kinds.add_parser("indicators", help=help_text, description=help_text)
    indicators.add_argument(
        "--period",
        required=True,
        metavar="PERIOD",
        help=_("a month (2026-11), a quarter (2026-Q4) or a year (2026)"),
    )
    indicators.add_argument(
        "--out",
        required=True,
        metavar="FILE.pdf|xlsx|csv",
        help=_("the file to write; its extension chooses the format"),
    )

    gdpr = document("gdpr", _("a client's personal data report (GDPR access request)"))
    who = gdpr.add_mutually_exclusive_group(required=True)
    who.add_argument("--client", metavar="ID", help=_("the client's id"))
    who.add_argument("--pesel", metavar="PESEL", help=_("the client's PESEL"))


# --- reading the arguments ----------------------------------------------------------------


def parse_month(text: str) -> tuple[int, int]:
    match = _MONTH.fullmatch(text.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise CliError(
            _(
                "The month \u201e{text}\u201d is not valid: give it as YYYY-MM, e.g. 2026-03."
            ).format(text=text)
        )
    return int(match.group(1)), int(match.group(2))


def parse_quarter(text: str) -> tuple[int, int]:
    match = _QUARTER.fullmatch(text.strip())
    if match is None:
        raise CliError(
            _(
                "The quarter \u201e{text}\u201d is not valid: give it as YYYY-QN, e.g. 2026-Q1."
            ).format(text=text)
        )
    return int(match.group(1)), int(match.group(2))


def parse_id(text: str, what: str) -> int:
    if not text.strip().isdigit():
        raise CliError(_("{what} \u201e{text}\u201d is not a number.").format(what=what, text=text))
    return int(text)


def parse_day(text: str | None):
    if text is None:
        return None
    from opsdesk.domain.errors import DomainError
    from opsdesk.domain.formatting import parse_date

    try:
        return parse_date(text)
    except DomainError as error:
        raise CliError(str(error)) from None


def check_output(text: str) -> Path:
    """The output path, refused early when its folder is missing or not writable."""
    import os

    path = Path(text).expanduser()
    folder = path.parent
    if path.is_dir():
        raise CliError(_("{path} is a folder; give the name of a PDF file.").format(path=path))
    if not folder.is_dir():
        raise CliError(_("The folder {folder} does not exist.").format(folder=folder))
    if not os.access(folder, os.W_OK):
        raise CliError(_("The folder {folder} cannot be written to.").format(folder=folder))
    return path


# --- running ------------------------------------------------------------------------------


def run(args, paths) -> int:
    out = check_output(args.out)
    build = _prepare(args)  # every argument checked before the database is opened
    services, db = _open(paths)
    try:
        pdf = _produce(services, build)
    finally:
        db.dispose()
    from opsdesk.printing.output import write_atomically

    try:
        write_atomically(out, pdf)
    except OSError as error:
        raise CliError(
            _("The document could not be saved to {path}: {error}").format(
                path=out, error=error.strerror or error
            )
        ) from None
    print(_("Saved {path}.").format(path=out))
    return 0


def _prepare(args):
    """A function of ``services`` making the PDF, from checked arguments."""
    from opsdesk.printing import documents

    kind = args.document
    if kind in ("hours", "supervision"):
        number = args.contract
        month = parse_month(args.month)
        if kind == "hours":
            return lambda s: documents.hour_sheet(s, s.contracts.find(number).id, month)
        day = parse_day(args.day)
        if day is not None and (day.year, day.month) != month:
            raise CliError(
                _("The day {day} is not in the month {month}.").format(
                    day=args.day, month=args.month
                )
            )
        return lambda s: documents.supervision_list(s, s.contracts.find(number).id, month, day=day)
    if kind == "summary":
        number = args.contract
        if args.project:
            return lambda s: documents.hours_summary(s, s.contracts.find(number).id, "project")
        quarter = parse_quarter(args.quarter)
        return lambda s: documents.hours_summary(s, s.contracts.find(number).id, "quarter", quarter)
    if kind == "indicators":
        return _indicators(args)
    if kind == "deadlines":
        until = parse_day(args.until)
        return lambda s: _deadlines(s, args.team, args.worker, until)
    if args.client is not None:
        client = parse_id(args.client, _("The client"))
        return lambda s: documents.gdpr_report(s, client)
    return lambda s: documents.gdpr_report(s, _client_by_pesel(s, args.pesel))


def _open(paths):
    from opsdesk.services.clock import office_clock
    from opsdesk.services.registry import Services
    from opsdesk.services.reports.documents import system_actor
    from opsdesk.storage.opening import open_database, refusals

    url = paths.database_url()
    if url.startswith("sqlite") and not paths.database.exists():
        raise CliError(_("There is no database in {path}.").format(path=paths.root))
    try:
        db = open_database(url)
    except refusals() as error:  # damaged, not opsdesk's, newer: a message, exit 2
        raise CliError(str(error)) from None
    return Services(db, system_actor(), office_clock(db)), db


def _produce(services, build) -> bytes:
    from opsdesk.errors import ServiceError

    try:
        return build(services)
    except ServiceError as error:
        raise CliError(str(error)) from None


def _deadlines(services, team: str, worker: str | None, until):
    from opsdesk.domain.text import fold
    from opsdesk.printing import documents

    scopes = services.reports.deadline_scopes()
    found = [s for s in scopes if fold(s.team_name) == fold(team) or str(s.team_id) == team]
    if not found:
        names = ", ".join(f"\u201e{s.team_name}\u201d" for s in scopes)
        raise CliError(
            _("There is no team \u201e{team}\u201d. Teams: {names}.").format(team=team, names=names)
        )
    scope = found[0]
    worker_id = None
    if worker is not None:
        match = [w for w in scope.workers if w.login == worker or fold(w.full_name) == fold(worker)]
        if not match:
            raise CliError(
                _("{worker} is not a worker of the team \u201e{team}\u201d.").format(
                    worker=worker, team=scope.team_name
                )
            )
        worker_id = match[0].id
    return documents.deadline_report(services, scope.team_id, worker_id, until)


def _client_by_pesel(services, pesel: str) -> int:
    found = [c for c in services.reports.find_clients(pesel) if c.identity == pesel.strip()]
    if not found:
        raise CliError(_("There is no client with the PESEL {pesel}.").format(pesel=pesel))
    return found[0].id


def _indicators(args):
    from opsdesk.domain.errors import DomainError
    from opsdesk.domain.report_periods import parse_period
    from opsdesk.printing import documents

    suffix = Path(args.out).suffix.lower().lstrip(".")
    if suffix not in documents.INDICATOR_FORMATS:
        raise CliError(
            _("Give a file ending in .pdf, .xlsx or .csv, not \u201e{name}\u201d.").format(
                name=Path(args.out).name
            )
        )
    try:
        period = parse_period(args.period)
    except DomainError as error:
        raise CliError(str(error)) from None
    return lambda s: documents.indicators_report(s, period, suffix)

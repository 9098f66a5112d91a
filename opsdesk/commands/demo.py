"""``opsdesk demo``: build (once) and open the demo office with two years of fictional data.

Refuses, with exit code 2, a database that holds any office other than the demo.
"""

from __future__ import annotations

import argparse

from opsdesk.commands import CliError
from opsdesk.i18n import N_, _

DESCRIPTION = N_(
    "Builds a fictional social welfare centre with staff, clients, visits, cases and "
    "sessions around today's date, then starts the application with it. Running it "
    "again opens the same demo office without adding anything."
)


def add_arguments(parser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,  # keep a --data-dir given before "demo"
        help=_("folder for the demo's database (a new or demo folder, never a real office's)"),
    )
    parser.add_argument(
        "--no-gui",
        action="store_true",
        help=_("only build the demo office and print a summary, without starting the window"),
    )


def run(args, paths) -> int:
    from opsdesk.demo.builder import ForeignOfficeError, build_demo_office
    from opsdesk.services.clock import system_clock
    from opsdesk.storage.opening import open_database, refusals

    paths.ensure()
    try:
        db = open_database(paths.database_url())
    except refusals() as error:  # damaged, not opsdesk's, newer: a message, exit 2
        raise CliError(str(error)) from None
    try:
        summary = build_demo_office(db, system_clock().now())
    except ForeignOfficeError as error:
        if error.office_name:
            message = _(
                "This database holds the office \u201e{name}\u201d, not the demo office. "
                "Demo data are never mixed into a real office: choose an empty folder "
                "with --data-dir."
            ).format(name=error.office_name)
        else:
            message = _(
                "This database already holds data that are not the demo office's. Demo data "
                "are never mixed into a real office: choose an empty folder with --data-dir."
            )
        raise CliError(message, code=2) from None
    finally:
        db.dispose()
    print_summary(summary, paths)
    if args.no_gui:
        return 0
    from opsdesk.ui.app import run_gui

    return run_gui(paths)


def print_summary(summary, paths) -> None:
    from opsdesk.demo.accounts import DEMO_ACCOUNTS
    from opsdesk.domain.formatting import format_date

    def number(n: int) -> str:
        return f"{n:,}".replace(",", "\u00a0")

    print(_("Demo office: {name}").format(name=summary.office_name))
    if summary.created:
        seconds = f"{summary.seconds:.1f}".replace(".", ",")
        print(_("Built in {seconds} s.").format(seconds=seconds))
    else:
        print(
            _(
                "The demo office was already in this database (built on {date}); nothing was added."
            ).format(date=format_date(summary.built_on))
        )
    print(_("Data folder: {path}").format(path=paths.root))
    lines = (
        _("Staff accounts: {n}").format(n=number(summary.staff)),
        _("Clients: {clients}, households: {households}").format(
            clients=number(summary.clients), households=number(summary.households)
        ),
        _("Visits: {visits}, waiting today: {waiting}").format(
            visits=number(summary.visits), waiting=number(summary.waiting_today)
        ),
        _("Cases: {cases}, open: {open}").format(
            cases=number(summary.cases), open=number(summary.open_cases)
        ),
        _("Sessions: {sessions}, booked: {booked}").format(
            sessions=number(summary.sessions), booked=number(summary.booked_sessions)
        ),
        _("Quiet room bookings: {n}").format(n=number(summary.room_bookings)),
    )
    for line in lines:
        print("  " + line)
    print(_("Demo accounts (login, password, role):"))
    width = max(len(a.login) for a in DEMO_ACCOUNTS)
    for account in DEMO_ACCOUNTS:
        details = ", ".join(
            p for p in (_(account.duty) if account.duty else "", account.region) if p
        )
        who = f"{account.full_name} ({details})" if details else account.full_name
        print(
            f"  {account.login:<{width}}  {account.password:<{width + 5}}  "
            f"{account.role.label} \u2014 {who}"
        )

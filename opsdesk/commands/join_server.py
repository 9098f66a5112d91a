"""``opsdesk join-server URL``: this PC uses the office's PostgreSQL server from now on."""

from __future__ import annotations

from opsdesk.commands import CliError
from opsdesk.i18n import N_, _

DESCRIPTION = N_(
    "This PC joins the office's PostgreSQL server: the address is checked, the database "
    "gets opsdesk's schema (created or upgraded) and the address is stored for this PC. "
    "The password goes to PostgreSQL's password file of this Windows account, never to the "
    "settings or the log. An empty database is set up as a new office at the next start."
)


def add_arguments(parser) -> None:
    parser.add_argument(
        "url", metavar="URL", help=_("the server's database: postgresql://user:password@host/db")
    )


def server_address(text: str):  # -> ServerAddress; CliError when unusable
    from opsdesk.server_link import ServerAddressError, parse_server_address

    try:
        return parse_server_address(text)
    except ServerAddressError as error:
        raise CliError(str(error)) from None


def server_database(url: str):  # -> Database at head; CliError when the server refuses
    from opsdesk.errors import ServiceError
    from opsdesk.services.safety.server_move import open_server

    try:
        return open_server(server_address(url))
    except ServiceError as error:
        raise CliError(str(error)) from None


def run(args, paths) -> int:
    from opsdesk.errors import ServiceError
    from opsdesk.services.safety.server_move import join_server

    address = server_address(args.url)
    paths.ensure()
    try:
        office = join_server(address, paths.settings)
    except ServiceError as error:
        raise CliError(str(error)) from None
    if office is None:
        print(
            _(
                "This PC now uses the server {server}. Its database is empty: the next start "
                "of opsdesk sets up the office."
            ).format(server=address.label)
        )
    else:
        print(
            _("This PC now uses the server {server} (office: {office}).").format(
                server=address.label, office=office or "?"
            )
        )
    return 0

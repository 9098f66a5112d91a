"""argparse's own words (``usage:``, ``options``, its error messages) in opsdesk's language.

argparse translates them with ``gettext.gettext`` in the process-wide default domain, which
knows nothing of opsdesk's catalogs and follows the environment's locale rather than the
language chosen in opsdesk. ``install()`` points the names argparse looks up at opsdesk's
translation; the messages below are listed so that they are extracted into the catalog.
Messages that only a programming mistake can produce are left out (they stay English).
"""

from __future__ import annotations

import argparse

from opsdesk.i18n import N_, _, ngettext

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("ignored explicit argument %r"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


def install() -> None:
    """argparse's module-level ``_`` and ``ngettext`` (Python 3.11–3.13) become opsdesk's."""
    # private names of argparse, not in its type stubs: set by name
    setattr(argparse, "_", _)  # noqa: B010
    setattr(argparse, "ngettext", ngettext)  # noqa: B010

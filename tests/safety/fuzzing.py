"""Bad input, for hypothesis: texts a user (or a paste) can produce, and a check that a
refused call saved nothing.

    from safety.fuzzing import nasty_text, table_counts, FUZZ
    @FUZZ
    @given(text=nasty_text())
    def test_...(office, text):
        before = table_counts(office.db)
        try: ...call...
        except ServiceError: assert table_counts(office.db) == before
        else: ...read back and compare verbatim...
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy import String, func, select

from opsdesk.errors import ServiceError, ValidationError
from opsdesk.storage.models import Base

POLISH = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
SQL_LOOKING = (
    "'; DROP TABLE client; --",
    '" OR 1=1 --',
    "Robert'); DELETE FROM staff;--",
    "%_\\",
    "NULL",
    "0x00",
)
EMOJI = ("\U0001f600", "\U0001f46a", "\u2764\ufe0f", "\U0001f1f5\U0001f1f1")
CONTROL = tuple(chr(c) for c in (*range(0, 32), 127)) + ("\u200b", "\u202e", "\ufeff")
# characters no database can store in UTF-8: halves of a surrogate pair on their own
LONE_SURROGATES = ("\ud800", "\udfff", "a\udc00b")
# invisible: a name made only of these is no name
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
# what a paste into a search field can be: ~1,000 words, one word of ~50,000 characters
HUGE_SEARCHES = ("Nowak " * 1000, "x" * 50_000, "%_" * 5000)

# Examples per entry point: 60, or OPSDESK_FUZZ_EXAMPLES (.ci/postgresql runs the same classes
# of input on the server with fewer examples: the full count ran on SQLite in the same CI run)
EXAMPLES = int(os.environ.get("OPSDESK_FUZZ_EXAMPLES", "60"))
# function-scoped fixtures (the office) are reused across examples on purpose; the examples
# are the same on every run unless OPSDESK_FUZZ_EXPLORE is set (tests/conftest.py)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def nasty_text(max_size: int = 10_000) -> st.SearchStrategy[str]:
    """Polish letters, emoji, very long texts, SQL-looking strings, control characters."""
    pieces = st.one_of(
        st.text(alphabet=POLISH + "abc XYZ-.'", max_size=40),
        st.sampled_from(SQL_LOOKING),
        st.sampled_from(EMOJI),
        st.sampled_from(CONTROL),
        st.sampled_from(LONE_SURROGATES),
        st.text(max_size=20),
    )
    return st.one_of(
        st.lists(pieces, max_size=8).map("".join),
        st.integers(min_value=1, max_value=max_size).map(lambda n: ("Łódź " * n)[:n]),
        st.lists(st.sampled_from(ZERO_WIDTH + (" ", "\t")), min_size=1, max_size=6).map("".join),
        st.sampled_from(("@", "a@", "@b", "@@")),
    )


def search_text() -> st.SearchStrategy[str]:
    """What may be typed or pasted into a search field: nasty texts and huge pastes."""
    return st.one_of(nasty_text(), st.sampled_from(HUGE_SEARCHES))


def weird_numbers() -> st.SearchStrategy:
    """What a careless caller may pass where a whole number is expected."""
    return st.one_of(
        st.integers(min_value=-(10**12), max_value=10**12),
        st.sampled_from(HUGE_NUMBERS),
        st.booleans(),
        st.floats(allow_nan=True),
        st.text(max_size=5),
        st.none(),
    )


def table_counts(db, ignore: tuple[str, ...] = ()) -> dict[str, int]:
    """Rows in every table (but ``ignore``): equal before and after means nothing was saved."""
    tables = [t for t in Base.metadata.sorted_tables if t.name not in ignore]
    query = select(*(select(func.count()).select_from(t).scalar_subquery() for t in tables))
    db.behind.flush()  # an earlier list's audit entry, written behind, is not this call's
    with db.reading() as session:
        return dict(zip((t.name for t in tables), session.execute(query).one(), strict=True))


# slow calls (argon2 hashing, a whole office per example ...): fewer examples
FUZZ_FEW = settings(FUZZ, max_examples=max(1, EXAMPLES // 2))


# beyond PostgreSQL's INTEGER (2^31) and BIGINT, SQLite's INTEGER (2^63), and further
HUGE_NUMBERS = (2**31, 2**31 + 1, 2**63 - 1, 2**63, 2**64, 10**30, -(2**63) - 1)


def unknown_ids() -> st.SearchStrategy[int]:
    """Whole numbers no row of a small test office has as its id."""
    return st.one_of(
        st.integers(min_value=-(10**12), max_value=0),
        st.integers(min_value=100_000, max_value=10**12),
        st.sampled_from(HUGE_NUMBERS),
    )


def odd_dates() -> st.SearchStrategy[date]:
    """Dates far in the past or the future, and the ends of the calendar."""
    return st.one_of(
        st.sampled_from((date.min, date(1, 1, 1), date.max, date(1900, 1, 1), date(2999, 12, 31))),
        st.dates(),
    )


def oversized(db) -> list[str]:
    """Texts longer than their column (SQLite does not enforce VARCHAR sizes; PostgreSQL
    refuses them with a raw database error): ``table.column`` of each."""
    checks = [
        (
            f"{table.name}.{column.name}",
            select(func.count())
            .select_from(table)
            .where(func.length(column) > column.type.length)
            .scalar_subquery(),
        )
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, String) and column.type.length
    ]
    with db.reading() as session:
        counts = session.execute(select(*(check for _name, check in checks))).one()
    return [name for (name, _check), n in zip(checks, counts, strict=True) if n]


@cache
def _polish_patterns() -> tuple[set[str], re.Pattern]:
    from tools.catalogs import load_catalogs

    texts = {
        m.string
        for _path, catalog in load_catalogs("pl")
        for m in catalog
        if m.id and isinstance(m.string, str) and m.string
    }
    placeholder = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[sdif]")
    patterns = (
        "".join(
            re.escape(part) if i % 2 == 0 else ".*?"
            for i, part in enumerate(_split_keep(placeholder, text))
        )
        for text in texts
        if placeholder.search(text)
    )
    return texts, re.compile("|".join(f"(?:{p})" for p in patterns), re.DOTALL)


def _split_keep(pattern: re.Pattern, text: str) -> list[str]:
    """``text`` cut into literal parts (even places) and placeholders (odd places)."""
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [text[last : match.start()], match.group()]
        last = match.end()
    return parts + [text[last:]]


def is_polish_message(message: str) -> bool:
    """``message`` is one of the Polish catalog texts, its placeholders filled in."""
    texts, pattern = _polish_patterns()
    return message in texts or pattern.fullmatch(message) is not None


def assert_clear_refusal(error: ServiceError) -> None:
    """A refusal a user can read: every ValidationError message is non-empty Polish text
    keyed by a field name; other service errors are a sentence."""
    if isinstance(error, ValidationError):
        assert error.errors, "a ValidationError without fields"
        for field, message in error.errors.items():
            assert isinstance(field, str) and field.strip(), error.errors
            assert message.strip() and is_polish_message(message), (field, message)
    else:
        assert str(error).strip(), repr(error)


def attempt(db, call: Callable[[], Any], ignore: tuple[str, ...] = ()) -> tuple[Any, Any]:
    """Run ``call``: ``(result, None)`` when it succeeded (and no text longer than its column
    reached the database), ``(None, error)`` when a service refused it clearly and saved
    nothing (tables in ``ignore`` may change: a read's audit entry, a failed login). Any other
    exception escapes and fails the test."""
    before, too_long = table_counts(db, ignore), set(oversized(db))
    try:
        result = call()
    except ServiceError as error:
        assert table_counts(db, ignore) == before, "a refused call saved something"
        assert_clear_refusal(error)
        return None, error
    assert set(oversized(db)) <= too_long, f"too long for the column: {oversized(db)}"
    return result, None


def assert_all_refused(db, calls, ignore: tuple[str, ...] = ()) -> None:
    """Each of ``calls`` is refused clearly and saves nothing (see ``attempt``)."""
    for call in calls:
        _result, error = attempt(db, call, ignore)
        assert error is not None, "accepted, though it should have been refused"

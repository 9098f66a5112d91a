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

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from opsdesk.storage.models import Base

POLISH = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
SQL_LOOKING = ("'; DROP TABLE client; --", "\" OR 1=1 --", "Robert'); DELETE FROM staff;--",
               "%_\\", "NULL", "0x00")
EMOJI = ("\U0001f600", "\U0001f46a", "\u2764\ufe0f", "\U0001f1f5\U0001f1f1")
CONTROL = tuple(chr(c) for c in (*range(0, 32), 127)) + ("\u200b", "\u202e", "\ufeff")

# function-scoped fixtures (the office) are reused across examples on purpose
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def nasty_text(max_size: int = 10_000) -> st.SearchStrategy[str]:
    """Polish letters, emoji, very long texts, SQL-looking strings, control characters."""
    pieces = st.one_of(
        st.text(alphabet=POLISH + "abc XYZ-.'", max_size=40),
        st.sampled_from(SQL_LOOKING),
        st.sampled_from(EMOJI),
        st.sampled_from(CONTROL),
        st.text(max_size=20),
    )
    return st.one_of(
        st.lists(pieces, max_size=8).map("".join),
        st.integers(min_value=1, max_value=max_size).map(lambda n: ("Łódź " * n)[:n]),
    )


def weird_numbers() -> st.SearchStrategy:
    """What a careless caller may pass where a whole number is expected."""
    return st.one_of(st.integers(min_value=-10**12, max_value=10**12), st.booleans(),
                     st.floats(allow_nan=True), st.text(max_size=5), st.none())


def table_counts(db, ignore: tuple[str, ...] = ()) -> dict[str, int]:
    """Rows in every table (but ``ignore``): equal before and after means nothing was saved."""
    with db.reading() as session:
        return {table.name: session.scalar(select(func.count()).select_from(table))
                for table in Base.metadata.sorted_tables if table.name not in ignore}

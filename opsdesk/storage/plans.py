"""Statements a PostgreSQL server can plan once.

psycopg prepares a statement run often on a connection, and PostgreSQL then keeps one plan
for it unless that plan looks dearer than planning anew with each run's values. A ``LIMIT``
or ``OFFSET`` sent as a bound value makes every kept plan look dear (the server must assume
a tenth of the rows are wanted), so such a statement was planned again on every run: a
third of a millisecond for "call next" (bench/server_vs_file.md, series E). A fixed number
written into the statement instead keeps its text the same from run to run, and its plan.
"""

from __future__ import annotations

from sqlalchemy import literal_column
from sqlalchemy.sql.elements import ColumnElement


def fixed(number: int) -> ColumnElement[int]:
    """``number`` written into the statement (for ``.limit()`` and ``.offset()``): only for
    numbers fixed in the code, never a value from a person."""
    return literal_column(str(int(number)))

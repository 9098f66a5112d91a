"""An id no record has reads as "no such record" on every database, also a number beyond
PostgreSQL's INTEGER range (which the server refuses with an error of its own)."""

import pytest

from opsdesk.errors import NotFound, ValidationError


@pytest.mark.parametrize("unknown", [2**31, -(2**31) - 1, 10**12])
def test_an_id_out_of_the_servers_range_is_simply_not_found(desk, unknown):
    with pytest.raises(NotFound):
        desk.clerk.reception.visit(unknown)
    with pytest.raises(NotFound):
        desk.clerk.queue.queue(unknown)
    with pytest.raises((NotFound, ValidationError)):
        desk.clerk.queue.call(unknown)

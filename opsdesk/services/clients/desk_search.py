"""The desk's client search, as the clerk types: each word folded (case and Polish letters
ignored); the first word is the start of a surname, a first name, a PESEL or a street, found
through the index of that key, so a keystroke costs the same at 500 clients as at 50,000;
the other words narrow it down. The exact surname with a matching first name comes first
("jankowska j": Janina Jankowska before Alicja Jankowska), then other name matches, then
PESEL and address matches, each group in Polish order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import InstrumentedAttribute

from opsdesk.domain.text import fold, polish_sort_key
from opsdesk.services.clients.register import summary_of
from opsdesk.services.text_limits import check_search
from opsdesk.storage.models import Client, Region

if TYPE_CHECKING:
    from opsdesk.services.clients.register import ClientService, ClientSummary

CANDIDATES = 24  # per key: enough to rank the few shown, bounded whatever the register's size
_END = "\uffff"  # sorts after every folded letter: [word, word + _END) is "starts with word"

_Key: TypeAlias = "InstrumentedAttribute[str] | InstrumentedAttribute[str | None]"
_SortKey: TypeAlias = tuple[tuple[int, ...], str, str]


def _starts(column: _Key, word: str) -> ColumnElement[bool]:
    return and_(column >= word, column < word + _END)


def _rank(last: str, first: str, words: list[str], by_name: bool) -> int:
    last, first = fold(last), fold(first)
    head, rest = words[0], words[1:]
    if not by_name:
        return 5 if not head.isdigit() else 4
    if last == head and (not rest or first.startswith(rest[0])):
        return 0
    if first == head and rest and last.startswith(rest[0]):
        return 0
    if last == head:
        return 1
    if last.startswith(head) and (not rest or first.startswith(rest[0])):
        return 2
    return 3


def desk_search(service: ClientService, text: str, limit: int) -> list[ClientSummary]:
    words = fold(check_search(text)).split()
    if not words or limit <= 0:
        return []
    head, rest = words[0], words[1:]
    phrase = " ".join(words)
    # surname / first name first
    keys: list[tuple[_Key, bool]] = [(Client.search_key, True), (Client.name_key, True)]
    if head.isdigit():
        keys.append((Client.pesel, True))
    keys.append((Client.address_key, False))
    # client id -> (rank, surname's sort key, first name's sort key, client id)
    found: dict[int, tuple[int, _SortKey, _SortKey, int]] = {}
    columns = (Client.id, Client.last_name, Client.first_name)
    with service.db.reading() as session:

        def collect(condition: ColumnElement[bool], key: _Key, by_name: bool) -> None:
            query = service._scope(select(*columns)).where(condition)
            for row in session.execute(query.order_by(key).limit(CANDIDATES)):
                if row.id not in found:
                    found[row.id] = (
                        _rank(row.last_name, row.first_name, words, by_name),
                        polish_sort_key(row.last_name),
                        polish_sort_key(row.first_name),
                        row.id,
                    )

        # the whole typed text as the start of a key: one short index range per key
        for key, by_name in keys:
            collect(_starts(key, phrase), key, by_name)
        if rest and len(found) < limit:  # then the first word's start, the others anywhere
            for key, by_name in keys:
                narrowed = Client.search_key if key is Client.pesel else key
                collect(
                    and_(
                        _starts(key, head),
                        *(narrowed.contains(word, autoescape=True) for word in rest),
                    ),
                    key,
                    by_name,
                )
        best = [ranked[-1] for ranked in sorted(found.values())[:limit]]
        if not best:
            return []
        clients = {c.id: c for c in session.scalars(select(Client).where(Client.id.in_(best)))}
        regions = dict(session.execute(select(Region.id, Region.name)).all())
        return [summary_of(clients[client_id], regions) for client_id in best]

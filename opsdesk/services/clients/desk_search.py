"""The desk's client search, as the clerk types: each word folded (case and Polish letters
ignored); the first word is the start of a surname, a first name, a PESEL or a street, found
through the index of that key, so a keystroke costs the same at 500 clients as at 50,000;
the other words narrow it down. The exact surname with a matching first name comes first
("jankowska j": Janina Jankowska before Alicja Jankowska), then other name matches, then
PESEL and address matches, each group in Polish order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import and_, select

from opsdesk.domain.text import fold, polish_sort_key
from opsdesk.services.clients.register import summary_of
from opsdesk.storage.models import Client, Region

if TYPE_CHECKING:
    from opsdesk.services.clients.register import ClientService, ClientSummary

CANDIDATES = 100  # per key: enough to rank the few shown, bounded whatever the register's size
_END = "\uffff"  # sorts after every folded letter: [word, word + _END) is "starts with word"


def _starts(column, word: str):
    return and_(column >= word, column < word + _END)


def _rank(client: Client, words: list[str], by_name: bool) -> int:
    last, first = fold(client.last_name), fold(client.first_name)
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
    words = fold(text).split()
    if not words or limit <= 0:
        return []
    head, rest = words[0], words[1:]
    searches = [(Client.search_key, Client.search_key, True),  # surname first
                (Client.name_key, Client.name_key, True)]  # first name first
    if head.isdigit():
        searches.append((Client.pesel, Client.search_key, True))
    searches.append((Client.address_key, Client.address_key, False))
    found: dict[int, tuple[tuple, Client]] = {}
    with service.db.reading() as session:
        for key, narrowed_by, by_name in searches:
            query = service._scope(select(Client)).where(_starts(key, head), *(
                narrowed_by.contains(word, autoescape=True) for word in rest))
            for client in session.scalars(query.order_by(key).limit(CANDIDATES)):
                if client.id in found:
                    continue
                found[client.id] = ((_rank(client, words, by_name),
                                     polish_sort_key(client.last_name),
                                     polish_sort_key(client.first_name), client.id), client)
        best = sorted(found.values(), key=lambda pair: pair[0])[:limit]
        regions = dict(session.execute(select(Region.id, Region.name)).all()) if best else {}
        return [summary_of(client, regions) for _key, client in best]

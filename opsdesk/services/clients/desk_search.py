"""The desk's client search, as the clerk types: each word folded (case and Polish letters
ignored); the first word is the start of a surname, a first name, a PESEL or a street, found
through the index of that key; the other words narrow it down. The exact surname with a
matching first name comes first ("jankowska j": Janina Jankowska before Alicja Jankowska),
then other name matches, then PESEL and address matches, each group in Polish order.

A keystroke costs the same at 5,000 clients as at 50,000: every statement reads one index
range LIMIT-deep (CANDIDATES rows, or at most SCANNED entries where other words filter a
start many share), nothing is counted past SCANNED and nothing sorts all matches; only the
shown clients are loaded, and the list shown is audited as one entry (``audit.shown``, Core
inserts). bench/desk_search.md has the measurements and the query plans."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, TypeAlias

from sqlalchemy import (
    ColumnElement,
    ScalarSelect,
    Select,
    String,
    and_,
    bindparam,
    select,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from opsdesk.domain.text import fold, polish_sort_key
from opsdesk.services import audit
from opsdesk.services.clients.register import asked, summary_of
from opsdesk.services.text_limits import check_search
from opsdesk.storage.models import Client, Region

if TYPE_CHECKING:
    from opsdesk.services.clients.register import ClientService, ClientSummary

CANDIDATES = 24  # per key: enough to rank the few shown, bounded whatever the register's size
SCANNED = 200  # index entries read at most for a start shared by many, when other words narrow
LEVELS = 3  # starts of the typed text tried for that, the longest first
COMPLETIONS = 12  # surnames (first names) sharing the first word's start tried with the next
_END = "\uffff"  # sorts after every folded letter: [word, word + _END) is "starts with word"
_GAP = " " + _END  # after every key whose first word is the one before it

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
    with service.db.reading() as session:
        search = _Search(service, session, words, limit)
        for step in (search.whole, search.narrowed, search.completed, search.pesel_after):
            step()
            if len(search.found) >= limit:
                break
        best = [ranked[-1] for ranked in sorted(search.found.values())[:limit]]
        if not best:
            return []
        clients = {c.id: c for c in session.scalars(select(Client).where(Client.id.in_(best)))}
        regions = dict(session.execute(select(Region.id, Region.name)).all())
        shown = [summary_of(clients[client_id], regions) for client_id in best]
    audit.shown(service.ctx, "client", "desk search", asked(text), (c.id for c in shown))
    return shown


class _Search:
    """One search's steps, each a few short statements reading an index range LIMIT-deep;
    the next step runs only while fewer than ``limit`` clients are found."""

    def __init__(self, service: ClientService, session: Session, words: list[str], limit: int):
        self.service, self.session, self.words, self.limit = service, session, words, limit
        self.head, self.rest = words[0], words[1:]
        # surname / first name first
        self.keys: list[tuple[_Key, bool]] = [(Client.search_key, True), (Client.name_key, True)]
        if self.head.isdigit():
            self.keys.append((Client.pesel, True))
        self.keys.append((Client.address_key, False))
        # client id -> (rank, surname's sort key, first name's sort key, client id)
        self.found: dict[int, tuple[int, _SortKey, _SortKey, int]] = {}
        self.cut_short = False  # a range read only SCANNED entries deep

    def collect(self, query: Select[int, str, str], by_name: bool, scoped: bool = False) -> None:
        """Rank the first CANDIDATES rows of ``query`` (``scoped``: its clients are already
        limited to those the person may see)."""
        if not scoped:
            query = self.service._scope(query)
        for row in self.session.execute(query.limit(CANDIDATES)):
            ranked = (
                _rank(row.last_name, row.first_name, self.words, by_name),
                polish_sort_key(row.last_name),
                polish_sort_key(row.first_name),
                row.id,
            )
            self.found[row.id] = min(ranked, self.found.get(row.id, ranked))

    def whole(self) -> None:
        """The whole typed text as the start of a key: one short index range per key."""
        for key, by_name in self.keys:
            self.collect(_range(key, " ".join(self.words)), by_name)

    def narrowed(self) -> None:
        """A start of the text (its first LEVELS words at most, the longest first) as the start
        of a key, the other words anywhere in that key ("kowalski lukasz 9" reads the range
        "kowalski lukasz"); a range read at most SCANNED entries deep."""
        words = self.words
        for taken in range(min(len(words) - 1, LEVELS), 0, -1):
            start, others = " ".join(words[:taken]), words[taken:]
            for key, by_name in self.keys:
                if key is Client.pesel and not start.isdigit():
                    continue
                narrowed = Client.search_key if key is Client.pesel else key
                self.collect(self.within(key, start, narrowed, others), by_name)
            if len(self.found) >= self.limit:
                return

    def completed(self) -> None:
        """The first word as the start of a key's first word, the next words as the start of
        what follows it: "now zof" finds Zofia Nowak through the range "nowak zof" however many
        Nowaks precede her. The key's first words are found by skipping from one to the next
        in the index (at most COMPLETIONS of them, one statement). Only needed when a range
        was read short."""
        if not self.rest or not self.cut_short:
            return
        tail = " ".join(self.rest)
        for key, by_name in self.keys[:2]:  # surname first, first name first
            if len(self.found) >= self.limit:
                return
            found = self.session.scalars(
                _first_keys(key.key), {"start": self.head, "end": self.head + _END, "gap": _GAP}
            )
            firsts = [w for w in dict.fromkeys(n.split(" ", 1)[0] for n in found) if w != self.head]
            if firsts:  # (the head's own range was read whole already) one statement for all
                ranges = (
                    self.service._scope(_range(key, f"{w} {tail}")).limit(CANDIDATES).subquery()
                    for w in firsts
                )
                every = union_all(*(select(r) for r in ranges)).subquery()
                self.collect(select(every), by_name, scoped=True)

    def pesel_after(self) -> None:
        """A PESEL's start after the surname ("nowak 850101"): that PESEL range, the surname's
        start and any other words in the search key."""
        for word in self.rest:
            if word.isdigit():
                others = [w for w in self.rest if w != word]
                within = self.within(Client.pesel, word, Client.search_key, others)
                self.collect(within.where(_starts(Client.search_key, self.head)), True)

    def within(
        self, key: _Key, start: str, narrowed: _Key, others: list[str]
    ) -> Select[int, str, str]:
        """Clients whose ``key`` starts with ``start`` and whose ``narrowed`` key holds each
        of ``others``, among the first SCANNED entries of that range only: the range's
        SCANNED-th value is looked up first (a count that stops there)."""
        bound = self.session.scalar(
            select(key).where(_starts(key, start)).order_by(key).offset(SCANNED).limit(1)
        )
        if bound is None:
            upto = key < start + _END
        else:
            self.cut_short = True
            upto = key < bound
        query = _range(key, start).where(upto)
        return query.where(*(narrowed.contains(word, autoescape=True) for word in others))


def _range(key: _Key, start: str) -> Select[int, str, str]:
    """Clients whose ``key`` starts with ``start``, in its order."""
    found = select(Client.id, Client.last_name, Client.first_name).where(_starts(key, start))
    return found.order_by(key)


class _first_word(FunctionElement[str]):
    """A key's text before its first space."""

    type = String()
    inherit_cache = True


@compiles(_first_word)
def _first_word_sqlite(element: _first_word, compiler: SQLCompiler, **kw: Any) -> str:
    key = compiler.process(element.clauses, **kw)
    return f"substr({key}, 1, instr({key} || ' ', ' ') - 1)"


@compiles(_first_word, "postgresql")
def _first_word_postgresql(element: _first_word, compiler: SQLCompiler, **kw: Any) -> str:
    return f"split_part({compiler.process(element.clauses, **kw)}, ' ', 1)"


@cache
def _first_keys(name: str) -> Select[str]:
    """The key column ``name``'s values from ``start`` on, before ``end``, one for each first
    word (the next is sought from that word + ``gap``): an index skip-scan of at most
    COMPLETIONS steps."""
    key = getattr(Client, name)

    def nearest(after: ColumnElement[str]) -> ScalarSelect[str]:
        found = select(key).where(key >= after, key < bindparam("end"))
        return found.order_by(key).limit(1).scalar_subquery()

    seed = select(nearest(bindparam("start")).label("k")).cte("first_keys", recursive=True)
    step = select(nearest(_first_word(seed.c.k) + bindparam("gap")).label("k"))
    keys = seed.union_all(step.where(seed.c.k.is_not(None)))
    return select(keys.c.k).where(keys.c.k.is_not(None)).limit(COMPLETIONS)

"""Search across the boards a person may see (the manager every team's, a worker their own
team's): the client (surname, first name, PESEL or document, as typed at the desk), the file
number ("znak sprawy": the whole number, or its sequence "123" / "123/2026"), the text of the
case's notes (every word in one note, regardless of case and Polish letters: notes are for the
case's team and the manager, the same people who may search its board), the status, the
worker and the deadline (a period relative to today, or dates); results grouped by board, each
board's count and its cases with the earliest deadline first. Saved filters are per person;
a few ready ones ("my overdue", "this week's deadlines") come with every account.

Every condition is an index range: the client's keys (``ix_client_search_key``,
``ix_client_name_key``, ``pesel``), ``ix_case_file_seq`` and the unique file number, the
board indexes for status and deadline (bench/case_search.py, 200,000 cases). The notes are
the exception: free text has no index, so their words are looked for in every note of the
boards searched (``_note_cases``).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from opsdesk.domain.ids import CaseId, StaffId, TeamId
from opsdesk.domain.roles import Action
from opsdesk.domain.text import fold
from opsdesk.errors import NotFound, ValidationError
from opsdesk.i18n import N_, _
from opsdesk.services import audit
from opsdesk.services.cases.access import BOARD_TEAM_KINDS, can_reach
from opsdesk.services.context import Service
from opsdesk.services.text_limits import check_search
from opsdesk.storage.models import (
    BenefitKind,
    Case,
    CaseNote,
    Client,
    SavedCaseFilter,
    Staff,
    Team,
    TeamStatus,
)

OPEN, CLOSED = "open", "closed"
PERIODS = {
    "overdue": N_("overdue"),
    "today": N_("due today"),
    "this_week": N_("due this week"),
    "next_7_days": N_("due within 7 days"),
}
DEADLINES = {"interview": N_("interview"), "decision": N_("decision")}
PER_BOARD = 100  # cases listed per board (the count says how many match)
MAX_NAME = 80
_END = "\uffff"  # [word, word + _END) is "starts with word" on a folded key
# What ``domain.text.fold`` does to the letters of Polish notes, as SQL both databases run
# alike (SQLite's lower() knows only ASCII): each Polish letter, either case, to its base.
_POLISH_BASE = {
    "ą": "a",
    "ć": "c",
    "ę": "e",
    "ł": "l",
    "ń": "n",
    "ó": "o",
    "ś": "s",
    "ź": "z",
    "ż": "z",
}


def folded(column: SQLColumnExpression[str]) -> ColumnElement[str]:
    """``column`` lower case with the Polish letters' accents taken off, in SQL: what
    ``domain.text.fold`` does to Polish text, alike on SQLite and PostgreSQL."""
    text: ColumnElement[str] = func.lower(column)
    for letter, base in _POLISH_BASE.items():
        text = func.replace(func.replace(text, letter, base), letter.upper(), base)
    return text


@dataclass(frozen=True)
class CaseQuery:
    text: str = ""  # the client: surname, first name, PESEL or document
    file_number: str = ""
    notes: str = ""  # words of the case's notes (all in one note)
    status: str | None = None  # OPEN, CLOSED or a column's code
    worker_id: StaffId | None = None
    mine: bool = False  # the person's own cases (a saved filter works for whoever runs it)
    team_id: TeamId | None = None
    deadline: str | None = None  # a key of DEADLINES: what the next deadline is
    due_period: str | None = None  # a key of PERIODS, relative to the day of the search
    due_from: date | None = None
    due_to: date | None = None

    def is_empty(self) -> bool:
        return self == CaseQuery()

    def to_json(self) -> str:
        values = {k: v for k, v in asdict(self).items() if v not in (None, "", False)}
        for key in ("due_from", "due_to"):
            if key in values:
                values[key] = values[key].isoformat()
        return json.dumps(values, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> CaseQuery:
        values: dict[str, Any] = json.loads(text)
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        for key in ("due_from", "due_to"):
            if known.get(key):
                known[key] = date.fromisoformat(known[key])
        return cls(**known)


@dataclass(frozen=True)
class SearchHit:
    id: CaseId
    file_number: str
    client_name: str
    kind_name: str
    status_name: str
    worker_name: str
    next_due: date | None
    next_due_rule: str | None
    closed: bool


@dataclass(frozen=True)
class BoardHits:
    team_id: TeamId
    team_name: str
    total: int  # every matching case of the board; ``hits`` shows the first PER_BOARD
    hits: tuple[SearchHit, ...]


@dataclass(frozen=True)
class SavedFilter:
    id: int | None  # None: one of the ready filters
    name: str
    query: CaseQuery


@dataclass(frozen=True)
class StatusChoice:
    code: str
    name: str


def file_number_parts(text: str) -> tuple[int | None, int | None]:
    """(sequence, year) read from a typed file number: "123", "123/2026", "OPS.123.2026"."""
    numbers = re.findall(r"\d+", text)
    years = [int(n) for n in numbers if len(n) == 4 and 1990 <= int(n) <= 2100]
    others = [int(n) for n in numbers if not (len(n) == 4 and 1990 <= int(n) <= 2100)]
    sequence = others[-1] if others else None
    year = years[-1] if years and sequence is not None else None
    return sequence, year


def period_range(period: str, today: date) -> tuple[date | None, date | None]:
    if period == "overdue":
        return None, today - timedelta(days=1)
    if period == "today":
        return today, today
    if period == "this_week":
        return today, today + timedelta(days=6 - today.weekday())
    if period == "next_7_days":
        return today, today + timedelta(days=7)
    raise ValidationError.single("due_period", _("Choose the period from the list."))


class CaseSearchService(Service):
    # --- what the form offers -----------------------------------------------------------

    def _teams(self) -> list[tuple[int, str]]:
        actor = self.ctx.require(Action.CASE_VIEW)
        with self.db.reading() as session:
            teams = session.execute(
                select(Team.id, Team.name)
                .where(Team.active.is_(True), Team.kind.in_(BOARD_TEAM_KINDS))
                .order_by(Team.id)
            ).all()
        return [(i, n) for i, n in teams if can_reach(actor, TeamId(i))]

    def statuses(self) -> list[StatusChoice]:
        """The columns of the boards the person sees, one per code (names of teams joined
        when they differ), in board order."""
        teams = [i for i, _n in self._teams()]
        with self.db.reading() as session:
            rows = session.execute(
                select(TeamStatus.code, TeamStatus.name)
                .where(TeamStatus.team_id.in_(teams), TeamStatus.closes_case.is_(False))
                .order_by(TeamStatus.team_id, TeamStatus.position)
            ).all()
        names: dict[str, list[str]] = {}
        for code, name in rows:
            if name not in names.setdefault(code, []):
                names[code].append(name)
        return [StatusChoice(code, " / ".join(n)) for code, n in names.items()]

    def workers(self) -> list[tuple[StaffId, str]]:
        """The active members of the teams the person sees, by name."""
        teams = [i for i, _n in self._teams()]
        with self.db.reading() as session:
            rows = session.execute(
                select(Staff.id, Staff.full_name)
                .where(Staff.team_id.in_(teams), Staff.active.is_(True))
                .order_by(Staff.full_name)
            ).all()
        return [(StaffId(i), n) for i, n in rows]

    def teams(self) -> list[tuple[TeamId, str]]:
        return [(TeamId(i), n) for i, n in self._teams()]

    # --- searching ----------------------------------------------------------------------

    def search(self, query: CaseQuery, per_board: int = PER_BOARD) -> list[BoardHits]:
        """The cases matching ``query`` on each board the person sees (boards without any are
        left out); the cases shown are recorded in the audit as one list."""
        teams = self._teams()
        if query.team_id is not None:
            teams = [t for t in teams if t[0] == query.team_id]
        scope = Case.team_id.in_([t for t, _n in teams])
        results: list[BoardHits] = []
        with self.db.reading() as session:
            conditions = self._conditions(query, session)
            counts = session.execute(
                select(Case.team_id, func.count()).where(scope, *conditions).group_by(Case.team_id)
            ).all()
            pages = {
                team: (total, self._page(session, team, conditions, per_board))
                for team, total in counts
            }
            shown = self._hits(session, [i for _total, ids in pages.values() for i in ids])
            for team_id, team_name in teams:
                total, ids = pages.get(team_id, (0, []))
                if total:
                    hits = tuple(shown[i] for i in ids)
                    results.append(BoardHits(TeamId(team_id), team_name, total, hits))
        audit.shown(
            self.ctx,
            "case",
            "case search",
            query.to_json()[:300],
            (h.id for board in results for h in board.hits),
        )
        return results

    def _conditions(
        self, query: CaseQuery, session: Session | None = None
    ) -> list[ColumnElement[bool]]:
        """The query as conditions on cases (``session``: the clients are looked up once,
        without it only checked)."""
        actor = self.ctx.require(Action.CASE_VIEW)
        today = self.ctx.clock.today()
        found: list[ColumnElement[bool]] = []
        if (words := fold(query.text).split()) and session is not None:
            found.append(Case.client_id.in_(self._client_ids(session, words)))
        if number := query.file_number.strip():
            if len(number) > 60:
                raise ValidationError.single("file_number", _("No file number is so long."))
            sequence, year = file_number_parts(number)
            alternatives = [Case.file_number == number, Case.file_number == number.upper()]
            if sequence is not None:
                alternatives.append(
                    and_(Case.file_seq == sequence, Case.file_year == year)
                    if year is not None
                    else Case.file_seq == sequence
                )
            found.append(or_(*alternatives))
        if words := fold(check_search(query.notes, "notes")).split():
            found.append(Case.id.in_(self._note_cases(words)))
        if query.status in (OPEN, CLOSED):  # a case is closed in its board's closing column
            found.append(Case.status_id.in_(self._columns(closing=query.status == CLOSED)))
        elif query.status:
            found.append(
                Case.status_id.in_(select(TeamStatus.id).where(TeamStatus.code == query.status))
            )
        worker = StaffId(actor.account_id) if query.mine else query.worker_id
        if worker is not None:
            found.append(Case.worker_id == worker)
        if query.deadline == "interview":
            found.append(Case.next_due_rule.like("interview%"))
        elif query.deadline == "decision":
            found.append(Case.next_due_rule.like("decision%"))
        elif query.deadline:
            raise ValidationError.single("deadline", _("Choose the deadline from the list."))
        start, end = query.due_from, query.due_to
        if query.due_period:
            start, end = period_range(query.due_period, today)
        if start is not None and end is not None and end < start:
            raise ValidationError.single("due_to", _("The range ends before it starts."))
        if start is not None:
            found.append(Case.next_due >= start)
        if end is not None:
            found.append(Case.next_due <= end)
        if (start, end) != (None, None) and query.status is None:
            found.append(Case.status_id.in_(self._columns(closing=False)))
        return found

    @staticmethod
    def _columns(closing: bool) -> Select[int]:
        return select(TeamStatus.id).where(TeamStatus.closes_case.is_(closing))

    @staticmethod
    def _note_cases(words: list[str]) -> Select[int]:
        """Cases with a note holding every word (folded: "zaswiadczenie" finds
        "Zaświadczenie")."""
        text = folded(CaseNote.text)
        return select(CaseNote.case_id).where(
            *(text.contains(word, autoescape=True) for word in words)
        )

    @staticmethod
    def _client_ids(session: Session, words: list[str]) -> Select[int]:
        """Clients whose surname (or first name, then surname; or PESEL) starts with the typed
        text — index ranges; if there are none, those whose key starts with the first word and
        holds the others ("kowalski 8005": a surname and the start of the PESEL)."""
        head, rest = words[0], words[1:]
        phrase = " ".join(words)
        starts = [
            and_(Client.search_key >= phrase, Client.search_key < phrase + _END),
            and_(Client.name_key >= phrase, Client.name_key < phrase + _END),
        ]
        if head.isdigit():
            starts.append(and_(Client.pesel >= phrase, Client.pesel < phrase + _END))
        # an anonymised client's keys hold the anonymised name only: never a real one's start
        exact = select(Client.id).where(or_(*starts))
        if not rest or session.scalar(exact.limit(1)) is not None:
            return exact
        return select(Client.id).where(
            or_(
                and_(Client.search_key >= head, Client.search_key < head + _END),
                and_(Client.name_key >= head, Client.name_key < head + _END),
            ),
            *(Client.search_key.contains(w, autoescape=True) for w in rest),
        )

    @staticmethod
    def _page(
        session: Session, team_id: int, conditions: list[ColumnElement[bool]], limit: int
    ) -> list[int]:
        """The ids of a board's first cases, earliest deadline first, from the indexes."""
        page = (
            select(Case.id)
            .where(Case.team_id == team_id, *conditions)
            .order_by(Case.next_due.is_(None), Case.next_due, Case.id.desc())
            .limit(limit)
        )
        return list(session.connection().execute(page).scalars())

    @staticmethod
    def _hits(session: Session, ids: list[int]) -> dict[int, SearchHit]:
        """The cases of ``ids`` (every board's page) with their names."""
        if not ids:
            return {}
        rows = session.connection().execute(
            select(
                Case.id,
                Case.file_number,
                Client.last_name,
                Client.first_name,
                BenefitKind.name,
                TeamStatus.name,
                Staff.full_name,
                Case.next_due,
                Case.next_due_rule,
                Case.closed_at,
            )
            .join(Client, Client.id == Case.client_id)
            .join(BenefitKind, BenefitKind.id == Case.kind_id)
            .join(TeamStatus, TeamStatus.id == Case.status_id)
            .outerjoin(Staff, Staff.id == Case.worker_id)
            .where(Case.id.in_(ids))
        )
        return {
            i: SearchHit(
                CaseId(i),
                number,
                f"{last} {first}",
                kind,
                status,
                worker or "",
                due,
                rule,
                closed is not None,
            )
            for i, number, last, first, kind, status, worker, due, rule, closed in rows
        }

    # --- saved filters ------------------------------------------------------------------

    def ready_filters(self) -> list[SavedFilter]:
        return [
            SavedFilter(None, _("My overdue cases"), CaseQuery(mine=True, due_period="overdue")),
            SavedFilter(
                None, _("My deadlines this week"), CaseQuery(mine=True, due_period="this_week")
            ),
            SavedFilter(
                None,
                _("Decisions due this week"),
                CaseQuery(deadline="decision", due_period="this_week"),
            ),
        ]

    def saved_filters(self) -> list[SavedFilter]:
        """The person's own saved filters, by name."""
        actor = self.ctx.require(Action.CASE_VIEW)
        with self.db.reading() as session:
            rows = session.execute(
                select(SavedCaseFilter.id, SavedCaseFilter.name, SavedCaseFilter.query)
                .where(SavedCaseFilter.staff_id == actor.id)
                .order_by(SavedCaseFilter.name)
            ).all()
        return [SavedFilter(i, name, CaseQuery.from_json(text)) for i, name, text in rows]

    def save_filter(self, name: str, query: CaseQuery) -> SavedFilter:
        """Save ``query`` under ``name`` (an existing filter of that name is replaced)."""
        actor = self.ctx.require(Action.CASE_VIEW)
        name = " ".join(name.split())
        if not name:
            raise ValidationError.single("name", _("Name the filter."))
        if len(name) > MAX_NAME:
            raise ValidationError.single(
                "name", _("This text is too long (at most {n} characters).").format(n=MAX_NAME)
            )
        if query.is_empty():
            raise ValidationError.single("name", _("Fill in the search first, then save it."))
        self._conditions(query)  # refused here, not when run
        try:
            with self.db.transaction() as session:
                row = session.scalar(
                    select(SavedCaseFilter).where(
                        SavedCaseFilter.staff_id == actor.id, SavedCaseFilter.name == name
                    )
                )
                if row is None:
                    row = SavedCaseFilter(
                        staff_id=actor.id, name=name, created_at=self.ctx.clock.now()
                    )
                    session.add(row)
                row.query = query.to_json()
                session.flush()
                audit.record(session, self.ctx, "update", "saved_case_filter", row.id, name)
                return SavedFilter(row.id, name, query)
        except IntegrityError:  # saved under this name meanwhile on another workstation
            raise ValidationError.single(
                "name", _("A filter of this name was just saved elsewhere; save again.")
            ) from None

    def delete_filter(self, filter_id: int) -> None:
        actor = self.ctx.require(Action.CASE_VIEW)
        with self.db.transaction() as session:
            row = session.get(SavedCaseFilter, filter_id)
            if row is None or row.staff_id != actor.id:
                raise NotFound(_("This saved filter does not exist."))
            audit.record(session, self.ctx, "delete", "saved_case_filter", row.id, row.name)
            session.delete(row)

"""Team boards: columns with counts, pages of cards, caseload per worker, what is due this week.

Cards are read with SQLAlchemy Core (no ORM object per card, docs/machine-facts.md "Big
lists") a page at a time, in the order of the board index ``(team_id, status_id, next_due)``:
earliest deadline first, cases without a deadline after them; a closing column shows the
newest cases first. Paging is by key (the last card shown), so a page costs the same deep in a
column as at its top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVarTuple

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    null,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from opsdesk.domain.case_rules import case_deadlines, deadline_label
from opsdesk.domain.ids import CaseId, RegionId, StaffId, TeamId
from opsdesk.domain.roles import Action, Role
from opsdesk.domain.text import fold, polish_sort_key
from opsdesk.domain.workdays import add_working_days
from opsdesk.errors import NotFound
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.cases.access import BOARD_TEAM_KINDS, can_reach, facts_of, require_team
from opsdesk.services.cases.case_service import file_pattern
from opsdesk.services.cases.caseload import absent_until, read_limits
from opsdesk.services.cases.search import folded
from opsdesk.services.context import Service
from opsdesk.services.text_limits import check_search
from opsdesk.storage.models import (
    BenefitKind,
    Case,
    CaseEvent,
    CaseLink,
    CaseSuspension,
    Client,
    Staff,
    Team,
    TeamStatus,
)
from opsdesk.storage.plans import fixed

if TYPE_CHECKING:
    from opsdesk.services.cases.records import BoardExport

Ts = TypeVarTuple("Ts")

PAGE_SIZE = 100
# A closing column holds years of cases: it shows the newest this many (older ones are found
# through the client's cases); "1000+" in its heading says that more exist.
CLOSED_WINDOW = 1000
# a word that may be a file number or a PESEL part: its clients are listed by id when at
# most this many hold it (a file number's word: none), else read by a subquery
FEW_HOLDERS = 200
PATTERN_KEY = "opsdesk.boards.file_pattern"  # the office's file-number pattern, in session.info
# A column's cases without a deadline in ix_case_board's whole key (team, status and an empty
# deadline fixed, so in fact by id): PostgreSQL then reads the index instead of walking the
# primary key past every other team's cases (48 ms against 0.1 ms at 200,000 cases)
_BY_INDEX = (Case.team_id, Case.status_id, Case.next_due, Case.id)
_BY_INDEX_NEWEST = tuple(column.desc() for column in _BY_INDEX)


@dataclass(frozen=True)
class BoardFilter:
    worker_id: StaffId | None = None  # "mine" is the actor's id
    region_id: RegionId | None = None
    overdue_only: bool = False
    text: str = ""


class CardRow(NamedTuple):
    """One card, as plain values (kind and worker names come from ``BoardInfo``)."""

    id: int
    file_number: str
    status_id: int
    last_name: str
    first_name: str
    kind_id: int
    worker_id: StaffId | None
    next_due: date | None
    next_due_rule: str | None
    urgent: bool
    suspended: bool
    linked: bool

    @property
    def client_name(self) -> str:
        return f"{self.last_name} {self.first_name}"


@dataclass(frozen=True)
class BoardColumn:
    id: int
    code: str
    name: str
    closes_case: bool
    count: int
    capped: bool = False  # a closing column with older cases than it shows


@dataclass(frozen=True)
class BoardTeam:
    id: int
    name: str
    kind: str


@dataclass(frozen=True)
class BoardInfo:
    team_id: TeamId
    team_name: str
    columns: tuple[BoardColumn, ...]
    kinds: dict[int, str] = field(default_factory=dict)
    workers: dict[int, str] = field(default_factory=dict)  # every staff id -> name
    team_workers: tuple[tuple[int, str], ...] = ()  # active members, for filters
    today: date | None = None


@dataclass(frozen=True)
class CaseloadRow:
    worker_id: StaffId | None
    worker_name: str
    open: int
    overdue: int
    limit: int | None = None  # the office's caseload limit for the worker
    absent_until: date | None = None  # absent today, until then

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.open > self.limit


@dataclass(frozen=True)
class DueItem:
    case_id: CaseId
    file_number: str
    client_name: str
    kind_name: str
    due: date
    rule: str
    when: str  # "overdue" | "today" | "tomorrow" | "soon" (within 3 working days) | "later"

    @property
    def label(self) -> str:
        return deadline_label(self.rule)


SOON_WORKING_DAYS = 3  # "soon": within this many working days (deadlines.urgency_class)
WHEN_ORDER = ("overdue", "today", "tomorrow", "soon")


def due_when(due: date, today: date) -> str:
    """Which warning a deadline belongs to: "overdue", "today", "tomorrow" or "soon"."""
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    if due == today + timedelta(days=1):
        return "tomorrow"
    return "soon" if due <= add_working_days(today, SOON_WORKING_DAYS) else "later"


def end_of_week(today: date) -> date:
    return today + timedelta(days=6 - today.weekday())


class BoardService(Service):
    def change_mark(self) -> tuple[date, int]:
        """Differs from an earlier mark once any case of the office changed (every change of a
        case is recorded as a case event) or the day turned: a board showing an older mark is
        out of date. One index lookup, so a board may ask after every commit in the office."""
        self.ctx.require(Action.CASE_VIEW)
        with self.db.reading() as session:
            last_event = session.scalar(select(func.max(CaseEvent.id)))
        return self.ctx.clock.today(), last_event or 0

    def teams(self) -> list[BoardTeam]:
        """Boards the actor may open: the manager every team's, a worker their own team's."""
        actor = self.ctx.require(Action.CASE_VIEW)
        with self.db.reading() as session:
            teams = session.execute(
                select(Team.id, Team.name, Team.kind)
                .where(Team.active.is_(True), Team.kind.in_(BOARD_TEAM_KINDS))
                .order_by(Team.id)
            ).all()
        return [BoardTeam(*t) for t in teams if can_reach(actor, TeamId(t[0]))]

    def board(self, team_id: TeamId, filt: BoardFilter = BoardFilter()) -> BoardInfo:
        """The board's columns (with the number of cards each under ``filt``) and the names
        the cards refer to."""
        require_team(self.ctx, Action.CASE_VIEW, team_id)
        today = self.ctx.clock.today()
        with self.db.reading() as session:
            # two statements whatever the board (each is a round trip to a server): the
            # team with its columns and each closing column's floor; the names and counts
            floor = self._floor_query(team_id, TeamStatus.id).scalar_subquery()
            rows = session.execute(
                select(
                    Team.name,
                    TeamStatus.id,
                    TeamStatus.code,
                    TeamStatus.name,
                    TeamStatus.closes_case,
                    case((TeamStatus.closes_case, floor), else_=None),
                )
                .outerjoin(TeamStatus, TeamStatus.team_id == Team.id)
                .where(Team.id == team_id)
                .order_by(TeamStatus.position)
            ).all()
            if not rows:
                raise NotFound(_("This team does not exist."))
            team_name = rows[0][0]
            statuses = [(i, code, name, closes) for _t, i, code, name, closes, _f in rows if i]
            open_ids = [i for i, _code, _name, closes in statuses if not closes]
            floors = {
                i: 0 if last is None else last + 1
                for _t, i, _code, _name, closes, last in rows
                if i and closes
            }
            capped = {i: floor > 0 for i, floor in floors.items()}
            shown = [
                and_(Case.status_id == i, Case.next_due.is_(None), Case.id >= floor)
                for i, floor in floors.items()
            ]

            text = self._text_clauses(session, filt)  # the clients found once, not per count

            def count(status: int | None, *where: ColumnElement[bool]) -> Select[*tuple[Any, ...]]:
                """The cards of one column (``status``), or of each column (None: grouped)."""
                column = Case.status_id if status is None else literal(status)
                query = self._filtered(
                    session,
                    select(literal("count"), column, null(), null(), null(), func.count()),
                    team_id,
                    filt,
                    today,
                    with_client=False,
                    text=text,
                ).where(*where)
                return query.group_by(Case.status_id) if status is None else query

            words, names, _numbers = self._text_words(session, filt)
            if words and words == names:  # one pass over the clients found (_text_clauses)
                counting = [count(None, or_(Case.status_id.in_(open_ids), *shown))]
            else:  # each column from the board index (a file number's words: from it alone),
                # a plain count each: PostgreSQL grouped the open columns' 20,000 cards in a
                # hash (1.4 ms) where counting each column's index range takes 0.8 ms
                counting = [
                    *(count(i, Case.status_id == i) for i in open_ids),
                    *(count(i, closing) for i, closing in zip(floors, shown, strict=True)),
                ]
            counts: dict[int, int] = {}
            kinds: dict[int, str] = {}
            staff: list[tuple[int, str, int | None, bool]] = []
            for kind, i, name, team, active, number in session.execute(
                union_all(  # the names, then the counts: one statement
                    select(
                        literal("staff"),
                        Staff.id,
                        Staff.full_name,
                        Staff.team_id,
                        Staff.active,
                        cast(null(), Integer),  # (PostgreSQL types a UNION's NULLs pairwise)
                    ),
                    select(
                        literal("kind"), BenefitKind.id, BenefitKind.name, null(), null(), null()
                    ),
                    *counting,
                )
            ).all():  # (all at once: iterating fetches row by row)
                if kind == "count":
                    counts[i] = number
                elif kind == "kind":
                    kinds[i] = name
                else:
                    staff.append((i, name, team, active))
            columns = tuple(
                BoardColumn(i, code, name, closes, counts.get(i, 0), capped.get(i, False))
                for i, code, name, closes in statuses
            )
        members = sorted(
            ((i, n) for i, n, t, active in staff if t == team_id and active),
            key=lambda p: polish_sort_key(p[1]),
        )
        return BoardInfo(
            team_id,
            team_name,
            columns,
            kinds,
            {i: n for i, n, _t, _a in staff},
            tuple(members),
            today,
        )

    def page(
        self,
        team_id: TeamId,
        status_id: int,
        filt: BoardFilter = BoardFilter(),
        after: CardRow | None = None,
        limit: int = PAGE_SIZE,
    ) -> list[CardRow]:
        """Up to ``limit`` cards of one column that come after ``after`` (None: the first);
        the cards shown (clients' names) are recorded in the audit as one list."""
        rows = self._page(team_id, status_id, filt, after, limit)
        asked = f"team {team_id}, column {status_id}" + (f", after {after.id}" if after else "")
        if filt.text.strip():
            asked += f", \u201e{' '.join(filt.text.split())[:120]}\u201d"
        audit.shown(self.ctx, "case", "board", asked, (r.id for r in rows))
        return rows

    def _page(
        self, team_id: TeamId, status_id: int, filt: BoardFilter, after: CardRow | None, limit: int
    ) -> list[CardRow]:
        require_team(self.ctx, Action.CASE_VIEW, team_id)
        today = self.ctx.clock.today()
        with self.db.reading() as session:
            base = self._filtered(session, self._card_columns(), team_id, filt, today).where(
                Case.status_id == status_id
            )
            rows: list[CardRow] = []
            if after is None or after.next_due is not None:
                # first the dated cards, guessing an open column of the team (the condition
                # is in the statement): a full page needs nothing else, one round trip
                open_column = exists().where(
                    TeamStatus.id == status_id,
                    TeamStatus.team_id == team_id,
                    TeamStatus.closes_case.is_(False),
                )
                dated = base.where(Case.next_due.is_not(None), open_column)
                if after is not None:
                    dated = dated.where(
                        tuple_(Case.next_due, Case.id) > tuple_(after.next_due, after.id)
                    )
                rows = self._rows(session, dated.order_by(Case.next_due, Case.id).limit(limit))
                if len(rows) == limit:
                    return rows
            status = session.execute(
                select(TeamStatus.team_id, TeamStatus.closes_case).where(TeamStatus.id == status_id)
            ).first()
            if status is None or status[0] != team_id:
                raise NotFound(_("This status is not a column of the team's board."))
            if status[1]:  # a closing column, newest first; closed cases have no deadline
                # the window's floor read in the same statement (none: the column shows all)
                floor = self._floor_query(team_id, status_id).scalar_subquery()
                closed = base.where(Case.next_due.is_(None), Case.id > func.coalesce(floor, 0))
                if after is not None:
                    closed = closed.where(Case.id < after.id)
                return self._rows(session, closed.order_by(*_BY_INDEX_NEWEST).limit(limit))
            if len(rows) < limit and not filt.overdue_only:
                undated = base.where(Case.next_due.is_(None))
                if after is not None and after.next_due is None:
                    undated = undated.where(Case.id > after.id)
                undated = undated.order_by(*_BY_INDEX)  # by id: the key's others are fixed
                rows += self._rows(session, undated.limit(limit - len(rows)))
            return rows

    @staticmethod
    def _floor_query(
        team_id: TeamId, status_id: int | ColumnElement[int] | InstrumentedAttribute[int]
    ) -> Select[int]:
        """The case id just below a closing column's window (none: the column shows all)."""
        return (
            select(Case.id)
            .where(Case.team_id == team_id, Case.status_id == status_id, Case.next_due.is_(None))
            # ix_case_board's whole key (the first three are fixed by the filter, so the order
            # is by id): PostgreSQL then reads the index backwards instead of walking the
            # primary key past every other team's cases
            .order_by(*_BY_INDEX_NEWEST)
            .offset(fixed(CLOSED_WINDOW))
            .limit(fixed(1))
        )

    @staticmethod
    def _card_columns() -> Select[*tuple[Any, ...]]:
        # "(SELECT 1 … LIMIT 1) IS NOT NULL" rather than EXISTS: PostgreSQL turns an EXISTS
        # into a hash of every suspension and link of the office, built for each page; this
        # probes the index for the page's cards only (0.5 against 0.7 ms at 200,000 cases)
        suspended = (
            select(literal(1))
            .where(CaseSuspension.case_id == Case.id, CaseSuspension.ends_on.is_(None))
            .limit(1)
            .scalar_subquery()
            .is_not(None)
        )
        linked = (
            select(literal(1)).where(CaseLink.case_id == Case.id).limit(1).scalar_subquery()
        ).is_not(None)
        return select(
            Case.id,
            Case.file_number,
            Case.status_id,
            Client.last_name,
            Client.first_name,
            Case.kind_id,
            Case.worker_id,
            Case.next_due,
            Case.next_due_rule,
            Case.urgent,
            suspended,
            linked,
        )

    @staticmethod
    def _rows(session: Session, query: Select[*tuple[Any, ...]]) -> list[CardRow]:
        """Core rows on the session's connection (no ORM layer: this runs per page)."""
        # all at once: iterating a result fetches row by row, 100 driver calls a page
        return list(map(CardRow._make, session.connection().execute(query).all()))

    @staticmethod
    def _filtered(
        session: Session,
        query: Select[*Ts],
        team_id: TeamId,
        filt: BoardFilter,
        today: date,
        with_client: bool = True,
        text: list[ColumnElement[bool]] | None = None,
    ) -> Select[*Ts]:
        """``query`` on the team's cases under ``filt``; the client is joined when the query
        shows it or the region filter needs it (counting 100,000 cards is 30 times faster
        without). ``text``: the filter's text clauses when already made (``_text_clauses``)."""
        query = query.select_from(Case)
        if with_client or filt.region_id is not None:
            query = query.join(Client, Client.id == Case.client_id)
        query = query.where(Case.team_id == team_id)
        if filt.worker_id is not None:
            query = query.where(Case.worker_id == filt.worker_id)
        if filt.region_id is not None:
            query = query.where(Client.region_id == filt.region_id)
        if filt.overdue_only:
            query = query.where(Case.next_due < today, Case.closed_at.is_(None))
        if text is None:
            text = BoardService._text_clauses(session, filt)
        return query.where(*text)

    @staticmethod
    def _text_words(session: Session, filt: BoardFilter) -> tuple[list[str], list[str], Any]:
        """The search text's words: (every word, those only a client's name can hold, the SQL
        function that folds a file number for comparing)."""
        words = fold(check_search(filt.text, "text")).split()
        if not words:
            return [], [], None
        if PATTERN_KEY not in session.info:  # once per board read, not once per count
            session.info[PATTERN_KEY] = file_pattern(session)
        literal = re.sub(r"\{[^}]*\}", " ", session.info[PATTERN_KEY])
        pattern = fold(literal)
        # Polish letters in the numbers need the slower SQL fold; plain ones lower case only
        numbers = folded if pattern != literal.lower() else func.lower
        names = [w for w in words if not any(c.isdigit() for c in w) and w not in pattern]
        return words, names, numbers

    @staticmethod
    def _text_clauses(session: Session, filt: BoardFilter) -> list[ColumnElement[bool]]:
        """The search text: every word in the client's name / PESEL or the file number.

        The clients holding the words are found first (one pass over their folded keys) and
        the cases come from the index ``(client_id, team_id, status_id, next_due)``, instead of
        a walk of the whole board joined to its clients (6 times slower to count at 200,000
        cases, and a rare name walked a whole column for one page: bench/case_search.md).
        File numbers are read only for a word that can be in one: a word with a digit, or one
        found in the office's numbering pattern ("ops.3.", "123/2026", "ops"); they are in
        ``ix_case_board`` itself, so a column's numbers are read from the index alone. Such a
        word's clients (a PESEL's or a document's part) are looked up once and named by id
        when few (a file number's word has none): the counts of every column, each its own
        statement, then do not read all the clients' keys again."""
        words, names, numbers = BoardService._text_words(session, filt)

        def clients(*names: str) -> ColumnElement[bool]:
            keys = (Client.search_key.contains(name, autoescape=True) for name in names)
            return Case.client_id.in_(select(Client.id).where(*keys))

        def holders(word: str) -> ColumnElement[bool]:
            found = session.scalars(
                select(Client.id)
                .where(Client.search_key.contains(word, autoescape=True))
                .limit(FEW_HOLDERS + 1)
            ).all()
            return Case.client_id.in_(found) if len(found) <= FEW_HOLDERS else clients(word)

        clauses = [clients(*names)] if names else []
        for word in words:
            if word not in names:  # the client's PESEL or the file number
                number = numbers(Case.file_number).contains(word, autoescape=True)
                clauses.append(or_(holders(word), number))
        return clauses

    def export(
        self, team_id: TeamId, filt: BoardFilter = BoardFilter(), filter_text: str = ""
    ) -> BoardExport:
        """Every card of the board under ``filt`` as spreadsheet rows (audited);
        ``filter_text`` says the filter in words for the sheet's heading."""
        from opsdesk.services.cases.board_export import export_board

        return export_board(self, team_id, filt, filter_text)

    # --- caseload and what is due ---------------------------------------------------------

    def caseload(self, team_id: TeamId) -> list[CaseloadRow]:
        """Each worker of the team with their open cases, how many are overdue, their caseload
        limit and absence (and a row for open cases nobody is assigned to, if any)."""
        require_team(self.ctx, Action.CASE_VIEW, team_id)
        today = self.ctx.clock.today()
        with self.db.reading() as session:
            open_ids = select(TeamStatus.id).where(
                TeamStatus.team_id == team_id, TeamStatus.closes_case.is_(False)
            )
            # "worker_id + 0": group on the covering index ix_case_caseload, not by walking
            # the whole table in worker order (SQLite's choice for a plain worker_id)
            worker = (Case.worker_id + 0).label("worker")
            counts = {
                worker: (total, overdue or 0)
                for worker, total, overdue in session.execute(
                    select(
                        worker, func.count(), func.sum(case((Case.next_due < today, 1), else_=0))
                    )
                    .where(Case.team_id == team_id, Case.status_id.in_(open_ids))
                    .group_by(worker)
                )
            }
            members = session.execute(
                select(Staff.id, Staff.full_name).where(
                    or_(
                        and_(Staff.team_id == team_id, Staff.active.is_(True)),
                        Staff.id.in_([w for w in counts if w is not None]) if counts else false(),
                    )
                )
            ).all()
            limits = read_limits(session)
            absent = absent_until(session, today)
        rows = [
            CaseloadRow(StaffId(i), name, *counts.get(i, (0, 0)), limits.limit_of(i), absent.get(i))
            for i, name in members
        ]
        rows.sort(key=lambda r: polish_sort_key(r.worker_name))
        if None in counts:
            rows.append(CaseloadRow(None, _("(nobody assigned)"), *counts[None]))
        return rows

    def my_due(self) -> list[DueItem]:
        """The actor's deadlines that are overdue or fall within 3 working days, earliest
        first (shown to a worker at login); empty for anyone who is not a worker."""
        actor = self.ctx.require(Action.CASE_VIEW)
        if not actor.roles & {Role.SOCIAL_WORKER, Role.SERVICES_WORKER}:
            return []
        return self._due(Case.worker_id == actor.id)

    def team_due(
        self, team_id: TeamId, filt: BoardFilter = BoardFilter(), until: date | None = None
    ) -> list[DueItem]:
        """The same for a team's board under its filter (the board's warning line); up to
        ``until`` instead for the deadline calendar."""
        require_team(self.ctx, Action.CASE_VIEW, team_id)
        scope = [Case.team_id == team_id]
        if filt.worker_id is not None:
            scope.append(Case.worker_id == filt.worker_id)
        if filt.region_id is not None:
            scope.append(Client.region_id == filt.region_id)
        if filt.overdue_only:
            scope.append(Case.next_due < self.ctx.clock.today())
        items = self._due(*scope, until=until, text=filt)
        if filt.overdue_only:  # a case overdue on one deadline may have a later one too
            items = [i for i in items if i.when == "overdue"]
        return items

    def _due(
        self,
        *scope: ColumnElement[bool],
        until: date | None = None,
        text: BoardFilter | None = None,
    ) -> list[DueItem]:
        """Every running deadline (a case may have several: interview and decision) of the
        open cases in ``scope`` up to ``until`` (default: 3 working days ahead), overdue ones
        included; ``text``: a board filter whose search text narrows the scope too."""
        today = self.ctx.clock.today()
        horizon = until or add_working_days(today, SOON_WORKING_DAYS)
        with self.db.reading() as session:
            if text is not None:
                scope += tuple(self._text_clauses(session, text))
            cases = session.execute(
                select(Case, Client.last_name, Client.first_name, BenefitKind.name)
                .join(Client, Client.id == Case.client_id)
                .join(BenefitKind, BenefitKind.id == Case.kind_id)
                .where(*scope, Case.closed_at.is_(None), Case.next_due <= horizon)
                .order_by(Case.next_due, Case.id)
            ).all()
            items = [
                DueItem(
                    CaseId(case.id),
                    case.file_number,
                    f"{last} {first}",
                    kind,
                    d.due,
                    d.rule,
                    due_when(d.due, today),
                )
                for case, last, first, kind in cases
                for d in case_deadlines(facts_of(session, case), today)
                if not d.stopped and d.due <= horizon
            ]
        return sorted(items, key=lambda i: (i.due, i.file_number, i.rule))

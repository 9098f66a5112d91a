"""Health of a database: SQLite integrity and foreign keys, and the schema version."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, create_engine, make_url, text

from opsdesk.i18n import _
from opsdesk.storage import migrate


def empty_file_message() -> str:
    return _(
        "The file is empty (0 bytes): the office's data are not in it. Restore the newest "
        "backup; if this is a new installation, delete the empty file to set up the "
        "office."
    )


def broken_references_advice() -> str:
    return _("Restore the newest good backup, or ask your IT support to repair the references.")


@dataclass
class HealthReport:
    ok: bool = True
    lines: list[str] = field(default_factory=list)

    def problem(self, line: str) -> None:
        self.ok = False
        self.lines.append(line)


def check_database(url: str) -> HealthReport:
    """Read-only checks; the database is never written to."""
    report = HealthReport()
    path = make_url(url).database if url.startswith("sqlite") else None
    if path and path != ":memory:" and Path(path).is_file() and Path(path).stat().st_size == 0:
        report.problem(empty_file_message())
        return report
    if url.startswith("sqlite"):
        url = url.replace("sqlite:///", "sqlite:///file:", 1) + "?mode=ro&uri=true"
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
                if rows == ["ok"]:
                    report.lines.append(_("Integrity check: ok."))
                else:
                    report.problem(_("Integrity check failed:"))
                    report.lines.extend("  " + r for r in rows[:20])
                bad = list(conn.execute(text("PRAGMA foreign_key_check")))
                if bad:
                    report.problem(
                        _("Foreign key check: {n} broken references.").format(n=len(bad))
                    )
                    report.lines.extend(f"  {r[0]} rowid={r[1]} -> {r[2]}" for r in bad[:20])
                    report.lines.append(broken_references_advice())
                else:
                    report.lines.append(_("Foreign key check: ok."))
            elif engine.dialect.name == "postgresql":
                _check_foreign_keys(conn, report)
                _check_sequences(conn, report)
                _check_change_notices(conn, report)
        state = migrate.schema_state(engine)
        revision = migrate.current_revision(engine) or "-"
        if state is migrate.SchemaState.CURRENT:
            report.lines.append(_("Schema version: {rev} (current).").format(rev=revision))
        elif state is migrate.SchemaState.OUTDATED:
            report.lines.append(
                _("Schema version: {rev}; it will be upgraded to {head} at the next start.").format(
                    rev=revision, head=migrate.HEAD_REVISION
                )
            )
        elif state is migrate.SchemaState.NEWER:
            report.problem(
                _("Schema version: {rev}, written by a newer opsdesk.").format(rev=revision)
            )
        else:
            report.problem(_("The database is empty: no opsdesk schema."))
    except Exception as exc:  # a damaged file or an unreachable server
        report.problem(_("The database cannot be read: {error}").format(error=exc))
    finally:
        engine.dispose()
    return report


def _check_foreign_keys(conn: Connection, report: HealthReport) -> None:
    """PostgreSQL enforces foreign keys as rows are written; one added ``NOT VALID`` (or
    left unvalidated by a bulk load) may hide broken references."""
    unchecked = conn.execute(
        text(
            "SELECT conrelid::regclass::text, conname FROM pg_constraint "
            "WHERE contype = 'f' AND NOT convalidated"
        )
    ).all()
    if unchecked:
        report.problem(_("Foreign key check: {n} broken references.").format(n=len(unchecked)))
        report.lines.extend(f"  {table}: {name}" for table, name in unchecked[:20])
    else:
        report.lines.append(_("Foreign key check: ok."))


def _check_change_notices(conn: Connection, report: HealthReport) -> None:
    """PostgreSQL: the triggers that tell other workstations about a commit
    (``storage.change_notices``); missing ones are added at the next start, not a fault."""
    from opsdesk.storage.change_notices import missing_triggers

    if migrate.schema_state(conn.engine) is migrate.SchemaState.EMPTY:
        return
    missing = missing_triggers(conn)
    if missing:
        report.lines.append(
            _(
                "Change notices missing on {n} tables (other PCs' screens follow them after "
                "the next start of opsdesk)."
            ).format(n=len(missing))
        )
    else:
        report.lines.append(_("Change notices to other PCs: ok."))


def _check_sequences(conn: Connection, report: HealthReport) -> None:
    """PostgreSQL: an id sequence behind its table makes the next new row fail."""
    from sqlalchemy.orm import Session

    from opsdesk.storage.sequences import lagging

    if migrate.schema_state(conn.engine) is migrate.SchemaState.EMPTY:
        return
    with Session(bind=conn) as session:
        behind = lagging(session)
    if not behind:
        report.lines.append(_("Id sequences: ok."))
        return
    report.problem(
        _("Id sequences behind their tables: {n} (new records there would fail).").format(
            n=len(behind)
        )
    )
    report.lines.extend(f"  {table}: {last} < {largest}" for table, last, largest in behind)

"""Notes on a case: visible to the case's team and the manager, never to the first-contact desk
(docs/law.md, personal data). Reading them is audited; the audit never holds their text."""

from __future__ import annotations

from sqlalchemy import select

from opsdesk.domain.ids import CaseId
from opsdesk.domain.roles import Action
from opsdesk.errors import ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.cases.access import load_case
from opsdesk.services.cases.records import NoteRecord
from opsdesk.services.context import Service
from opsdesk.storage.models import CaseNote, Staff

MAX_NOTE = 8000


class CaseNoteService(Service):
    def list(self, case_id: CaseId) -> list[NoteRecord]:
        """The case's notes, newest first."""
        with self.db.transaction() as session:
            case = load_case(session, self.ctx, case_id, Action.CASE_VIEW)
            audit.record(session, self.ctx, "read", "case_notes", case.id)
            rows = session.execute(
                select(CaseNote.id, CaseNote.at, Staff.full_name, CaseNote.text)
                .outerjoin(Staff, Staff.id == CaseNote.author_id)
                .where(CaseNote.case_id == case.id)
                .order_by(CaseNote.at.desc(), CaseNote.id.desc())
            ).all()
            return [NoteRecord(i, at, name or "", text) for i, at, name, text in rows]

    def add(self, case_id: CaseId, text: str) -> NoteRecord:
        text = text.strip()
        with self.db.transaction() as session:
            case = load_case(session, self.ctx, case_id, Action.CASE_CHANGE)
            actor = self.ctx.require(Action.CASE_CHANGE)  # checked by load_case: the author
            if not text:
                raise ValidationError.single("note", _("Write the note first."))
            if len(text) > MAX_NOTE:
                raise ValidationError.single(
                    "note", _("The note is too long (at most {n} characters).").format(n=MAX_NOTE)
                )
            note = CaseNote(case_id=case.id, at=self.ctx.clock.now(), author_id=actor.id, text=text)
            session.add(note)
            session.flush()
            audit.record(session, self.ctx, "create", "case_note", note.id, f"case {case.id}")
            return NoteRecord(note.id, note.at, actor.full_name, note.text)

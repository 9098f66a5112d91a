"""The office profile: name, address, the EU project, the logo strip for printed documents."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from opsdesk.domain.roles import Action
from opsdesk.domain.text import is_blank, is_email
from opsdesk.errors import ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.office.records import OfficeRecord
from opsdesk.services.text_limits import add_too_long
from opsdesk.storage.models import OfficeProfile

POSTAL_CODE_LENGTH = 6
MAX_LOGO_BYTES = 2 * 1024 * 1024
_LOGO_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG


@dataclass(frozen=True)
class OfficeInput:
    name: str
    street: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    project_name: str = ""
    project_number: str = ""

    def cleaned(self) -> OfficeInput:
        return OfficeInput(**{k: v.strip() for k, v in self.__dict__.items()})

    def to_model(self) -> OfficeProfile:
        return OfficeProfile(**self.cleaned().__dict__)


def is_postal_code(text: str) -> bool:
    return len(text) == POSTAL_CODE_LENGTH and text[2] == "-" and (text[:2] + text[3:]).isdigit()


def validate_office(office: OfficeInput) -> dict[str, str]:
    office = office.cleaned()
    errors: dict[str, str] = {}
    if is_blank(office.name):
        errors["office_name"] = _("Enter the office's name.")
    elif len(office.name) > 200:
        errors["office_name"] = _("The name is too long (at most 200 characters).")
    if office.postal_code and not is_postal_code(office.postal_code):
        errors["postal_code"] = _("A postal code looks like 00-000.")
    if office.email and not is_email(office.email):
        errors["email"] = _("This is not an e-mail address.")
    return add_too_long(
        errors,
        {
            field: (getattr(office, field), getattr(OfficeProfile, field))
            for field in ("street", "city", "phone", "email", "project_name", "project_number")
        },
    )


def logo_problem(data: bytes) -> str | None:
    """Why ``data`` cannot be the printed logo strip (a PNG or JPEG file), or None."""
    if not data.startswith(_LOGO_SIGNATURES):
        return _("The logo must be a PNG or JPEG image.")
    if len(data) > MAX_LOGO_BYTES:
        return _("The logo file is too big (at most {n} MB).").format(
            n=MAX_LOGO_BYTES // (1024 * 1024)
        )
    return None


def _record(profile: OfficeProfile | None) -> OfficeRecord:
    if profile is None:
        return OfficeRecord("", "", "", "", "", "", "", "", None)
    return OfficeRecord(
        profile.name,
        profile.street,
        profile.postal_code,
        profile.city,
        profile.phone,
        profile.email,
        profile.project_name,
        profile.project_number,
        profile.logo_strip,
    )


class OfficeService(Service):
    def profile(self) -> OfficeRecord:
        """Everyone logged in may read the office's public profile."""
        with self.db.reading() as session:
            return _record(session.scalar(select(OfficeProfile).limit(1)))

    def update(
        self, office: OfficeInput, logo_strip: bytes | None = None, clear_logo: bool = False
    ) -> OfficeRecord:
        self.ctx.require(Action.SETTINGS_MANAGE)
        errors = validate_office(office)
        if logo_strip is not None and (problem := logo_problem(logo_strip)):
            errors["logo"] = problem
        if errors:
            raise ValidationError(errors)
        with self.db.transaction() as session:
            profile = session.scalar(select(OfficeProfile).limit(1))
            if profile is None:
                profile = office.to_model()
                session.add(profile)
            else:
                for key, value in office.cleaned().__dict__.items():
                    setattr(profile, key, value)
            if logo_strip is not None:
                profile.logo_strip = logo_strip
            elif clear_logo:
                profile.logo_strip = None
            audit.record(session, self.ctx, "update", "office", profile.id)
            session.flush()
            return _record(profile)

"""What a GDPR access report tells the person besides their data (art. 15(1)(a)–(h), 15(2)
and 15(3) RODO): the purposes and legal bases, the categories of data, the recipients, how long
the data are kept, the person's rights including a complaint to the President of UODO, where
the data come from, automated decisions, transfers outside the EEA, and that the report is
the copy of the data.

Office settings (``gdpr.<field>`` in the ``setting`` table), Polish defaults below: the texts
are the office's, printed in Polish whatever the screen's language. The retention period's
default follows the retention setting (``retention.client_years``). The manager (who prints
the report) and the administrator (who keeps the settings) may read them; the administrator
changes them.
"""

from __future__ import annotations

from dataclasses import fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from opsdesk.domain.roles import Action
from opsdesk.errors import ValidationError
from opsdesk.i18n import _
from opsdesk.services import audit
from opsdesk.services.context import Service
from opsdesk.services.reports.records import GdprInformation
from opsdesk.storage.models import OfficeProfile
from opsdesk.storage.setting_values import get_setting, put_setting

PREFIX = "gdpr."
MAX_TEXT = 4000
RETENTION_YEARS_KEY = "retention.client_years"  # services/safety/retention.py
DEFAULT_RETENTION_YEARS = 10


def default_information(
    office_name: str = "", years: int = DEFAULT_RETENTION_YEARS
) -> GdprInformation:
    """The Polish defaults (the office's name in the controller's line)."""
    office = office_name.strip() or "ośrodek pomocy społecznej"
    return GdprInformation(
        controller=(
            f"Administratorem danych osobowych jest {office}. Z inspektorem ochrony danych "
            "można się skontaktować pisemnie na adres ośrodka lub osobiście w jego siedzibie."
        ),
        purposes=(
            "Realizacja zadań ośrodka pomocy społecznej: przyjmowanie i rozpatrywanie wniosków "
            "o pomoc, prowadzenie postępowań i wydawanie decyzji, przyznawanie i realizacja "
            "świadczeń, praca socjalna, poradnictwo i usługi, a także rozliczanie projektów, "
            "w których ośrodek udziela wsparcia, oraz archiwizacja dokumentacji."
        ),
        legal_bases=(
            "Art. 6 ust. 1 lit. c i e RODO (obowiązek prawny i zadanie realizowane w interesie "
            "publicznym) w związku z ustawą z dnia 12 marca 2004 r. o pomocy społecznej "
            "i Kodeksem postępowania administracyjnego; w zakresie danych szczególnych kategorii "
            "(np. o zdrowiu) \u2013 art. 9 ust. 2 lit. b, g i h RODO."
        ),
        categories=(
            "Dane identyfikacyjne i kontaktowe (imię, nazwisko, PESEL lub numer dokumentu, data "
            "urodzenia, płeć, adres, telefon, e-mail), dane o gospodarstwie domowym, dane "
            "o sytuacji rodzinnej, dochodowej, zawodowej i zdrowotnej zawarte w sprawach "
            "(w tym dane szczególnych kategorii), historia kontaktów z ośrodkiem, konsultacji "
            "i spotkań oraz pisma kierowane do osoby."
        ),
        recipients=(
            "Podmioty uprawnione na podstawie przepisów prawa (m.in. samorządowe kolegium "
            "odwoławcze, sądy, organy kontroli i nadzoru, inne organy pomocy społecznej), "
            "podmioty przetwarzające dane na zlecenie ośrodka (np. dostawca oprogramowania "
            "i usług informatycznych), a w przypadku projektów współfinansowanych ze środków "
            "Unii Europejskiej \u2013 instytucje rozliczające projekt (bez danych "
            "identyfikujących, gdy nie są niezbędne)."
        ),
        retention=(
            f"Dane są przechowywane przez {years} lat od zakończenia ostatniej sprawy, zgodnie "
            "z jednolitym rzeczowym wykazem akt ośrodka, a następnie anonimizowane lub "
            "przekazywane do archiwum zgodnie z przepisami o archiwach."
        ),
        rights=(
            "Prawo dostępu do danych i otrzymania ich kopii (art. 15 RODO), prawo do "
            "sprostowania danych (art. 16), prawo do ograniczenia przetwarzania (art. 18), "
            "a w przypadkach przewidzianych prawem \u2013 do usunięcia danych (art. 17) "
            "i wniesienia sprzeciwu (art. 21). Przysługuje również prawo wniesienia skargi do "
            "Prezesa Urzędu Ochrony Danych Osobowych, ul. Stawki 2, 00-193 Warszawa "
            "(art. 77 RODO)."
        ),
        source=(
            "Dane pochodzą od osoby, której dotyczą. Dane członków gospodarstwa domowego oraz "
            "informacje o dochodach i sytuacji rodziny pochodzą także od członków rodziny, "
            "z rodzinnego wywiadu środowiskowego oraz od organów i instytucji, które przekazują "
            "je ośrodkowi na podstawie przepisów prawa (np. ZUS, urząd pracy, urząd skarbowy)."
        ),
        automated=(
            "Dane nie są wykorzystywane do zautomatyzowanego podejmowania decyzji, w tym do "
            "profilowania (art. 22 RODO)."
        ),
        transfers=(
            "Dane nie są przekazywane do państw spoza Europejskiego Obszaru Gospodarczego ani do "
            "organizacji międzynarodowych."
        ),
        copy=(
            "Niniejszy raport jest kopią danych osobowych, o której mowa w art. 15 ust. 3 RODO. "
            "Pierwsza kopia jest bezpłatna."
        ),
    )


def load_information(session: Session, office_name: str) -> GdprInformation:
    """The office's texts, each field that was never set (or set empty) its default."""
    years = get_setting(session, RETENTION_YEARS_KEY, DEFAULT_RETENTION_YEARS)
    defaults = default_information(office_name, years if isinstance(years, int) else 10)
    values = {}
    for field in fields(GdprInformation):
        stored = get_setting(session, PREFIX + field.name, "")
        values[field.name] = stored.strip() or getattr(defaults, field.name)
    return GdprInformation(**values)


class GdprInformationService(Service):
    def information(self) -> GdprInformation:
        """The texts as the report prints them."""
        self.ctx.require_any(Action.GDPR_REPORT, Action.SETTINGS_MANAGE)
        with self.db.reading() as session:
            return load_information(session, _office_name(session))

    def save(self, data: GdprInformation) -> GdprInformation:
        """Keep the office's texts; an empty field goes back to its default."""
        self.ctx.require(Action.SETTINGS_MANAGE)
        errors = {
            field.name: _("The text is too long (at most {limit} characters).").format(
                limit=MAX_TEXT
            )
            for field in fields(GdprInformation)
            if len(getattr(data, field.name)) > MAX_TEXT
        }
        errors.update(
            {
                field.name: _("This text contains a character that cannot be saved (NUL, code 0).")
                for field in fields(GdprInformation)
                if "\x00" in getattr(data, field.name)
            }
        )
        if errors:
            raise ValidationError(errors)
        with self.db.transaction() as session:
            defaults = default_information(
                _office_name(session), get_setting(session, RETENTION_YEARS_KEY, 10)
            )
            changed = []
            for field in fields(GdprInformation):
                text = getattr(data, field.name).strip()
                if text == getattr(defaults, field.name):
                    text = ""  # the default: it follows the office's name and retention
                if get_setting(session, PREFIX + field.name, "") != text:
                    put_setting(session, PREFIX + field.name, text)
                    changed.append(field.name)
            if changed:
                audit.record(session, self.ctx, "update", "setting", None, "gdpr information")
            return load_information(session, _office_name(session))


def _office_name(session: Session) -> str:
    return session.scalar(select(OfficeProfile.name).limit(1)) or ""

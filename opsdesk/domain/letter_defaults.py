"""The letters opsdesk ships, in Polish: the first version of each kind's template.

They are the office's text, not the program's: stored in the database as version 1 of each
template (migration ``0009_letter_templates``) and edited there (Administracja → Szablony
pism); "restore the shipped text" saves them again as a new version. Never translated: a
letter to a Polish party is written in Polish whatever language the screen speaks.

Paragraphs are separated by an empty line; a single line break is kept as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from opsdesk.domain.letters import (
    DELAY_NOTICE,
    DELIVERY_RECORD,
    GENERAL,
    HANDOFF_NOTICE,
    INTERVIEW_NOTICE,
    SUMMONS,
)

KPA = "ustawy z dnia 14 czerwca 1960 r. \u2013 Kodeks postępowania administracyjnego"


@dataclass(frozen=True)
class ShippedTemplate:
    kind: str
    name: str  # the template's name in the office's list
    title: str
    body: str


SHIPPED: dict[str, ShippedTemplate] = {
    t.kind: t
    for t in (
        ShippedTemplate(
            SUMMONS,
            "Wezwanie do uzupełnienia braków wniosku",
            "WEZWANIE\ndo usunięcia braków wniosku",
            f"""Na podstawie art. 64 § 2 {KPA} wzywa się do usunięcia braków wniosku z dnia \
{{sprawa.data_wniosku}} w sprawie: {{sprawa.rodzaj}}, w terminie {{termin_dni}} dni od dnia \
doręczenia niniejszego wezwania, przez:

{{braki}}

Nieusunięcie braków w wyznaczonym terminie spowoduje pozostawienie wniosku bez rozpoznania \
(art. 64 § 2 Kodeksu postępowania administracyjnego).

Okres wyznaczony na usunięcie braków nie jest wliczany do terminu załatwienia sprawy \
(art. 35 § 5 Kodeksu postępowania administracyjnego).

Brakujące dokumenty można złożyć w siedzibie ośrodka: {{osrodek.adres}}, przesłać pocztą \
lub przez ePUAP, podając znak sprawy {{sprawa.znak}}. Informacji udziela \
{{pracownik.imie_nazwisko}}.""",
        ),
        ShippedTemplate(
            DELAY_NOTICE,
            "Zawiadomienie o niezałatwieniu sprawy w terminie (art. 36 KPA)",
            "ZAWIADOMIENIE\no niezałatwieniu sprawy w terminie",
            f"""Na podstawie art. 36 § 1 {KPA} zawiadamia się, że sprawa z wniosku z dnia \
{{sprawa.data_wniosku}} w sprawie: {{sprawa.rodzaj}} nie zostanie załatwiona w terminie do \
dnia {{dotychczasowy_termin}}.

Przyczyna zwłoki: {{przyczyna}}

Nowy termin załatwienia sprawy: {{nowy_termin}}.

POUCZENIE
Stronie służy prawo do wniesienia ponaglenia, jeżeli nie załatwiono sprawy w terminie \
(bezczynność) albo postępowanie jest prowadzone dłużej, niż jest to niezbędne do załatwienia \
sprawy (przewlekłość) \u2013 art. 37 § 1 Kodeksu postępowania administracyjnego. Ponaglenie \
wnosi się do Samorządowego Kolegium Odwoławczego za pośrednictwem ośrodka; ponaglenie \
zawiera uzasadnienie (art. 37 § 2 i 3).""",
        ),
        ShippedTemplate(
            INTERVIEW_NOTICE,
            "Zawiadomienie o terminie rodzinnego wywiadu środowiskowego",
            "ZAWIADOMIENIE\no terminie rodzinnego wywiadu środowiskowego",
            """Uprzejmie informuję, że w związku z wnioskiem z dnia {sprawa.data_wniosku} \
w sprawie: {sprawa.rodzaj} pracownik socjalny przeprowadzi rodzinny wywiad środowiskowy \
w miejscu zamieszkania ({klient.adres}) w dniu {wywiad.data} ({wywiad.dzien_tygodnia}) \
o godzinie {wywiad.godzina}.

Przyznanie świadczenia wymaga przeprowadzenia rodzinnego wywiadu środowiskowego \
(art. 106 ust. 4 ustawy z dnia 12 marca 2004 r. o pomocy społecznej). Prosimy o obecność \
w tym dniu oraz o przygotowanie dokumentów potwierdzających dochody rodziny i okoliczności \
podane we wniosku.

Jeżeli termin nie odpowiada, prosimy o kontakt z ośrodkiem: {osrodek.adres}, \
znak sprawy {sprawa.znak}.""",
        ),
        ShippedTemplate(
            HANDOFF_NOTICE,
            "Zawiadomienie o przekazaniu sprawy do innego zespołu",
            "ZAWIADOMIENIE\no przekazaniu sprawy",
            """Uprzejmie informuję, że w dniu {przekazanie.data} sprawę {sprawa.znak} \
({sprawa.rodzaj}) przekazano do prowadzenia: {przekazanie.zespol}, pod znakiem \
{przekazanie.znak}.

W dalszych sprawach prosimy o kontakt z tym zespołem w siedzibie ośrodka: {osrodek.adres}, \
podając nowy znak sprawy.""",
        ),
        ShippedTemplate(
            DELIVERY_RECORD,
            "Potwierdzenie doręczenia decyzji",
            "POTWIERDZENIE DORĘCZENIA DECYZJI",
            """Decyzję nr {decyzja.numer} z dnia {decyzja.data} w sprawie: {sprawa.rodzaj} \
(znak sprawy {sprawa.znak}), wydaną dla: {klient.imie_nazwisko}, {klient.adres}, doręczono \
w dniu {doreczenie.data}: {doreczenie.sposob}.

Od decyzji przysługuje odwołanie do Samorządowego Kolegium Odwoławczego za pośrednictwem \
ośrodka w terminie 14 dni od dnia jej doręczenia, tj. do dnia {odwolanie.termin} włącznie \
(art. 127 § 1 i art. 129 § 1 i 2 Kodeksu postępowania administracyjnego). W czasie biegu \
terminu do wniesienia odwołania strona może zrzec się prawa do jego wniesienia (art. 127a).""",
        ),
        ShippedTemplate(
            GENERAL,
            "Pismo w sprawie",
            "PISMO",
            """W nawiązaniu do sprawy {sprawa.znak} ({sprawa.rodzaj}) uprzejmie informuję:

{tresc}""",
        ),
    )
}

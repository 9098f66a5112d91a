"""Polish texts a worker would type into the register: notes, summaries, reasons, outcomes.

Data of the fictional office (like names and streets), not user interface strings.
"""

from __future__ import annotations

VISIT_NOTES: dict[str, tuple[str, ...]] = {
    "information": (
        "Pytanie o warunki przyznania zasiłku celowego.",
        "Informacja o kryterium dochodowym i wymaganych dokumentach.",
        "Pytanie o godziny pracy pracownika socjalnego.",
        "Informacja o Karcie Dużej Rodziny.",
        "Wydano zaświadczenie o korzystaniu z pomocy społecznej.",
        "Informacja o pomocy żywnościowej (paczki FEPŻ).",
        "Pytanie o dodatek mieszkaniowy — skierowano do urzędu gminy.",
        "",
    ),
    "benefit_application": (
        "Złożenie wniosku o zasiłek celowy na zakup opału.",
        "Złożenie wniosku o zasiłek okresowy.",
        "Wniosek o zasiłek celowy na leki.",
        "Uzupełnienie dokumentów do wniosku (zaświadczenie o dochodach).",
        "Wniosek o dożywianie dzieci w szkole.",
        "Wniosek o zasiłek stały.",
        "",
    ),
    "social_work": (
        "Rozmowa z pracownikiem socjalnym rejonu.",
        "Trudności wychowawcze — prośba o wsparcie.",
        "Zgłoszenie sytuacji kryzysowej w rodzinie.",
        "Omówienie realizacji kontraktu socjalnego.",
        "",
    ),
    "care_services": (
        "Pytanie o usługi opiekuńcze dla matki.",
        "Wniosek o skierowanie do domu pomocy społecznej.",
        "Zmiana zakresu usług opiekuńczych.",
        "Osoba bezdomna — prośba o miejsce w schronisku.",
        "",
    ),
    "psychologist": (
        "Umówiono konsultację z psychologiem.",
        "Prośba o termin u psychologa dla rodziny.",
        "",
    ),
    "complaint": (
        "Skarga na termin wypłaty zasiłku.",
        "Uwagi do obsługi — przekazano kierownikowi.",
    ),
    "other": (
        "Odbiór decyzji.",
        "Potwierdzenie odbioru korespondencji.",
        "Pytanie o stypendium szkolne — skierowano do urzędu gminy.",
        "",
    ),
}

UNREGISTERED_VISITORS = (
    "osoba niezarejestrowana",
    "sąsiad zgłaszający osobę potrzebującą pomocy",
    "mieszkanka — pytanie o pomoc",
    "mieszkaniec — pytanie o zasiłek",
    "dzielnicowy — zgłoszenie",
    "pedagog szkolny — zgłoszenie",
    "kurator sądowy",
    "przedstawiciel parafialnego zespołu Caritas",
)

CASE_SUMMARIES: dict[str, tuple[str, ...]] = {
    "zasilek_staly": (
        "Osoba całkowicie niezdolna do pracy, bez dochodu.",
        "Osoba w wieku emerytalnym bez prawa do emerytury.",
    ),
    "zasilek_okresowy": (
        "Długotrwała choroba, dochód poniżej kryterium.",
        "Bezrobocie, rodzina bez stałego dochodu.",
        "Niepełnosprawność, oczekiwanie na orzeczenie.",
    ),
    "zasilek_celowy": (
        "Zakup opału na okres zimowy.",
        "Zakup leków.",
        "Opłata za energię elektryczną.",
        "Zakup podręczników dla dzieci.",
        "Zakup żywności.",
    ),
    "zasilek_celowy_specjalny": (
        "Zdarzenie losowe — pożar budynku gospodarczego.",
        "Szczególnie uzasadniony przypadek — leczenie szpitalne.",
    ),
    "posilek": ("Dożywianie dzieci w szkole.", "Gorący posiłek dla osoby samotnej."),
    "ubranie": ("Niezbędne ubranie zimowe.",),
    "pogrzeb": ("Sprawienie pogrzebu osoby samotnej.",),
    "schronienie": ("Osoba bezdomna, brak miejsca zamieszkania.",),
    "uslugi_opiekuncze": (
        "Osoba samotna po udarze, wymaga pomocy w codziennych czynnościach.",
        "Osoba w podeszłym wieku, pomoc w zakupach i sprzątaniu.",
    ),
    "specjalistyczne_uslugi": ("Specjalistyczne usługi dla osoby z zaburzeniami psychicznymi.",),
    "dps": ("Osoba wymagająca całodobowej opieki, rodzina nie może jej zapewnić.",),
    "interwencja": (
        "Przemoc w rodzinie — procedura Niebieskiej Karty.",
        "Nagła utrata mieszkania.",
    ),
    "poradnictwo": ("Poradnictwo rodzinne.", "Poradnictwo prawne — sprawa alimentacyjna."),
    "praca_socjalna": (
        "Wsparcie w wychowaniu dzieci.",
        "Wsparcie w poszukiwaniu pracy.",
        "Uzależnienie od alkoholu w rodzinie — motywowanie do leczenia.",
        "Wsparcie osoby starszej, samotnej.",
        "Zadłużenie mieszkania — plan spłaty.",
    ),
    "kontrakt_socjalny": (
        "Kontrakt socjalny — aktywizacja zawodowa.",
        "Kontrakt socjalny — wyjście z bezdomności.",
    ),
    "mieszkanie_chronione": ("Usamodzielnienie wychowanka pieczy zastępczej.",),
}

OUTCOMES_BENEFITS = (
    "Przyznano świadczenie.",
    "Przyznano świadczenie.",
    "Przyznano świadczenie.",
    "Odmowa przyznania świadczenia (dochód powyżej kryterium).",
    "Wycofanie wniosku przez stronę.",
)
OUTCOME_PERIOD_ENDED = "Świadczenie wygasło z upływem okresu, na który je przyznano."
OUTCOMES_SOCIAL = (
    "Osiągnięto cele planu pracy.",
    "Osiągnięto cele planu pracy.",
    "Rezygnacja klienta ze współpracy.",
    "Zmiana miejsca zamieszkania.",
    "Podjęcie zatrudnienia — usamodzielnienie.",
)
OUTCOMES_CONTRACT = (
    "Kontrakt socjalny zrealizowany.",
    "Kontrakt socjalny przerwany przez klienta.",
)
_CARE_ENDED = (
    "Zgon podopiecznego.",
    "Rezygnacja z usług — opiekę przejęła rodzina.",
    "Umieszczenie w domu pomocy społecznej.",
)
OUTCOMES_SERVICES: dict[str, tuple[str, ...]] = {
    "uslugi_opiekuncze": _CARE_ENDED,
    "specjalistyczne_uslugi": _CARE_ENDED,
    "dps": ("Umieszczenie w domu pomocy społecznej.",),
    "schronienie": (
        "Opuszczenie schroniska — zamieszkanie u rodziny.",
        "Usamodzielnienie — najem mieszkania socjalnego.",
    ),
    "mieszkanie_chronione": ("Usamodzielnienie — najem mieszkania.",),
}

SUSPENSION_REASONS = (
    "Opóźnienie z winy strony — nieprzedłożenie zaświadczenia o dochodach.",
    "Zawieszenie postępowania na wniosek strony (art. 98 KPA).",
    "Oczekiwanie na orzeczenie o stopniu niepełnosprawności.",
    "Oczekiwanie na informację z ZUS.",
)
HANDOFF_REASON = "Przekazanie rodziny do zespołu pracy socjalnej."

SESSION_NOTES = (
    "Konsultacja wstępna; ustalono cele i częstotliwość spotkań.",
    "Omówiono sposoby radzenia sobie ze stresem; zadanie: dziennik nastroju.",
    "Klientka zgłasza poprawę snu; kontynuacja technik relaksacyjnych.",
    "Rozmowa o relacjach w rodzinie; ustalono spotkanie z udziałem męża.",
    "Wsparcie po stracie bliskiej osoby.",
    "Praca nad komunikacją rodzic–dziecko.",
    "Interwencja kryzysowa; omówiono plan bezpieczeństwa.",
    "Motywowanie do podjęcia terapii odwykowej; przekazano kontakt do poradni.",
    "Podsumowanie cyklu konsultacji; zalecono kontakt w razie potrzeby.",
)
OVER_BUDGET_REASON = (
    "Interwencja kryzysowa (przemoc w rodzinie) ponad limit miesięczny — zgoda kierownika."
)

ROOM_NOTES = (
    "Rozmowa poufna z klientką.",
    "Spotkanie rodzinne.",
    "Rozmowa w sprawie Niebieskiej Karty.",
    "Kącik dla dzieci — rodzic u pracownika.",
    "Spotkanie z kuratorem.",
)

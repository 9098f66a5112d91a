"""Polish first names (by sex and generation), surnames with their female forms, and
transliterated Ukrainian names for the demo office's clients.

Data, not user interface text: the names are written the way they appear in a register.
"""

from __future__ import annotations

# First names by sex and by generation, so a grandmother is a Janina and a girl a Zuzanna.
# "old": born before 1965, "middle": 1965-1995, "young": after 1995.
FIRST_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "F": {
        "old": (
            "Maria", "Krystyna", "Anna", "Barbara", "Teresa", "Elżbieta", "Janina", "Zofia",
            "Jadwiga", "Danuta", "Halina", "Irena", "Ewa", "Helena", "Stanisława", "Genowefa",
            "Czesława", "Wanda", "Józefa", "Bożena", "Alicja", "Marianna", "Leokadia",
            "Kazimiera", "Władysława", "Stefania", "Regina", "Bronisława", "Urszula", "Grażyna",
        ),
        "middle": (
            "Agnieszka", "Katarzyna", "Małgorzata", "Joanna", "Magdalena", "Monika", "Beata",
            "Dorota", "Renata", "Iwona", "Sylwia", "Justyna", "Aneta", "Edyta", "Marzena",
            "Izabela", "Agata", "Paulina", "Marta", "Karolina", "Kinga", "Ewelina", "Dominika",
            "Anna", "Emilia", "Patrycja", "Natalia", "Aleksandra", "Żaneta", "Elżbieta",
        ),
        "young": (
            "Julia", "Zuzanna", "Maja", "Lena", "Hanna", "Zofia", "Amelia", "Oliwia", "Alicja",
            "Wiktoria", "Natalia", "Aleksandra", "Laura", "Nikola", "Gabriela", "Pola",
            "Antonina", "Nadia", "Martyna", "Weronika", "Klaudia", "Kornelia", "Milena",
            "Jagoda", "Liliana", "Łucja",
        ),
    },
    "M": {
        "old": (
            "Stanisław", "Jan", "Józef", "Tadeusz", "Jerzy", "Zbigniew", "Henryk", "Ryszard",
            "Kazimierz", "Marian", "Władysław", "Zdzisław", "Edward", "Mieczysław", "Czesław",
            "Eugeniusz", "Stefan", "Zygmunt", "Bogdan", "Franciszek", "Wiesław", "Bolesław",
            "Leszek", "Andrzej", "Roman", "Janusz",
        ),
        "middle": (
            "Krzysztof", "Piotr", "Tomasz", "Marcin", "Paweł", "Grzegorz", "Dariusz", "Mariusz",
            "Robert", "Rafał", "Jacek", "Sławomir", "Waldemar", "Jarosław", "Artur", "Sebastian",
            "Łukasz", "Michał", "Przemysław", "Adam", "Marek", "Wojciech", "Damian", "Daniel",
            "Maciej", "Arkadiusz",
        ),
        "young": (
            "Jakub", "Kacper", "Szymon", "Filip", "Antoni", "Jan", "Franciszek", "Aleksander",
            "Wojciech", "Mikołaj", "Stanisław", "Leon", "Ignacy", "Nikodem", "Oliwer", "Tymon",
            "Igor", "Wiktor", "Bartosz", "Dawid", "Mateusz", "Kamil", "Hubert", "Miłosz",
            "Oskar",
        ),
    },
}

# Surnames in the male form; ``surname_for`` gives the female form (-ski -> -ska ...).
SURNAMES: tuple[str, ...] = (
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
    "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
    "Wojciechowski", "Kwiatkowski", "Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski",
    "Zając", "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel",
    "Nowakowski", "Majewski", "Olszewski", "Stępień", "Malinowski", "Jaworski", "Adamczyk",
    "Dudek", "Nowicki", "Pawlak", "Górski", "Witkowski", "Walczak", "Sikora", "Baran",
    "Rutkowski", "Michalak", "Szewczyk", "Ostrowski", "Tomaszewski", "Pietrzak", "Zalewski",
    "Wróblewski", "Marciniak", "Jasiński", "Zawadzki", "Bąk", "Jakubowski", "Sadowski",
    "Duda", "Włodarczyk", "Wilk", "Chmielewski", "Borkowski", "Sokołowski", "Szczepański",
    "Sawicki", "Lis", "Kucharski", "Kalinowski", "Wysocki", "Mazurek", "Kubiak",
    "Maciejewski", "Czarnecki", "Kołodziej", "Urbański", "Kaźmierczak", "Sobczak",
    "Konieczny", "Głowacki", "Zakrzewski", "Krajewski", "Krupa", "Adamski", "Wasilewski",
    "Sikorski", "Laskowski", "Ziółkowski", "Gajewski", "Szulc", "Makowski", "Baranowski",
    "Przybylski", "Domański", "Nowiński", "Borowski", "Błaszczyk", "Kowalewski", "Pietrzyk",
    "Żak", "Śliwiński", "Łuczak", "Ćwikliński", "Gołębiowski", "Żurawski", "Łęcki",
)

# Transliterated as in Ukrainian passports (clients identified by a document, not PESEL).
UKRAINIAN_FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "F": ("Olena", "Oksana", "Iryna", "Tetiana", "Nataliia", "Yuliia", "Sofiia", "Anastasiia"),
    "M": ("Andrii", "Dmytro", "Oleksandr", "Maksym", "Artem", "Serhii", "Bohdan", "Denys"),
}
UKRAINIAN_SURNAMES: tuple[str, ...] = (
    "Kovalenko", "Shevchenko", "Bondarenko", "Melnyk", "Tkachenko", "Kravchenko",
    "Oliinyk", "Marchenko", "Boiko", "Rudenko",
)

_FEMALE_ENDINGS = (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka"))


def surname_for(surname: str, sex: str) -> str:
    """The surname in the form for ``sex``: "Kowalski" -> "Kowalska"; "Nowak" stays."""
    if sex == "F":
        for male, female in _FEMALE_ENDINGS:
            if surname.endswith(male):
                return surname[: -len(male)] + female
    return surname


def generation(birth_year: int) -> str:
    if birth_year < 1965:
        return "old"
    if birth_year <= 1995:
        return "middle"
    return "young"

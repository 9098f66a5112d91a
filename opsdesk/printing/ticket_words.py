"""The words of a queue ticket in the languages a person may choose at the desk.

A ticket is printed in the person's language, whatever the clerk's screen speaks, so its
few texts are kept here for each language rather than in the screen's catalog. The team's
and the office's names stay as the office writes them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TicketWords:
    your_number: str
    waiting_before: str  # with {n}
    priority: str
    please_wait: str
    title: str  # with {number}


TICKET_WORDS = {
    "pl": TicketWords(
        your_number="Twój numer",
        waiting_before="Osób przed Tobą: {n}",
        priority="Obsługa w pierwszej kolejności",
        please_wait="Prosimy czekać na wyświetlenie numeru na ekranie.",
        title="Numerek {number}",
    ),
    "uk": TicketWords(
        your_number="Ваш номер",
        waiting_before="Осіб перед вами: {n}",
        priority="Обслуговування в першу чергу",
        please_wait="Будь ласка, зачекайте, доки ваш номер з’явиться на екрані.",
        title="Талон {number}",
    ),
    "en": TicketWords(
        your_number="Your number",
        waiting_before="People waiting before you: {n}",
        priority="Served with priority",
        please_wait="Please wait until your number is shown on the screen.",
        title="Ticket {number}",
    ),
}


def ticket_words(language: str) -> TicketWords:
    """The words in ``language``; Polish for a language without its own."""
    return TICKET_WORDS.get(language, TICKET_WORDS["pl"])

"""The words a person reads in the language they chose for their ticket at the desk (Polish,
Ukrainian, English; ``queue.TICKET_LANGUAGES``): on the printed ticket
(``printing.ticket``) and on the waiting-room display when they are called
(``ui.reception.display_words``).

Kept here, one table for both, not in the screen's catalog: the ticket and the call speak
the person's language whatever the clerk's screen speaks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TicketWords:
    # the printed ticket
    your_number: str
    waiting_before: str  # with {n}
    priority: str
    please_wait: str
    title: str  # the PDF's title: with {number}
    # the waiting-room display
    come: str  # the heading over the newest call
    nth_call: str  # a call repeated: with {n}, the how-many-th call it is
    spoken: str  # the spoken call: with {ticket} and {place}


TICKET_WORDS = {
    "pl": TicketWords(
        your_number="Twój numer",
        waiting_before="Osób przed Tobą: {n}",
        priority="Obsługa w pierwszej kolejności",
        please_wait="Prosimy czekać na wyświetlenie numeru na ekranie.",
        title="Numerek {number}",
        come="Zapraszamy",
        nth_call="{n}. wezwanie",
        spoken="Numer {ticket}, zapraszamy: {place}.",
    ),
    "uk": TicketWords(
        your_number="Ваш номер",
        waiting_before="Осіб перед вами: {n}",
        priority="Обслуговування в першу чергу",
        please_wait="Будь ласка, зачекайте, доки ваш номер з’явиться на екрані.",
        title="Талон {number}",
        come="Запрошуємо",
        nth_call="{n}-й виклик",
        spoken="Номер {ticket}, запрошуємо: {place}.",
    ),
    "en": TicketWords(
        your_number="Your number",
        waiting_before="People waiting before you: {n}",
        priority="Served with priority",
        please_wait="Please wait until your number is shown on the screen.",
        title="Ticket {number}",
        come="Please come to",
        nth_call="call {n}",
        spoken="Number {ticket}, please come to {place}.",
    ),
}


def ticket_words(language: str) -> TicketWords:
    """The words in ``language``; Polish for a language without its own."""
    return TICKET_WORDS.get(language, TICKET_WORDS["pl"])

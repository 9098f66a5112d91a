"""The waiting-room display's fixed words in the languages a person may choose for their
ticket at the desk (Polish, Ukrainian, English; ``domain.queue.TICKET_LANGUAGES``).

The display speaks the office's language (the screen's catalog); when the newest call is of
a person who chose another language for their ticket, its heading and its call line also
say it in that language, so the person called understands it is them. Kept here, not in the
screen's catalog, like the ticket's own words (``printing.ticket_words``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DisplayWords:
    come: str  # the heading over the newest call
    nth_call: str  # a call repeated: with {n}, the how-many-th call it is
    spoken: str  # the spoken call: with {ticket} and {place}


DISPLAY_WORDS = {
    "pl": DisplayWords(
        come="Zapraszamy",
        nth_call="{n}. wezwanie",
        spoken="Numer {ticket}, zapraszamy: {place}.",
    ),
    "uk": DisplayWords(
        come="Запрошуємо",
        nth_call="{n}-й виклик",
        spoken="Номер {ticket}, запрошуємо: {place}.",
    ),
    "en": DisplayWords(
        come="Please come to",
        nth_call="call {n}",
        spoken="Number {ticket}, please come to {place}.",
    ),
}


def display_words(language: str) -> DisplayWords:
    """The words in ``language``; Polish for a language without its own."""
    return DISPLAY_WORDS.get(language, DISPLAY_WORDS["pl"])


def heading(screen_heading: str, language: str | None) -> str:
    """The heading over the newest call: the screen's own, and the words of the called
    person's language when that is another ("Zapraszamy · Запрошуємо")."""
    if not language or language not in DISPLAY_WORDS:
        return screen_heading
    own = display_words(language).come
    return screen_heading if own == screen_heading else f"{screen_heading} \u00b7 {own}"


def call_line(place: str, recalls: int, language: str) -> str:
    """Where to go, and for a repeated call the how-many-th call it is, in the called
    person's language ("→ pokój 3 · 3. wezwanie")."""
    line = f"\u2192 {place}"
    if recalls > 0:
        line += " \u00b7 " + display_words(language).nth_call.format(n=recalls + 1)
    return line

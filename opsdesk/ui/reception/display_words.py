"""The waiting-room display's fixed words in the language a person chose for their ticket at
the desk: the heading over a call and its call line (the words themselves are
``domain.ticket_words``, one table with the ticket's).

The display speaks the office's language (the screen's catalog); when the newest call is of
a person who chose another language for their ticket, its heading and its call line also
say it in that language, so the person called understands it is them."""

from __future__ import annotations

from opsdesk.domain.ticket_words import TICKET_WORDS, ticket_words


def heading(screen_heading: str, language: str | None) -> str:
    """The heading over the newest call: the screen's own, and the words of the called
    person's language when that is another ("Zapraszamy · Запрошуємо")."""
    if not language or language not in TICKET_WORDS:
        return screen_heading
    own = ticket_words(language).come
    return screen_heading if own == screen_heading else f"{screen_heading} \u00b7 {own}"


def call_line(place: str, recalls: int, language: str) -> str:
    """Where to go, and for a repeated call the how-many-th call it is, in the called
    person's language ("→ pokój 3 · 3. wezwanie")."""
    line = f"\u2192 {place}"
    if recalls > 0:
        line += " \u00b7 " + ticket_words(language).nth_call.format(n=recalls + 1)
    return line

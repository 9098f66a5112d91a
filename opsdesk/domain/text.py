"""Text rules for searching and sorting Polish names.

- ``fold`` makes search insensitive to case and diacritics: "Łódź" and "LODZ" fold alike.
- ``polish_sort_key`` orders strings by the Polish alphabet
  a ą b c ć d e ę f g h i j k l ł m n ń o ó p q r s ś t u v w x y z ź ż, case-insensitively
  (plain ``sorted()`` would put every "Ł", "Ś", "Ż" after "z").
"""

from __future__ import annotations

import unicodedata

POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_LETTER_WEIGHT = {letter: index for index, letter in enumerate(POLISH_ALPHABET)}

# Letters with a stroke or ligatures that Unicode does not decompose into base + accent.
_NOT_DECOMPOSED = str.maketrans(
    {
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ø": "o",
        "ħ": "h",
        "ı": "i",
        "ŧ": "t",
        "ƀ": "b",
        "ɨ": "i",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)

# Character classes of the sort key, in this order: spaces < punctuation < digits < letters
# of the Latin alphabet < anything else (other scripts, symbols without a Latin reading).
_SPACE, _PUNCTUATION, _DIGIT, _LETTER, _OTHER = range(5)
_CLASS_SPAN = 0x110000


def fold(text: str) -> str:
    """Lower case without diacritics, for comparing search text ("Źrebiec" -> "zrebiec").

    Folding is idempotent: ``fold(fold(s)) == fold(s)``.
    """
    folded = text
    while True:
        step = _fold_once(folded)
        if step == folded:
            return folded
        folded = step


def polish_sort_key(text: str) -> tuple[tuple[int, ...], str, str]:
    """A key for ``sorted()`` that orders strings the Polish way, case-insensitively.

    Primary: the letters by the Polish alphabet (other accented Latin letters sort as their
    base letter, "Müller" as "muller"); spaces before punctuation before digits before letters,
    so "Nowak" < "Nowak-Kowalska" < "Nowakowska". Ties are broken by the lower-case text
    (accents), then by the text itself (case), so the order is always deterministic.
    """
    return tuple(_weights(text)), text.casefold(), text


def _fold_once(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped.translate(_NOT_DECOMPOSED))


def _weights(text: str) -> list[int]:
    weights: list[int] = []
    for char in unicodedata.normalize("NFC", text).casefold():
        if char in _LETTER_WEIGHT:
            weights.append(_LETTER * _CLASS_SPAN + _LETTER_WEIGHT[char])
        else:  # a foreign accented letter sorts as its base letter; a lone accent is ignored
            weights.extend(_weight_of_other(part) for part in fold(char))
    return weights


def _weight_of_other(char: str) -> int:
    if char in _LETTER_WEIGHT:
        return _LETTER * _CLASS_SPAN + _LETTER_WEIGHT[char]
    if char.isspace():
        return _SPACE * _CLASS_SPAN
    if char.isdecimal():
        return _DIGIT * _CLASS_SPAN + unicodedata.decimal(char)
    if unicodedata.category(char)[0] in "PSZ":
        return _PUNCTUATION * _CLASS_SPAN + ord(char)
    return _OTHER * _CLASS_SPAN + ord(char)


def name_key(first_name: str, last_name: str) -> str:
    """Folded "first last", so a search typed first name first finds by an index prefix."""
    return fold(" ".join(p for p in ((first_name or "").strip(), (last_name or "").strip()) if p))


def address_key(street: str, house_number: str, locality: str) -> str:
    """Folded "street number locality" (a village without streets: "locality number"), so a
    search typed street first finds by an index prefix."""
    street, house, town = ((v or "").strip() for v in (street, house_number, locality))
    parts = (street, house, town) if street else (town, house)
    return fold(" ".join(p for p in parts if p))


def is_blank(text: str) -> bool:
    """Whether ``text`` shows nothing: only spaces, control characters and invisible format
    characters (zero-width space and joiners, word joiner, soft hyphen, BOM ...)."""
    return all(unicodedata.category(c)[0] in "ZC" or c == "\u00ad" for c in text)


def is_email(text: str) -> bool:
    """Whether ``text`` looks like an e-mail address: ``name@domain.tld``, no spaces."""
    local, at, domain = text.rpartition("@")
    return bool(
        at
        and local
        and "." in domain
        and not domain.startswith(".")
        and not domain.endswith(".")
        and ".." not in domain
        and not is_blank(local)
        and not any(c.isspace() or unicodedata.category(c)[0] == "C" for c in text)
    )

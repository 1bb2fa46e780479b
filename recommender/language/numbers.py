"""Numbers said in words, written as digits: 'under a hundred and twenty francs' -> 'under 120 francs'.

A shopper who dictates, or who types as they speak, writes "forty", "one point five kilos", "thirty-six
volts" and "twenty fifteen" for the year 2015. The parser reads digits; this pass turns each run of number
words into the digits it says, before any other pass, so every need it reads (budgets, specs, years,
ranges) works the same in both spellings. The words are data (``language.json``, ``spoken_numbers``).

Left as words: a lone "one" ("the lightest one", but not "between one and two"), a lone "a", and any
run that is part of one of the catalog's own values ("Nine West"), which the value matching must still see.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

from recommender import knowledge

_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


@functools.cache
def _words() -> tuple[dict[str, int], dict[str, int], set[str], str, set[str]]:
    """(small numbers 0-99 by word, scales by word, words that join, the decimal point, zeros inside a year)."""
    spoken = knowledge.language()["spoken_numbers"]
    small = {**spoken["units"], **spoken["teens"], **spoken["tens"]}
    return small, spoken["scales"], set(spoken["joiners"]), spoken["point"], set(spoken["year_zero"])


@functools.cache
def _one_after() -> frozenset[str]:
    """Words after which a lone 'one' is a number ('between one and two kilos'), not a pronoun."""
    return frozenset(knowledge.language()["spoken_numbers"]["one_after"])


def number_word_runs(text: str) -> list[tuple[int, int, float, str]]:
    """Each run of number words in ``text``: (start, end, value, the words as written)."""
    small, scales, joiners, point, year_zero = _words()
    tokens = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
    parts = [word.split("-") for _, _, word in tokens]
    runs, i = [], 0
    while i < len(tokens):
        found = _read(tokens, parts, i, text, small, scales, joiners, point, year_zero)
        if found is None:
            i += 1
            continue
        end_index, value = found
        start, end = tokens[i][0], tokens[end_index - 1][1]
        runs.append((start, end, value, text[start:end]))
        i = end_index
    return runs


def spoken_numbers(text: str, keep: Collection[str] = ()) -> str:
    """``text`` with each run of number words written as digits, except runs whose words (lower case)
    are in ``keep``; 'minus' before a number becomes its sign, so the parser sets a negative amount
    aside with a note as it does '-40'."""
    out, last = [], 0
    for start, end, value, said in number_word_runs(text):
        if said.lower() in keep:
            continue
        out += [text[last:start], _digits(value)]
        last = end
    return _negatives().sub("-", "".join([*out, text[last:]]))


def _digits(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.12g}"  # 999999.9, not 1e+06


@functools.cache
def _negatives() -> re.Pattern[str]:
    words = "|".join(map(re.escape, knowledge.language()["spoken_numbers"]["negatives"]))
    return re.compile(rf"\b(?:{words})\s+(?=\d)", re.IGNORECASE)


def _read(tokens, parts, i, text, small, scales, joiners, point, year_zero) -> tuple[int, float] | None:
    """The run of number words starting at token ``i``: (index after it, its value), or None."""

    def word(j: int) -> str | None:
        return tokens[j][2] if j < len(tokens) and _adjacent(tokens, j, text) else None

    year = _year(tokens, parts, i, text, small, year_zero)
    if year is not None:
        return year
    total, current, last, lowest = 0, 0, None, float("inf")  # last: "small" (0-99), "hundred", "scale", "and"
    j, end = i, None
    if tokens[i][2] in ("a", "an"):  # 'a hundred', 'a thousand'
        if word(i + 1) not in scales:
            return None
        current, last, j = 1, "small", i + 1
    while j < len(tokens) and (j == i or _adjacent(tokens, j, text)):
        w, pieces = tokens[j][2], parts[j]
        if len(pieces) == 2 and all(p in small for p in pieces):  # 'thirty-six'
            tens, unit = small[pieces[0]], small[pieces[1]]
            if not _compound(tens, unit) or last == "small":
                break
            current, last = current + tens + unit, "small"
        elif w in small:
            if last == "small" and not _compound(current % 100, small[w]):
                break  # 'five five' is two numbers; 'twenty five' is one
            current, last = current + small[w], "small"
        elif scales.get(w) == 100:
            if last != "small" or current >= 100:
                break
            current, last = current * 100, "hundred"
        elif w in scales:
            if last not in ("small", "hundred") or scales[w] >= lowest:
                break  # 'two thousand three thousand' is two numbers
            total, current, last, lowest = total + current * scales[w], 0, "scale", scales[w]
        elif w in joiners and last in ("hundred", "scale") and _small_follows(tokens, j + 1, text, small, scales):
            last = "and"
            j += 1
            continue
        elif w == point and last in (None, "small") and small.get(word(j + 1) or "", 10) < 10:
            digits, k = "", j + 1
            while small.get(word(k) or "", 10) < 10:
                digits += str(small[word(k)])
                k += 1
            return k, total + current + float("0." + digits)
        else:
            break
        end = j + 1
        j += 1
    if end is None:
        return None
    if (
        end - i == 1
        and tokens[i][2] == "one"
        and not (i and _adjacent(tokens, i, text) and tokens[i - 1][2] in _one_after())
    ):
        return None  # 'the lightest one' is a pronoun; 'between one and two' a number
    return end, total + current


def _compound(tens: int, unit: int) -> bool:
    """'twenty' and 'five' make 25; 'fifteen' and 'five' make no number."""
    return tens >= 20 and tens % 10 == 0 and 0 < unit < 10


def _year(tokens, parts, i, text, small, year_zero) -> tuple[int, float] | None:
    """'twenty fifteen' -> 2015, 'nineteen ninety nine' -> 1999, 'twenty oh five' -> 2005, 'twenty twenty
    three' -> 2023: a century word (19 or 20) and the two digits after it, said as one number."""
    if tokens[i][2] not in small or small[tokens[i][2]] not in (19, 20) or not _adjacent(tokens, i + 1, text):
        return None
    if i + 1 >= len(tokens):
        return None
    century = small[tokens[i][2]]
    nxt = tokens[i + 1][2]
    if nxt in year_zero and _adjacent(tokens, i + 2, text) and i + 2 < len(tokens):
        unit = small.get(tokens[i + 2][2])
        return (i + 3, century * 100 + unit) if unit is not None and 0 < unit < 10 else None
    hyphened = parts[i + 1]
    if len(hyphened) == 2 and all(p in small for p in hyphened):
        tens, unit = small[hyphened[0]], small[hyphened[1]]
        return (i + 2, century * 100 + tens + unit) if tens >= 20 and tens % 10 == 0 and 0 < unit < 10 else None
    v = small.get(nxt)
    if v is None or v < 10:
        return None  # 'twenty five' is 25
    if v >= 20 and v % 10 == 0 and i + 2 < len(tokens) and _adjacent(tokens, i + 2, text):
        unit = small.get(tokens[i + 2][2])
        if unit is not None and 0 < unit < 10:
            return i + 3, century * 100 + v + unit
    return i + 2, century * 100 + v


def _small_follows(tokens, j, text, small, scales) -> bool:
    """After 'and': a number under 100 that no scale word follows ('a hundred and fifty', not 'three
    hundred and eight hundred', which is two numbers)."""
    if j >= len(tokens) or not _adjacent(tokens, j, text) or tokens[j][2].split("-")[0] not in small:
        return False
    k = j + 1
    if k < len(tokens) and _adjacent(tokens, k, text) and tokens[k][2] in small and "-" not in tokens[j][2]:
        k += 1
    return not (k < len(tokens) and _adjacent(tokens, k, text) and tokens[k][2] in scales)


def _adjacent(tokens, j: int, text: str) -> bool:
    """Token ``j`` follows token ``j - 1`` with only spaces between (no comma, no full stop)."""
    if j <= 0 or j >= len(tokens):
        return j == 0
    return text[tokens[j - 1][1] : tokens[j][0]].strip() == ""

"""Reading single cells: missing markers, numbers, quantities with units, money and yes/no.

Every function takes one cell's text and returns ``None`` when the cell is not of that kind, so a
column's parse rate is simply the share of non-missing cells that did not return ``None``. Columns
are parsed through :class:`Cells`, which parses each distinct cell once: catalogs repeat values
heavily, so this is what keeps a million-row catalog fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

import numpy as np
import pandas as pd

from recommender import knowledge

T = TypeVar("T")

#: Cell texts that mean "no value" (compared lower-case, stripped).
MISSING = frozenset(
    {
        "",
        "na",
        "n/a",
        "n.a.",
        "nan",
        "null",
        "none",
        "-",
        "--",
        "—",
        "?",
        "unknown",
        "missing",
        "nil",
        "not available",
        "not specified",
        "not applicable",
        "no data",
        "#n/a",
        "undefined",
    }
)

#: Cells longer than this are prose, never a single number or quantity.
MAX_VALUE_CHARS = 80

_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_NUMBER_RE = re.compile(rf"^{_NUMBER}$")
_QUANTITY_RE = re.compile(
    rf"^(?:up\s*to|upto|approx\.?|approximately|about|around|~|max\.?|min\.?)?\s*({_NUMBER})\s*(.*?)\s*$",
    re.IGNORECASE,
)
#: What may follow a quantity's unit as a qualifier: '190Nm@ 2000rpm', '39.62 cm (15.6 Inch)', '18 kmpl / 22'.
_QUALIFIER = re.compile(r"\s*[@(\[/;,].*$|\s+at\s.*$")
#: A unit named only in a trailing bracket: '12.7@ 2,700(kgm@ rpm)'.
_BRACKET_UNIT = re.compile(r"\(\s*([a-z/]+)")
#: A number written with a decimal comma ('265,0', '1.299,95'), as many European shops export.
_DECIMAL_COMMA = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d+(?![\d.,])|(?<![\d.,])\d+,\d{1,2}(?![\d.,])")
#: One number with spaces between its thousands ('1 295', 'SEK 12 500,00', '459 000 zł'), the whole cell.
_SPACE_GROUPED = re.compile(
    r"^(?P<pre>\D{0,5}?)(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?P<frac>[.,]\d+)?(?P<post>\D{0,8})$"
)
_ONE_DECIMAL_COMMA = re.compile(r"(?<![\d.,])\d+,\d(?![\d.,])")
_DECIMAL_POINT = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.,])")
#: A cell that says a value is absent in words: 'No old price', 'not applicable yet', 'without warranty'.
_ABSENT = re.compile(r"^(?:no|not|without|none)\s+\w", re.IGNORECASE)
_BOOLEANS = {
    "yes": True,
    "no": False,
    "true": True,
    "false": False,
    "y": True,
    "n": False,
    "t": True,
    "f": False,
    "1": True,
    "0": False,
    "1.0": True,
    "0.0": False,
    "available": True,
    "not available": False,
    "supported": True,
    "not supported": False,
    "included": True,
    "not included": False,
    "in stock": True,
    "out of stock": False,
    # ticks and crosses, as shops mark features in a table
    "✓": True,
    "✔": True,
    "✔️": True,
    "☑": True,
    "✅": True,
    "✗": False,
    "✘": False,
    "✕": False,
    "❌": False,
    # circles and crosses, as Japanese and Korean spec tables mark them
    "○": True,
    "◯": True,
    "●": True,
    "×": False,
    "✖": False,
    # other languages' yes and no, for shops that export in theirs
    "ja": True,
    "nein": False,
    "oui": True,
    "non": False,
    "sí": True,
    "si": True,
    "tak": True,
    "nie": False,
    "nej": False,
    "nei": False,
    "sim": True,
    "não": False,
    "nao": False,
    "あり": True,
    "なし": False,
    "有": True,
    "無": False,
    "はい": True,
    "いいえ": False,
}


def clean(text: object) -> str:
    """Cell text with unicode spaces collapsed and the ends stripped."""
    return " ".join(str(text).split())


def is_missing(text: str) -> bool:
    """True for an empty cell or a marker such as ``N/A`` or ``Unknown``."""
    return text.strip().lower() in MISSING


def to_number(text: str) -> float | None:
    """A plain number: ``'1,20,000'`` -> 120000.0, ``'4.5'`` -> 4.5; anything else None."""
    text = text.strip()
    if len(text) > MAX_VALUE_CHARS or not _NUMBER_RE.match(text):
        return None
    return float(text.replace(",", ""))


#: Feet and inches as boats, people and rooms are measured: 10', 8' 3", 5 ft 4 in, 6'2''.
_FEET_INCHES = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*(?:'|′|’|ft\.?|feet|foot)\s*(?:(\d+(?:\.\d+)?)\s*(?:\"|″|”|''|in\.?|inch(?:es)?)?)?\s*$",
    re.IGNORECASE,
)


#: A count of the same thing: '2 x 12 W', '2x8GB', '4 × 100 W'.
_TIMES = re.compile(r"^\s*(\d{1,2})\s*[x×]\s*(\d.*)$", re.IGNORECASE)


def to_quantity(text: str) -> tuple[float, str | None] | None:
    """A number with an optional known unit: ``'1.37kg'`` -> (1.37, 'kg'), ``'15.6"'`` -> (15.6, 'inch'),
    ``8' 3"`` -> (8.25, 'ft').

    The value is returned in the unit written; converting is the column's job.
    """
    if len(text) > MAX_VALUE_CHARS:
        return None
    feet = _FEET_INCHES.match(text)
    if feet:
        return float(feet.group(1)) + float(feet.group(2) or 0) / 12, "ft"
    several = _TIMES.match(text)
    if several:
        each = to_quantity(several.group(2))
        table = knowledge.units()
        if each and each[1] and table.units[each[1]].dimension in table.summed:
            return int(several.group(1)) * each[0], each[1]  # '2 x 12 W' speakers: 24 W in all
        return None
    match = _QUANTITY_RE.match(text)
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    rest = match.group(2).lower().rstrip(".")
    if rest.startswith("-") and rest[1:2].isalpha():
        rest = rest[1:]  # '25-year', '12-inch': the unit joined by a hyphen
    if not rest:
        return value, None
    aliases = knowledge.units().aliases
    symbol = aliases.get(rest) or aliases.get(_QUALIFIER.sub("", rest).strip())
    if symbol is None and _QUALIFIER.match(rest):
        bracket = _BRACKET_UNIT.search(rest)
        symbol = aliases.get(bracket.group(1)) if bracket else None
        return (value, symbol) if symbol or not bracket else None
    return (value, symbol) if symbol else None


_PAIR = re.compile(r"^\s*([A-Za-z][^:|;•]{0,40}?)\s*:\s*(\S.*?)\s*$")
#: How spec lists join their pairs: 'RAM: 8 GB | Storage: 256 GB', '...; ...', '..., Storage: ...'.
_PAIR_JOINS = (re.compile(r"\s*[|;•]\s*"), re.compile(r",\s*(?=[A-Za-z][^,:]{0,40}:)"))


def _spaced_pairs(text: str) -> list[str]:
    """'RAM: 8 GB Storage: 256 GB Screen size: 6.1 in' (line breaks folded into spaces) split before each
    key: the fewest words (up to three) before a colon that begin with a capital ('Storage', 'Screen size')."""
    starts = [0]
    for colon in re.finditer(r":\s", text):
        words = list(re.finditer(r"\S+", text[: colon.start()]))
        key = next((w for w in reversed(words[-3:]) if w.group(0)[0].isupper()), None)
        if key is not None and key.start() > starts[-1]:
            starts.append(key.start())
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def key_value_pairs(text: str) -> dict[str, str] | None:
    """A list of specs in one cell: ``'RAM: 8 GB | Storage: 256 GB'`` -> {'RAM': '8 GB', 'Storage': '256 GB'}.

    None unless the whole cell is two or more such pairs.
    """
    if len(text) > MAX_VALUE_CHARS or ":" not in text:
        return None
    for join in (*_PAIR_JOINS, None):
        parts = [part for part in (join.split(text) if join else _spaced_pairs(text)) if part.strip()]
        if len(parts) < 2:
            continue
        pairs = [_PAIR.match(part) for part in parts]
        if all(pairs):
            return {m.group(1): m.group(2) for m in pairs if m}
    return None


def to_bool(text: str) -> bool | None:
    """``Yes``/``No``, ``True``/``False``, ``1``/``0`` and a few more; anything else None."""
    return _BOOLEANS.get(text.strip().lower())


@cache
def _money_re() -> re.Pattern[str]:
    table = knowledge.currencies()
    cur = "|".join(re.escape(a) for a in sorted(table.aliases, key=len, reverse=True))
    mult = "|".join(re.escape(m) for m in sorted(table.multipliers, key=len, reverse=True))
    return re.compile(
        rf"^(?P<pre>{cur})?\s*(?P<num>{_NUMBER})\s*(?P<mult>{mult})?\.?\s*(?P<post>{cur})?\s*(?:/-)?$",
        re.IGNORECASE,
    )


def to_money(text: str) -> tuple[float, str | None] | None:
    """An amount with an optional currency: ``'Rs. 1,20,000'`` -> (120000.0, 'INR'), ``'$499'`` -> (499.0, 'USD').

    Understands Indian grouping, ``k``/``lakh``/``crore`` multipliers and the ``/-`` suffix.
    """
    if len(text) > MAX_VALUE_CHARS:
        return None
    match = _money_re().match(text.strip())
    if not match:
        return None
    table = knowledge.currencies()
    amount = float(match["num"].replace(",", ""))
    if match["mult"]:
        amount *= table.multipliers[match["mult"].lower()]
    marker = match["pre"] or match["post"]
    return amount, (table.aliases[marker.lower()] if marker else None)


@cache
def _unit_in_text_re() -> re.Pattern[str]:
    aliases = sorted(knowledge.units().aliases, key=len, reverse=True)
    alternation = "|".join(re.escape(a) for a in aliases)
    return re.compile(rf"({_NUMBER})\s*({alternation})(?![a-z])", re.IGNORECASE)


def find_quantities(text: str) -> list[tuple[float, str, int, int]]:
    """Every ``number unit`` inside free text as (value, unit symbol, start, end)."""
    aliases = knowledge.units().aliases
    return [
        (float(m.group(1).replace(",", "")), aliases[m.group(2).lower()], m.start(), m.end())
        for m in _unit_in_text_re().finditer(text)
    ]


def _join_groups(match: re.Match[str]) -> str:
    return match["pre"] + re.sub(r"\s", "", match["num"]) + (match["frac"] or "") + match["post"]


def _comma_to_point(match: re.Match[str]) -> str:
    return match.group(0).replace(".", "").replace(",", ".")


@dataclass(frozen=True)
class Cells:
    """A column as distinct cleaned texts plus one code per row (-1 where the cell is missing).

    Parsers run once per distinct text; :meth:`floats` and :meth:`labels` expand results to rows.
    """

    codes: np.ndarray
    uniques: list[str]

    @classmethod
    def of(cls, column: pd.Series) -> Cells:
        """Factorize a raw column, cleaning texts and treating missing markers as missing."""
        codes, raw = pd.factorize(column, use_na_sentinel=True)
        cleaned = [None if is_missing(t := clean(u)) else t for u in raw]
        recodes, uniques = pd.factorize(pd.Series(cleaned, dtype=object), use_na_sentinel=True)
        lookup = np.append(recodes, -1)  # raw code -1 (NaN) stays -1
        return cls(lookup[codes], [str(u) for u in uniques])

    def with_decimal_point(self) -> Cells:
        """The same cells with decimal commas turned into points ('265,0' -> '265.0') when the column
        writes its numbers that way; else these cells unchanged."""
        numeric = [u for u in self.uniques if any(ch.isdigit() for ch in u)]
        if not numeric or any(_DECIMAL_POINT.search(u) for u in numeric):
            return self
        commas = sum(bool(_DECIMAL_COMMA.search(u)) for u in numeric)
        # one digit after a comma is a decimal however few cells have one ('37,5 cl' beside '75 cl'):
        # groups of thousands have three
        pattern = _DECIMAL_COMMA if commas >= 0.6 * len(numeric) else _ONE_DECIMAL_COMMA
        converted = [pattern.sub(_comma_to_point, u) for u in self.uniques]
        return self if converted == self.uniques else Cells(self.codes, converted)

    def without_digit_spaces(self) -> Cells:
        """The same cells with spaces between groups of thousands removed ('1 295 kr' -> '1295 kr'), as
        Swedish, French and Polish shops write their numbers; only in a cell that is one such number."""
        joined = [_SPACE_GROUPED.sub(_join_groups, u) for u in self.uniques]
        return self if joined == self.uniques else Cells(self.codes, joined)

    def without_absent(self) -> Cells:
        """The same cells with texts that say a value is absent ('No old price') treated as missing."""
        absent = [i for i, u in enumerate(self.uniques) if _ABSENT.match(u)]
        if not absent:
            return self
        lookup = np.arange(len(self.uniques) + 1)
        lookup[absent] = -1
        lookup[-1] = -1
        return Cells(lookup[self.codes], self.uniques)

    @property
    def present(self) -> int:
        """Number of rows with a non-missing cell."""
        return int((self.codes >= 0).sum())

    def counts(self) -> np.ndarray:
        """Rows per distinct text."""
        return np.bincount(self.codes[self.codes >= 0], minlength=len(self.uniques))

    def parse(self, func: Callable[[str], T]) -> list[T]:
        """``func`` applied to every distinct text."""
        return [func(u) for u in self.uniques]

    def share(self, results: list[object]) -> float:
        """Fraction of present rows whose distinct text parsed (result is not None)."""
        if not self.present:
            return 0.0
        ok = np.array([r is not None for r in results], dtype=bool)
        return float(self.counts()[ok].sum() / self.present)

    def floats(self, per_value: list[float | None]) -> np.ndarray:
        """One float per row from one value per distinct text (None and missing -> NaN)."""
        lookup = np.array([np.nan if v is None else v for v in per_value] + [np.nan], dtype=float)
        return lookup[self.codes]

    def labels(self, per_value: list[object]) -> np.ndarray:
        """One object per row from one value per distinct text (missing -> None)."""
        lookup = np.empty(len(per_value) + 1, dtype=object)
        lookup[: len(per_value)] = per_value
        lookup[-1] = None
        return lookup[self.codes]

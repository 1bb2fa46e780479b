"""The shopper-text parser: one turn of free text -> constraints on the active catalog's attributes.

No LLM, no network: a lexicon (``knowledge/language.json``), the unit and currency grammar the catalog
layer already uses, the catalog's own vocabulary (:class:`Vocabulary`) and typo-tolerant matching.
The text is read in passes, from the most specific pattern to the most general; each pass marks the
characters it understood so later passes do not read them twice:

1. commands (start over, undo), anchors ("like the second one") and numbers that are context, not needs
   ("my husband is 190cm tall", the "2)" of a pasted list);
2. removals ("forget the budget", "any brand");
3. yes/no features ("touchscreen", "5G", "without NFC");
4. ordinal scales ("at least an i5", "better than Ryzen 5");
5. ranges, then quantities with units ("16GB+", "under 1.5 kg"), then money ("Rs. 40000", "1.5 lakh");
6. superlatives ("cheapest") and critiques ("cheaper", "more storage");
7. catalog values with synonyms and typos, with negation ("not HP", "non-gaming");
8. soft needs ("for college"), bare numbers, and what is left as text for semantic matching.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from recommender import knowledge
from recommender.catalog import Catalog
from recommender.formatting import amount as format_amount
from recommender.language.constraints import Clarification, Constraint, ParsedTurn, Sort, as_values
from recommender.language.linking import Linker
from recommender.language.numbers import spoken_numbers
from recommender.language.semantic import SemanticMatcher
from recommender.language.vocabulary import Vocabulary, fold, normalize, singular

_NUMBER = r"(?:\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_TOKEN = re.compile(r"[a-z0-9₹$€£]+(?:['.][a-z0-9]+)*|\+")
#: Where a clause ends; "but" in "anything but Apple" is a negation, not a break.
_CLAUSE_BREAK = re.compile(
    r"[,;!?]|\.(?!\d)|\b(?:and|(?<!anything )(?<!everything )(?<!all )but|with|also|plus|while|though)\b"
)
#: Soft needs weigh less than what the shopper said outright.
SOFT_WEIGHT = 0.5
#: A bare budget ("at Rs. 40000") forgives this much overshoot when ranking near misses.
BUDGET_TOLERANCE = 0.1


def _with_analytic_forms(phrases: dict[str, Any], suffix: str, lead: str) -> dict[str, Any]:
    """The phrases and, for each one-word comparative or superlative, its forms with 'more'/'most', as
    shoppers who learnt English as a second language write them: 'cheaper' -> 'more cheap', 'more
    cheaper'; 'heaviest' -> 'most heavy'; 'biggest' -> 'most big'."""
    out = dict(phrases)
    for phrase, meaning in phrases.items():
        if phrase.startswith("_") or " " in phrase or not phrase.endswith(suffix) or len(phrase) <= len(suffix) + 2:
            continue
        stem = phrase[: -len(suffix)]
        stems = {phrase, stem, stem + "e"}  # 'larger' -> 'large'
        if stem[-1] == stem[-2]:
            stems.add(stem[:-1])  # 'bigger' -> 'big'
        if stem.endswith("i"):
            stems.add(stem[:-1] + "y")  # 'heavier' -> 'heavy'
        for form in stems:
            out.setdefault(f"{lead} {form}", meaning)
    return out


def _alt(phrases: list[str] | set[str], *, suffix: bool = False) -> str:
    """A regex alternation of phrases, longest first, bounded by non-word characters. A ``suffix`` may
    follow a digit directly ('8gb', '45k'), so it is only bounded on the right."""
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not ordered:
        return r"(?!x)x"
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    if suffix:
        return rf"(?:{body})(?![a-z0-9/])"

    # a phrase is bounded where it has a word character at that end: '<' may touch the number ('<120cm');
    # phrases that start with a word character share one look-behind (the regex engine stays fast)
    def one(p: str) -> str:
        return re.escape(p).replace(r"\ ", r"\s+") + ("(?![\\w])" if _wordy(p[-1]) else "")

    words = "|".join(one(p) for p in ordered if _wordy(p[0]))
    symbols = "|".join(one(p) for p in ordered if not _wordy(p[0]))
    groups = [g for g in (rf"(?<![\w])(?:{words})" if words else "", symbols) if g]
    return "(?:" + "|".join(groups) + ")"


def _wordy(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _spelled(phrases) -> list[str]:
    """Phrases with every other spelling of their words ('other colors' -> also 'other colours')."""
    variants: dict[str, list[str]] = {}
    for british, american in knowledge.language()["spellings"].items():
        if not british.startswith("_"):
            variants.setdefault(american, []).append(british)
    out = list(phrases)
    for phrase in phrases:
        words = phrase.split()
        for i, word in enumerate(words):
            out += [" ".join([*words[:i], v, *words[i + 1 :]]) for v in variants.get(word, [])]
    return out


@dataclass
class _Scan:
    """The turn's text (lower-cased, offsets kept) with the characters already understood."""

    text: str
    low: str = ""
    used: bytearray = field(default_factory=bytearray)
    tokens: list[tuple[int, int, str]] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)
    mentions: list | None = None  # attribute words, found once per turn

    def __post_init__(self) -> None:
        marks = {"’": "'", "–": "-", "—": "-", "\u2009": " ", "\u00a0": " "}
        self.low = "".join(marks.get(ch, ch) for ch in fold(self.text))  # one character for one: offsets hold
        self.used = bytearray(len(self.low))
        self.tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(self.low)]
        self.breaks = [m.start() for m in _CLAUSE_BREAK.finditer(self.low)]

    def free(self, start: int, end: int) -> bool:
        return not any(self.used[start:end])

    def take(self, start: int, end: int) -> None:
        self.used[start:end] = b"\x01" * (end - start)

    def clause(self, position: int) -> int:
        return bisect.bisect_left(self.breaks, position)

    def finditer(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """Matches of ``pattern`` that touch no character already understood."""
        return [m for m in pattern.finditer(self.low) if self.free(m.start(), m.end())]

    def word_after(self, position: int) -> str | None:
        """The token right after ``position`` (a space or hyphen between), in the same clause, if any."""
        index = bisect.bisect_left([s for s, _, _ in self.tokens], position)
        if index == len(self.tokens):
            return None
        start, _, token = self.tokens[index]
        if self.low[position:start].strip(" -") or self.clause(start) != self.clause(position):
            return None
        return token

    def words_before(self, position: int, limit: int) -> list[str]:
        """Up to ``limit`` tokens before ``position`` in the same clause, nearest last."""
        clause = self.clause(position)
        starts = [s for s, _, _ in self.tokens]
        index = bisect.bisect_left(starts, position)
        words = [t for s, e, t in self.tokens[max(0, index - limit) : index] if self.clause(s) == clause]
        return words[-limit:]


@dataclass(frozen=True)
class _Amount:
    """One amount as written: '40k' -> 40000 with multiplier 1000; '8 gb' -> 8 GB; '$500' -> 500 USD."""

    value: float
    unit: str | None
    currency: str | None
    multiplier: float

    @property
    def money(self) -> bool:
        return self.currency is not None or self.multiplier != 1


class Parser:
    """Parses shopper turns against one catalog. Build once per catalog; :meth:`parse` is fast.

    With a :class:`SemanticMatcher`, a turn the lexicon understood nothing of is matched by meaning.
    """

    def __init__(
        self, catalog: Catalog, vocabulary: Vocabulary | None = None, semantic: SemanticMatcher | None = None
    ) -> None:
        self.catalog = catalog
        self.vocab = vocabulary or Vocabulary(catalog)
        self.semantic = semantic
        self.lang = knowledge.language()
        #: Characters of a turn that are read; the rest is cut with a note (a pasted 10 MB costs nothing).
        self.max_chars = int(self.lang["max_turn_chars"])
        self.linker = Linker(catalog, self.vocab)
        self._compile()
        self.vocab.values("")  # build the catalog's vocabulary now, not on the shopper's first turn
        self.vocab.fuzzy("warm")

    # ---- patterns -----------------------------------------------------------------------------------
    def _compile(self) -> None:
        lang, cur = self.lang, knowledge.currencies()
        units = knowledge.units()
        measured = {p.dimension for p in self.linker.profiles}
        money_aliases = set(cur.aliases)
        # 'pounds' is money in a shop priced in pounds and a weight anywhere else
        shared = {a for a in money_aliases & set(units.aliases) if a.isalpha()}
        priced_in_pounds = self.catalog.schema.currency == "GBP"
        if not priced_in_pounds:
            money_aliases -= shared
        unit_aliases = {
            a
            for a, symbol in units.aliases.items()
            if a not in ("in", "''")
            and (a not in units.word_aliases or units.units[symbol].dimension in measured)
            and not (priced_in_pounds and a in shared)
        }
        self._units_re = _alt(unit_aliases, suffix=True) + "|in(?![\\w])(?!\\s*\\d)"
        self._cmp = {op: list(words) for op, words in lang["comparators"].items()}
        cmp_all = [w for op, words in self._cmp.items() if op != "budget" for w in words]
        after_all = [w for words in lang["after_comparators"].values() for w in words]
        money_words = money_aliases | {"/-"}
        symbols = [a for a in money_words if not a[0].isalpha()]
        words = [a for a in money_words if a[0].isalpha()]
        symbols_re = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
        self._cur_re = symbols_re + "|" + _alt(words)
        self._post_cur_re = symbols_re + "|" + _alt(words, suffix=True)
        mult = _alt([*cur.multipliers, "l", "lacs", "k"], suffix=True)
        self._number_words = {normalize(k): float(v) for k, v in lang["number_words"].items() if not k.startswith("_")}
        # 'half a kilo', 'two lakh': a number word counts only when a unit or multiplier of two letters or
        # more follows it as a word ('a k' or 'one l' are no amounts; a letter abbreviates only after digits)
        number = rf"(?:{_NUMBER}|{_alt(list(self._number_words))}(?=\s+(?=\w\w)(?:{mult}|{self._units_re})\b))"
        self._one_amount_re = re.compile(
            rf"\s*(?:(?P<pre>{self._cur_re})\s*)?(?P<num>{number})\s*(?P<mult>{mult})?"
            rf"\s*(?:(?P<unit>{self._units_re})|(?P<post>{self._post_cur_re}))?\s*"
        )
        amount = (
            # a number inside a word ('i5', 'rtx4060') is no amount, unless a currency is glued to it ('rs40000')
            rf"(?:(?P<pre>{self._cur_re})\s*|(?<![a-z0-9.]))(?P<num>{number})\s*(?P<mult>{mult})?\s*"
            rf"(?:(?P<unit>{self._units_re})|(?P<post>{self._post_cur_re}))?"
        )
        # 'under 50k', 'budget 50k', 'for around 60 quid', 'nothing older than a 2023 model'
        cmp = (
            rf"(?:(?P<budget>{_alt(self._cmp['budget'])})\s*(?:of\s+)?)?"
            rf"(?:(?P<cmp>{_alt(cmp_all)})\s*(?:(?:an?|the)\s+(?=\d))?)?"
        )
        # "30k and above" reads 'and above' as a bound only when no number follows ("and above 50k")
        after = rf"(?:\s*(?P<after>{_alt(after_all)}|\+)(?!\s*(?:{self._cur_re})?\s*\d))?"
        unit_after = rf"(?:\s*(?P<unit2>{self._units_re}))?"  # '25+ kmpl'
        self._amount_re = re.compile(cmp + amount + after + unit_after)
        self._cmp_before_re = re.compile(rf"(?<![\w])(?P<c>{_alt(cmp_all)})\s+$")
        self._cmp_before_value_re = re.compile(rf"(?<![\w])(?P<c>{_alt(cmp_all)})\s+(?:(?:an?|the|size)\s+)?$")
        self._after_re = re.compile(rf"\s*(?P<after>{_alt(after_all)})(?!\s*(?:{self._cur_re})?\s*\d)")
        self._cmp_sets = {op: {normalize(w) for w in words} for op, words in self._cmp.items()}
        self._after_sets = {op: {normalize(w) for w in words} for op, words in lang["after_comparators"].items()}
        self._after_sets[">="].add("+")
        range_amount = rf"(?:{self._cur_re})?\s*{_NUMBER}\s*(?:{mult})?\s*(?:{self._units_re}|{self._post_cur_re})?"
        self._range_re = re.compile(
            rf"(?:between|from)\s+(?P<a>{range_amount})\s*(?:and|to|-|&)\s*(?P<b>{range_amount})"
            rf"|(?P<c>{range_amount})\s*(?:-|to)\s*(?P<d>{range_amount})"
        )
        self._attr_words = {concept: re.compile(_alt(words)) for concept, words in lang["attribute_words"].items()}
        # what names an attribute in this catalog: concepts it holds first, then its own headers, then the rest
        mentions = self.vocab.mention_words
        held = [k for k in mentions if not k.startswith("@") and self.vocab.attributes(k)]
        order = (
            held
            + [k for k in mentions if k.startswith("@")]
            + [k for k in mentions if k not in held and not k.startswith("@")]
        )
        # one pattern for every phrase (a turn is scanned once, however many columns the catalog has)
        self._mention_keys: dict[str, list[str]] = {}
        for key in order:
            for phrase in mentions[key]:
                self._mention_keys.setdefault(normalize(phrase), []).append(key)
        self._mention_re = re.compile(_alt(_spelled(list(self._mention_keys))))
        self._comparator_concepts = {k: v for k, v in lang["comparator_concepts"].items() if not k.startswith("_")}
        self._year_before = {normalize(w) for w in lang["year_before_comparators"]["words"]}
        self._year_after = {w if w == "+" else normalize(w) for w in lang["year_after_comparators"]}
        flips = lang["negation_flips"]
        self._flip_words = {normalize(w) for w in flips["words"]}
        self._class_counts = {normalize(w) for w in lang["class_counts"]["words"]}
        self._flip_fillers = set(flips["fillers"])
        # words that steer a sentence; as a mere word of a longer value ('First Owner') they name nothing
        steering = [*lang["ordinals"], *lang["intensifiers"], *lang["replace_cues"], *lang["extend_cues"]]
        for key in ("comparators", "after_comparators", "superlatives", "critiques", "ordinal_cues"):
            steering += [p for words in lang[key].values() if isinstance(words, list) for p in words]
            steering += [p for p in lang[key] if not p.startswith("_")]
        sorting = lang["sort_phrases"]
        steering += [*sorting["cues"], *sorting["desc"], *sorting["asc"]]
        self._function_words = {w for p in steering if isinstance(p, str) for w in normalize(p).split()}
        self._sort_cue_re = re.compile(rf"\b(?:{_alt(sorting['cues'])})\s+(?:the\s+)?")
        self._sort_order_re = re.compile(rf"(?P<desc>{_alt(sorting['desc'])})|(?P<asc>{_alt(sorting['asc'])})")
        self._sort_default = dict(sorting["default"])
        self._intensifiers = tuple(lang["intensifiers"])
        self._everyday_prefixes = set(lang["everyday_prefixes"]["words"])
        self._comparative_order = {w: op for op in (">", "<") for w in lang["comparative_words"][op]}
        self._reset_re = re.compile(_alt(lang["resets"]))
        people = lang["about_people"]
        person = rf"(?:{_alt(people['possessives'])})\s+(?:{_alt(people['people'])})(?:\s*(?:{_alt(people['verbs'])}))"
        quantity = r"\d+(?:[.,]\d+)?(?:\s*(?!(?:and|or|to)\b)[a-z]{1,6}\b)?(?:\s+(?:tall|old))?"
        self._about_people_re = re.compile(
            rf"\b(?:{_alt(people['pronouns'])}|{person})\s+(?:(?:{_alt(people['hedges'])})\s+)?"
            rf"{quantity}(?:\s*(?:and|or|&|,|-|to)\s*{quantity})*"
        )
        self._undo_re = re.compile(_alt(lang["undo"]))
        bool_words = [p for need, spec in lang["booleans"].items() if not need.startswith("_") for p in spec["phrases"]]
        attr_alt = _alt([w for words in mentions.values() for w in words] + bool_words)
        indifferent = lang["indifference_cues"]["words"]
        verbs, anys = _alt([*lang["removal_verbs"], *indifferent]), _alt(lang["removal_any"])
        self._indifference_words = {normalize(w) for w in indifferent}
        anys_after = _alt([w for w in lang["removal_any"] if w != "no"])  # '5g no nfc' drops nothing
        self._removal_res = [
            re.compile(rf"(?:{verbs})\s+(?:about\s+)?(?:the\s+|my\s+|a\s+|any\s+)?(?P<w>{attr_alt})"),
            re.compile(rf"(?:{anys})\s+(?P<w>{attr_alt})"),
            # 'brand doesn't matter', 'price no object'; but 'weighs no more than 10 kg' is a bound
            re.compile(
                rf"(?P<w>{attr_alt})\s+(?:is\s+)?(?:{anys_after}|doesn't\s+matter|does\s+not\s+matter)"
                rf"(?!\s*(?:{_alt(cmp_all)}))"
            ),
        ]
        ordinals = "|".join(re.escape(k) for k in lang["ordinals"] if lang["ordinals"][k] is not None)
        self._anchor_re = re.compile(
            rf"(?:{_alt(lang['anchor_phrases'])})\s*(?:the\s+)?(?P<ord>{ordinals})\b(?:\s+(?:one|option|result|item))?"
            rf"|(?:{_alt(lang['anchor_phrases'])})\s*(?:#|number\s*|no\.?\s*)(?P<num>\d)"
        )
        self._superlatives = _with_analytic_forms(lang["superlatives"], "est", "most")
        self._critiques = _with_analytic_forms(lang["critiques"], "er", "more")
        for adjective, attribute in self.vocab.quality_adjectives.items():  # 'most firm', 'thickest', 'firmer'
            key = "@" + attribute
            for phrase, order in (
                (f"most {adjective}", "desc"),
                (f"{adjective}est", "desc"),
                (f"least {adjective}", "asc"),
            ):
                self._superlatives.setdefault(phrase, [key, order])
            for phrase, direction in ((f"more {adjective}", ">"), (f"{adjective}er", ">"), (f"less {adjective}", "<")):
                self._critiques.setdefault(phrase, [key, direction])
        self._superlative_re = re.compile(_alt(self._superlatives))
        self._decade_words = {k: int(v) for k, v in lang["decades"].items() if not k.startswith("_")}
        self._decade_re = re.compile(
            rf"\b(?P<full>(?:19|20)\d0)'?s\b|\bthe\s+(?:'?(?P<short>\d0)'?s\b|(?P<word>{_alt(list(self._decade_words))}))"
        )
        self._superlative_order = {w: order for order in ("desc", "asc") for w in lang["superlative_words"][order]}
        self._critique_re = re.compile(rf"(?:(?P<much>{_alt(lang['intensifiers'])})\s+)?(?P<c>{_alt(self._critiques)})")
        self._negation_words = {normalize(n) for n in lang["negations"]}
        self._negation_tail_re = re.compile(rf"(?<![\w])(?:{_alt(lang['negations'])})\s+(?:(?:an?|the|any)\s+)?$")
        self._extend_re = re.compile(_alt(lang["extend_cues"]))
        tiers = [k for k, v in lang["synonyms"].items() if not k.startswith("_") and self.vocab.cpu_level(v[0])]
        cues = lang["ordinal_cues"]
        before = _alt([w for op in cues for w in cues[op]])
        self._ordinal_re = re.compile(
            rf"(?P<cue>{before})\s+(?:an?\s+)?(?P<tier>{_alt(tiers)})(?:\s+(?:processor|cpu|chip))?"
            rf"|(?P<tier2>{_alt(tiers)})\s+(?P<cue2>{before})"
        )
        # words that steer a turn ("instead", "also", "much") but say nothing about the product
        self._cue_words = {
            w for key in ("replace_cues", "extend_cues", "intensifiers") for p in lang[key] for w in p.split()
        }
        self._ordinal_ops = {normalize(w): op for op, words in cues.items() for w in words}
        needs = [(phrase, need) for need in lang["soft_needs"] for phrase in need["phrases"]]
        self._needs = {normalize(p): n for p, n in needs}
        self._needs_re = re.compile(_alt([p for p, _ in needs]))
        self._bool_phrases = {
            normalize(p): need
            for need, spec in lang["booleans"].items()
            if not need.startswith("_")
            for p in spec["phrases"]
        }
        self._bool_phrases.update(
            {p: need for p, need in self.vocab.boolean_phrases().items() if p not in self._bool_phrases}
        )
        self._bool_re = re.compile(_alt(_spelled(self._bool_phrases)))

    # ---- entry point --------------------------------------------------------------------------------
    def parse(self, text: str, turn: int = 1) -> ParsedTurn:
        """Read one shopper turn. Never raises on any text; over-long text is cut with a note."""
        notes = []
        if len(text) > self.max_chars:
            notes.append(f"Your message has {len(text):,} characters; only the first {self.max_chars:,} were read.")
            text = self.read_part(text)  # every later step, the dialogue state and the event log see only this
        result = ParsedTurn(text=text, turn=turn, notes=notes)
        scan = _Scan(spoken_numbers(text, keep=self.vocab.spoken_number_values))  # 'forty' is read as 40
        self._commands(scan, result)
        self._unreadable_numbers(scan, result)
        self._removals(scan, result)
        self._booleans(scan, result)
        self._ordinals(scan, result)
        self._decades(scan, result)
        self._ranges(scan, result)
        self._amounts(scan, result)
        self._sorts_and_critiques(scan, result)
        self._values(scan, result)
        self._soft_needs(scan, result)
        self._bare_numbers(scan, result)
        self._leftovers(scan, result)
        self._by_meaning(result)
        self._check_contradictions(result)
        return result

    def read_part(self, text: str) -> str:
        """The part of a turn that is read: the first ``max_chars`` characters, ending at a word boundary
        when there is one near the end."""
        if len(text) <= self.max_chars:
            return text
        cut = text[: self.max_chars]
        space = cut.rfind(" ", self.max_chars - 40)
        return cut[:space] if space > 0 and not text[self.max_chars].isspace() else cut

    # ---- passes -------------------------------------------------------------------------------------
    def _constraint(self, scan: _Scan, start: int, end: int, result: ParsedTurn, **fields) -> Constraint:
        source = scan.text[start:end].strip()
        return Constraint(source=source, turn=result.turn, **fields)

    def _unreadable_numbers(self, scan: _Scan, result: ParsedTurn) -> None:
        """Numbers that cannot be a need are set aside with a note, never misread: a minus sign before a
        number ('under -5 rupees', 'RAM -8GB': amounts and sizes are never negative; a dash between words
        and numbers, 'RAM-8GB' or '8-16GB', is no minus) and numbers too long to be a quantity."""
        for m in scan.finditer(_UNREADABLE_NUMBER):
            if not scan.free(m.start(), m.end()):
                continue
            if m.group("minus") and _AFTER_AMOUNT.search(scan.text, 0, m.start()):
                continue  # '40k -60k', 'i5 -8th gen': a dash after a number joins a range or a name
            said = scan.text[m.start() : m.end()].strip()
            shown = said if len(said) <= 24 else said[:20] + "…"
            if m.group("minus"):
                result.notes.append(f"Left out '{shown}': amounts and sizes cannot be negative.")
            else:
                result.notes.append(f"Left out '{shown}': the number is too long to be a price or a size.")
            scan.take(m.start(), m.end())

    def _commands(self, scan: _Scan, result: ParsedTurn) -> None:
        for m in scan.finditer(_ENUMERATOR):
            scan.take(m.start(), m.end())  # '2) seats 1' in a pasted list: the 2 numbers the line
        for m in scan.finditer(self._about_people_re):
            scan.take(m.start(), m.end())  # 'my husband is 190cm tall': context about people, not a need
        for m in scan.finditer(self._reset_re):
            result.reset = True
            scan.take(m.start(), m.end())
        for m in scan.finditer(self._undo_re):
            result.undo = True
            scan.take(m.start(), m.end())
        for m in scan.finditer(self._anchor_re):
            if m.group("ord"):
                result.anchor = self.lang["ordinals"][m.group("ord")]
            else:
                result.anchor = int(m.group("num"))
            scan.take(m.start(), m.end())
        result.extend = bool(self._extend_re.search(scan.low))

    def _concept_of_word(self, word: str) -> str | None:
        for concept in self._mention_keys.get(normalize(word), []):
            if self.vocab.attributes(concept):
                return concept
        return None

    def _attributes_of_concept(self, concept: str) -> list[str]:
        """Every attribute a removal of ``concept`` clears ('storage' -> ssd, hdd, total...)."""
        found = []
        groups = {
            "storage": ["storage", "ssd", "hdd", "flash_storage", "hybrid_storage", "storage_total"],
            "cpu": ["cpu_level", "cpu_tier", "cpu_brand", "cpu_family", "cpu_generation", "cpu_clock"],
            "gpu": ["gpu_class", "gpu_brand", "gpu_memory"],
            "battery": ["battery", "battery_life"],
        }
        for member in groups.get(concept, [concept]):
            attribute = self.vocab.attribute(member)
            if attribute and attribute not in found:
                found.append(attribute)
        return found

    def _removals(self, scan: _Scan, result: ParsedTurn) -> None:
        for pattern in self._removal_res:
            for m in scan.finditer(pattern):
                word = normalize(m.group("w"))
                if word in self._bool_phrases and pattern is self._removal_res[1]:
                    continue  # "any noise cancelling earbuds?" asks for them
                if word in self._bool_phrases:  # "remove the touchscreen requirement", "don't care about NFC"
                    attribute = self.vocab.booleans.get(self._bool_phrases[word])
                    attributes = [attribute] if attribute and not m.group(0).startswith("no ") else []
                else:
                    concept = self._concept_of_word(word)
                    if concept is None or (m.group(0).startswith("no ") and concept not in ("price", "brand")):
                        continue  # "no touchscreen" is a need, "no budget" drops one
                    attributes = self._attributes_of_concept(concept)
                if attributes:
                    result.removals.extend(a for a in attributes if a not in result.removals)
                    scan.take(m.start(), m.end())

    def _negated(self, scan: _Scan, start: int) -> bool:
        """Whether a negation stands just before ``start`` ("not HP", "no Acer", "other than Dell",
        "non-gaming"), with at most filler words ("a", "any", "from") between them."""
        if _NON_PREFIX.search(scan.low, max(0, start - 5), start):
            return True
        if self._negation_tail_re.search(scan.low, max(0, start - 30), start):
            return True  # 'nothing with polyester': right before the value, even across a clause word
        return _preceded_by(scan, start, self._negation_words)

    def _indifferent(self, scan: _Scan, start: int) -> bool:
        """Whether an indifference cue ('doesn't have to be', 'don't need') stands just before ``start``."""
        return _preceded_by(scan, start, self._indifference_words)

    def _booleans(self, scan: _Scan, result: ParsedTurn) -> None:
        for m in scan.finditer(self._bool_re):
            need = self._bool_phrases[normalize(m.group(0))]
            attribute = self.vocab.booleans.get(need)
            if attribute is None:
                continue
            value = not self._negated(scan, m.start())
            result.constraints.append(
                self._constraint(scan, m.start(), m.end(), result, attribute=attribute, op="==", value=value)
            )
            scan.take(m.start(), m.end())

    def _ordinals(self, scan: _Scan, result: ParsedTurn) -> None:
        attribute = self.vocab.attribute("cpu_level")
        if attribute is None:
            return
        for m in scan.finditer(self._ordinal_re):
            tier_word = m.group("tier") or m.group("tier2")
            cue = normalize(m.group("cue") or m.group("cue2"))
            tier = self.lang["synonyms"][normalize(tier_word)][0]
            level = self.vocab.cpu_level(tier)
            if level is None:
                continue
            op = self._ordinal_ops[cue]
            result.constraints.append(
                self._constraint(
                    scan,
                    m.start(),
                    m.end(),
                    result,
                    attribute=attribute,
                    op=op,
                    value=level,
                    note=f"CPU level {op} {level:g} ({tier} class)",
                )
            )
            scan.take(m.start(), m.end())

    # -- numbers ---------------------------------------------------------------------------------------
    def _read_amount(self, text: str) -> _Amount | None:
        """One amount such as '40k', '1.5 lakh', '8 gb', '$500' (None if ``text`` is not one)."""
        m = self._one_amount_re.fullmatch(text)
        return self._amount_parts(m) if m else None

    def _amount_parts(self, m: re.Match[str]) -> _Amount:
        cur = knowledge.currencies()
        word = (m.group("mult") or "").lower()
        multiplier = cur.multipliers.get(word, 100_000 if word in ("l", "lacs") else 1.0)
        marker = (m.group("pre") or m.group("post") or "").strip().lower()
        currency = cur.resolve(marker, self.catalog.schema.currency) if marker else None
        currency = currency or ("INR" if marker == "/-" else None)
        written = m.group("unit") or (m.groupdict().get("unit2") if not m.group("unit") else None)
        unit = knowledge.units().aliases.get(written.lower()) if written else None
        # '2 m wide' where lengths are measured is metres, not millions; '1.5 l' where volumes are measured
        # is litres, except in a shop priced in rupees, where '5 l' is 5 lakh
        litres = word == "l" and self.catalog.schema.currency != "INR"
        if (word == "m" or litres) and not currency and self._measured_alias(word):
            word, unit, multiplier = "", knowledge.units().aliases[word], 1.0
        if currency is None and word in ("lakh", "lakhs", "lac", "lacs", "l", "crore", "crores", "cr"):
            currency = "INR"  # lakh and crore are Indian amounts
        number = normalize(m.group("num"))
        value = self._number_words.get(number) or float(number.replace(",", ""))
        return _Amount(value * multiplier, unit, currency, multiplier)

    def _measured_alias(self, alias: str) -> bool:
        """Whether a unit alias that is also a word ('m', 'hp') is a unit in this catalog."""
        symbol = knowledge.units().aliases.get(alias)
        return symbol is not None and knowledge.units().units[symbol].dimension in {
            p.dimension for p in self.linker.profiles
        }

    def _nearby_concept(
        self, scan: _Scan, start: int, end: int, bare: bool = False
    ) -> tuple[str | None, tuple[int, int] | None]:
        """The attribute word nearest to a quantity in its clause (after it first), e.g. '8GB RAM'. For a
        ``bare`` number (no unit) a word that is itself followed by a number names that one instead."""
        clause = scan.clause(start)
        best: tuple[int, str, tuple[int, int]] | None = None
        keyed: tuple[str, tuple[int, int]] | None = None  # a word right after that also precedes a number
        for concept, m in self._attribute_mentions(scan):
            if not scan.free(m.start(), m.end()) or scan.clause(m.start()) != clause:
                continue
            if m.start() >= end:
                between = scan.low[end : m.start()]
                if any(ch.isdigit() for ch in between):
                    continue  # '8gb 512gb ssd': 'ssd' names the nearer one
                if bare and _NUMBER_AHEAD.match(scan.low, m.end()):
                    if not _TOKEN.findall(between):
                        keyed = keyed or (concept, (m.start(), m.end()))
                    continue  # 'ram 16 ssd 512': 'ssd' names the number after it, 'ram' this one
                distance = 2 * len(_TOKEN.findall(between))  # after the number: '8 GB RAM'
            elif m.end() <= start:
                between = scan.low[m.end() : start]
                if any(ch.isdigit() for ch in between):
                    continue
                distance = 2 * len(_TOKEN.findall(between)) + 1  # before it: 'RAM 8GB'
            else:
                continue
            gap = distance // 2
            length = m.end() - m.start()  # at the same distance the longer phrase names it: 'macro focus range'
            if gap <= 3 and (best is None or (distance, -length) < (best[0], best[2][0] - best[2][1])):
                best = (distance, concept, (m.start(), m.end()))
        if best is None and keyed is not None:
            return keyed  # '7 seater 2016+': nothing before the 7 names it, so the word right after does
        return (best[1], best[2]) if best else (None, None)

    def _attribute_mentions(self, scan: _Scan) -> list[tuple[str, re.Match[str]]]:
        """Every attribute word in the turn ('ram', 'hdd', 'battery'), found once per turn."""
        if scan.mentions is None:
            scan.mentions = [
                (key, m)
                for m in self._mention_re.finditer(scan.low)
                for key in self._mention_keys.get(normalize(m.group(0)), ())
            ]
        return scan.mentions

    def _op_for(self, cmp: str | None, after: str | None, attribute: str) -> tuple[str, float]:
        """(operator, tolerance) from the comparator words before and after an amount."""
        cmp, after = normalize(cmp or ""), normalize(after or "")
        for op in ("<=", ">=", "<", ">", "==", "around"):
            if cmp in self._cmp_sets[op]:
                return op, (BUDGET_TOLERANCE if op == "around" else 0.0)
        for op, words in self._after_sets.items():
            if after in words:
                return op, 0.0
        direction = self.lang["default_direction"]
        concept = "price" if attribute and attribute == self.catalog.schema.price_column else None
        if concept is None and attribute:
            concept = self.catalog.schema.column(attribute).concept
        op = direction.get(concept or "_", direction["_"])
        return op, (BUDGET_TOLERANCE if concept == "price" else 0.0)

    def _price_constraint(
        self, scan: _Scan, start: int, end: int, result: ParsedTurn, op: str, value, currency: str | None, **extra
    ) -> Constraint | None:
        """A price need in the shopper's currency, mapped to the catalog's price column and currency."""
        schema = self.catalog.schema
        if schema.price_column is None:
            result.notes.append("This catalog has no prices, so the budget cannot be checked.")
            return None
        attribute, unit, note = schema.price_column, schema.currency, None
        if currency and currency != schema.currency:
            if currency in schema.alternate_prices:
                attribute, unit = schema.alternate_prices[currency], currency
            else:
                table = knowledge.currencies()
                values = as_values(value)
                converted = tuple(round(table.convert(v, currency, schema.currency), 2) for v in values)
                rate = table.convert(1, currency, schema.currency)
                stronger, weaker, per_unit = (
                    (currency, schema.currency, rate) if rate >= 1 else (schema.currency, currency, 1 / rate)
                )
                note = (
                    f"{format_amount(values[0], currency)} ≈ {format_amount(converted[0], schema.currency)} at "
                    f"{format_amount(1, stronger)} = {format_amount(per_unit, weaker)} "
                    f"(reference rate of {table.rates_as_of})"
                )
                value = converted if isinstance(value, tuple) else converted[0]
        return self._constraint(
            scan, start, end, result, attribute=attribute, op=op, value=value, unit=unit, note=note, **extra
        )

    def _decades(self, scan: _Scan, result: ParsedTurn) -> None:
        """'from the nineties', 'the 80s', 'the 1990s': the year attribute between the decade's first and
        last year. Only after 'the' (or written in full), so 'a man in his 30s' names no decade."""
        years = self.vocab.attributes("year")
        if not years:
            return
        for m in scan.finditer(self._decade_re):
            if m["full"]:
                first = int(m["full"])
            else:
                tens = int(m["short"]) if m["short"] else self._decade_words[m["word"]]
                now = datetime.date.today().year
                first = 2000 + tens if 2000 + tens <= now else 1900 + tens
            attribute = years[0]
            result.constraints.append(
                self._constraint(
                    scan, m.start(), m.end(), result, attribute=attribute, op="between", value=(first, first + 9)
                )
            )
            scan.take(m.start(), m.end())

    def _ranges(self, scan: _Scan, result: ParsedTurn) -> None:
        for m in scan.finditer(self._range_re):
            left, right = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
            a, b = self._read_amount(left), self._read_amount(right)
            if a is None or b is None:
                continue
            if b.multiplier != 1 and a.multiplier == 1 and a.value * b.multiplier <= b.value * 10:
                a = _Amount(a.value * b.multiplier, a.unit, a.currency, b.multiplier)  # "40-50k": k applies to both
            unit, currency = a.unit or b.unit, a.currency or b.currency
            money = a.money or b.money or (unit is None and min(a.value, b.value) >= 1000)
            concept, word_span = (None, None) if money else self._nearby_concept(scan, m.start(), m.end(), bare=True)
            if not money and unit is None and concept is None:
                continue  # "2-3" alone is not a range of anything we know; "firmness between 4 and 6" is
            low, high = a.value, b.value
            if low > high:
                low, high = high, low
                result.notes.append(f"Read '{m.group(0).strip()}' as {low:g} to {high:g}.")
            constraint = None
            if money:
                constraint = self._price_constraint(scan, m.start(), m.end(), result, "between", (low, high), currency)
            else:
                if unit:
                    concept, word_span = self._nearby_concept(scan, m.start(), m.end())
                attribute = self.linker.attribute_for(high, unit, concept, self._taken(result))
                if attribute:
                    target = self.vocab.unit(attribute)
                    conv = knowledge.units().convert
                    values = (
                        (round(conv(low, unit, target), 6), round(conv(high, unit, target), 6)) if unit else (low, high)
                    )
                    constraint = self._constraint(
                        scan, m.start(), m.end(), result, attribute=attribute, op="between", value=values, unit=target
                    )
                    if word_span:
                        scan.take(*word_span)
            if constraint:
                result.constraints.append(constraint)
                scan.take(m.start(), m.end())

    def _amounts(self, scan: _Scan, result: ParsedTurn) -> None:
        for m in scan.finditer(self._amount_re):
            amount = self._amount_parts(m)
            concept, word_span = self._nearby_concept(scan, m.start(), m.end(), bare=amount.unit is None)
            cue_concept = self._cue_concept(m, amount)
            if concept is None and cue_concept:
                concept = cue_concept  # "2017 or newer" bounds a year, "wider than 2 m" a width
            if amount.unit is not None and not (m.group("pre") or m.group("post")):
                attribute = self.linker.attribute_for(amount.value, amount.unit, concept, self._taken(result))
                if concept and attribute and not self._names(concept, attribute):
                    word_span = None  # the word nearby names another attribute; it stays for its own number
                if attribute is None:
                    result.notes.append(
                        f"This catalog has nothing measured in {amount.unit} for '{m.group(0).strip()}'."
                    )
                    scan.take(m.start(), m.end())
                else:
                    self._measure(
                        scan, result, m, self.vocab.convert(amount.value, amount.unit, attribute), attribute, word_span
                    )
                continue
            price_word = concept is not None and self.vocab.attributes(concept) == self.vocab.attributes("price")
            if not amount.money and not price_word:
                # a number without unit next to an attribute word is in that attribute's unit ("ram of at least 16")
                keys = [(concept, word_span), (cue_concept, None)]
                attribute, span = next(
                    (
                        (a, s)
                        for k, s in keys
                        if k
                        for a in [self.linker.attribute_for(amount.value, None, k, self._taken(result))]
                        if a
                    ),
                    (None, None),
                )
                if attribute:
                    self._measure(scan, result, m, amount.value, attribute, span)
                    continue
            cue = m.group("cmp") or m.group("budget")
            if (amount.money or price_word) and self._per_period(scan, m.end()):
                scan.take(m.start(), m.end())  # 'our bill was 4000 kr a month' is a running cost, no budget
                continue
            if amount.money or price_word or (cue and self._price_sized(amount.value, m)):
                self._money(scan, result, m, amount)

    def _class_count(self, scan: _Scan, m: re.Match[str], word_span, attribute: str) -> bool:
        """Whether a count is written as a modifier, right before a singular noun that names its column
        ('a 7 seater', '2 person', '88-key' for 'Keys', '3 door' for 'Doors'): English names a kind of
        product so ('a 76 key keyboard'), and says a need in the plural ('with 61 keys')."""
        if not word_span or word_span[0] < m.end() or scan.low[m.end() : word_span[0]].strip(" -"):
            return False
        word = normalize(scan.low[word_span[0] : word_span[1]])
        plural_headers = {w for w in knowledge.header_words(attribute) if singular(w) != w}
        return word in self._class_counts or any(singular(w) == word for w in plural_headers)

    def _per_period(self, scan: _Scan, end: int) -> bool:
        """Whether an amount ending at ``end`` is per month, year, night... in a shop whose prices are not."""
        period = _PER_PERIOD.match(scan.low, end)
        price = self.catalog.schema.price_column or ""
        return bool(period) and period.group(1) not in " ".join(knowledge.header_words(price))

    def _names(self, concept: str, attribute: str) -> bool:
        """Whether the word of ``concept`` names ``attribute`` (its concept's, or by shared words)."""
        in_concept = attribute in self.vocab.attributes(concept)
        return in_concept or bool(self.vocab.words_of(concept) & self.vocab.column_words(attribute))

    def _flipped(self, scan: _Scan, m: re.Match[str], op: str) -> str:
        """A comparator after a negation bounds the other side: 'nothing over £150' is at most £150,
        "don't want to spend more than 150" too, 'nothing older than 2023' at least 2023."""
        if not m.group("cmp") or normalize(m.group("cmp")).split()[0] in self._flip_words:
            return op  # 'not more than' is a comparator of its own
        words = scan.words_before(m.start("cmp"), 6)
        while words and words[-1] in self._flip_fillers:
            words.pop()
        if not words or normalize(words[-1]) not in self._flip_words:
            return op
        return {"<=": ">=", "<": ">=", ">=": "<=", ">": "<="}.get(op, op)

    def _taken(self, result: ParsedTurn) -> set[str]:
        """Attributes this turn already bound: another mention takes them only when nothing else fits."""
        return {c.attribute for c in result.constraints}

    def _cue_concept(self, m: re.Match[str], amount: _Amount) -> str | None:
        """The concept a comparator itself names: 'newer' a year, 'wider' a width, 'lighter' a weight; and a
        year-sized plain number bounded from after ('2005+', '2015 onwards') is a year."""
        for group in ("cmp", "after"):
            for word in normalize(m.group(group) or "").split():
                concept = self._comparator_concepts.get(word)
                if concept and self.vocab.attributes(concept):
                    return concept
        after = normalize(m.group("after") or "") if m.group("after") != "+" else "+"
        if amount.unit is None and not amount.money and after in self._year_after and self._year_sized(amount.value):
            return "year"
        return None

    def _price_sized(self, value: float, m: re.Match[str]) -> bool:
        """Whether a plain number after a comparator is a budget: a large one always; a smaller one when
        it lies among the catalog's prices and no year reading fits it better."""
        cue = normalize(m.group("cmp") or "")
        shaped = value == int(value) and 1950 <= value <= datetime.date.today().year + 1 and "," not in m.group("num")
        if shaped and cue in self._year_before:
            return False  # 'our old tent from 2015' dates the tent
        if value >= 1000 and not self._year_sized(value):
            return True
        price = self.catalog.schema.price_column
        if price is None or not (value > 0):
            return False
        low, high = self.linker.spans[price]
        return low / 2 <= value <= high * 2 and not self._year_sized(value)

    def _year_sized(self, value: float) -> bool:
        """A whole number inside the span of the catalog's year attribute ('2015' where cars are 1983-2020)."""
        years = self.vocab.attributes("year")
        if not years or value != int(value) or years[0] not in self.linker.spans:
            return False
        low, high = self.linker.spans[years[0]]
        return bool(low - 5 <= value <= high + 5)

    def _measure(
        self, scan: _Scan, result: ParsedTurn, m: re.Match[str], value: float, attribute: str, word_span
    ) -> None:
        """A quantity on ``attribute``; the operator comes from the words around it ('4GB RAM at most')."""
        after = m.group("after")
        end = max(m.end(), word_span[1]) if word_span else m.end()
        if not after and word_span and word_span[0] >= m.end():
            trailing = self._after_re.match(scan.low, word_span[1])
            if trailing and scan.free(*trailing.span()):
                after, end = trailing.group("after"), trailing.end()
        cmp, start = m.group("cmp"), min(m.start(), word_span[0]) if word_span else m.start()
        if not cmp and word_span and word_span[1] <= m.start() and not scan.low[word_span[1] : m.start()].strip():
            # 'minimum size 41', 'at least ram 16': the comparator stands before the attribute word
            leading = self._cmp_before_re.search(scan.low, max(0, word_span[0] - 40), word_span[0])
            if leading and scan.free(*leading.span()):
                cmp, start = leading.group("c"), leading.start()
        op, tolerance = self._op_for(cmp, after, attribute)
        if not (cmp or after) and self._class_count(scan, m, word_span, attribute):
            op = "=="  # 'a 2 person tent', 'an 88-key piano': a class of product, where 'for 2 people' is at least
        op = self._flipped(scan, m, op)
        result.constraints.append(
            self._constraint(
                scan,
                start,
                end,
                result,
                attribute=attribute,
                op=op,
                value=round(value, 6),
                unit=self.vocab.unit(attribute),
                hard=op != "around",
                tolerance=tolerance,
            )
        )
        if word_span and word_span[0] > m.end() and _TOKEN.search(scan.low, m.end(), word_span[0]):
            # '88 weighted keys': the words between the number and its attribute word stay to be read
            scan.take(start, m.end())
            scan.take(*word_span)
            if after and end > word_span[1]:
                scan.take(word_span[1], end)
        else:
            scan.take(start, end)

    def _money(self, scan: _Scan, result: ParsedTurn, m: re.Match[str], amount: _Amount) -> None:
        """A budget: explicit bounds as written; a bare amount ('at Rs. 40000') is 'at most' with a margin."""
        op, tolerance = self._op_for(m.group("cmp"), m.group("after"), self.catalog.schema.price_column or "")
        op = self._flipped(scan, m, op)
        if not (m.group("cmp") or m.group("after")):
            op, tolerance = ("around", BUDGET_TOLERANCE) if op == "around" else ("<=", BUDGET_TOLERANCE)
        constraint = self._price_constraint(
            scan,
            m.start(),
            m.end(),
            result,
            op,
            amount.value,
            amount.currency,
            hard=op != "around",
            tolerance=tolerance,
        )
        if constraint:
            result.constraints.append(constraint)
        scan.take(m.start(), m.end())

    # -- words -----------------------------------------------------------------------------------------
    def _sorts_and_critiques(self, scan: _Scan, result: ParsedTurn) -> None:
        for m in scan.finditer(self._superlative_re):
            concepts, order = self._superlatives[normalize(m.group(0))]
            attribute = self._first_attribute(concepts)
            if attribute:
                result.sorts.append(Sort(attribute, order, scan.text[m.start() : m.end()], result.turn))
                scan.take(m.start(), m.end())
        self._superlative_mentions(scan, result)
        self._sort_requests(scan, result)
        for m in scan.finditer(self._critique_re):
            joined = _OR_BEFORE.search(scan.low, max(0, m.start() - 5), m.start())
            if _THAN.match(scan.low, m.end()) or (
                joined and any(normalize(joined.group(0) + m.group("c")) in w for w in self._after_sets.values())
            ):
                continue  # 'size L or bigger', 'smaller than L' bound the value; they are no critiques
            concepts, direction = self._critiques[normalize(m.group("c"))]
            attribute = self._first_attribute(concepts)
            concept = concepts.split("|")[0]
            if attribute is None:
                result.notes.append(f"This catalog has no {concept.replace('_', ' ')} to compare.")
            else:
                result.critiques.append((attribute, direction, bool(m.group("much"))))
            scan.take(m.start(), m.end())
        self._critique_mentions(scan, result)

    def _sort_requests(self, scan: _Scan, result: ParsedTurn) -> None:
        """'sort by pump pressure, highest first', 'order by rating': the attribute named right after the
        cue, in the order an order word later in the clause gives, else its usual one."""
        mentions = self._attribute_mentions(scan)
        for cue in scan.finditer(self._sort_cue_re):
            named = next(((k, m) for k, m in mentions if m.start() == cue.end() and scan.free(*m.span())), None)
            if named is None:
                continue
            key, m = named
            attribute = next((a for a in self.vocab.attributes(key) if self.vocab.numeric(a)), None)
            if attribute is None:
                continue
            end = m.end()
            order_match = self._sort_order_re.search(scan.low, m.end(), min(len(scan.low), m.end() + 40))
            if order_match and len(_TOKEN.findall(scan.low[m.end() : order_match.start()])) <= 3:
                order, end = ("desc" if order_match.group("desc") else "asc"), order_match.end()
            else:
                concept = "price" if attribute == self.catalog.schema.price_column else None
                concept = concept or self.catalog.schema.column(attribute).concept
                order = self._sort_default.get(concept or "_", self._sort_default["_"])
            if not any(s.attribute == attribute for s in result.sorts):
                result.sorts.append(Sort(attribute, order, scan.text[cue.start() : end], result.turn))
            scan.take(cue.start(), end)

    def _critique_mentions(self, scan: _Scan, result: ParsedTurn) -> None:
        """'more pressure', 'fewer cups', 'higher torque': a comparative right before a word naming a
        numeric attribute asks for more or less of it than shown, in any catalog."""
        for key, m in self._attribute_mentions(scan):
            before = _LAST_WORD.search(scan.low, max(0, m.start() - 20), m.start())
            direction = self._comparative_order.get(before.group(1)) if before else None
            if direction is None or not scan.free(before.start(1), m.end()) or _THAN.match(scan.low, m.end()):
                continue
            attribute = next((a for a in self.vocab.attributes(key) if self.vocab.numeric(a)), None)
            if attribute and not any(c[0] == attribute for c in result.critiques):
                prior = scan.low[max(0, before.start(1) - 16) : before.start(1)].rstrip()
                much = any(re.search(rf"\b{re.escape(w)}$", prior) for w in self._intensifiers)  # 'much more torque'
                result.critiques.append((attribute, direction, much))
                scan.take(before.start(1), m.end())

    def _superlative_mentions(self, scan: _Scan, result: ParsedTurn) -> None:
        """'highest torque', 'most playtime': a superlative word right before a word naming a numeric
        attribute sorts by that attribute, in any catalog (the listed superlatives are read first)."""
        for key, m in self._attribute_mentions(scan):
            before = _LAST_WORD.search(scan.low, max(0, m.start() - 20), m.start())
            order = self._superlative_order.get(before.group(1)) if before else None
            if order is None or not scan.free(before.start(1), m.end()):
                continue
            attribute = next((a for a in self.vocab.attributes(key) if self.vocab.numeric(a)), None)
            if attribute and not any(s.attribute == attribute for s in result.sorts):
                result.sorts.append(Sort(attribute, order, scan.text[before.start(1) : m.end()], result.turn))
                scan.take(before.start(1), m.end())

    def _listed_with(self, scan: _Scan, end: int, attribute: str) -> bool:
        """Whether a value of ``attribute`` follows after 'or'/'and' ("first or second owner")."""
        joined = _CONNECTORS.match(scan.low, end)
        if joined is None or not re.search(r"\b(?:or|and|nor)\b|[,/&]", joined.group(0)):
            return False
        following = [t for s, _, t in scan.tokens if s >= joined.end()][:2]
        return any(h.attribute == attribute for k in (2, 1) for h in self.vocab.values(" ".join(following[:k])))

    def _first_attribute(self, concepts: str) -> str | None:
        """The attribute of the first concept in 'power|cpu_level' that this catalog has."""
        return next((a for c in concepts.split("|") if (a := self.vocab.attribute(c))), None)

    def _values(self, scan: _Scan, result: ParsedTurn) -> None:
        found: dict[tuple[str, bool], list[str]] = {}
        sources: dict[tuple[str, bool], list[tuple[int, int]]] = {}
        tokens = scan.tokens
        i = 0
        stop = set(self.lang["stopwords"])
        everyday = set(self.lang["everyday_words"]["words"])
        previous: tuple[int, str, bool] | None = None  # end, attribute and polarity of the last value
        while i < len(tokens):
            hit = None
            for n in (4, 3, 2, 1):
                if i + n > len(tokens):
                    continue
                start, end = tokens[i][0], tokens[i + n - 1][1]
                if not scan.free(start, end):
                    continue
                phrase = scan.low[start:end]
                if n == 1 and (phrase in stop or phrase.isdigit()):
                    continue
                if n == 1 and phrase in everyday and not scan.text[start].isupper():
                    continue  # "nothing flashy" is not the brand Nothing
                hits = self.vocab.values(phrase)
                if not hits and n == 1 and phrase not in self._function_words:  # 'smaller' is no typo of 'small'
                    corrected = self.vocab.fuzzy(phrase)
                    hits = self.vocab.values(corrected) if corrected else []
                if n == 1 and phrase in self._function_words:  # "newest first" is no 'First Owner'
                    hits = [h for h in hits if not h.partial or self._listed_with(scan, end, h.attribute)]
                if n == 1 and phrase in self._everyday_prefixes and not scan.text[start].isupper():
                    # "not a big issue" is no 'Big Agnes'
                    hits = [h for h in hits if not h.partial or self._listed_with(scan, end, h.attribute)]
                if hits:
                    hit = (self._pick(scan, start, hits), start, end, n)
                    break
            if hit is None:
                i += 1
                continue
            chosen, start, end, n = hit
            if self._indifferent(scan, start):
                if chosen.attribute not in result.removals:  # 'it doesn't have to be a sit-in'
                    result.removals.append(chosen.attribute)
                scan.take(start, end)
                i += n
                continue
            chosen, (start, end) = self._ordered(scan, chosen, start, end)
            if previous and previous[1] == chosen.attribute and _CONNECTORS.fullmatch(scan.low[previous[0] : start]):
                negative = previous[2]  # "except HP and Dell": the list shares its negation
            else:
                negative = self._negated(scan, start)
            previous = (end, chosen.attribute, negative)
            key = (chosen.attribute, negative)
            found.setdefault(key, []).extend(v for v in chosen.values if v not in found.get(key, []))
            sources.setdefault(key, []).append((start, end))
            scan.take(start, end)
            i += n
        for (attribute, negative), values in found.items():
            spans = sources[(attribute, negative)]
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            if negative:
                op, value = ("!=", values[0]) if len(values) == 1 else ("not_in", tuple(values))
            else:
                op, value = ("==", values[0]) if len(values) == 1 else ("in", tuple(values))
            source = " … ".join(dict.fromkeys(scan.text[s:e] for s, e in spans))  # 'laptop' said 300 times: once
            result.constraints.append(Constraint(attribute, op, value, source=source, turn=result.turn))

    def _ordered(self, scan: _Scan, hit, start: int, end: int):
        """'size L or bigger', 'at most a queen': a value on an ordered scale with a comparator is every
        value on that side of it. Returns the hit (its values widened) and the span it now covers."""
        order = self.vocab.orders.get(hit.attribute)
        if not order or len(hit.values) != 1 or hit.values[0] not in order:
            return hit, (start, end)
        op, span = None, (start, end)
        after = self._after_re.match(scan.low, end)
        before = self._cmp_before_value_re.search(scan.low, max(0, start - 40), start)
        if after and scan.free(*after.span()):
            word = normalize(after.group("after"))
            op = next((o for o, words in self._after_sets.items() if word in words), None)
            span = (start, after.end())
        elif before and scan.free(*before.span()):
            word = normalize(before.group("c"))
            op = next((o for o in ("<=", ">=", "<", ">") if word in self._cmp_sets[o]), None)
            span = (before.start(), end)
        if op is None:
            return hit, (start, end)
        at = order.index(hit.values[0])
        chosen = {">=": order[at:], ">": order[at + 1 :], "<=": order[: at + 1], "<": order[:at]}[op]
        return (replace(hit, values=tuple(chosen)), span) if chosen else (hit, (start, end))

    def _pick(self, scan: _Scan, start: int, hits: list):
        """Several attributes hold the value ('AMD' CPUs and GPUs): a cue word in the clause decides."""
        if len(hits) == 1:
            return hits[0]
        clause_words = " ".join(t for s, _, t in scan.tokens if scan.clause(s) == scan.clause(start))
        for prefix, concept in (("gpu", "gpu"), ("cpu", "cpu")):
            if self._attr_words[concept].search(clause_words):
                for hit in hits:
                    if hit.attribute.startswith(prefix):
                        return hit
        return hits[0]

    def _soft_needs(self, scan: _Scan, result: ParsedTurn) -> None:
        for m in scan.finditer(self._needs_re):
            need = self._needs[normalize(m.group(0))]
            negative = self._negated(scan, m.start())
            scan.take(m.start(), m.end())
            if negative:
                result.notes.append(f"Noted you do not want {m.group(0).strip()}.")
                continue
            result.soft_text = f"{result.soft_text} {m.group(0).strip()}".strip()
            if need.get("only_without_value") and any(
                need["need"] in normalize(str(v)) for c in result.constraints for v in c.values
            ):
                continue  # "gaming" already matched the catalog's own Gaming category
            result.constraints += self._need_constraints(need, scan.text[m.start() : m.end()], result)

    def _need_constraints(self, need: dict, source: str, result: ParsedTurn) -> list[Constraint]:
        """The soft constraints a need maps to on this catalog (only for attributes it has)."""
        out = []
        for prefer in need["prefer"]:
            attribute = self.vocab.attribute(prefer["concept"])
            if attribute is None or any(c.attribute == attribute for c in result.constraints + out):
                continue
            value, unit = prefer["value"], self.vocab.unit(attribute)
            if prefer.get("unit") and unit and unit != prefer["unit"]:
                try:
                    value = round(knowledge.units().convert(value, prefer["unit"], unit), 6)
                except (KeyError, ValueError):
                    continue  # the catalog measures it in another kind of unit
            value = tuple(value) if isinstance(value, list) else self._typical(attribute, prefer["op"], value, result)
            out.append(
                Constraint(
                    attribute,
                    prefer["op"],
                    value,
                    unit=unit,
                    hard=False,
                    weight=SOFT_WEIGHT,
                    source=source.strip(),
                    turn=result.turn,
                )
            )
        return out

    def _typical(self, attribute: str, op: str, value: float, result: ParsedTurn) -> float:
        """A soft need's bound, kept inside what the products asked for offer: 'compact' is at most 1.5 kg
        for a laptop, but among phones, which all weigh less, it means the lighter third of the phones."""
        table = self.catalog.table
        rows = np.ones(len(table), dtype=bool)
        for c in result.constraints:
            if c.hard and c.kind == "include":  # 'compact phone': among the phones
                rows &= c.mask(table)
        column = table[attribute][rows]
        if not pd.api.types.is_numeric_dtype(column) or column.notna().sum() < 3:
            return value
        low, high = float(column.min()), float(column.max())
        if low <= value <= high:
            return value
        share = 1 / 3 if op in ("<=", "<") else 2 / 3
        return round(float(column.quantile(share)), 6)

    def _by_meaning(self, result: ParsedTurn) -> None:
        """Nothing in the lexicon matched: try the words' meaning against soft needs and catalog values."""
        understood = result.constraints or result.sorts or result.critiques or result.removals or result.reset
        if self.semantic is None or understood or result.undo or not result.soft_text:
            return
        named = self._mention_re.fullmatch(normalize(result.soft_text).lower())
        if named and self._mention_keys.get(normalize(named.group(0))):
            # 'RAM' alone names an attribute, not a wish: guessing a value of some column by meaning misleads
            result.notes.append(f"What about {result.soft_text.strip()}? Say how much or which one you want.")
            return
        meaning = self.semantic.match(result.soft_text)
        if meaning is None:
            return
        if meaning.need is not None:
            result.constraints += self._need_constraints(meaning.need, result.soft_text, result)
        else:
            result.constraints.append(
                Constraint(
                    meaning.attribute,
                    "==",
                    meaning.value,
                    hard=False,
                    weight=SOFT_WEIGHT,
                    source=result.soft_text,
                    turn=result.turn,
                )
            )
        result.notes.append(f"Understood '{result.soft_text}' as '{meaning.phrase}' (similarity {meaning.score:.2f}).")

    def _bare_numbers(self, scan: _Scan, result: ParsedTurn) -> None:
        """Numbers with no unit, currency or attribute word: a large one is a budget, a small one a question."""
        stop = set(self.lang["stopwords"]) | self._negation_words
        for m in scan.finditer(_BARE_NUMBER):
            value = float(m.group(0).replace(",", ""))
            before = scan.words_before(m.start(), 1)
            model = bool(before) and f"{normalize(before[0])} {m.group(0)}" in self.vocab.name_numbers
            year = self._year_sized(value) and 1900 <= value <= 2100 and "," not in m.group(0) and not model
            if before and before[0].isalpha() and before[0] not in stop and not year:
                continue  # part of a model name ("iphone 14", "nitro v 15", "inspiron 3520"), not a need
            after = scan.word_after(m.end())
            counted = after and after.isalpha() and after not in stop and after not in self._function_words
            if counted and not year and not (self.vocab.values(after) or normalize(after) in self._mention_keys):
                continue  # it counts something the catalog has no word for ('2 keyboards', 'for 8 years')
            if year:
                year = self.vocab.attributes("year")[0]  # "a 2015 honda city": the model year
                op, _ = self._op_for(None, None, year)
                result.constraints.append(
                    self._constraint(scan, m.start(), m.end(), result, attribute=year, op=op, value=value)
                )
                scan.take(m.start(), m.end())
                continue
            if self.catalog.schema.price_column and (value >= 5000 or (value >= 1000 and "," in m.group(0))):
                constraint = self._price_constraint(
                    scan, m.start(), m.end(), result, "<=", value, None, tolerance=BUDGET_TOLERANCE
                )
                if constraint:
                    result.constraints.append(constraint)
                    scan.take(m.start(), m.end())
                continue
            options = self._plausible_attributes(value)
            if options and result.clarification is None:
                labels = tuple(
                    f"{value:g} {self.vocab.unit(a) or ''} {a.replace('_', ' ')}".replace("  ", " ") for a in options
                )
                question = (
                    f"What should {value:g} be — " + ", ".join(labels[:-1]) + f" or {labels[-1]}?"
                    if len(labels) > 1
                    else f"Did you mean {labels[0]}?"
                )
                result.clarification = Clarification(question, labels, m.group(0))
            scan.take(m.start(), m.end())

    def _plausible_attributes(self, value: float) -> list[str]:
        """Numeric attributes whose catalog values span ``value`` (for a bare '16'), most common first."""
        out = []
        table = self.catalog.table
        for spec in self.catalog.schema.attributes:
            if spec.role != "numeric" or (spec.unit is None and spec.concept in (None, "year", "cpu_level")):
                continue  # years, levels and unnamed numbers are never what a bare '16' means
            column = table[spec.name]
            if column.notna().any() and column.min() <= value <= column.max() and (column == value).any():
                out.append(spec.name)
        return out[:4]

    def _leftovers(self, scan: _Scan, result: ParsedTurn) -> None:
        stop = set(self.lang["stopwords"]) | self._cue_words
        keep, avoid = [], []
        for start, end, token in scan.tokens:
            if not scan.free(start, end) or token in stop or len(token) < 3 or token.replace(".", "").isdigit():
                continue
            if normalize(token) in self._negation_words:
                continue
            (avoid if self._negated(scan, start) else keep).append(scan.text[start:end])
        words = " ".join(keep)
        result.soft_text = f"{result.soft_text} {words}".strip()
        if avoid:
            result.notes.append("Will avoid: " + ", ".join(avoid))
            result.avoid_text = " ".join(avoid)

    def _check_contradictions(self, result: ParsedTurn) -> None:
        """Within one turn a later bound replaces an earlier one; an empty range is questioned, not kept."""
        by_slot: dict[tuple[str, str], Constraint] = {}
        for c in result.constraints:
            by_slot[(c.attribute, c.kind)] = c
        for (attribute, kind), upper in list(by_slot.items()):
            if kind != "upper" or not upper.hard:
                continue
            lower = by_slot.get((attribute, "lower"))
            if lower is not None and lower.hard and isinstance(lower.value, float) and lower.value > upper.value:
                result.clarification = Clarification(
                    f"'{lower.source}' and '{upper.source}' cannot both hold. Which one did you mean?",
                    (lower.source, upper.source),
                    f"{lower.source} … {upper.source}",
                )
                by_slot.pop((attribute, "lower"))
        kept = set(map(id, by_slot.values()))
        result.constraints = [c for c in result.constraints if id(c) in kept]


#: Words that may stand between a negation and what it negates: "not a Celeron", "no phones from Vivo".
_FILLERS = frozenset({"a", "an", "the", "any", "from", "by", "of", "made", "brand", "brands", "one", "ones", "models"})


#: A minus sign right before a number that follows a space, a comparator or the start ('under -5'), or a
#: run of 16 or more digits (beyond float precision), each with the unit or currency word that follows.
_UNREADABLE_NUMBER = re.compile(
    r"(?:(?P<minus>(?<![\w.,)\]])[-−–][₹$€£]?\d[\d,.]*)|(?<![\d.,])\d[\d,]{15,}(?:\.\d+)?)(?:\s?[a-z]+\b)?",
    re.IGNORECASE,
)
_AFTER_AMOUNT = re.compile(r"\d\s*[^\W\d]{0,5}\s*$")
_NUMBER_AHEAD = re.compile(r"\s*[₹$€£]?\d")
#: The word right before a position ('highest' of 'highest torque'), searched up to that position.
_LAST_WORD = re.compile(r"\b([a-z]+)\s+$")
_THAN = re.compile(r"\s+than\b")
_OR_BEFORE = re.compile(r"\b(?:or|and)\s+$")
#: 'a month', 'per night', '/yr' after an amount: a rate, not a price (group 1: the period).
_PER_PERIOD = re.compile(r"\s*(?:a|an|per|/|each|every)\s*(month|year|week|day|night|hour|mo|yr)s?\b")
#: The number of a line in a pasted list: '1) inflatable', '2. seats 1', '(3) max 35 lb'.
_ENUMERATOR = re.compile(r"(?m)^[ \t]*\(?\d{1,2}[.)](?=[ \t]+\S)")


def _preceded_by(scan: _Scan, start: int, phrases: set[str]) -> bool:
    """Whether one of ``phrases`` ends just before ``start`` in its clause, filler words ('a', 'any',
    'from') allowed between."""
    words = scan.words_before(start, 6)
    while words and words[-1] in _FILLERS:
        words.pop()
    joined = " " + " ".join(words)
    return any(joined.endswith(" " + phrase) for phrase in phrases)


#: What joins a list of values, so "except HP and Dell" negates both.
_CONNECTORS = re.compile(r"[\s,/]*(?:(?:or|and|nor|&)[\s,/]*)*")


#: "non-gaming", "non touch": 'non' as its own word just before what it negates (never inside "canon").
_NON_PREFIX = re.compile(r"(?<![a-z0-9])non[-\s]?$")
_BARE_NUMBER = re.compile(rf"(?<![\w.(\[#]){_NUMBER}(?![\w)\]])")

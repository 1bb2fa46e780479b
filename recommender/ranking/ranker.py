"""The hybrid ranker: hard needs filter, everything else scores, and every result keeps its reasons.

score = Σ weight_part × part, with parts in [0, 1]:

- ``attribute``: how well the product meets every need, by degree (see :mod:`scoring`);
- ``semantic``: similarity of its text to the shopper's words (negated words subtracted);
- ``preference``: a learned preference model's score for the session's history (what the shopper
  clicked, liked, shortlisted), 0 until a model is trained for the catalog and the shopper reacts;
- ``popularity``: its rating, shrunk towards the mean when it has few reviews;
- ``feedback``: in [-1, 1], likeness to products the shopper liked minus likeness to ones they disliked.

After feedback the weights adapt to the shopper (see :mod:`recommender.ranking.feedback`).

Each result keeps these contributions (they add up to its score), every need wanted vs offered, its
misses in words, and its rank change since the previous turn. When nothing meets every hard need the
nearest misses are shown, ranked by how little they miss, with the smallest relaxations that would help.

:meth:`Ranker.rank` reads filter -> parts -> weights -> order -> explain; the result types are in
:mod:`~recommender.ranking.results`, their words in :mod:`~recommender.ranking.messages`, diversity
(MMR) in :mod:`~recommender.ranking.order`, the popularity part in :mod:`~recommender.ranking.prior`,
and every weight, factor and threshold in :class:`~recommender.ranking.config.RankingConfig`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from recommender import knowledge
from recommender.catalog import Catalog, CatalogStore
from recommender.language.constraints import Constraint
from recommender.language.dialogue import DialogueState
from recommender.language.vocabulary import normalize
from recommender.ranking.config import RankingConfig
from recommender.ranking.features import attribute_matrix
from recommender.ranking.feedback import Feedback, LookAlike, adapt_weights, look_alikes
from recommender.ranking.messages import NO_HISTORY, NO_SIGNALS, blend_note, feedback_reasons, turn_message
from recommender.ranking.order import mmr
from recommender.ranking.prior import popularity_prior
from recommender.ranking.relaxation import relaxations
from recommender.ranking.results import Check, RankedItem, Ranking
from recommender.ranking.scoring import degree, label, miss_cost, offered, violation, wanted
from recommender.ranking.semantic import CatalogVectors

#: A preference model's scoring function: (session history rows, candidate rows) -> scores in [0, 1].
PreferenceScorer = Callable[[Sequence[int], np.ndarray], np.ndarray]


class Ranker:
    """Ranks one catalog. Build once per catalog (it embeds the catalog, or reads the cached vectors)."""

    def __init__(
        self,
        catalog: Catalog,
        config: RankingConfig | None = None,
        *,
        store: CatalogStore | None = None,
        semantic: bool = True,
        preference: PreferenceScorer | None = None,
        progress: Callable[[int, int], None] | None = None,
        wait: bool = True,
    ) -> None:
        """``wait``: compute missing product vectors now; else a background job prepares them and the
        ranking works without meaning until they are ready."""
        self.catalog = catalog
        self.config = config or RankingConfig()
        self.vectors = CatalogVectors(catalog, store, progress, wait=wait) if semantic else None
        self.preference = preference
        self.popularity = popularity_prior(catalog)
        self._attributes = attribute_matrix(catalog)
        self._first = _first_of_twins(catalog)
        self._lines = catalog.labels.str.split(" (", n=1, regex=False).str[0].to_numpy(dtype=object)
        self._line_names = _line_names(self._lines)

    # ---- the parts ----------------------------------------------------------------------------------
    def _semantic(self, state: DialogueState) -> np.ndarray:
        """Similarity to the words the structured needs did not capture (soft wishes such as "for my kid"
        or soft category guesses), minus similarity to negated words. Needs already enforced as hard
        filters add nothing here, so a purely structured turn costs no model call."""
        n = len(self.catalog)
        asked = self._asked_lines(state)
        named = np.zeros(n)
        for name in asked:  # a model line the shopper named matches by its name, whatever the model thinks
            named[self._line_names[name]] = 1.0
        vectors = self._meaning()
        if vectors is None:
            return named
        soft_values = [_words(c) for c in state.constraints if c.kind == "include" and not c.hard]
        wanted_text = " ".join(w for w in [state.soft_text, *soft_values, *asked] if w)
        scores = vectors.similarity(wanted_text, state.avoid_text)
        if state.anchor_row is not None:  # "like the second one": stay close to it
            pull = self.config.anchor_pull
            scores = (1 - pull) * scores + pull * vectors.similar_to(state.anchor_row)
        return np.maximum(scores, named)

    def _preference(self, history: Sequence[int]) -> tuple[np.ndarray, str | None]:
        n = len(self.catalog)
        if self.preference is None:
            return np.zeros(n), NO_HISTORY
        if not history:
            return np.zeros(n), NO_SIGNALS
        return np.clip(self.preference(history, np.arange(n)), 0, 1), None

    def likeness(self, row: int) -> np.ndarray:
        """How much every product resembles product ``row``, in [0, 1]: by text and by attributes."""
        a = self._attributes
        by_attributes = np.exp(-((a - a[row]) ** 2).mean(axis=1)) if a.shape[1] else np.zeros(len(a))
        vectors = self._meaning()
        if vectors is None:
            return by_attributes
        by_text = self.config.text_likeness
        return by_text * vectors.similar_to(row) + (1 - by_text) * by_attributes

    def _meaning(self) -> CatalogVectors | None:
        """The product vectors when they are all there (none while a background job prepares them)."""
        return self.vectors if self.vectors is not None and self.vectors.ready else None

    def preparing(self) -> str | None:
        """What is still being prepared, in words, or None when matching by meaning is ready (or off)."""
        if self.vectors is None or self.vectors.ready:
            return None
        return "Matching by meaning is still being prepared: " + self.vectors.progress().describe() + "."

    # ---- ranking ------------------------------------------------------------------------------------
    def rank(
        self,
        state: DialogueState,
        top: int = 5,
        previous: Ranking | None = None,
        feedback: Feedback | None = None,
    ) -> Ranking:
        """The top ``top`` products for the dialogue state, with explanations (see the module doc):
        filter by the hard needs, score each part, blend the parts by the weights, order, explain."""
        started = time.perf_counter()
        top = max(0, min(int(top), len(self.catalog)))
        constraints = state.constraints
        degrees, masks, hard, cost = self._filter(constraints)
        retrieved = time.perf_counter()
        feedback = feedback or Feedback()
        parts, preference_note, alike = self._parts(state, degrees, feedback)
        weights = self._weights(parts, feedback)
        score = sum(weights[k] * v for k, v in parts.items())
        scored = time.perf_counter()
        order = self._order(state, hard, masks, cost, score, top)
        proposals = (
            []
            if hard.any()
            else relaxations(self.catalog, constraints, masks, self.config.proposals, self.config.relax_to)
        )
        previous_ranks = {row: i + 1 for i, row in enumerate(previous.rows)} if previous else {}
        items = []
        for rank, row in enumerate(order, start=1):
            item = self._explain(int(row), constraints, degrees, parts, weights, cost, bool(hard[row]))
            item.previous_rank = previous_ranks.get(int(row))
            item.rank = rank
            if alike is not None:
                item.reasons = feedback_reasons(item, alike, feedback, self.catalog, self.config.reason_min_likeness)
            items.append(item)
        notes = [preference_note] if preference_note else []
        preparing = self.preparing()
        if preparing is not None:
            preparing += " Needs, specs and near misses work now."
            notes.append(preparing)
        if weights != self.config.weights:
            notes.append(blend_note(self.config.weights, weights, self.config.blend_note_change))
        ranking = Ranking(items, int(hard.sum()), any(not i.matches_all for i in items), proposals, "", notes)
        ranking.candidates = self._candidates(hard, score)
        ranking.preparing = preparing
        ranking.message = turn_message(ranking, state, self.catalog)
        done = time.perf_counter()
        ranking.timing_ms = {
            "retrieve": (retrieved - started) * 1000,
            "score": (scored - retrieved) * 1000,
            "explain": (done - scored) * 1000,
        }
        return ranking

    def _filter(
        self, constraints: list[Constraint]
    ) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray, np.ndarray]:
        """Per need, each product's degree and whether it is met; the products that meet every hard need;
        and each product's cost of the hard needs it misses."""
        n = len(self.catalog)
        degrees = [degree(c, self.catalog) for c in constraints]
        masks = [d >= 1 for d in degrees]
        hard = np.ones(n, dtype=bool)
        cost = np.zeros(n)
        for c, d, m in zip(constraints, degrees, masks, strict=True):
            if c.hard:
                hard &= m
                cost += miss_cost(d)
        return degrees, masks, hard, cost

    def _parts(
        self, state: DialogueState, degrees: list[np.ndarray], feedback: Feedback
    ) -> tuple[dict[str, np.ndarray], str | None, LookAlike | None]:
        """Each score part for every product, the preference model's note, and the look-alikes of the
        products the shopper reacted to (None before any reaction)."""
        n = len(self.catalog)
        needs = np.array([c.weight for c in state.constraints], dtype=float)
        attribute = (np.vstack(degrees).T @ needs) / needs.sum() if state.constraints else np.zeros(n)
        preference, preference_note = self._preference(feedback.history)
        alike = look_alikes(feedback, self.likeness, n) if feedback else None
        parts = {
            "attribute": attribute,
            "semantic": self._semantic(state),
            "preference": preference,
            "popularity": self.popularity,
            "feedback": alike.scores if alike else np.zeros(n),
        }
        return parts, preference_note, alike

    def _weights(self, parts: dict[str, np.ndarray], feedback: Feedback) -> dict[str, float]:
        """The blend: the configured weights, adapted to the products the shopper reacted to."""
        if not feedback:
            return self.config.weights
        reacted = [({k: float(v[row]) for k, v in parts.items()}, float(w > 0)) for row, w in feedback.weights.items()]
        return adapt_weights(self.config.weights, reacted)

    def _order(
        self, state: DialogueState, hard: np.ndarray, masks: list, cost: np.ndarray, score: np.ndarray, top: int
    ) -> list[int]:
        """Matches first (by an explicit sort, else by score with diversity), then the nearest misses."""
        matches = np.flatnonzero(hard & self._first)  # a listing repeated row for row is shown once
        if state.sorts:
            sort = state.sorts[-1]
            values = self.catalog.table[sort.attribute].to_numpy(dtype=float, na_value=np.nan)[matches]
            key = np.nan_to_num(values if sort.order == "asc" else -values, nan=np.inf)
            chosen = list(matches[np.lexsort((-score[matches], key))][:top])
        elif state.anchor_row is not None or self._asked_lines(state):
            chosen = list(matches[np.argsort(-score[matches], kind="stable")][:top])  # variants are the point
        else:
            pool = matches[np.argsort(-score[matches], kind="stable")][: max(top, self.config.pool)]
            lines = self._lines[pool]
            likeness = (lines[:, None] == lines[None, :]).astype(float)  # one model line, many variants
            if self._meaning() is not None:
                by_text = self.config.diversity_text_likeness * np.clip(self.vectors.item_similarity(pool), 0, 1)
                likeness = np.maximum(likeness, by_text)
            chosen = list(pool[mmr(score[pool], likeness, top, self.config.diversity)])
        if len(chosen) < top:
            misses = np.flatnonzero(~hard & self._first)
            pool = misses[np.lexsort((-score[misses], cost[misses]))][: max(top, self.config.pool)]
            # near misses that miss the same needs are alike: show different trade-offs side by side
            hard_masks = [m for c, m in zip(state.constraints, masks, strict=True) if c.hard]
            missed = ~np.vstack(hard_masks)[:, pool].T if hard_masks else np.zeros((len(pool), 0), dtype=bool)
            likeness = (missed[:, None, :] == missed[None, :, :]).all(axis=2).astype(float)
            chosen += list(pool[mmr(-cost[pool], likeness, top - len(chosen), self.config.diversity)])
        return [int(row) for row in chosen]

    def _candidates(self, hard: np.ndarray, score: np.ndarray) -> list[tuple[int, float, float]]:
        prices = self.catalog.prices
        if prices is None:
            return []
        pool = np.flatnonzero(hard) if hard.any() else np.arange(len(score))
        pool = pool[np.argsort(-score[pool], kind="stable")][: self.config.map_points]
        pool = pool[~np.isnan(prices[pool])]
        return list(zip(pool.tolist(), prices[pool].tolist(), score[pool].tolist(), strict=True))

    def _asked_lines(self, state: DialogueState) -> list[str]:
        """Model lines the shopper named in the last message ("an inspiron 3520", "honda city", "billy")."""
        words = re.findall(r"[a-z0-9]+", normalize(state.text))
        text = f" {' '.join(words)} "
        return [name for name in self._line_names if f" {name} " in text]

    def _explain(
        self,
        row: int,
        constraints: list[Constraint],
        degrees: list[np.ndarray],
        parts: dict[str, np.ndarray],
        weights: dict[str, float],
        cost: np.ndarray,
        matches_all: bool,
    ) -> RankedItem:
        checks, misses = [], []
        for c, d in zip(constraints, degrees, strict=True):
            met = bool(d[row] >= 1)
            need = c.describe(label(c.attribute, self.catalog))
            checks.append(Check(need, wanted(c), offered(c, self.catalog, row), met, float(d[row]), c.hard))
            if c.hard and not met:
                misses.append(violation(c, self.catalog, row))
        contributions = {k: float(weights[k] * v[row]) for k, v in parts.items()}
        prices = self.catalog.prices
        price = None if prices is None or np.isnan(prices[row]) else float(prices[row])
        return RankedItem(
            row=row,
            name=str(self.catalog.labels.iloc[row]),
            price=price,
            score=float(sum(contributions.values())),
            matches_all=matches_all,
            contributions=contributions,
            checks=checks,
            violations=misses,
            miss_cost=float(cost[row]),
        )


def _words(constraint: Constraint) -> str:
    """The words of a categorical need, for semantic matching ('Gaming', 'Lenovo')."""
    return " ".join(str(v) for v in constraint.values if isinstance(v, str))


def _line_names(lines: np.ndarray) -> dict[str, np.ndarray]:
    """Names a shopper may call a model line by, each with the rows of that line: the line without its
    brand ("ideapad slim 3") and its first words ("city" of "Honda City 1.5 V MT", "billy" of "BILLY")."""
    codes, uniques = pd.factorize(pd.Series(lines, dtype=object))
    common = set(knowledge.language()["stopwords"])
    by_name: dict[str, list[int]] = {}
    for code, line in enumerate(uniques):
        words = re.findall(r"[a-z0-9]+", normalize(str(line)))
        tail = words[1:] if len(words) > 1 else words
        for name in {" ".join(tail), " ".join(tail[:2]), tail[0] if tail else ""}:
            if len(name) >= 4 and not name.isdigit() and name not in common:
                by_name.setdefault(name, []).append(code)
    rows_of_code = pd.Series(np.arange(len(codes))).groupby(codes).apply(np.asarray)
    out = {}
    for name, line_codes in by_name.items():
        rows = np.concatenate([rows_of_code[c] for c in line_codes])
        if len(rows) <= max(20, 0.2 * len(lines)):  # a word on a fifth of all labels names no one line
            out[name] = rows
    return out


def _first_of_twins(catalog: Catalog) -> np.ndarray:
    """True for each product that is not an exact repeat of an earlier row (ids and links aside): shops
    export the same listing twice, and two identical cards in a top 5 show the shopper nothing new."""
    columns = [s.name for s in catalog.schema.attributes if s.role not in ("id", "url")]
    if not columns:
        return np.ones(len(catalog), dtype=bool)
    hashes = pd.util.hash_pandas_object(catalog.table[columns], index=False)
    return ~hashes.duplicated().to_numpy()

"""What the ranking says in words: the score parts' names, its notes, why a result moved, why a result
is not the top pick, and the finder's message for a turn."""

from __future__ import annotations

from recommender.catalog import Catalog
from recommender.language.dialogue import DialogueState
from recommender.ranking.config import RankingConfig
from recommender.ranking.feedback import Feedback, LookAlike
from recommender.ranking.results import RankedItem, Ranking
from recommender.ranking.scoring import label

NO_HISTORY = "no interaction history for this catalog yet"
NO_SIGNALS = "learned preference starts with your first like, click or shortlist"
#: The score parts in words, for explanations and charts.
PART_LABELS = {
    "attribute": "meets your needs",
    "semantic": "matches your words",
    "preference": "learned preference",
    "popularity": "popularity",
    "feedback": "like what you liked",
}


def why_not(item: RankedItem, best: RankedItem, min_gap: float = RankingConfig.why_not_gap) -> str:
    """Why ``item`` is not the top pick ``best``, in words: its misses, then the parts where it trails
    by at least ``min_gap``."""
    if item.row == best.row:
        return "It is the top pick."
    reasons = []
    if item.violations and not best.violations:
        reasons.append("it misses " + "; ".join(item.violations))
    gaps = sorted(
        ((best.contributions[k] - item.contributions.get(k, 0.0), k) for k in best.contributions), reverse=True
    )
    reasons += [f"{PART_LABELS.get(k, k)}: {gap:.2f} less than #{best.rank}" for gap, k in gaps[:2] if gap >= min_gap]
    if not reasons:
        return f"It scores about as well as #{best.rank}; it comes later to show you something different."
    return f"Ranked {item.rank} because " + ", and ".join(reasons) + "."


def feedback_reasons(
    item: RankedItem, alike: LookAlike, feedback: Feedback, catalog: Catalog, min_likeness: float
) -> list[str]:
    """Why feedback moved this product, naming the product it resembles (when the pull is at least
    ``min_likeness``)."""
    row, value = item.row, float(alike.scores[item.row])
    source = int(alike.because[row])
    signal = feedback.weights.get(row)
    if signal is not None:
        return ["you liked this one" if signal > 0 else "you disliked this one"]
    if source < 0 or abs(value) < min_likeness:
        return []
    name = str(catalog.labels.iloc[source])
    moved = item.rank_change
    if value > 0:
        verb = "moved up: " if moved is None or moved > 0 else ""
        return [f"{verb}similar to {name}, which you liked"]
    verb = "moved down: " if moved is not None and moved < 0 else ""
    return [f"{verb}like {name}, which you disliked"]


def turn_message(ranking: Ranking, state: DialogueState, catalog: Catalog) -> str:
    """What the finder says about this turn."""
    if not ranking.items:
        return "The catalog is empty." if not len(catalog) else "Ask for at least one result."
    lines = []
    if ranking.matches:
        shown = sum(item.matches_all for item in ranking.items)
        if not state.constraints:
            lines.append(f"Here are {shown} popular picks from {len(catalog):,} products.")
        elif ranking.matches == 1:
            lines.append("1 product meets every need.")
        else:
            lines.append(f"{ranking.matches:,} products meet every need; here are the best {shown}.")
        if ranking.relaxed:
            lines.append("After them, the nearest misses.")
        if state.sorts:
            sort = state.sorts[-1]
            first = "lowest" if sort.order == "asc" else "highest"
            lines.append(f"Sorted by {label(sort.attribute, catalog)}, {first} first.")
    else:
        first = ranking.items[0]
        lines.append(f"Nothing meets every need. The nearest is {first.name}: {'; '.join(first.violations)}.")
        if ranking.proposals:
            offers = "; ".join(
                f"{p.text} → {p.matches} match{'es' if p.matches != 1 else ''}" for p in ranking.proposals
            )
            lines.append(f"You could {offers}.")
    for c in state.constraints:
        if c.note and c.turn == state.turn:
            lines.append(f"({c.source}: {c.note})")
    if state.clarification:
        lines.append(state.clarification.question)
    return " ".join(lines)


def blend_note(defaults: dict[str, float], weights: dict[str, float], min_change: float) -> str:
    """The blend changes (of at least ``min_change``) that feedback caused, in words."""
    changes = [
        f"{name} {defaults[name]:.2f} → {weights[name]:.2f}"
        for name in defaults
        if abs(weights[name] - defaults[name]) >= min_change
    ]
    return "blend adapted to your feedback: " + ", ".join(changes) if changes else "blend unchanged by your feedback"

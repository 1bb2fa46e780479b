"""The finder: one catalog made ready to answer (parser, ranker, vectors), and conversations with it.

This is the one entry point the command line and the app share: ``Finder(catalog).conversation()``,
then ``conversation.say(text)`` per shopper message.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from recommender.catalog import Catalog, CatalogStore
from recommender.events.recorder import SessionRecorder
from recommender.language.dialogue import Dialogue, DialogueState
from recommender.language.parser import Parser
from recommender.language.semantic import SemanticMatcher
from recommender.models.preference import active_model, scorer
from recommender.ranking.config import RankingConfig
from recommender.ranking.feedback import Feedback
from recommender.ranking.ranker import PreferenceScorer, Ranker
from recommender.ranking.relaxation import Relaxation
from recommender.ranking.results import Ranking


class Finder:
    """Everything one catalog needs to answer shoppers, built once and shared by conversations."""

    def __init__(
        self,
        catalog: Catalog,
        *,
        store: CatalogStore | None = None,
        semantic: bool = True,
        config: RankingConfig | None = None,
        preference: PreferenceScorer | None = None,
        learned: bool = True,
        progress: Callable[[int, int], None] | None = None,
        wait: bool = True,
    ) -> None:
        """``learned``: use the catalog's trained preference model when there is one (and no ``preference``).
        ``wait``: embed missing product texts now (commands) instead of in the background (the app)."""
        self.catalog = catalog
        self.model = active_model(catalog.content_hash) if learned and preference is None else None
        if self.model is not None:
            preference = scorer(self.model)
        self.ranker = Ranker(
            catalog, config, store=store, semantic=semantic, preference=preference, progress=progress, wait=wait
        )
        self.parser = Parser(catalog, semantic=SemanticMatcher(catalog) if semantic else None)

    def conversation(self, recorder: SessionRecorder | None = None) -> Conversation:
        """A new conversation; with a ``recorder`` its turns, impressions and feedback go to the event store."""
        return Conversation(self, recorder)


@dataclass
class Turn:
    """One answered message: the state after it, the ranking and how long it took."""

    text: str
    state: DialogueState
    ranking: Ranking
    timing_ms: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The ``recommend --json`` object of GUIDE.md section 3."""
        return {
            "constraints": [c.to_json() for c in self.state.constraints],
            "sorts": [s.to_json() for s in self.state.sorts],
            "results": [item.to_json() for item in self.ranking.items],
            "matches": self.ranking.matches,
            "relaxed": self.ranking.relaxed,
            "proposals": [p.to_json() for p in self.ranking.proposals],
            "message": self.ranking.message,
            "clarification": self.state.clarification.to_json() if self.state.clarification else None,
            "notes": self.state.notes + self.ranking.notes,
            "timing_ms": {k: round(v, 3) for k, v in self.timing_ms.items()},
        }


class Conversation:
    """One shopper's conversation: each message is parsed against the state so far and ranked."""

    def __init__(self, finder: Finder, recorder: SessionRecorder | None = None) -> None:
        self.finder = finder
        self.recorder = recorder
        self.dialogue = Dialogue(finder.catalog, finder.parser)
        self.feedback = Feedback()
        self.turns: list[Turn] = []

    def say(self, text: str, top: int = 5) -> Turn:
        """Answer one message; "cheaper" and "the second one" refer to what the previous answer showed."""
        previous = self.turns[-1].ranking if self.turns else None
        started = time.perf_counter()
        self.dialogue.say(text, shown=previous.rows if previous else ())
        text = self.dialogue.parser.read_part(text)  # what was read is what is shown and stored
        return self._answer(text, started, top)

    def remove(self, index: int, top: int = 5) -> Turn:
        """The shopper removed the chip of constraint ``index``: rank again without it."""
        started = time.perf_counter()
        self.dialogue.remove(index)
        return self._answer("(removed a need)", started, top)

    def relax(self, proposal: Relaxation, top: int = 5) -> Turn:
        """The shopper took a relaxation proposal."""
        started = time.perf_counter()
        self.dialogue.relax(proposal.constraints, proposal.bound)
        return self._answer(proposal.text, started, top)

    def react(self, row: int, signal: str, top: int = 5) -> Turn:
        """The shopper liked, disliked, clicked, shortlisted or bought product ``row``: rank again."""
        if not 0 <= int(row) < len(self.finder.catalog):
            raise ValueError(f"row {row} is not in the catalog (it has {len(self.finder.catalog)} rows)")
        started = time.perf_counter()
        self.feedback.add(row, signal)
        if self.recorder is not None:
            self.recorder.feedback(int(row), signal, len(self.turns) - 1)
        return self._answer(f"({signal} {self.finder.catalog.labels.iloc[int(row)]})", started, top)

    def _answer(self, text: str, started: float, top: int) -> Turn:
        previous = self.turns[-1].ranking if self.turns else None
        state = self.dialogue.state
        parsed = time.perf_counter()
        ranking = self.finder.ranker.rank(state, top=top, previous=previous, feedback=self.feedback)
        total = (time.perf_counter() - started) * 1000
        timing = {"parse": (parsed - started) * 1000, **ranking.timing_ms, "total": total}
        turn = Turn(text, state, ranking, timing)
        if self.recorder is not None:
            self.recorder.turn(len(self.turns), text, state.constraints, ranking.rows)
        self.turns.append(turn)
        return turn

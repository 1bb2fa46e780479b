"""A conversation's link to the event store: records turns, what was shown, and feedback.

Recording must never break a conversation: when the store cannot be written (locked, disk full) the
recorder stops trying, keeps a warning, and the shopper carries on.
"""

from __future__ import annotations

import logging
import sqlite3

from recommender.feedback.store import EventStore, EventStoreError

log = logging.getLogger(__name__)


class SessionRecorder:
    """Records one chat session (a random id, nothing else about the person) for one catalog."""

    def __init__(self, store: EventStore, catalog: str) -> None:
        self.store = store
        self.catalog = catalog
        self.session = store.new_session()
        self.warning: str | None = None

    def turn(self, index: int, text: str, constraints: list, rows: list[int]) -> None:
        self._safely(lambda: self.store.record_turn(self.session, self.catalog, index, text, constraints))
        self._safely(lambda: self.store.record_impressions(self.session, self.catalog, index, rows))

    def feedback(self, row: int, signal: str, turn: int) -> None:
        self._safely(lambda: self.store.record_feedback(self.session, self.catalog, row, signal, turn))

    def forget(self) -> int:
        """Delete everything this session recorded (the shopper's privacy control); later events start a
        new random session. Returns the rows deleted."""
        try:
            deleted = self.store.delete_session(self.session)
            self.session = self.store.new_session()
        except (EventStoreError, sqlite3.Error, OSError) as exc:
            self.warning = f"Your saved actions could not be deleted ({exc}); try again later."
            return 0
        return deleted

    def _safely(self, write) -> None:
        if self.warning is not None:
            return
        try:
            write()
        except (EventStoreError, sqlite3.Error, OSError) as exc:
            self.warning = f"Your actions are not being saved ({exc}); the finder works as before."
            log.warning("event store unavailable: %s", exc)

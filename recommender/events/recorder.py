"""A conversation's link to the event store: records turns, what was shown, and feedback.

Recording never breaks a conversation, and never loses an event without saying so: a write the store
cannot take (the file locked past its timeout, damaged, the disk full) waits in a bounded queue and is tried
again, in order, before the next one; what does not fit in the queue is counted as lost. ``warning`` says
either to the shopper, in words without the server's paths; the log has the details.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from functools import partial

from recommender.events.store import EventStore, EventStoreError, NewerSchemaError, new_session_id

log = logging.getLogger(__name__)

#: Writes kept while the store cannot take them: a long chat's worth (a turn is two writes).
PENDING_LIMIT = 500
_UNAVAILABLE = (EventStoreError, sqlite3.Error, OSError)


class SessionRecorder:
    """Records one chat for one catalog, under a random id (nothing else about the person).

    ``sessions`` lists the ids of every chat of the same browser session; its recorders share the list, so
    that :meth:`forget` deletes all of them, not only the chat on screen.
    """

    def __init__(
        self, store: EventStore, catalog: str, sessions: list[str] | None = None, *, limit: int = PENDING_LIMIT
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.sessions = [] if sessions is None else sessions
        self.limit = limit
        self.pending: deque[Callable[[], None]] = deque()
        self.lost = 0
        self._undeleted = False  # the last forget() could not delete
        self._lock = threading.Lock()  # one write at a time, in order, whichever thread records
        self._start()

    def turn(self, index: int, text: str, constraints: list, rows: list[int]) -> None:
        at, session = time.time(), self.session  # a write retried later keeps its time and its chat
        self._record(partial(self.store.record_turn, session, self.catalog, index, text, list(constraints), at=at))
        self._record(partial(self.store.record_impressions, session, self.catalog, index, list(rows), at=at))

    def feedback(self, row: int, signal: str, turn: int) -> None:
        write = partial(self.store.record_feedback, self.session, self.catalog, row, signal, turn, at=time.time())
        self._record(write)

    def forget(self) -> int:
        """Delete everything this browser session saved, all its chats (the shopper's privacy control);
        later events start a new random session. Returns the rows deleted."""
        with self._lock:
            self.pending.clear()  # not written yet: dropping them is part of the deletion
            try:
                deleted = self.store.delete_sessions(self.sessions)
            except _UNAVAILABLE as exc:
                log.warning("could not delete %d sessions: %s", len(self.sessions), exc)
                self._undeleted = True
                return 0
            self._undeleted, self.lost = False, 0
            self.sessions.clear()
            self._start()
            return deleted

    @property
    def warning(self) -> str | None:
        """What the shopper should know about what is saved, or None when everything is."""
        if self._undeleted:
            return "What this session saved could not be deleted just now (the event database is busy); try again."
        said = []
        if self.lost:
            said.append(f"{self.lost:,} of your actions could not be saved (the event database was unavailable).")
        if self.pending:
            said.append(
                f"{len(self.pending):,} of your actions are waiting to be saved (the event database is busy); "
                "they are tried again with your next one."
            )
        return " ".join([*said, "The finder works as before."]) if said else None

    def _start(self) -> None:
        self.session = new_session_id()  # its row is written with its first event: an empty chat leaves none
        self.sessions.append(self.session)

    def _record(self, write: Callable[[], None]) -> None:
        with self._lock:
            self._flush()  # what waits goes first, and may make room
            if len(self.pending) >= self.limit:
                self.lost += 1
                log.warning("event store unavailable: %d events of session %s lost", self.lost, self.session)
                return
            self.pending.append(write)
            if len(self.pending) == 1:  # nothing in the way: write it now (else the store just failed: wait)
                self._flush()

    def _flush(self) -> None:
        """Write what waits, oldest first; stop at the first the store cannot take."""
        while self.pending:
            try:
                self.pending[0]()
            except NewerSchemaError as exc:  # no retry will ever fit: lost now, and said so
                self.lost += len(self.pending)
                self.pending.clear()
                log.warning(
                    "event store of a newer app: %d events of session %s lost: %s", self.lost, self.session, exc
                )
                return
            except _UNAVAILABLE as exc:
                log.warning("event store unavailable, %d writes waiting: %s", len(self.pending), exc)
                return
            except ValueError:
                self.pending.popleft()  # a bad argument never succeeds: raise it now, never block the queue
                raise
            self.pending.popleft()

"""The :class:`EventStore`: what happened in each chat session (turns, products shown, feedback), kept in
an embedded SQLite file so preference models can learn from it, and so it can be deleted or expired.

A session is known only by a random id: nothing stored names a person, an address or a device.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import operator
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from recommender.catalog.catalog import default_home
from recommender.feedback.interactions import POSITIVE, SIGNALS, collapse_repeats, write_atomic, write_user_items

#: Schema changes in order; ``PRAGMA user_version`` counts those a file has had. Append, never edit.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: the tables. Catalogs are named by content hash, products by 0-based data row.
        "CREATE TABLE sessions (id TEXT PRIMARY KEY, created_at REAL NOT NULL)",
        "CREATE TABLE turns (id INTEGER PRIMARY KEY, session TEXT NOT NULL, catalog TEXT NOT NULL,"
        " turn INTEGER NOT NULL, text TEXT NOT NULL, constraints TEXT NOT NULL, at REAL NOT NULL)",
        "CREATE TABLE impressions (id INTEGER PRIMARY KEY, session TEXT NOT NULL, catalog TEXT NOT NULL,"
        " turn INTEGER NOT NULL, row INTEGER NOT NULL, rank INTEGER NOT NULL, at REAL NOT NULL)",
        "CREATE TABLE feedback (id INTEGER PRIMARY KEY, session TEXT NOT NULL, catalog TEXT NOT NULL,"
        " row INTEGER NOT NULL, signal TEXT NOT NULL, turn INTEGER, at REAL NOT NULL)",
    ),
    (  # 2: indexes for reading a catalog's events in time order and for deleting a session
        "CREATE INDEX feedback_by_catalog ON feedback (catalog, at, id)",
        "CREATE INDEX feedback_by_session ON feedback (session)",
        "CREATE INDEX turns_by_session ON turns (session)",
        "CREATE INDEX impressions_by_session ON impressions (session)",
    ),
)
_TABLES = ("feedback", "impressions", "turns")  # every table with a session column, besides sessions
_SESSION_ID = re.compile(r"[0-9a-f]{32}")


class EventStoreError(RuntimeError):
    """The event database cannot be used right now; the message names the file and what to do."""


class Event(NamedTuple):
    """One feedback event: ``row`` is the product's 0-based data row in the catalog file."""

    session: str
    row: int
    signal: str
    turn: int | None
    at: float


class EventStore:
    """Sessions, turns, impressions and feedback in one SQLite file, safe to share between threads and
    processes: every call opens its own connection and writes in one short transaction.

    Parameters
    ----------
    path
        The database file; default ``$PRODUCT_FINDER_HOME/events.sqlite3``.
    timeout
        Seconds a write waits for another writer before giving up with :class:`EventStoreError`.

    A file that is not a database is moved aside to ``<name>.corrupt-<timestamp>`` and a new one started;
    ``warnings`` then says so.
    """

    def __init__(self, path: Path | None = None, *, timeout: float = 5.0) -> None:
        self.path = Path(path) if path else default_home() / "events.sqlite3"
        self.timeout = timeout
        self.warnings: list[str] = []
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._migrate()
        except EventStoreError as error:
            if not _is_corrupt(error.__cause__):
                raise
            moved = self._move_aside()
            self.warnings.append(
                f"The event database {self.path} was damaged ({error.__cause__}); it was "
                f"moved to {moved.name} and a new, empty one was started."
            )
            self._migrate()

    # -- writing ------------------------------------------------------------------------------------------

    def new_session(self) -> str:
        """Start a session and return its id: random, so it says nothing about who is chatting."""
        session = secrets.token_hex(16)
        with self._write() as db:
            db.execute("INSERT INTO sessions (id, created_at) VALUES (?, ?)", (session, time.time()))
        return session

    def record_turn(
        self, session: str, catalog: str, turn: int, text: str, constraints: Iterable[Any] = (), at: float | None = None
    ) -> None:
        """Remember what the shopper wrote in ``turn`` and the constraints understood so far (objects with
        ``to_json``, or plain JSON values)."""
        parsed = json.dumps([c.to_json() if hasattr(c, "to_json") else c for c in constraints])
        now = time.time() if at is None else float(at)
        with self._write(session) as db:
            db.execute(
                "INSERT INTO turns (session, catalog, turn, text, constraints, at) VALUES (?, ?, ?, ?, ?, ?)",
                (session, catalog, int(turn), text, parsed, now),
            )

    def record_impressions(
        self, session: str, catalog: str, turn: int, rows: Sequence[int], at: float | None = None
    ) -> None:
        """Remember the products shown after ``turn``, best first (rank 1 is the top result)."""
        now = time.time() if at is None else float(at)
        shown = [(session, catalog, int(turn), _row(r), rank, now) for rank, r in enumerate(rows, 1)]
        with self._write(session) as db:
            db.executemany(
                "INSERT INTO impressions (session, catalog, turn, row, rank, at) VALUES (?, ?, ?, ?, ?, ?)", shown
            )

    def record_feedback(
        self, session: str, catalog: str, row: int, signal: str, turn: int | None = None, at: float | None = None
    ) -> None:
        """Remember a shopper's ``signal`` (click, like, dislike, shortlist or purchase) on a catalog row."""
        if signal not in SIGNALS:
            raise ValueError(f"unknown feedback signal {signal!r}; expected one of {', '.join(SIGNALS)}")
        row, turn, now = _row(row), None if turn is None else int(turn), time.time() if at is None else float(at)
        with self._write(session) as db:
            db.execute(
                "INSERT INTO feedback (session, catalog, row, signal, turn, at) VALUES (?, ?, ?, ?, ?, ?)",
                (session, catalog, row, signal, turn, now),
            )

    def delete_session(self, session: str) -> int:
        """Remove everything recorded in a session, everywhere; returns the rows deleted (0: none known)."""
        with self._write() as db:
            deleted = sum(db.execute(f"DELETE FROM {t} WHERE session = ?", (session,)).rowcount for t in _TABLES)
            return deleted + db.execute("DELETE FROM sessions WHERE id = ?", (session,)).rowcount

    def apply_retention(self, days: float, now: float | None = None) -> int:
        """Delete what is older than ``days`` days, and sessions begun before then with nothing left in them.
        Returns the rows deleted."""
        if not days >= 0:
            raise ValueError(f"retention must be zero or more days, got {days!r}")
        cutoff = (time.time() if now is None else now) - days * 86400
        with self._write() as db:
            deleted = sum(db.execute(f"DELETE FROM {t} WHERE at < ?", (cutoff,)).rowcount for t in _TABLES)
            in_use = " AND ".join(f"id NOT IN (SELECT session FROM {t})" for t in _TABLES)
            return deleted + db.execute(f"DELETE FROM sessions WHERE created_at < ? AND {in_use}", (cutoff,)).rowcount

    # -- reading ------------------------------------------------------------------------------------------

    def events(self, catalog: str) -> list[Event]:
        """Feedback on one catalog (by content hash), oldest first; equal times in the order recorded."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT session, row, signal, turn, at FROM feedback WHERE catalog = ? ORDER BY at, id", (catalog,)
            ).fetchall()
        return [Event(*r) for r in rows]

    def sequences(self, catalog: str) -> dict[str, list[int]]:
        """Per session, the rows it clicked, liked, shortlisted or bought, in time order (a row repeated
        back to back counts once); sessions in order of their first such event."""
        wanted: dict[str, list[int]] = {}
        for event in self.events(catalog):
            if event.signal in POSITIVE:
                wanted.setdefault(event.session, []).append(event.row)
        return {session: collapse_repeats(rows) for session, rows in wanted.items()}

    def export_user_items(self, catalog: str, path: str | Path) -> int:
        """Write :meth:`sequences` as ``user item`` lines (the SASRec data format: users 1, 2, ... in order of
        first event, item = row + 1). Returns the lines written."""
        return write_user_items(self.sequences(catalog), path)

    def export_csv(self, catalog: str, path: str | Path) -> int:
        """Write every event as ``user_id,item_id,timestamp,event`` (users 1, 2, ... in order of first event,
        item_id = 0-based row, ISO 8601 UTC times), one user after another in time order: the format
        :func:`~recommender.feedback.read_interactions_csv` reads. Returns the events written."""
        events = self.events(catalog)
        users = {s: i for i, s in enumerate(dict.fromkeys(e.session for e in events), 1)}
        text = io.StringIO()
        out = csv.writer(text, lineterminator="\n")
        out.writerow(["user_id", "item_id", "timestamp", "event"])
        for e in sorted(events, key=lambda e: users[e.session]):  # sorted is stable: time order within a user
            out.writerow([users[e.session], e.row, datetime.fromtimestamp(e.at, UTC).isoformat(), e.signal])
        write_atomic(Path(path), text.getvalue())
        return len(events)

    # -- the file -----------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection of this call's own (sqlite3 connections must not cross threads), closed after."""
        try:
            # timeout= is SQLite's busy_timeout; isolation_level=None: transactions are begun explicitly.
            db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        try:
            db.execute("PRAGMA synchronous = NORMAL")  # safe in WAL mode, and spares an fsync per event
            yield db
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        finally:
            db.close()

    @contextlib.contextmanager
    def _write(self, session: str | None = None) -> Iterator[sqlite3.Connection]:
        """One short write transaction. With a ``session``, first make sure its row exists: a session then
        outlives a retention pass that emptied it while it was idle."""
        if session is not None and not (isinstance(session, str) and _SESSION_ID.fullmatch(session)):
            raise ValueError(
                f"session id {session!r} is not one made by new_session() (32 hex digits); "
                f"only random ids are stored, never names or addresses"
            )
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")  # take the write lock first: a busy file fails here, not half-way
            try:
                if session is not None:
                    db.execute("INSERT OR IGNORE INTO sessions (id, created_at) VALUES (?, ?)", (session, time.time()))
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    def _migrate(self) -> None:
        """Bring the file up to the latest schema, one migration per step, each with its version number."""
        with self._connect() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise EventStoreError(
                    f"the event database {self.path} was written by a newer version of the app "
                    f"(schema {version}, this one knows {len(MIGRATIONS)}); update the app, or "
                    f"set PRODUCT_FINDER_HOME to another folder."
                )
            if version == len(MIGRATIONS):
                return  # the common case takes no lock, so opening never waits for a writer
            db.execute("PRAGMA journal_mode = WAL")  # kept in the file: readers and a writer work at once
            db.execute("BEGIN IMMEDIATE")
            try:
                version = db.execute("PRAGMA user_version").fetchone()[0]  # another process may have been first
                for number, steps in enumerate(MIGRATIONS[version:], version + 1):
                    for statement in steps:
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {number}")
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    def _move_aside(self) -> Path:
        """Rename a damaged file (and its WAL files) out of the way, keeping it for inspection."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target, n = self.path.with_name(f"{self.path.name}.corrupt-{stamp}"), 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{self.path}{suffix}", f"{target}{suffix}")
        return target

    def _error(self, exc: sqlite3.Error) -> EventStoreError:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # the primary code of an extended one
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return EventStoreError(
                f"the event database {self.path} is locked: another program has been writing "
                f"to it for more than {self.timeout:g} s. Close other copies of the app that "
                f"use it (or set PRODUCT_FINDER_HOME to another folder) and try again."
            )
        return EventStoreError(
            f"the event database {self.path} cannot be used ({exc}); move the file away to start a new one."
        )


def _is_corrupt(exc: BaseException | None) -> bool:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


def _row(row: int) -> int:
    """A catalog data row: an int (numpy's too) from 0 up."""
    try:
        value = operator.index(row)
    except TypeError:
        value = -1
    if value < 0 or isinstance(row, bool):
        raise ValueError(f"catalog row must be a whole number from 0 up, got {row!r}")
    return value

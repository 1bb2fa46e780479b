"""The :class:`EventStore`: what happened in each chat session (turns, products shown, feedback), kept in
an embedded SQLite file so preference models can learn from it, and so it can be deleted or expired.

A session is known only by a random id: nothing stored names a person, an address or a device.

The file is checked when a store opens it, and again when a call meets a damaged page: a damaged file is
kept aside under a timestamped name and every row that can still be read is copied into a new one. A file
that is only read (:func:`read_events`, for training) is opened read-only and never changed. Deleted rows
are overwritten (``secure_delete``) and the write-ahead log is emptied after a delete, so deleted text
leaves no copy in the files.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import json
import logging
import operator
import os
import re
import secrets
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from recommender import knowledge
from recommender.events.interactions import collapse_repeats, write_atomic, write_user_items
from recommender.home import default_home
from recommender.signals import POSITIVE, SIGNALS

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
_EVENTS = "SELECT session, row, signal, turn, at FROM feedback WHERE catalog = ? ORDER BY at, id"
#: Python types a salvaged value of each declared column type may have (anything else is garbage).
_KINDS: dict[str, tuple[type, ...]] = {"TEXT": (str,), "INTEGER": (int,), "REAL": (float, int)}
#: Salvage steps over a damaged stretch one rowid at a time; past the last rowid known, it stops after
#: this many in a row that cannot be read.
_GAP = 2_000

log = logging.getLogger(__name__)


class EventStoreError(RuntimeError):
    """The event database cannot be used right now; the message names the file and what to do."""


class NewerSchemaError(EventStoreError):
    """The file was written by a newer version of the app: nothing this version writes will ever fit."""


class Event(NamedTuple):
    """One feedback event: ``row`` is the product's 0-based data row in the catalog file."""

    session: str
    row: int
    signal: str
    turn: int | None
    at: float


def new_session_id() -> str:
    """A random session id: it says nothing about who is chatting."""
    return secrets.token_hex(16)


def wanted(events: Iterable[Event]) -> dict[str, list[int]]:
    """Per session, the rows it clicked, liked, shortlisted or bought, in the events' order (a row repeated
    back to back counts once); sessions in order of their first such event."""
    rows: dict[str, list[int]] = {}
    for event in events:
        if event.signal in POSITIVE:
            rows.setdefault(event.session, []).append(event.row)
    return {session: collapse_repeats(seen) for session, seen in rows.items()}


class EventStore:
    """Sessions, turns, impressions and feedback in one SQLite file, safe to share between threads and
    processes: every call opens its own connection and writes in one short transaction.

    Parameters
    ----------
    path
        The database file; default ``$PRODUCT_FINDER_HOME/events.sqlite3``.
    timeout
        Seconds a write waits for another writer before giving up with :class:`EventStoreError`.

    A damaged file (``PRAGMA quick_check`` fails, or it is not a database) is moved aside to
    ``<name>.corrupt-<timestamp>`` and what can still be read of it is copied into a new one; ``warnings``
    then says so (and the log).
    """

    def __init__(self, path: Path | None = None, *, timeout: float = 5.0) -> None:
        self.path = Path(path) if path else default_home() / "events.sqlite3"
        self.timeout = timeout
        self.warnings: list[str] = []
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._repair()
        self._migrate()

    # -- writing ------------------------------------------------------------------------------------------

    def new_session(self) -> str:
        """Start a session and return its id (:func:`new_session_id`)."""
        session = new_session_id()
        with self._write() as db:
            db.execute("INSERT INTO sessions (id, created_at) VALUES (?, ?)", (session, time.time()))
        return session

    def record_turn(
        self, session: str, catalog: str, turn: int, text: str, constraints: Iterable[Any] = (), at: float | None = None
    ) -> None:
        """Remember what the shopper wrote in ``turn`` (as much as the parser reads) and the constraints
        understood so far (objects with ``to_json``, or plain JSON values)."""
        parsed = json.dumps([c.to_json() if hasattr(c, "to_json") else c for c in constraints])
        text = str(text)[: knowledge.language()["max_turn_chars"]]  # a pasted megabyte is not kept whole
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

    def delete_sessions(self, sessions: Iterable[str]) -> int:
        """Remove everything recorded in these sessions, everywhere, leaving no copy of it in the files;
        returns the rows deleted (0: none known)."""
        sessions = [_session(s) for s in sessions]
        with self._write() as db:
            deleted = 0
            for session in sessions:
                deleted += sum(db.execute(f"DELETE FROM {t} WHERE session = ?", (session,)).rowcount for t in _TABLES)
                deleted += db.execute("DELETE FROM sessions WHERE id = ?", (session,)).rowcount
        self._empty_log()
        return deleted

    def apply_retention(self, days: float, now: float | None = None) -> int:
        """Delete what is older than ``days`` days, and sessions begun before then with nothing left in them.
        Returns the rows deleted."""
        if not days >= 0:
            raise ValueError(f"retention must be zero or more days, got {days!r}")
        cutoff = (time.time() if now is None else now) - days * 86400
        with self._write() as db:
            deleted = sum(db.execute(f"DELETE FROM {t} WHERE at < ?", (cutoff,)).rowcount for t in _TABLES)
            in_use = " AND ".join(f"id NOT IN (SELECT session FROM {t})" for t in _TABLES)
            deleted += db.execute(f"DELETE FROM sessions WHERE created_at < ? AND {in_use}", (cutoff,)).rowcount
        self._empty_log()
        return deleted

    # -- reading ------------------------------------------------------------------------------------------

    def events(self, catalog: str) -> list[Event]:
        """Feedback on one catalog (by content hash), oldest first; equal times in the order recorded."""
        with self._connect() as db:
            return [Event(*r) for r in db.execute(_EVENTS, (catalog,))]

    def sequences(self, catalog: str) -> dict[str, list[int]]:
        """:func:`wanted` of the catalog's :meth:`events`."""
        return wanted(self.events(catalog))

    def export_user_items(self, catalog: str, path: str | Path) -> int:
        """Write :meth:`sequences` as ``user item`` lines (the SASRec data format: users 1, 2, ... in order of
        first event, item = row + 1). Returns the lines written."""
        return write_user_items(self.sequences(catalog), path)

    def export_csv(self, catalog: str, path: str | Path) -> int:
        """Write every event as ``user_id,item_id,timestamp,event`` (users 1, 2, ... in order of first event,
        item_id = 0-based row, ISO 8601 UTC times), one user after another in time order: the format
        :func:`~recommender.events.read_interactions_csv` reads. Returns the events written."""
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
        """A connection of this call's own (sqlite3 connections must not cross threads), closed after. A
        damaged page met on the way has the file salvaged before the error is raised, so the next call
        works again."""
        try:
            # timeout= is SQLite's busy_timeout; isolation_level=None: transactions are begun explicitly.
            db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        try:
            db.execute("PRAGMA secure_delete = ON")  # deleted rows are overwritten, whatever the build's default
            db.execute("PRAGMA synchronous = NORMAL")  # safe in WAL mode, and spares an fsync per event
            yield db
        except sqlite3.Error as exc:
            db.close()
            salvaged = self._repair() if _is_corrupt(exc) else None
            raise (EventStoreError(salvaged) if salvaged else self._error(exc)) from exc
        finally:
            db.close()

    @contextlib.contextmanager
    def _write(self, session: str | None = None) -> Iterator[sqlite3.Connection]:
        """One short write transaction. With a ``session``, first make sure its row exists: a session then
        outlives a retention pass that emptied it while it was idle."""
        if session is not None:
            _session(session)
        with self._connect() as db, _immediate(db):
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):  # a newer app migrated the file since this store opened it
                raise NewerSchemaError(_newer(self.path, version))
            if session is not None:
                db.execute("INSERT OR IGNORE INTO sessions (id, created_at) VALUES (?, ?)", (session, time.time()))
            yield db

    def _migrate(self) -> None:
        """Bring the file up to the latest schema, one migration per step, each with its version number."""
        with self._connect() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise NewerSchemaError(_newer(self.path, version))
            if version == len(MIGRATIONS):
                return  # the common case takes no lock, so opening never waits for a writer
            db.execute("PRAGMA journal_mode = WAL")  # kept in the file: readers and a writer work at once
            with _immediate(db):
                version = db.execute("PRAGMA user_version").fetchone()[0]  # another process may have been first
                for number, steps in enumerate(MIGRATIONS[version:], version + 1):
                    for statement in steps:
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {number}")

    def _empty_log(self) -> None:
        """Copy the write-ahead log into the file and truncate it: the log still holds pages as they were
        before a delete."""
        with self._connect() as db:
            busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            log.warning("%s: readers kept the write-ahead log from being emptied after a delete", self.path)

    def _repair(self) -> str | None:
        """If the file is damaged, keep it aside and copy what can be read into a new one; returns the
        warning then (None: the file is sound). Once per damage, however many processes find it at once."""
        if self._damage() is None:
            return None
        with _exclusive(self.path.with_name(f"{self.path.name}.lock")):
            problem = self._damage()  # another process may have salvaged it while this one waited
            if problem is None:
                return None
            aside = self._move_aside()
            self._migrate()
            kept = self._copy_readable(aside)
        warning = (
            f"The event database {self.path} was damaged ({problem}). The {kept:,} rows that could still be "
            f"read were copied into a new file; the damaged one is kept as {aside.name}."
        )
        self.warnings.append(warning)
        log.warning(warning)
        return warning

    def _damage(self) -> str | None:
        """What ``PRAGMA quick_check`` finds wrong with the file; None when it is sound or not there yet."""
        if not self.path.exists():
            return None
        try:
            with contextlib.closing(sqlite3.connect(self.path, timeout=self.timeout)) as db:
                return _quick_check(db)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def _copy_readable(self, source: Path) -> int:
        """Copy every row of ``source`` that can still be read into this file, table by table, in the order
        they were written (under new ids, so rows another process wrote meanwhile keep theirs)."""
        kept = 0
        unlogged = not Path(f"{source}-wal").exists()  # the file aside is ours alone, and whole without a log
        with _whole_pages(source) as whole, _read_only(whole, immutable=unlogged) as old, self._write() as db:
            for table in ("sessions", *_TABLES):
                columns = [c for c in _columns(db, table) if table == "sessions" or c[0] != "id"]
                names = [c[0] for c in columns]
                # OR IGNORE: a session another process wrote meanwhile is there already
                insert = f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
                session = names.index("id" if table == "sessions" else "session")
                for row in _readable_rows(old, table, columns):
                    if _SESSION_ID.fullmatch(row[session]):  # else garbage that happened to decode
                        kept += db.execute(insert, row).rowcount
        return kept

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


def read_events(path: str | Path, catalog: str) -> tuple[list[Event], tuple[str, ...]]:
    """A catalog's feedback from an event database that is only read (to train on it), with warnings.

    The file is opened read-only and never changed, whoever wrote it. One that is not the finder's, or of a
    newer version, raises :class:`EventStoreError` naming what it is; of a damaged one, the events that can
    still be read are returned and a warning says so.
    """
    path = Path(path)
    try:
        with _whole_pages(path) as whole, _read_only(whole) as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise NewerSchemaError(_newer(path, version, "train with that version, or export its events as CSV"))
            columns = _columns(db, "feedback")
            if not {"id", "catalog", *Event._fields} <= {name for name, _, _ in columns}:
                tables = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
                raise EventStoreError(
                    f"{path} is an SQLite database but not the finder's event database (it has no feedback "
                    f"table of sessions, rows and signals; its tables: {', '.join(tables) or 'none'}); give the "
                    f"app's events.sqlite3 or an interaction CSV (user_id,item_id,timestamp[,event])"
                )
            problem = _quick_check(db)
            if problem is None:
                return [Event(*r) for r in db.execute(_EVENTS, (catalog,))], ()
            wanted_columns = [c for name in ("catalog", "id", *Event._fields) for c in columns if c[0] == name]
            readable = [
                r
                for r in _readable_rows(db, "feedback", wanted_columns)
                if r[0] == catalog and _SESSION_ID.fullmatch(r[2])
            ]
    except sqlite3.DatabaseError as exc:
        raise EventStoreError(
            f"{path} cannot be read as an event database ({exc}); give the app's events.sqlite3 or an "
            f"interaction CSV (user_id,item_id,timestamp[,event])"
        ) from exc
    events = [Event(*r[2:]) for r in sorted(readable, key=lambda r: (r[-1], r[1]))]  # by time, then id
    warning = (
        f"{path} is damaged ({problem}): the {len(events):,} events of this catalog that could still be read "
        f"are used, the damaged pages skipped. The file was not changed."
    )
    return events, (warning,)


@contextlib.contextmanager
def _immediate(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction that takes the write lock first (a busy file fails here, not half-way),
    committed at the end and rolled back on any error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


@contextlib.contextmanager
def _read_only(path: Path, immutable: bool = False) -> Iterator[sqlite3.Connection]:
    """A read-only connection that reads past damage: a truncated file too (``writable_schema`` lets
    SQLite open a file shorter than its header says; nothing can be written on this connection anyway).
    ``immutable``: nobody writes the file, so SQLite need not lock it or make a WAL index beside it."""
    mode = "immutable=1" if immutable else "mode=ro"
    db = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, isolation_level=None)
    try:
        db.execute("PRAGMA writable_schema = ON")
        yield db
    finally:
        db.close()


def _quick_check(db: sqlite3.Connection) -> str | None:
    """The first problems ``PRAGMA quick_check`` finds (None: the file is sound)."""
    try:
        found = [row[0] for row in db.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as exc:
        if _is_corrupt(exc):
            return str(exc)
        raise
    lines = [line for text in found for line in text.splitlines() if not line.startswith("***")]
    return None if found == ["ok"] else "; ".join(lines)


def _columns(db: sqlite3.Connection, table: str) -> list[tuple[str, str, bool]]:
    """Name, declared type and NOT NULL of each column of ``table`` (none: no such table)."""
    return [
        (name, kind.upper(), bool(notnull)) for _, name, kind, notnull, *_ in db.execute(f"PRAGMA table_info({table})")
    ]


def _readable_rows(db: sqlite3.Connection, table: str, columns: Sequence[tuple[str, str, bool]]) -> Iterator[tuple]:
    """The values of ``columns`` (:func:`_columns`) in every row of ``table`` that can be read, in rowid order.

    A scan that meets a damaged page goes on after it, one rowid at a time; a row whose values do not have
    their column's type (garbage read from a damaged page) is left out.
    """
    select = f"SELECT rowid, {', '.join(name for name, _, _ in columns)} FROM {table}"
    try:
        db.execute(f"{select} LIMIT 0")
    except sqlite3.DatabaseError:
        return  # the table, a column or the schema itself cannot be read
    try:
        last = db.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
    except sqlite3.DatabaseError:
        last = None  # the last page is damaged: go on until a long stretch reads nothing

    def fits(values: Sequence[object]) -> bool:
        return all(
            isinstance(v, _KINDS.get(kind, object)) if v is not None else not notnull
            for v, (_, kind, notnull) in zip(values, columns, strict=True)
        )

    scan = f"{select} WHERE rowid >= ? ORDER BY rowid"
    start, misses = 1, 0  # the rowids SQLite gives start at 1
    while True:
        try:
            for rowid, *values in db.execute(scan, (start,)):
                if fits(values):
                    yield tuple(values)
                start, misses = rowid + 1, 0
            return  # the scan reached the end
        except sqlite3.DatabaseError:
            pass
        # A damaged page ahead. The row before it may have gone with the error (the sqlite3 module reads a
        # row ahead), so read the next row on its own: LIMIT 1 reads nothing after it.
        try:
            found = db.execute(f"{scan} LIMIT 1", (start,)).fetchone()
        except sqlite3.DatabaseError:
            start, misses = start + 1, misses + 1
            if misses >= _GAP and (last is None or start > last):
                return
            continue
        if found is None:
            return
        if fits(found[1:]):
            yield tuple(found[1:])
        start, misses = found[0] + 1, 0


@contextlib.contextmanager
def _whole_pages(path: Path) -> Iterator[Path]:
    """``path``, or while it is cut inside a page (and has no log), a copy without that torn page: SQLite
    reads the missing part as zeros, so its rows could be half garbage."""
    with path.open("rb") as handle:
        header = handle.read(18)
    page = int.from_bytes(header[16:18], "big") if len(header) == 18 else 0
    page = 65536 if page == 1 else page  # how the header writes the largest page size
    torn = path.stat().st_size % page if page >= 512 and not page & (page - 1) else 0
    if not torn or Path(f"{path}-wal").exists():
        yield path
        return
    with tempfile.TemporaryDirectory() as folder:
        whole = Path(folder) / path.name
        shutil.copyfile(path, whole)
        with whole.open("r+b") as copy:
            copy.truncate(path.stat().st_size - torn)
        yield whole


@contextlib.contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """A lock file across processes, so one of them salvages a damaged file and the others wait for it."""
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _newer(path: Path, version: int, fix: str = "update the app, or set PRODUCT_FINDER_HOME to another folder") -> str:
    return (
        f"the event database {path} was written by a newer version of the app (schema {version}, this one "
        f"knows {len(MIGRATIONS)}); {fix}."
    )


def _is_corrupt(exc: BaseException | None) -> bool:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


def _session(session: object) -> str:
    """A session id as :func:`new_session_id` makes them: only random ids are stored."""
    if not (isinstance(session, str) and _SESSION_ID.fullmatch(session)):
        raise ValueError(
            f"session id {session!r} is not one made by new_session_id() (32 hex digits); "
            f"only random ids are stored, never names or addresses"
        )
    return session


def _row(row: int) -> int:
    """A catalog data row: an int (numpy's too) from 0 up."""
    try:
        value = operator.index(row)
    except TypeError:
        value = -1
    if value < 0 or isinstance(row, bool):
        raise ValueError(f"catalog row must be a whole number from 0 up, got {row!r}")
    return value

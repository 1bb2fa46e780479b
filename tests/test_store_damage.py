"""The event store meets damage, locks and newer files: every readable event is kept, every new event is
stored or counted as lost and reported, and a file given only to be read is never changed."""

from __future__ import annotations

import contextlib
import dataclasses
import random
import re
import shutil
import sqlite3
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recommender.cli import main
from recommender.errors import DatasetError
from recommender.events import MIGRATIONS, EventStore, EventStoreError
from recommender.events.recorder import SessionRecorder
from recommender.events.store import new_session_id
from recommender.jobs.retrain import read_histories

CATALOG = "c0ffee"
PAGE = 4096  # SQLite's default page size, which the store keeps
SESSIONS = 40
PER_SESSION = 60  # feedback events per session: 2,400 in all, over many pages
#: Per table, the columns compared (``id`` of the event tables is left out: salvage gives new ones).
COLUMNS = {
    "sessions": "id, created_at",
    "turns": "session, catalog, turn, text, constraints, at",
    "impressions": "session, catalog, turn, row, rank, at",
    "feedback": "session, catalog, row, signal, turn, at",
}


def fill(path: Path) -> None:
    """A store file with sessions, turns, impressions and feedback, in one transaction (fast to make)."""
    EventStore(path)
    rng = random.Random(7)
    sessions = [f"{rng.getrandbits(128):032x}" for _ in range(SESSIONS)]  # the same file every run
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.executemany("INSERT INTO sessions VALUES (?, ?)", [(s, 1000.0 + n) for n, s in enumerate(sessions)])
        for n, session in enumerate(sessions):
            for k in range(PER_SESSION):
                at = 2000.0 + n * PER_SESSION + k
                db.execute(
                    "INSERT INTO feedback (session, catalog, row, signal, turn, at) VALUES (?, ?, ?, ?, ?, ?)",
                    (session, CATALOG, rng.randrange(500), rng.choice(["click", "like", "purchase"]), k // 5, at),
                )
                if k % 5 == 0:
                    db.execute(
                        "INSERT INTO turns (session, catalog, turn, text, constraints, at) VALUES (?, ?, ?, ?, ?, ?)",
                        (session, CATALOG, k // 5, f"laptop under {rng.randrange(10**6)} for chat {n}", "[]", at),
                    )
                    db.executemany(
                        "INSERT INTO impressions (session, catalog, turn, row, rank, at) VALUES (?, ?, ?, ?, ?, ?)",
                        [(session, CATALOG, k // 5, rng.randrange(500), rank, at) for rank in range(1, 6)],
                    )
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the file itself


@pytest.fixture(scope="module")
def pristine_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pristine") / "events.sqlite3"
    fill(path)
    return path


@pytest.fixture
def pristine(pristine_file) -> bytes:
    return pristine_file.read_bytes()


def readable(path: Path) -> dict[str, list[tuple]]:
    """Per table, the rows that a query for each rowid on its own can read, in rowid order: the truth the
    salvage is held to (read on a copy, so the file under test is not touched). A row whose session id is
    not one the store makes is garbage that happened to decode."""
    copy = path.parent / "probe" / path.name
    copy.parent.mkdir(exist_ok=True)
    data = path.read_bytes()
    copy.write_bytes(data[: len(data) // PAGE * PAGE])  # a page cut short is not trusted: half of it reads as zeros
    found: dict[str, list[tuple]] = {table: [] for table in COLUMNS}
    with contextlib.closing(sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)) as db:
        db.execute("PRAGMA writable_schema = ON")  # a truncated file is read as far as it goes
        for table, columns in COLUMNS.items():
            for rowid in range(1, SESSIONS * PER_SESSION * 5 + 1):
                with contextlib.suppress(sqlite3.DatabaseError):
                    row = db.execute(f"SELECT {columns} FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
                    if row is not None and re.fullmatch(r"[0-9a-f]{32}", str(row[0])):  # else garbage
                        found[table].append(row)
    shutil.rmtree(copy.parent)
    return found


def stored(path: Path) -> dict[str, list[tuple]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return {t: db.execute(f"SELECT {c} FROM {t} ORDER BY rowid").fetchall() for t, c in COLUMNS.items()}


def truncated(data: bytes, fraction: float) -> bytes:
    return data[: int(len(data) * fraction)]


def garbled(data: bytes, pages: list[int], seed: int) -> bytes:
    """``data`` with whole pages (counted from 0; never the header page) overwritten by random bytes."""
    rng, out = random.Random(seed), bytearray(data)
    for page in pages:
        out[page * PAGE : (page + 1) * PAGE] = rng.randbytes(PAGE)
    return bytes(out)


def feedback_pages(data: bytes) -> list[int]:
    """The pages holding feedback rows (the only rows with a signal in them)."""
    return [p for p in range(1, len(data) // PAGE) if b"purchase" in data[p * PAGE : (p + 1) * PAGE]]


def assert_salvaged(path: Path, damaged: bytes) -> EventStore:
    """Open the damaged file as the app does, and check what it kept and what it said."""
    truth = readable(path)
    store = EventStore(path)
    [aside] = path.parent.glob(f"{path.name}.corrupt-*")
    assert aside.read_bytes() == damaged  # kept aside as it was, for inspection
    [warning] = store.warnings
    kept = sum(len(rows) for rows in truth.values())
    assert "damaged" in warning and aside.name in warning and f"The {kept:,} rows" in warning
    assert stored(path) == truth  # every readable row, in the order written
    new = new_session_id()
    for row in range(5):
        store.record_feedback(new, CATALOG, row, "like")
    assert [e.row for e in store.events(CATALOG) if e.session == new] == list(range(5))
    assert EventStore(path).warnings == []  # salvaged once
    return store


def test_a_truncated_file_keeps_every_readable_event(tmp_path, pristine):
    path = tmp_path / "events.sqlite3"
    damaged = truncated(pristine, 0.6)
    path.write_bytes(damaged)
    truth = readable(path)
    assert 0 < len(truth["feedback"]) < SESSIONS * PER_SESSION  # some were lost with the end of the file
    assert_salvaged(path, damaged)


def test_garbage_in_middle_pages_keeps_every_readable_event(tmp_path, pristine):
    path = tmp_path / "events.sqlite3"
    pages = feedback_pages(pristine)
    damaged = garbled(pristine, [pages[len(pages) // 3], pages[len(pages) // 2], len(pristine) // PAGE // 2], seed=3)
    path.write_bytes(damaged)
    truth = readable(path)
    assert SESSIONS * PER_SESSION // 2 < len(truth["feedback"]) < SESSIONS * PER_SESSION
    assert_salvaged(path, damaged)


@settings(max_examples=12, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cut=st.one_of(st.none(), st.floats(0.05, 0.98)),
    pages=st.lists(st.integers(1, 200), max_size=4),
    seed=st.integers(0, 1000),
)
def test_any_damage_keeps_what_can_be_read_and_takes_new_events(tmp_path, pristine_file, cut, pages, seed):
    pristine = pristine_file.read_bytes()
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # one folder per example
    path = folder / "events.sqlite3"
    damaged = garbled(pristine, [p % (len(pristine) // PAGE) or 1 for p in pages], seed)
    damaged = damaged if cut is None else truncated(damaged, cut)
    path.write_bytes(damaged)
    if damaged == pristine:
        assert EventStore(path).warnings == []
        return
    truth = readable(path)
    store = EventStore(path)
    if store.warnings:  # found damaged: salvaged
        assert stored(path) == truth
    else:  # garbage where nothing lived (free pages): nothing to salvage, all still there
        assert stored(path) == stored(pristine_file)
    before = store.events(CATALOG)
    store.record_feedback(new_session_id(), CATALOG, 1, "like", at=9999.0)
    assert store.events(CATALOG) == [*before, store.events(CATALOG)[-1]] and len(before) == len(truth["feedback"])


def test_damage_met_while_running_is_salvaged_and_the_next_call_works(tmp_path, pristine):
    path = tmp_path / "events.sqlite3"
    path.write_bytes(pristine)
    store = EventStore(path)
    assert store.warnings == []
    pages = feedback_pages(pristine)
    damaged = garbled(pristine, [pages[len(pages) // 2]], seed=5)
    path.write_bytes(damaged)  # damaged under a running app
    truth = readable(path)
    with pytest.raises(EventStoreError, match=r"was damaged .* rows that could still be read were copied"):
        store.events(CATALOG)
    assert stored(path) == truth and len(store.warnings) == 1
    assert len(store.events(CATALOG)) == len(truth["feedback"])


def hold_lock(path: Path) -> tuple[threading.Event, threading.Event, threading.Thread]:
    """Another program holding the write lock until ``release`` is set (``held`` once it has it)."""
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as db:
            db.execute("BEGIN EXCLUSIVE")
            held.set()
            release.wait(timeout=120)
            db.execute("ROLLBACK")

    thread = threading.Thread(target=hold)
    thread.start()
    assert held.wait(timeout=120)
    return held, release, thread


def test_a_held_lock_delays_events_and_loses_none(tmp_path):
    store = EventStore(tmp_path / "events.sqlite3", timeout=0.05)
    recorder = SessionRecorder(store, CATALOG)
    recorder.feedback(0, "click", 0)
    _, release, thread = hold_lock(store.path)
    try:
        for row in range(1, 6):
            recorder.feedback(row, "like", 0)
        recorder.turn(1, "a phone", [], [7, 8])
        assert len(recorder.pending) == 7 and recorder.lost == 0
        assert "7 of your actions are waiting to be saved" in recorder.warning
        assert str(tmp_path) not in recorder.warning  # no server paths for the shopper
        assert [e.row for e in store.events(CATALOG)] == [0]  # readers are not blocked
    finally:
        release.set()
        thread.join()
    for row in range(6, 12):
        recorder.feedback(row, "like", 1)
    assert [e.row for e in store.events(CATALOG)] == list(range(12))  # in order, none lost
    assert [r[3] for r in stored(store.path)["impressions"]] == [7, 8] and not recorder.pending
    assert recorder.warning is None


def test_a_lock_held_past_the_queue_counts_what_is_lost_and_says_so(tmp_path):
    store = EventStore(tmp_path / "events.sqlite3", timeout=0.05)
    recorder = SessionRecorder(store, CATALOG, limit=3)
    _, release, thread = hold_lock(store.path)
    try:
        for row in range(5):
            recorder.feedback(row, "like", 0)
    finally:
        release.set()
        thread.join()
    assert (len(recorder.pending), recorder.lost) == (3, 2)
    assert "2 of your actions could not be saved" in recorder.warning
    recorder.feedback(5, "like", 0)
    rows = [e.row for e in store.events(CATALOG)]
    assert rows == [0, 1, 2, 5] and len(rows) + recorder.lost == 6  # every event stored or counted
    assert "2 of your actions could not be saved" in recorder.warning and "waiting" not in recorder.warning


def test_a_file_a_newer_app_migrated_keeps_its_events_and_new_ones_are_counted_lost(tmp_path):
    path = tmp_path / "events.sqlite3"
    store = EventStore(path)
    recorder = SessionRecorder(store, CATALOG)
    for row in range(3):
        recorder.feedback(row, "like", 0)
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")  # a newer version took the file over
    before = path.read_bytes()
    for row in range(3, 6):
        recorder.feedback(row, "like", 0)
    assert (len(recorder.pending), recorder.lost) == (0, 3)
    assert "3 of your actions could not be saved" in recorder.warning
    with pytest.raises(EventStoreError, match=r"newer version of the app \(schema 3, this one knows 2\)"):
        EventStore(path)
    assert path.read_bytes() == before  # nothing of it changed
    assert [r[2] for r in stored(path)["feedback"]] == [0, 1, 2]


# -- files given to `train --events`: only read ------------------------------------------------------------


@pytest.fixture
def cached_home(session_store, monkeypatch):
    """The CLI's catalog cache is the session's, where the built-in catalog is already read."""
    monkeypatch.setenv("PRODUCT_FINDER_HOME", str(session_store.root.parent))


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_train_on_a_foreign_database_is_a_clear_error_and_changes_nothing(tmp_path, cached_home, capsys):
    path = tmp_path / "shop.db"
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, sku TEXT)")
        db.execute("INSERT INTO orders (sku) VALUES ('A-1')")
    before = listing(tmp_path)
    assert main(["train", "--catalog", "data/products.csv", "--events", str(path)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "not the finder's event database" in error and "orders" in error
    assert "Traceback" not in error
    assert listing(tmp_path) == before  # no tables added, no WAL switched on, no file beside it


def test_train_on_a_newer_database_is_a_clear_error_and_changes_nothing(tmp_path, cached_home, capsys):
    path = tmp_path / "events.sqlite3"
    EventStore(path).record_feedback(new_session_id(), CATALOG, 1, "like")
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA journal_mode = DELETE")  # as a newer app might leave it
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 4}")
    before = listing(tmp_path)
    assert main(["train", "--catalog", "data/products.csv", "--events", str(path)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "newer version of the app" in error and "export its events" in error
    assert listing(tmp_path) == before


def test_training_reads_a_damaged_database_as_far_as_it_goes_and_changes_nothing(tmp_path, pristine, builtin_finder):
    path = tmp_path / "events.sqlite3"
    pages = feedback_pages(pristine)
    damaged = garbled(pristine, [pages[len(pages) // 3]], seed=11)
    path.write_bytes(damaged)
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA journal_mode = DELETE")  # not a WAL file: nothing may appear beside it
    damaged = path.read_bytes()
    truth = [r for r in readable(path)["feedback"] if r[1] == CATALOG]
    catalog = dataclasses.replace(builtin_finder.catalog, content_hash=CATALOG)  # the events' catalog
    histories = read_histories(path, catalog)
    [warning] = histories.warnings
    assert f"the {len(truth):,} events of this catalog that could still be read are used" in warning
    assert "was not changed" in warning
    assert histories.events <= len(truth) and histories.sequences
    assert listing(tmp_path) == {"events.sqlite3": damaged}


def test_training_on_a_file_that_is_not_a_database_at_all_is_a_clear_error(tmp_path, builtin_finder):
    path = tmp_path / "events.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + random.Random(1).randbytes(PAGE * 3))
    before = listing(tmp_path)
    with pytest.raises(DatasetError, match=r"events\.sqlite3 cannot be read as an event database"):
        read_histories(path, builtin_finder.catalog)
    assert listing(tmp_path) == before


def test_the_shopper_is_told_when_the_saved_history_was_repaired(tmp_path, pristine, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    home = tmp_path / "home"
    home.mkdir()
    (home / "events.sqlite3").write_bytes(truncated(pristine, 0.6))
    monkeypatch.setenv("PRODUCT_FINDER_HOME", str(home))
    st.cache_resource.clear()  # the app keeps one event store per process: open this home's
    app = Path(__file__).resolve().parents[1] / "streamlit_app.py"
    at = AppTest.from_file(str(app), default_timeout=300).run()
    try:
        at.chat_input[0].set_value("laptop under 60000").run()
        captions = [c.value for c in at.sidebar.caption]
        assert not at.exception
        assert any("damaged and repaired" in c for c in captions), captions
        assert not any(str(home) in c for c in captions)  # no server paths for shoppers
    finally:
        st.cache_resource.clear()  # later app tests open their own home's store

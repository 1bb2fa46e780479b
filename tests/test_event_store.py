"""The event store: concurrent writers lose nothing, a deleted session leaves no trace, old events expire,
exports have known contents, bad files are survived; and uploaded interaction files are repaired, not trusted."""

from __future__ import annotations

import contextlib
import multiprocessing
import re
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from recommender.events import MIGRATIONS, EventStore, EventStoreError, read_interactions_csv
from recommender.signals import SIGNALS

CATALOG = "c0ffee"  # a catalog content hash
PER_WRITER = 200
DAY = 86400.0


def write_events(path: str, barrier, writer: int) -> None:
    """One writer of the concurrency test (top level, so a spawned process can import it)."""
    store = EventStore(Path(path))
    session = store.new_session()
    barrier.wait(timeout=600)  # start together, so the writers really contend for the file
    for i in range(PER_WRITER):
        store.record_feedback(session, CATALOG, row=writer * PER_WRITER + i, signal="click", turn=i)


def sql(path: Path, *statements: str) -> list[list[tuple]]:
    """Run statements on the file directly, in one transaction, and close it."""
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        return [db.execute(s).fetchall() for s in statements]


def tables(path: Path) -> dict[str, list[tuple]]:
    [names] = sql(path, "SELECT name FROM sqlite_master WHERE type = 'table'")
    return dict(zip((n for (n,) in names), sql(path, *(f"SELECT * FROM {n}" for (n,) in names)), strict=True))


def test_default_file_is_in_the_home_folder(tmp_path):
    store = EventStore()
    assert store.path == tmp_path / "home" / "events.sqlite3" and store.path.is_file()
    assert sql(store.path, "PRAGMA journal_mode") == [[("wal",)]]


def test_threads_and_processes_write_at_once_and_lose_nothing(tmp_path):
    path = tmp_path / "events.sqlite3"
    store = EventStore(path)  # one instance shared by the threads; each process opens its own
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(7)
    processes = [ctx.Process(target=write_events, args=(str(path), barrier, w)) for w in range(3)]
    errors: list[BaseException] = []

    def thread_writer(writer: int) -> None:
        try:
            session = store.new_session()
            barrier.wait(timeout=600)
            for i in range(PER_WRITER):
                store.record_feedback(session, CATALOG, row=writer * PER_WRITER + i, signal="like", turn=i)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=thread_writer, args=(w,)) for w in range(3, 7)]
    for worker in processes + threads:
        worker.start()
    for worker in processes + threads:
        worker.join(timeout=900)
    assert not errors and [p.exitcode for p in processes] == [0, 0, 0]
    events = store.events(CATALOG)
    assert len(events) == 7 * PER_WRITER
    assert sorted(e.row for e in events) == list(range(7 * PER_WRITER))
    sequences = store.sequences(CATALOG)
    assert len(sequences) == 7 and all(len(rows) == PER_WRITER for rows in sequences.values())
    assert all(rows == sorted(rows) for rows in sequences.values())  # each writer's order is kept


def test_new_sessions_are_random_ids():
    store = EventStore()
    ids = {store.new_session() for _ in range(20)}
    assert len(ids) == 20 and all(re.fullmatch(r"[0-9a-f]{32}", s) for s in ids)


def test_turns_and_impressions_are_recorded(tmp_path):
    class Need:
        def to_json(self):
            return {"attribute": "ram_gb", "op": ">=", "value": 16}

    store = EventStore(tmp_path / "e.sqlite3")
    session = store.new_session()
    store.record_turn(session, CATALOG, 0, "a laptop with 16 GB", [Need()], at=10.0)
    store.record_impressions(session, CATALOG, 0, [7, 3, 5], at=11.0)
    saved = tables(store.path)
    assert [t[1:] for t in saved["turns"]] == [
        (session, CATALOG, 0, "a laptop with 16 GB", '[{"attribute": "ram_gb", "op": ">=", "value": 16}]', 10.0)
    ]
    assert [i[4:6] for i in saved["impressions"]] == [(7, 1), (3, 2), (5, 3)]  # (row, rank), best first


def test_events_are_in_time_order_then_recording_order():
    store = EventStore()
    session = store.new_session()
    for row, at in [(1, 30.0), (2, 10.0), (3, 20.0), (4, 10.0)]:
        store.record_feedback(session, CATALOG, row, "click", at=at)
    store.record_feedback(session, "other", 9, "click", at=1.0)
    assert [e.row for e in store.events(CATALOG)] == [2, 4, 3, 1]


def test_sequences_keep_wanted_rows_only_and_count_a_repeat_once():
    store = EventStore()
    session = store.new_session()
    for row, signal in [(4, "click"), (4, "like"), (7, "dislike"), (0, "purchase"), (2, "shortlist"), (4, "click")]:
        store.record_feedback(session, CATALOG, row, signal)
    assert store.sequences(CATALOG) == {session: [4, 0, 2, 4]}


def test_bad_arguments_name_the_value():
    store = EventStore()
    session = store.new_session()
    with pytest.raises(ValueError, match=r"'love'.*click, like, dislike, shortlist, purchase"):
        store.record_feedback(session, CATALOG, 1, "love")
    with pytest.raises(ValueError, match="-1"):
        store.record_feedback(session, CATALOG, -1, "like")
    with pytest.raises(ValueError, match=r"'ann@example\.com'"):
        store.record_feedback("ann@example.com", CATALOG, 1, "like")
    with pytest.raises(ValueError, match="-2"):
        store.apply_retention(-2)
    assert store.events(CATALOG) == []


def test_deleting_a_session_leaves_nothing_of_it_and_only_random_ids_are_stored():
    store = EventStore()
    gone, kept = store.new_session(), store.new_session()
    for session in (gone, kept):
        store.record_turn(session, CATALOG, 0, "cheap phone", [{"attribute": "price", "op": "<=", "value": 300}])
        store.record_impressions(session, CATALOG, 0, [1, 2, 3])
        store.record_feedback(session, CATALOG, 2, "like", turn=0)
        store.record_feedback(session, "other", 5, "purchase")
    assert store.delete_sessions([gone]) == 1 + 1 + 3 + 2  # session, turn, impressions, feedback
    assert store.delete_sessions([gone]) == 0
    saved = tables(store.path)
    assert not any(gone in map(str, row) for rows in saved.values() for row in rows)
    assert {n: len(rows) for n, rows in saved.items()} == {"sessions": 1, "turns": 1, "impressions": 3, "feedback": 2}
    assert [e.session for e in store.events(CATALOG)] == [kept]
    columns = {c[1] for info in sql(store.path, *(f"PRAGMA table_info({t})" for t in saved)) for c in info}
    assert columns == {
        "id",
        "created_at",
        "session",
        "catalog",
        "turn",
        "text",
        "constraints",
        "row",
        "rank",
        "signal",
        "at",
    }
    assert not any(re.search(r"name|mail|ip|addr|user|agent|device|phone", c) for c in columns)


def test_retention_deletes_old_events_and_empty_old_sessions():
    store = EventStore()
    now = 1_000 * DAY
    old, active = store.new_session(), store.new_session()
    store.record_turn(old, CATALOG, 0, "old", at=now - 40 * DAY)
    store.record_impressions(old, CATALOG, 0, [1, 2], at=now - 40 * DAY)
    store.record_feedback(old, CATALOG, 1, "like", at=now - 40 * DAY)
    store.record_feedback(active, CATALOG, 3, "like", at=now - 40 * DAY)
    store.record_feedback(active, CATALOG, 4, "click", at=now - 1 * DAY)
    # Sessions were created by the real clock, long after `now`: only events expire here.
    assert store.apply_retention(30, now=now) == 1 + 2 + 1 + 1
    assert [(e.session, e.row) for e in store.events(CATALOG)] == [(active, 4)]
    assert store.apply_retention(30, now=now) == 0
    # A month on, emptied sessions go too; one with a recent event stays.
    far = time.time() + 31 * DAY
    later = store.new_session()
    store.record_feedback(later, CATALOG, 5, "click", at=far)
    assert store.apply_retention(30, now=far) == 1 + 2  # `active`'s event, the `old` and `active` sessions
    assert {s for s, _ in tables(store.path)["sessions"]} == {later}
    store.record_feedback(active, CATALOG, 6, "click", at=far)  # an emptied session can carry on
    assert {s for s, _ in tables(store.path)["sessions"]} == {later, active}


def test_exports_have_known_contents(tmp_path):
    store = EventStore()
    a, b = store.new_session(), store.new_session()
    for session, row, signal, at in [
        (a, 4, "click", 100.0),
        (a, 4, "like", 101.0),
        (a, 7, "dislike", 102.0),
        (a, 0, "purchase", 103.0),
        (b, 2, "shortlist", 50.0),
        (b, 9, "click", 200.0),
        (b, 1, "click", 60.0),
        (a, 3, "like", 99.0),
    ]:
        store.record_feedback(session, CATALOG, row, signal, at=at)
    store.record_feedback(a, "other", 8, "click", at=1.0)

    # b acts first (t=50), so it is user 1; items are rows + 1; a's click and like on row 4 are one step.
    assert store.export_user_items(CATALOG, tmp_path / "seq.txt") == 6
    assert (tmp_path / "seq.txt").read_text() == "1 3\n1 2\n1 10\n2 4\n2 5\n2 1\n"
    assert store.export_csv(CATALOG, tmp_path / "events.csv") == 8
    assert (tmp_path / "events.csv").read_text().splitlines() == [
        "user_id,item_id,timestamp,event",
        "1,2,1970-01-01T00:00:50+00:00,shortlist",
        "1,1,1970-01-01T00:01:00+00:00,click",
        "1,9,1970-01-01T00:03:20+00:00,click",
        "2,3,1970-01-01T00:01:39+00:00,like",
        "2,4,1970-01-01T00:01:40+00:00,click",
        "2,4,1970-01-01T00:01:41+00:00,like",
        "2,7,1970-01-01T00:01:42+00:00,dislike",
        "2,0,1970-01-01T00:01:43+00:00,purchase",
    ]
    back = read_interactions_csv(tmp_path / "events.csv", n_rows=10)
    assert back.sequences == {"1": [2, 1, 9], "2": [3, 4, 0]} and back.warnings == ()


def test_a_corrupt_file_is_moved_aside_and_a_new_one_started(tmp_path):
    path = tmp_path / "events.sqlite3"
    junk = bytes((i * 37 + 11) % 256 for i in range(8192))
    path.write_bytes(junk)
    store = EventStore(path)
    [moved] = tmp_path.glob("events.sqlite3.corrupt-*")
    assert moved.read_bytes() == junk
    assert len(store.warnings) == 1 and "damaged" in store.warnings[0] and moved.name in store.warnings[0]
    session = store.new_session()
    store.record_feedback(session, CATALOG, 1, "like")
    assert len(store.events(CATALOG)) == 1
    assert EventStore(path).warnings == []


def test_a_locked_file_raises_a_clear_error(tmp_path):
    store = EventStore(tmp_path / "events.sqlite3", timeout=0.1)
    session = store.new_session()
    blocker = sqlite3.connect(store.path, isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        with pytest.raises(EventStoreError, match=r"events\.sqlite3 is locked.*Close other copies"):
            store.record_feedback(session, CATALOG, 1, "like")
        assert store.events(CATALOG) == []  # readers are not blocked by a writer in WAL mode
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    store.record_feedback(session, CATALOG, 1, "like")
    assert len(store.events(CATALOG)) == 1


def test_migrations_upgrade_older_files(tmp_path):
    latest = len(MIGRATIONS)
    empty = tmp_path / "v0.sqlite3"
    sql(empty, "PRAGMA user_version")  # version 0: a file with nothing in it
    EventStore(empty)
    assert sql(empty, "PRAGMA user_version") == [[(latest,)]]
    assert set(tables(empty)) == {"sessions", "turns", "impressions", "feedback"}

    older = tmp_path / "v1.sqlite3"
    session = "ab" * 16
    insert = f"INSERT INTO feedback (session, catalog, row, signal, at) VALUES ('{session}', '{CATALOG}', 3, 'like', 5)"
    sql(older, *MIGRATIONS[0], insert, "PRAGMA user_version = 1")
    store = EventStore(older)
    version, indexes = sql(older, "PRAGMA user_version", "SELECT name FROM sqlite_master WHERE type = 'index'")
    assert version == [(latest,)] and ("feedback_by_catalog",) in indexes
    assert [(e.row, e.signal) for e in store.events(CATALOG)] == [(3, "like")]  # the data came along

    sql(older, f"PRAGMA user_version = {latest + 1}")
    with pytest.raises(EventStoreError, match="newer version"):
        EventStore(older)


def test_interaction_file_duplicates_skew_and_unknown_items_are_counted(tmp_path):
    path = tmp_path / "interactions.csv"
    path.write_text(
        "User_ID, item_id, timestamp, event\n"
        "u1,3,100,click\n"
        "u1,3,100,click\n"  # an exact duplicate
        "u1,5,90,like\n"  # earlier than the line before: skewed clock
        "u1,42,110,click\n"  # not a row of a 10-row catalog
        "u1,abc,111,click\n"  # not a number
        "u2,1,2100-01-01T00:00:00Z,purchase\n"  # in the future: clamped to now
        "u2,2,1970-01-01T00:00:50Z,like\n"
        "u2,-1,60,click\n"
        "u2,2.5,61,click\n"
        "u2,7,70000,dislike\n"  # read, but not wanted
        "u3,4,,click\n"  # no timestamp
        "u3,4,80,love\n"  # unknown event
        "u4,6,1000000,\n"  # no event: a click
    )
    result = read_interactions_csv(path, n_rows=10, now=2_000_000.0)
    assert result.sequences == {"u2": [2, 1], "u1": [5, 3], "u4": [6]}
    assert (result.rows, result.unknown_items, result.duplicates, result.future, result.skipped) == (13, 4, 1, 1, 2)
    assert result.out_of_order == 3  # u1's 90 after 100; u2's 50 and 70000 after the clamped future date
    assert result.warnings == (
        "Left out 1 row whose timestamp is neither a date nor an epoch number.",
        "Left out 1 row whose event is not one of click, like, dislike, shortlist, purchase.",
        "Left out 4 rows whose item is not in the catalog (item_id must be a row number from 0 to 9).",
        "Dropped 1 exact duplicate row.",
        "Moved 1 event dated in the future to the present.",
        "Sorted events by time: 3 events dated before an earlier line of the same user (a skewed clock, "
        "or files joined together).",
    )


def test_interaction_file_reads_bytes_and_milliseconds():
    # Read as seconds, 1.6e12 would lie in the future and be moved after the second event.
    result = read_interactions_csv(b"user_id,item_id,timestamp\na,1,1600000000000\na,0,1700000000\n", n_rows=2)
    assert result.sequences == {"a": [1, 0]} and result.warnings == ()


def test_interaction_file_without_a_required_column_names_it(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("user,item_id,timestamp\na,1,2\n")
    with pytest.raises(ValueError, match=r"no column user_id; found user, item_id, timestamp"):
        read_interactions_csv(path, n_rows=3)


def test_signals_are_the_documented_ones():
    assert SIGNALS == ("click", "like", "dislike", "shortlist", "purchase")


def test_a_pasted_megabyte_is_stored_as_far_as_the_parser_reads():
    store = EventStore()
    session = store.new_session()
    store.record_turn(session, CATALOG, 0, "laptop " * 150_000)
    [[(length,)]] = sql(store.path, "SELECT length(text) FROM turns")
    assert length == 2000  # language.json's max_turn_chars

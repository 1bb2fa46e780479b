"""Privacy: "Delete what your chats saved" removes every chat of the browser session, and leaves no copy of
their text anywhere in the database files."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from recommender.events import EventStore
from recommender.events.recorder import SessionRecorder

CATALOG = "c0ffee"
APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


def file_bytes(path: Path) -> bytes:
    """The database file and its write-ahead log, as they lie on disk."""
    return b"".join(Path(f"{path}{suffix}").read_bytes() for suffix in ("", "-wal") if Path(f"{path}{suffix}").exists())


def rows_of(path: Path, sessions: list[str]) -> int:
    with contextlib.closing(sqlite3.connect(path)) as db:
        tables = ("turns", "impressions", "feedback")
        marks = ", ".join("?" * len(sessions))
        found = sum(
            db.execute(f"SELECT count(*) FROM {t} WHERE session IN ({marks})", sessions).fetchone()[0] for t in tables
        )
        return found + db.execute(f"SELECT count(*) FROM sessions WHERE id IN ({marks})", sessions).fetchone()[0]


def chat(recorder: SessionRecorder, marker: str, turns: int = 4) -> None:
    for turn in range(turns):
        recorder.turn(turn, f"a laptop for {marker} number {turn}", [{"source": marker}], [turn, turn + 1, turn + 2])
        recorder.feedback(turn + 1, "like", turn)


def test_delete_removes_every_chat_of_the_browser_session_and_every_copy_of_their_text(tmp_path):
    store = EventStore(tmp_path / "events.sqlite3")
    # Another program keeps a connection open, so the write-ahead log is not removed when the store's own
    # connections close: its old pages are there to be found unless they are overwritten.
    with contextlib.closing(sqlite3.connect(store.path)) as watcher:
        watcher.execute("SELECT count(*) FROM sessions").fetchone()
        browser: list[str] = []  # the chats of one browser session, as the app keeps them
        for n in range(3):  # three conversations: "Start a new conversation" twice
            chat(SessionRecorder(store, CATALOG, browser), f"zqxjmarker{n}")
        other = SessionRecorder(store, CATALOG)  # another shopper's chat, which must stay
        chat(other, "keptmarker")
        latest = SessionRecorder(store, CATALOG, browser)
        chat(latest, "zqxjmarker3")
        chats = list(browser)
        assert len(chats) == 4 and rows_of(store.path, chats) == 4 * (1 + 4 * (1 + 3 + 1))
        assert all(f"zqxjmarker{n}".encode() in file_bytes(store.path) for n in range(4))

        deleted = latest.forget()

        assert deleted == 4 * (1 + 4 * (1 + 3 + 1))  # per chat: its session, and per turn its text, 3 shown, 1 like
        assert rows_of(store.path, chats) == 0
        on_disk = file_bytes(store.path)
        assert not any(f"zqxjmarker{n}".encode() in on_disk for n in range(4))
        assert b"keptmarker" in on_disk and len(store.events(CATALOG)) == 4  # the other shopper's chat stays
        assert latest.sessions == [latest.session] and latest.session not in chats  # later events: a new id
        chat(latest, "aftermarker", turns=1)
        assert [e.session for e in store.events(CATALOG)].count(latest.session) == 1


def test_events_waiting_to_be_saved_are_deleted_too(tmp_path):
    store = EventStore(tmp_path / "events.sqlite3", timeout=0.05)
    browser: list[str] = []
    recorder = SessionRecorder(store, CATALOG, browser)
    chat(recorder, "zqxjwaiting", turns=1)
    with contextlib.closing(sqlite3.connect(store.path, isolation_level=None)) as blocker:
        blocker.execute("BEGIN EXCLUSIVE")  # the store is busy: the next events wait in the recorder
        recorder.feedback(3, "purchase", 0)
        assert len(recorder.pending) == 1
        blocker.execute("ROLLBACK")
    assert recorder.forget() == 1 + 1 + 3 + 1
    recorder.feedback(4, "like", 0)  # the next write: the one deleted while waiting is not written now
    assert [(e.row, e.signal) for e in store.events(CATALOG)] == [(4, "like")]
    assert b"zqxjwaiting" not in file_bytes(store.path)


@pytest.fixture
def app_home(tmp_path_factory, monkeypatch) -> Path:
    """The home the app tests share (the app keeps one event store per process)."""
    home = tmp_path_factory.getbasetemp() / "app-home"
    monkeypatch.setenv("PRODUCT_FINDER_HOME", str(home))
    return home


def test_the_apps_delete_button_removes_every_conversation_of_the_session(app_home):
    at = AppTest.from_file(APP, default_timeout=300).run()
    at.chat_input[0].set_value("laptop for zqxjappfirst under 60000").run()
    at.sidebar.button(key="reset").click().run()  # "Start a new conversation"
    at.chat_input[0].set_value("phone for zqxjappsecond under 20000").run()
    path = app_home / "events.sqlite3"
    assert b"zqxjappfirst" in file_bytes(path) and b"zqxjappsecond" in file_bytes(path)
    at.sidebar.button(key="forget").click().run()
    assert not at.exception
    assert "Deleted" in at.toast[0].value
    on_disk = file_bytes(path)
    assert b"zqxjappfirst" not in on_disk and b"zqxjappsecond" not in on_disk

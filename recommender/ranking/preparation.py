"""Preparing a catalog for matching by meaning: embedding its distinct product texts, as a job.

One :class:`VectorJob` per recipe key (the texts and the embedding recipe) per process, whoever asks:
every session and tab of the app and every command share it. The texts are embedded in fixed chunks,
longest first; each finished chunk is saved beside the catalog's cache, so a job killed half-way (a
crash, a restart, Ctrl-C) resumes where it stopped and ends with the very same vectors. A lock file
keeps two processes from embedding the same catalog at once; the one that waits then reads the result.
Progress (chunks on disk, rate, time left) can be read at any moment, also after a reload.
"""

from __future__ import annotations

import atexit
import fcntl
import os
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import numpy as np

from recommender import embeddings


@dataclass(frozen=True)
class Progress:
    """Where a job stands: texts embedded of all, rate (texts/s) and seconds left when known."""

    done: int
    total: int
    rate: float | None = None
    seconds_left: float | None = None
    failed: str | None = None

    @property
    def finished(self) -> bool:
        return self.done >= self.total and self.failed is None

    def describe(self) -> str:
        """'1,024 of 8,128 product texts (85/s, about 1 min left)'."""
        text = f"{self.done:,} of {self.total:,} product texts"
        if self.rate:
            left = f", about {_duration(self.seconds_left)} left" if self.seconds_left else ""
            text += f" ({self.rate:,.0f}/s{left})"
        return text


class VectorJob:
    """Embeds one set of texts in resumable chunks. Get one with :meth:`shared`."""

    _jobs: ClassVar[dict[tuple[str, str], VectorJob]] = {}
    _jobs_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, texts: list[str], key: str, folder: Path | None, chunk: int = embeddings.CHUNK) -> None:
        self.texts, self.key, self.folder, self.chunk = texts, key, folder, chunk
        self.sequence = embeddings.order(texts)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._started: float | None = None
        self._embedded_here = 0  # texts this process embedded, for the rate
        self._failed: str | None = None

    @classmethod
    def shared(cls, texts: list[str], key: str, folder: Path | None) -> VectorJob:
        """The process's one job for these texts: two sessions asking for one catalog share it."""
        with cls._jobs_lock:
            job = cls._jobs.get((key, str(folder)))
            if job is None:
                job = cls._jobs[(key, str(folder))] = cls(texts, key, folder)
            return job

    # ---- files ------------------------------------------------------------------------------------
    @property
    def final(self) -> Path | None:
        return None if self.folder is None else self.folder / f"vectors-{self.key}.npy"

    def _part(self, index: int) -> Path:
        return self.folder / f"vectors-{self.key}.part{index:05d}.npy"

    def _chunks(self) -> list[np.ndarray]:
        return [self.sequence[s : s + self.chunk] for s in range(0, len(self.texts), self.chunk)]

    def result(self) -> np.ndarray | None:
        """The finished vectors (float16, one row per text), or None while they are not all there."""
        return load_vectors(self.final, len(self.texts))

    # ---- running ----------------------------------------------------------------------------------
    def run(self, progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """Embed what is not yet embedded and return all vectors (float16); resumes saved chunks."""
        done = self.result()
        if done is not None:
            return done
        with self._lock, self._exclusive():
            done = self.result()  # another process may have finished while we waited
            if done is not None:
                return done
            self._started = time.monotonic()
            out = np.empty((len(self.texts), embeddings.DIMENSION), dtype=np.float16)
            finished = 0
            for index, rows in enumerate(self._chunks()):
                if _stopping.is_set() and threading.current_thread() is self._thread:
                    raise _Stopped  # the process is exiting: what is saved so far resumes next time
                out[rows] = self._chunk(index, rows)
                finished += len(rows)
                if progress:
                    progress(finished, len(self.texts))
            if self.final is not None:
                _save(self.final, out)
                for index in range(len(self._chunks())):
                    self._part(index).unlink(missing_ok=True)
            return out

    def _chunk(self, index: int, rows: np.ndarray) -> np.ndarray:
        saved = load_vectors(self._part(index), len(rows)) if self.folder is not None else None
        if saved is not None:
            return saved
        vectors = embeddings.embed_chunk([self.texts[i] for i in rows]).astype(np.float16)
        self._embedded_here += len(rows)
        if self.folder is not None:
            _save(self._part(index), vectors)
        return vectors

    def start(self) -> None:
        """Run in a background thread (once; a finished or running job is left alone)."""
        with VectorJob._jobs_lock:
            if self.result() is not None or (self._thread is not None and self._thread.is_alive()):
                return
            self._failed = None
            self._thread = threading.Thread(target=self._background, name=f"embed-{self.key}", daemon=True)
            self._thread.start()

    def _background(self) -> None:
        try:
            self.run()
        except _Stopped:
            return
        except Exception as exc:  # a failed job is reported by status(), never raised in a thread
            self._failed = f"{type(exc).__name__}: {exc}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def status(self) -> Progress:
        """Progress from the chunks on disk (so it survives reloads and restarts) and this process's rate."""
        total = len(self.texts)
        if self.result() is not None:
            return Progress(total, total)
        done = 0
        if self.folder is not None:
            done = sum(len(rows) for i, rows in enumerate(self._chunks()) if self._part(i).is_file())
        rate = None
        if self._started is not None and self._embedded_here:
            rate = self._embedded_here / max(time.monotonic() - self._started, 1e-9)
        left = (total - done) / rate if rate else None
        return Progress(done, total, rate, left, self._failed)

    @contextmanager
    def _exclusive(self):
        """A lock file, so two processes never embed the same catalog at once."""
        if self.folder is None:
            yield
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / f"vectors-{self.key}.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


class _Stopped(Exception):
    """The process is exiting; a background job stops between chunks."""


_stopping = threading.Event()


@atexit.register
def _stop_jobs() -> None:
    """At exit, let each background job finish its current chunk and stop: a thread killed inside torch
    would abort the process, and the saved chunks make the next start resume."""
    _stopping.set()
    for job in list(VectorJob._jobs.values()):
        if job._thread is not None and job._thread.is_alive():
            job._thread.join(timeout=120)


def load_vectors(path: Path | None, rows: int) -> np.ndarray | None:
    """Vectors saved as a plain ``.npy`` array of the expected shape, else None (never unpickles)."""
    if path is None or not path.is_file():
        return None
    try:
        vectors = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    return vectors if vectors.shape == (rows, embeddings.DIMENSION) else None


def _save(path: Path, vectors: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.{threading.get_ident()}.npy")
    np.save(tmp, vectors, allow_pickle=False)
    os.replace(tmp, path)


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"

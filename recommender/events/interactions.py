"""Interaction data as files: an uploaded ``user_id,item_id,timestamp[,event]`` CSV,
and the ``user item`` lines (the SASRec data format) that sequence models train on."""

from __future__ import annotations

import csv
import io
import os
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from recommender.signals import POSITIVE, SIGNALS

#: Epoch numbers above this are milliseconds: read as seconds they would lie past the year 5000.
_MILLISECONDS = 1e11
_COLUMNS = ("user_id", "item_id", "timestamp")


@dataclass(frozen=True)
class Interactions:
    """Sequences read from an interaction file, and what was repaired or left out on the way.

    ``sequences[user]`` lists that user's wanted catalog rows (0-based) in time order, users in order of
    their first event. The counts are rows of the file; ``warnings`` says the same in words.
    """

    sequences: dict[str, list[int]]
    rows: int
    unknown_items: int = 0
    duplicates: int = 0
    future: int = 0
    out_of_order: int = 0
    skipped: int = 0
    warnings: tuple[str, ...] = ()


def read_interactions_csv(source: str | Path | bytes, n_rows: int, *, now: float | None = None) -> Interactions:
    """Read an interaction CSV with columns ``user_id,item_id,timestamp`` and optionally ``event``.

    Parameters
    ----------
    source
        A path, or the file's bytes (an upload).
    n_rows
        Rows in the catalog: an ``item_id`` is the 0-based catalog row, so it must be an int in
        ``0..n_rows-1``; other ids are counted and left out, not fatal.
    now
        The current time in epoch seconds (default: the clock); later timestamps are clamped to it.

    Timestamps are epoch seconds (or milliseconds) or ISO 8601 dates (UTC unless they say otherwise).
    Exact duplicate rows count once. Events are ordered by timestamp, then by their line in the file, so
    a clock that went backwards within a user is repaired rather than trusted. An empty or missing
    ``event`` counts as a click; dislikes are read but are not part of the sequences.

    Raises
    ------
    ValueError
        When the file cannot be read as CSV or lacks one of the three required columns.
    """
    label = "uploaded file" if isinstance(source, bytes) else str(source)
    try:
        frame = pd.read_csv(
            io.BytesIO(source) if isinstance(source, bytes) else source,
            dtype=str,
            keep_default_na=False,
            skipinitialspace=True,
        )
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise ValueError(
            f"interaction file {label!r} cannot be read as CSV ({exc}); save it as CSV with "
            f"a header line user_id,item_id,timestamp[,event]."
        ) from exc
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in _COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(
            f"interaction file {label!r} has no column {', '.join(missing)}; found "
            f"{', '.join(frame.columns)}, expected user_id,item_id,timestamp[,event]."
        )
    now = time.time() if now is None else now
    data = pd.DataFrame(
        {
            "user": frame["user_id"].str.strip(),
            "item": pd.to_numeric(frame["item_id"].str.strip(), errors="coerce"),
            "time": _seconds(frame["timestamp"].str.strip()),
            "event": frame["event"].str.strip().str.lower().replace("", "click") if "event" in frame else "click",
        }
    )
    warnings: list[str] = []

    reasons = {
        "without a user_id": data["user"].eq(""),
        "whose timestamp is neither a date nor an epoch number": data["time"].isna(),
        f"whose event is not one of {', '.join(SIGNALS)}": ~data["event"].isin(SIGNALS),
    }
    for why, rows in reasons.items():
        if rows.any():
            warnings.append(f"Left out {_plural(rows.sum(), 'row')} {why}.")
    unreadable = np.logical_or.reduce(list(reasons.values()))
    data = data[~unreadable]
    known = data["item"].between(0, n_rows - 1) & (data["item"] % 1 == 0)
    unknown_items = int((~known).sum())
    if unknown_items:
        warnings.append(
            f"Left out {_plural(unknown_items, 'row')} whose item is not in the catalog (item_id must be a "
            f"row number from 0 to {n_rows - 1})."
        )
    data = data[known].astype({"item": int})
    duplicate = data.duplicated(["user", "item", "time", "event"])
    if duplicate.any():
        warnings.append(f"Dropped {_plural(duplicate.sum(), 'exact duplicate row')}.")
    data = data[~duplicate]
    future = data["time"] > now
    if future.any():
        warnings.append(f"Moved {_plural(future.sum(), 'event')} dated in the future to the present.")
    data = data.assign(time=data["time"].clip(upper=now))
    # A timestamp earlier than one on a previous line of the same user means a skewed clock or a merged file.
    latest_before = data.groupby("user")["time"].cummax().groupby(data["user"]).shift()
    out_of_order = int((data["time"] < latest_before).sum())
    if out_of_order:
        warnings.append(
            f"Sorted events by time: {_plural(out_of_order, 'event')} dated before an earlier line of the same "
            f"user (a skewed clock, or files joined together)."
        )

    ordered = data.sort_values("time", kind="stable")  # stable: equal times keep their file order
    wanted = ordered[ordered["event"].isin(POSITIVE)]
    sequences = {
        str(user): collapse_repeats(group["item"].tolist()) for user, group in wanted.groupby("user", sort=False)
    }
    return Interactions(
        sequences,
        len(frame),
        unknown_items,
        int(duplicate.sum()),
        int(future.sum()),
        out_of_order,
        int(unreadable.sum()),
        tuple(warnings),
    )


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _seconds(text: pd.Series) -> pd.Series:
    """Epoch seconds from epoch numbers (seconds or milliseconds) or ISO 8601 dates; NaN where neither."""
    numbers = pd.to_numeric(text, errors="coerce")
    numbers = numbers.where(numbers.abs() < _MILLISECONDS, numbers / 1000)
    dates = pd.to_datetime(text.where(numbers.isna()), errors="coerce", utc=True, format="ISO8601")
    return numbers.fillna((dates - pd.Timestamp(0, tz="UTC")).dt.total_seconds())


def collapse_repeats(rows: Sequence[int]) -> list[int]:
    """Drop a row that repeats the one just before it: a click then a like on one product is one step of a
    sequence, and a model should not learn that the next product is the one on screen."""
    rows = np.asarray(rows, dtype=int)
    return rows[np.r_[True, rows[1:] != rows[:-1]]].tolist() if len(rows) else []


def write_user_items(sequences: Mapping[object, Sequence[int]], path: str | Path) -> int:
    """Write ``user item`` lines (the SASRec data format): users numbered 1, 2, ... in the mapping's order,
    item = catalog row + 1 (0 is padding), each user's lines in time order. Returns the lines written."""
    lines = [f"{user} {row + 1}\n" for user, rows in enumerate((r for r in sequences.values() if r), 1) for row in rows]
    write_atomic(Path(path), "".join(lines))
    return len(lines)


def write_interactions_csv(events: Iterable[tuple[str, int, float, str]], path: str | Path) -> int:
    """Write ``(user_id, item_id, timestamp, event)`` rows as the interaction CSV that
    :func:`read_interactions_csv` reads (``item_id`` = 0-based catalog row). Returns the rows written."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow((*_COLUMNS, "event"))
    rows = 0
    for event in events:
        writer.writerow(event)
        rows += 1
    write_atomic(Path(path), text.getvalue())
    return rows


def write_atomic(path: Path, text: str) -> None:
    """Write a file whole or not at all, so a reader never sees half an export."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")  # unique per writer
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, path)

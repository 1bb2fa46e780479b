"""Reading a catalog file of any common kind into a raw table, or failing with a :class:`CatalogError`.

The format is recognised from the bytes first (an Excel file renamed ``.csv`` still reads) and the
extension second. CSV/TSV may use any common delimiter and UTF-8 (with or without BOM), UTF-16 with
BOM, or Latin-1/cp1252. Nothing here unpickles anything: Parquet is read by pyarrow, Excel by openpyxl.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from pathlib import Path

import pandas as pd

from recommender.errors import CatalogError

#: Largest catalog accepted, in rows. Above it the finder would not answer a shopper in time on a
#: 2-core machine (see docs/BENCHMARKS.md); split the catalog by category instead.
MAX_ROWS = 2_000_000
#: Largest file accepted, in bytes.
MAX_BYTES = 1 << 30

_FORMATS_HINT = "Save it as CSV (UTF-8), Excel .xlsx, JSON or Parquet and upload it again."
_DELIMITERS = (",", ";", "\t", "|")


def read_table(source: str | Path | bytes, name: str | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Read a catalog file (a path, or its bytes plus a display ``name``) into a raw table.

    Returns
    -------
    (table, warnings)
        ``table`` has one row per product and string column names; CSV cells stay text.

    Raises
    ------
    CatalogError
        With a message naming the file, the problem and the fix.
    """
    data, name = _bytes_of(source, name)
    if len(data) > MAX_BYTES:
        raise CatalogError(
            f"{name!r} is {len(data) / 2**20:.0f} MB; the limit is {MAX_BYTES >> 20} MB. "
            "Split the catalog into smaller files."
        )
    if not data.strip():
        raise CatalogError(
            f"{name!r} is empty: it has no header and no rows. "
            "Export the catalog again with a header row and at least one product row."
        )
    kind = _sniff_kind(data, name)
    warnings: list[str] = []
    if kind == "xlsx":
        table = _read_excel(data, name)
    elif kind == "parquet":
        table = _read_parquet(data, name)
    elif kind == "json":
        table = _read_json(_decode(data, name), name)
    else:
        table = _read_delimited(data, name, warnings)
    return _tidy(table, name), warnings


def _bytes_of(source: str | Path | bytes, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, name or "uploaded file"
    path = Path(source)
    try:
        return path.read_bytes(), name or path.name
    except FileNotFoundError:
        raise CatalogError(f"catalog file {str(path)!r} does not exist; check the path.") from None
    except IsADirectoryError:
        raise CatalogError(f"{str(path)!r} is a folder, not a catalog file; name a file inside it.") from None
    except OSError as exc:
        raise CatalogError(f"cannot read {str(path)!r}: {exc.strerror}.") from None


def _sniff_kind(data: bytes, name: str) -> str:
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise CatalogError(f"{name!r} is an old Excel .xls workbook, which is not supported. {_FORMATS_HINT}")
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".parquet", ".pq"):
        raise CatalogError(f"{name!r} is named {suffix} but its content is not that format. {_FORMATS_HINT}")
    text_start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if suffix in (".json", ".jsonl", ".ndjson") or text_start in (b"[", b"{"):
        return "json"
    return "delimited"


def _encoding(data: bytes, name: str) -> str:
    """The text encoding of ``data``, checked chunk by chunk so a large file is never copied whole."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in data[:65536]:
        raise CatalogError(f"{name!r} is not a text table: it contains binary data. {_FORMATS_HINT}")
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(data), 1 << 20):
                decoder.decode(data[start : start + (1 << 20)])
            decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    return "latin-1"  # every byte is a Latin-1 character, so this cannot fail


def _check_text(sample: str, name: str) -> None:
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > max(3, len(sample) // 200):
        raise CatalogError(f"{name!r} is not a text table: it looks like binary data. {_FORMATS_HINT}")


def _decode(data: bytes, name: str) -> str:
    text = data.decode(_encoding(data, name))
    _check_text(text[:65536], name)
    return text.removeprefix("\ufeff")


def _sniff_delimiter(text: str) -> str:
    lines = [line for line in text[:65536].splitlines()[:50] if line.strip()]
    best, best_score = ",", (0.0, 0)
    for delimiter in _DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = (counts.count(mode) / len(counts) if mode > 1 else 0.0, mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_delimited(data: bytes, name: str, warnings: list[str]) -> pd.DataFrame:
    encoding = _encoding(data, name)
    head = data[:65536].decode(encoding, errors="ignore").removeprefix("\ufeff")
    _check_text(head, name)
    delimiter = _sniff_delimiter(head)
    options = dict(sep=delimiter, dtype=str, keep_default_na=False, skip_blank_lines=True, encoding=encoding)
    try:
        return pd.read_csv(io.BytesIO(data), **options)
    except pd.errors.EmptyDataError:
        raise CatalogError(f"{name!r} has no header row. Add a first row naming the columns.") from None
    except pd.errors.ParserError:
        pass  # ragged rows: read again with room for the extra fields, losing nothing
    rows = [r for r in csv.reader(io.StringIO(_decode(data, name)), delimiter=delimiter) if r]
    header = rows[0]
    widths = [len(r) for r in rows[1:]]
    extra = max(widths) - len(header)
    long_rows = [i + 2 for i, w in enumerate(widths) if w > len(header)]  # 1-based lines, header is line 1
    names = header + [f"extra_{i + 1}" for i in range(extra)]
    warnings.append(
        f"{len(long_rows)} row(s) have more fields than the header's {len(header)} (line(s) "
        f"{', '.join(map(str, long_rows[:5]))}{'…' if len(long_rows) > 5 else ''}); the extra values are kept in "
        f"column(s) {', '.join(names[len(header) :])}. Check the delimiter or quoting of those lines."
    )
    padded = [r + [""] * (len(names) - len(r)) for r in rows[1:]]
    return pd.DataFrame(padded, columns=names, dtype=str)


def _read_excel(data: bytes, name: str) -> pd.DataFrame:
    try:
        return pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for damaged workbooks
        raise CatalogError(f"{name!r} could not be read as an Excel workbook ({exc}). {_FORMATS_HINT}") from None


def _read_parquet(data: bytes, name: str) -> pd.DataFrame:
    try:
        return pd.read_parquet(io.BytesIO(data))
    except Exception as exc:  # pyarrow raises several types for damaged files
        raise CatalogError(f"{name!r} could not be read as Parquet ({exc}). {_FORMATS_HINT}") from None


def _read_json(text: str, name: str) -> pd.DataFrame:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        try:  # JSON Lines: one record per line
            payload = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError:
            raise CatalogError(
                f"{name!r} is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                f"{exc.msg}). Fix the file or export it as CSV."
            ) from None
    if isinstance(payload, dict):
        lists = [v for v in payload.values() if isinstance(v, list)]
        if lists and all(isinstance(v, list) for v in payload.values()) and len({len(v) for v in lists}) == 1:
            if not any(isinstance(x, dict) for x in lists[0]):
                payload = pd.DataFrame(payload).to_dict("records")  # a dict of columns
            else:
                payload = lists[0]
        elif lists:
            payload = max(lists, key=len)  # {"products": [...], "meta": ...}
        else:
            payload = [payload]
    if not isinstance(payload, list) or not all(isinstance(r, dict) for r in payload):
        raise CatalogError(
            f"{name!r} is JSON but not a list of products: expected a list of objects "
            'such as [{"name": ..., "price": ...}].'
        )
    return pd.json_normalize(payload)


def _tidy(table: pd.DataFrame, name: str) -> pd.DataFrame:
    if table.shape[1] == 0:
        raise CatalogError(f"{name!r} has no columns. Add a header row naming the columns.")
    if len(table) == 0:
        raise CatalogError(
            f"{name!r} has a header ({table.shape[1]} columns) but no product rows. Add at least one product row."
        )
    if len(table) > MAX_ROWS:
        raise CatalogError(
            f"{name!r} has {len(table):,} rows; the limit is {MAX_ROWS:,} so that each answer "
            "stays fast. Split the catalog, for example by category."
        )
    seen: dict[str, int] = {}
    columns = []
    for i, column in enumerate(table.columns):
        label = " ".join(str(column).split()) or f"Unnamed: {i}"
        if label in seen:
            seen[label] += 1
            label = f"{label}.{seen[label]}"
        seen.setdefault(label, 0)
        columns.append(label)
    table.columns = columns
    return table.reset_index(drop=True)

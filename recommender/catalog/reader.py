"""Reading a catalog file of any common kind into a raw table, or failing with a :class:`CatalogError`.

This is the one place where uploaded and command-line files are read, and it reads them defensively:
every limit below is named in the message that enforces it, and whatever was repaired on the way
(a mixed encoding, an unclosed quote, a cut cell) becomes a warning that says where.

The format is recognised from the bytes first (an Excel file renamed ``.csv`` still reads) and the
extension second. CSV/TSV may use any common delimiter and UTF-8 (with or without BOM), UTF-16 or
UTF-32, or Windows-1252, even mixed line by line with UTF-8. Nothing here unpickles anything: Parquet
is read by pyarrow, Excel by openpyxl.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import stat
import zipfile
from pathlib import Path
from warnings import catch_warnings, simplefilter

import numpy as np
import pandas as pd

from recommender import knowledge
from recommender.errors import CatalogError

#: Largest catalog accepted, in rows. Above it the finder would not answer a shopper in time on a
#: 2-core machine (see docs/BENCHMARKS.md); split the catalog by category instead.
MAX_ROWS = 2_000_000
#: Largest file accepted, in bytes.
MAX_BYTES = 1 << 30
#: Largest Excel or Parquet content once unpacked, in bytes: a small file may unpack to gigabytes.
MAX_UNPACKED_BYTES = 2 << 30
#: Most columns accepted. Real catalogs have a few dozen; every column costs inference time.
MAX_COLUMNS = 500
#: Longest cell kept whole, in characters; a longer one is cut (with a warning). Real product
#: descriptions are a few thousand characters; a megabyte cell only costs memory and screen.
MAX_CELL_CHARS = 10_000
#: Longest column name kept whole, in characters: names are shown on every card and chip.
MAX_HEADER_CHARS = 200
#: Deepest nesting of lists and records accepted in JSON or Parquet (a product list is 2 deep).
MAX_DEPTH = 20

_FORMATS_HINT = "Save it as CSV (UTF-8), Excel .xlsx, JSON or Parquet and upload it again."
_DELIMITERS = (",", ";", "\t", "|")
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
#: Ends the lines given to the CSV parser: inside a cell it shows a quote that is never closed.
_SENTINEL = "\ue000end of file\ue000"
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_FIRST_LINE = re.compile(r"[^\r\n]*")
#: A lead byte and its continuation bytes: what UTF-8 writes for every letter beyond ASCII.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_JSON_START = re.compile(r"\s*[\[{]")
#: One physical line with its end, as the CSV parser counts them: \n, \r\n or a lone \r.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")

csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))  # cells are bounded after reading, not by csv


def read_source(source: str | Path | bytes, name: str | None = None) -> tuple[bytes, str]:
    """The bytes of a catalog (a path, or bytes as uploaded) and the name to call it by in messages.

    Raises
    ------
    CatalogError
        For a missing path, a folder, a device or pipe, an unreadable file or one over ``MAX_BYTES``.
    """
    if isinstance(source, bytes):
        data, name = source, name or "uploaded file"
    else:
        path = Path(source)
        shown = str(path)
        try:
            info = path.stat()
            if stat.S_ISDIR(info.st_mode):
                raise CatalogError(f"{shown!r} is a folder, not a catalog file; name a file inside it.")
            if not stat.S_ISREG(info.st_mode):  # reading a device or pipe could wait forever
                raise CatalogError(f"{shown!r} is not a regular file (a device, pipe or socket); name a catalog file.")
            _check_size(info.st_size, name or path.name)
            data, name = path.read_bytes(), name or path.name
        except FileNotFoundError:
            raise CatalogError(f"catalog file {shown!r} does not exist; check the path.") from None
        except OSError as exc:
            raise CatalogError(f"cannot read {shown!r}: {exc.strerror or exc}. Check the file's permissions.") from None
    _check_size(len(data), name)
    return data, name


def read_table(source: str | Path | bytes, name: str | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Read a catalog file (a path, or its bytes plus a display ``name``) into a raw table.

    Returns
    -------
    (table, warnings)
        ``table`` has one row per product and string column names; CSV cells stay text, no cell is
        longer than ``MAX_CELL_CHARS`` and nested values are text. ``warnings`` say what was repaired.

    Raises
    ------
    CatalogError
        With a message naming the file, the problem and the fix.
    """
    data, name = read_source(source, name)
    if not data or data.isspace():  # not strip(): that would copy the whole file
        raise _empty(name)
    warnings: list[str] = []
    kind = _binary_kind(data, name)
    if kind == "xlsx":
        table = _read_excel(data, name, warnings)
    elif kind == "parquet":
        table = _read_parquet(data, name, warnings)
    else:
        text = _decode(data, name, warnings)
        if not text or text.isspace():
            raise _empty(name)
        is_json = Path(name).suffix.lower() in (".json", ".jsonl", ".ndjson") or _JSON_START.match(text)
        table = _read_json(text, name) if is_json else _read_delimited(text, name, warnings)
    return _tidy(table, name, warnings), warnings


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise CatalogError(
            f"{name!r} is {size / 2**20:,.0f} MB; the limit is {MAX_BYTES >> 20:,} MB. "
            "Split the catalog into smaller files."
        )


def _empty(name: str) -> CatalogError:
    return CatalogError(
        f"{name!r} is empty: it has no header and no rows. "
        "Export the catalog again with a header row and at least one product row."
    )


def _shown(text: object, limit: int = 60) -> str:
    """A value quoted for a message, cut so that no message grows with the file."""
    text = str(text)
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _lines(numbers: list[int], limit: int = 5) -> str:
    return ", ".join(map(str, numbers[:limit])) + ("…" if len(numbers) > limit else "")


def _binary_kind(data: bytes, name: str) -> str:
    """'xlsx' or 'parquet' from the bytes, else 'text'; a binary format this reader refuses says so."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"PAR1"):
        return "parquet"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise CatalogError(f"{name!r} is an old Excel .xls workbook, which is not supported. {_FORMATS_HINT}")
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".parquet", ".pq"):
        raise CatalogError(f"{name!r} is named {suffix} but its content is not that format. {_FORMATS_HINT}")
    return "text"


# ---- text -------------------------------------------------------------------------------------------
def _decode(data: bytes, name: str, warnings: list[str]) -> str:
    """The text of a file: UTF-32/UTF-16 by their byte-order mark (or UTF-16's zero bytes), else UTF-8
    line by line, a line that is not UTF-8 being Windows-1252 (as Excel on Windows writes)."""
    encoding, skip = _wide_encoding(data)
    if encoding:
        text = _decode_wide(data[skip:], encoding, warnings)
        _check_text(text[:65536], name)
        return text
    _check_text(data[:65536].decode("latin-1"), name)  # control bytes read alike in every ASCII-based encoding
    return _decode_lines(data.removeprefix(b"\xef\xbb\xbf"), warnings)


def _wide_encoding(data: bytes) -> tuple[str | None, int]:
    """(encoding, length of its byte-order mark) for UTF-32 and UTF-16 text, else (None, 0)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    sample = data[:65536]
    half = len(sample) // 2
    if half >= 8:  # ASCII written as UTF-16 without a mark: every other byte is zero
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 0.4 * half and even < 0.01 * half:
            return "utf-16-le", 0
        if even > 0.4 * half and odd < 0.01 * half:
            return "utf-16-be", 0
    return None, 0


def _decode_wide(data: bytes, encoding: str, warnings: list[str]) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
    bad = [number for number, line in enumerate(text.split("\n"), 1) if "\ufffd" in line]
    warnings.append(
        f"{len(bad)} line(s) hold bytes that are not valid {encoding.upper()[:6]} (line(s) {_lines(bad)}); "
        "those characters show as '\ufffd'. Fix them in the file, or save it again as UTF-8."
    )
    return text


def _decode_lines(data: bytes, warnings: list[str]) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if not _UTF8_SEQUENCE.search(data):  # no line can be UTF-8 with accents: a Windows-1252 file
        return _windows_1252(data)
    decoded, fallback, utf8 = [], [], 0
    for number, line in enumerate(data.split(b"\n"), 1):
        if line.isascii():
            decoded.append(line.decode("ascii"))
            continue
        try:
            decoded.append(line.decode("utf-8"))
            utf8 += 1
        except UnicodeDecodeError:
            decoded.append(_windows_1252(line))
            fallback.append(number)
    if utf8:  # a file of Windows-1252 lines only is simply that encoding; a mix is worth a word
        warnings.append(
            f"the file mixes two text encodings: {len(fallback)} line(s) are not UTF-8 and were read as "
            f"Windows-1252 (line(s) {_lines(fallback)}), the other {utf8} line(s) with accents as UTF-8. "
            "Check the accented letters on those lines, or save the file again as UTF-8."
        )
    return "\n".join(decoded)


def _windows_1252(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # five bytes have no Windows-1252 letter; Latin-1 maps every byte


def _check_text(sample: str, name: str) -> None:
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if "\x00" in sample or controls > max(3, len(sample) // 200):
        raise CatalogError(f"{name!r} is not a text table: it looks like binary data. {_FORMATS_HINT}")


# ---- delimited text ---------------------------------------------------------------------------------
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


def _read_delimited(text: str, name: str, warnings: list[str]) -> pd.DataFrame:
    """The fast parser when the file is regular; the careful one (which says what it repaired) when it
    fails, when a row is longer than the header, or when a quoted cell spans lines."""
    delimiter = _sniff_delimiter(text)
    header = next(csv.reader([_FIRST_LINE.match(text).group()], delimiter=delimiter), [])
    if len(header) > MAX_COLUMNS:  # refused before parsing every row
        raise _too_many_columns(name, len(header))
    try:
        # bytes, not a StringIO: that holds four bytes per character, so a big file would cost 4x its size
        data = io.BytesIO(text.encode("utf-8"))
        table = pd.read_csv(data, sep=delimiter, dtype=str, keep_default_na=False, skip_blank_lines=True)
    except pd.errors.EmptyDataError:
        raise CatalogError(f"{name!r} has no header row. Add a first row naming the columns.") from None
    except (ValueError, csv.Error):
        table = None
    # pandas turns the first fields of a first row longer than the header into an index: not regular
    regular = table is not None and isinstance(table.index, pd.RangeIndex)
    if regular and ('"' not in text or _one_row_per_line(text, len(table) + 1)):
        return table
    return _read_records(text, delimiter, name, warnings)


def _one_row_per_line(text: str, rows: int) -> bool:
    """Whether ``rows`` (the header included) is every non-blank line: then no quoted cell spans lines."""
    if rows == text.count("\n") + (not text.endswith("\n")):  # the cheap count settles most files
        return True
    return rows == sum(1 for line in _LINE.finditer(text) if not line.group().isspace())


def _read_records(text: str, delimiter: str, name: str, warnings: list[str]) -> pd.DataFrame:
    """Parse record by record, knowing each record's lines: a quote that is never closed is read as a
    plain character, and rows that swallowed other lines or carry extra fields are named by line."""
    lines = _LINE.findall(text)
    records, spans, unclosed = _records(lines, delimiter, name)
    if not records:
        raise CatalogError(f"{name!r} has no header row. Add a first row naming the columns.")
    header, width = records[0], len(records[0])
    if width > MAX_COLUMNS:
        raise _too_many_columns(name, width)
    if unclosed:
        warnings.append(
            f'line(s) {_lines(unclosed)} open a quote (") that is never closed; it was read as a plain '
            "character so that the lines after it stay rows of their own. Check the quotes on those lines."
        )
    merged = [f"{a}–{b}" for r, (a, b) in zip(records, spans, strict=True) if b > a and _swallowed(r, delimiter, width)]
    if merged:
        warnings.append(
            f"{len(merged)} row(s) span several lines because a quoted cell runs on (lines {_lines(merged)}), "
            "and the lines inside look like rows of their own; each was read as one product. If they are "
            'separate products, remove the stray quote (") at the start of that cell.'
        )
    widths = [len(r) for r in records[1:]]
    longest = max(widths, default=0)
    if longest > MAX_COLUMNS:
        line = spans[1 + widths.index(longest)][0]
        raise CatalogError(
            f"{name!r} line {line} has {longest:,} fields; the limit is {MAX_COLUMNS:,} columns. "
            "Check the delimiter of that line, or keep only the columns that describe products."
        )
    names = header + [f"extra_{i + 1}" for i in range(max(0, longest - width))]
    long_rows = [spans[i + 1][0] for i, w in enumerate(widths) if w > width]
    if long_rows:
        extra = names[width] if len(names) == width + 1 else f"{names[width]} to {names[-1]}"
        warnings.append(
            f"{len(long_rows)} row(s) have more fields than the header's {width} (line(s) {_lines(long_rows)}); "
            f"the extra values are kept in column(s) {extra}. Check the delimiter or quoting of those lines."
        )
    padded = [r + [""] * (len(names) - len(r)) for r in records[1:]]
    return pd.DataFrame(padded, columns=names, dtype=str)


def _records(lines: list[str], delimiter: str, name: str) -> tuple[list[list[str]], list[tuple[int, int]], list[int]]:
    """(records, their first and last lines, lines whose quote is never closed), blank lines skipped."""
    records: list[list[str]] = []
    spans: list[tuple[int, int]] = []
    unclosed: list[int] = []
    start = 0  # index of the first line not yet parsed
    while start < len(lines):
        reader = csv.reader(itertools.chain(lines[start:], [_SENTINEL]), delimiter=delimiter)
        first = start
        try:
            for record in reader:
                last = start + reader.line_num  # 1-based number of the record's last line
                if record == [_SENTINEL]:
                    start = len(lines)
                    break
                if record and record[-1].endswith(_SENTINEL):  # a quote ran to the end of the file
                    unclosed.append(first + 1)
                    records.append(next(csv.reader([lines[first]], delimiter=delimiter, quoting=csv.QUOTE_NONE)))
                    spans.append((first + 1, first + 1))
                    start = first + 1
                    break
                if any(field.strip() for field in record):
                    records.append(record)
                    spans.append((first + 1, last))
                first = last
            else:  # the sentinel always ends the parse; this only guards against looping forever
                start = len(lines)
        except csv.Error as exc:
            raise CatalogError(
                f"{name!r} could not be read as a table near line {first + 1} ({exc}). "
                "Check that line, or export the catalog again as CSV (UTF-8)."
            ) from None
    return records, spans, unclosed


def _swallowed(record: list[str], delimiter: str, width: int) -> bool:
    """Whether a cell of a multi-line record holds a line that looks like a whole row of the file."""
    return width > 1 and any(line.count(delimiter) >= width - 1 for cell in record for line in cell.splitlines()[1:])


# ---- Excel ------------------------------------------------------------------------------------------
def _read_excel(data: bytes, name: str, warnings: list[str]) -> pd.DataFrame:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_unpacked(sum(m.file_size for m in members), name)
            sheets = [m for m in members if m.filename.startswith("xl/worksheets/")]
            formulas = any(_FORMULA.search(archive.read(m)) for m in sheets)
        with catch_warnings():
            simplefilter("ignore")  # openpyxl warns about styles and extensions it does not need
            table = pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl")
            uncalculated = _uncalculated_formulas(data) if formulas else {}
    except CatalogError:
        raise
    except Exception as exc:  # zipfile and openpyxl raise many types for damaged workbooks
        raise CatalogError(
            f"{name!r} could not be read as an Excel workbook; it may be damaged or cut short ({_shown(exc, 200)}). "
            f"{_FORMATS_HINT}"
        ) from None
    if uncalculated:
        count = sum(len(cells) for cells in uncalculated.values())
        where = "; ".join(
            f"column {_shown(column)} ({_lines(cells, 3)})" for column, cells in list(uncalculated.items())[:5]
        )
        warnings.append(
            f"{count} formula cell(s) have no saved result, so they read as empty: {where}. The workbook was "
            "saved by a program that does not calculate formulas; open it in Excel or LibreOffice, save it "
            "there, and upload it again."
        )
    return table


def _uncalculated_formulas(data: bytes) -> dict[str, list[str]]:
    """Formula cells of the first sheet that have no cached result (openpyxl's values are then None),
    as cell references per column name."""
    from openpyxl import load_workbook

    formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False).worksheets[0]
    values = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    header: list[object] | None = None
    found: dict[str, list[str]] = {}
    for cells, row in zip(formulas.iter_rows(), values.iter_rows(values_only=True), strict=False):
        if header is None:
            if any(cell.value is not None for cell in cells):
                header = [cell.value for cell in cells]
            continue
        for i, (cell, value) in enumerate(zip(cells, row, strict=False)):
            if cell.data_type == "f" and value is None:
                column = header[i] if i < len(header) and header[i] is not None else f"column {i + 1}"
                found.setdefault(str(column), []).append(cell.coordinate)
    return found


def _check_unpacked(size: int, name: str) -> None:
    if size > MAX_UNPACKED_BYTES:
        raise CatalogError(
            f"{name!r} unpacks to {size / 2**20:,.0f} MB; the limit is {MAX_UNPACKED_BYTES >> 20:,} MB. "
            "Split the catalog into smaller files."
        )


# ---- Parquet ----------------------------------------------------------------------------------------
def _read_parquet(data: bytes, name: str, warnings: list[str]) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(io.BytesIO(data))
        meta = file.metadata
        _check_unpacked(sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups)), name)
        if meta.num_columns > MAX_COLUMNS:
            raise _too_many_columns(name, meta.num_columns)
        if meta.num_rows > MAX_ROWS:
            raise _too_many_rows(name, meta.num_rows)
        depth = max((_type_depth(field.type) for field in file.schema_arrow), default=0)
        if depth + 1 > MAX_DEPTH:  # the table itself is one level
            raise _too_deep(name)
        table = file.read()
        records = [f.name for f in table.schema if pa.types.is_struct(f.type)]
        while any(pa.types.is_struct(f.type) for f in table.schema):
            table = table.flatten()  # a record's fields become columns 'record.field'
        frame = table.to_pandas()
        for i, field in enumerate(table.schema):  # lists and maps as Python values (1 stays 1, not 1.0)
            if field.type.num_fields:
                frame.isetitem(i, pd.Series(table.column(i).to_pylist(), dtype=object))
    except CatalogError:
        raise
    except Exception as exc:  # pyarrow raises several types for damaged files
        raise CatalogError(
            f"{name!r} could not be read as Parquet; it may be damaged or cut short ({_shown(exc, 200)}). "
            f"{_FORMATS_HINT}"
        ) from None
    if records:
        warnings.append(
            f"column(s) {', '.join(map(_shown, records[:5]))} hold records; each field became a column of its "
            "own, named 'column.field'."
        )
    return frame


def _type_depth(kind: object) -> int:
    """How deeply an Arrow type nests lists, maps and records (a plain value is 0), without recursion."""
    deepest, stack = 0, [(kind, 0)]
    while stack and deepest <= MAX_DEPTH:
        kind, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((kind.field(i).type, depth + 1) for i in range(kind.num_fields))
    return deepest


# ---- JSON -------------------------------------------------------------------------------------------
def _read_json(text: str, name: str) -> pd.DataFrame:
    try:
        payload = _json_value(text, name)
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":  # a first value followed by more is JSON Lines, one record per line
            raise CatalogError(
                f"{name!r} is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                f"{exc.msg}). Fix the file or export it as CSV."
            ) from None
        payload = _json_lines(text, name)
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
    if not payload:
        raise CatalogError(f"{name!r} is a JSON list with no products in it. Add at least one product.")
    return pd.json_normalize(payload)


def _json_lines(text: str, name: str) -> list[object]:
    values = []
    for number, line in enumerate(text.split("\n"), 1):  # not splitlines(): JSON strings may hold U+2028
        if line.strip():
            try:
                values.append(_json_value(line, name))
            except json.JSONDecodeError as exc:
                raise CatalogError(
                    f"{name!r} is not valid JSON Lines (line {number}, column {exc.colno}: {exc.msg}). "
                    "Fix that line or export the catalog as CSV."
                ) from None
    return values


def _json_value(text: str, name: str) -> object:
    """``json.loads`` with nesting bounded by ``MAX_DEPTH``; integers too long for Python become floats."""
    try:
        value = json.loads(text, parse_int=_json_int)
    except RecursionError:
        raise _too_deep(name) from None
    deepest, stack = 0, [(value, 1)] if isinstance(value, (dict, list)) else []
    while stack:  # no recursion: the depth is what is being checked
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            raise _too_deep(name)
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return value


def _json_int(digits: str) -> int | float:
    return int(digits) if len(digits) <= 18 else float(digits)  # int() refuses over 4,300 digits


# ---- the table --------------------------------------------------------------------------------------
def _too_deep(name: str) -> CatalogError:
    return CatalogError(
        f"{name!r} nests lists or records more than {MAX_DEPTH} levels deep; the limit is {MAX_DEPTH}. "
        "Export the catalog as a flat list of products, one object (or row) per product."
    )


def _too_many_columns(name: str, count: int) -> CatalogError:
    return CatalogError(
        f"{name!r} has {count:,} columns; the limit is {MAX_COLUMNS:,}. "
        "Keep the columns that describe the products (name, price, specs) and remove the rest."
    )


def _too_many_rows(name: str, count: int) -> CatalogError:
    return CatalogError(
        f"{name!r} has {count:,} rows; the limit is {MAX_ROWS:,} so that each answer "
        "stays fast. Split the catalog, for example by category."
    )


def _tidy(table: pd.DataFrame, name: str, warnings: list[str]) -> pd.DataFrame:
    if table.shape[1] == 0:
        raise CatalogError(f"{name!r} has no columns. Add a header row naming the columns.")
    if table.shape[1] > MAX_COLUMNS:
        raise _too_many_columns(name, table.shape[1])
    if len(table) == 0:
        raise CatalogError(
            f"{name!r} has a header ({table.shape[1]} columns) but no product rows. Add at least one product row."
        )
    if len(table) > MAX_ROWS:
        raise _too_many_rows(name, len(table))
    table.columns = _labels(table.columns, warnings)
    table = _units_row(table.reset_index(drop=True), warnings)
    _nested_to_text(table, warnings)
    _cut_long_cells(table, warnings)
    return table


_PLAIN_NUMBER = re.compile(r"^-?\d[\d,]*(?:[.,]\d+)?$")


def _units_row(table: pd.DataFrame, warnings: list[str]) -> pd.DataFrame:
    """A first row that gives units, as spec sheets do ('', 'kg', 'W', 'EUR' under 'Model', 'Weight', ...),
    is no product: its units join the column names ('Weight (kg)'), where inference reads them."""
    if len(table) < 2:
        return table
    unit_words = knowledge.units().aliases.keys() | knowledge.currencies().aliases.keys()
    written = {c: v.strip() for c, v in table.iloc[0].items() if isinstance(v, str) and v.strip()}
    named = {c: w for c, w in written.items() if w.strip("()[] ").lower() in unit_words}
    if len(named) < 2 or len(named) < 0.8 * len(written):
        return table
    below = table.iloc[1:21]
    numbers = [below[c].map(lambda v: _PLAIN_NUMBER.match(str(v).strip()) is not None).mean() for c in named]
    if min(numbers) < 0.8:
        return table  # plain numbers stand under units; under the 'A' of a first product, other names
    renamed = {c: f"{c} ({w.strip('()[] ')})" for c, w in named.items()}
    warnings.append(
        "the first row gives units (" + ", ".join(renamed[c][len(c) + 2 : -1] for c in named) + "), not a "
        "product; they were added to the column names and the row was left out."
    )
    return table.iloc[1:].rename(columns=renamed).reset_index(drop=True)


def _labels(columns: pd.Index, warnings: list[str]) -> list[str]:
    """Column names with spaces collapsed, cut to ``MAX_HEADER_CHARS``, empty ones and repeats numbered."""
    seen: dict[str, int] = {}
    labels, cut = [], []
    for i, column in enumerate(columns):
        label = " ".join(str(column).split()) or f"Unnamed: {i}"
        if len(label) > MAX_HEADER_CHARS:
            cut.append(label)
            label = label[:MAX_HEADER_CHARS]
        if label in seen:
            seen[label] += 1
            label = f"{label}.{seen[label]}"
        seen.setdefault(label, 0)
        labels.append(label)
    if cut:
        warnings.append(
            f"{len(cut)} column name(s) are longer than {MAX_HEADER_CHARS} characters (e.g. {_shown(cut[0])}, "
            f"{len(cut[0]):,} characters); each was cut to its first {MAX_HEADER_CHARS}. Shorten them in the file."
        )
    return labels


def _nested_to_text(table: pd.DataFrame, warnings: list[str]) -> None:
    """Lists and records inside cells (JSON arrays, Parquet list columns) become text, in place: a cell
    must be a single value to be compared, counted and shown."""
    nested = []
    for column in table.columns:
        values = table[column]
        if values.dtype != object:
            continue
        special = values.map(lambda v: isinstance(v, (list, tuple, dict, np.ndarray, bytes, bytearray)))
        if not special.any():
            continue
        if any(not isinstance(v, (bytes, bytearray)) for v in values[special]):
            nested.append(column)
        table[column] = values.map(_as_text)
    if nested:
        warnings.append(
            f"column(s) {', '.join(map(_shown, nested[:5]))} hold lists or records; each such cell is read as "
            "text (list items joined by ', ')."
        )


def _as_text(value: object) -> object:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, dict):
        return json.dumps(_plain(value), ensure_ascii=False, default=str)
    if isinstance(value, (list, tuple, np.ndarray)):
        items = [_plain(v) for v in value]
        if all(not isinstance(v, (list, dict)) for v in items):
            return ", ".join(str(v) for v in items if v is not None)
        return json.dumps(items, ensure_ascii=False, default=str)
    return value


def _plain(value: object) -> object:
    """Arrays and tuples as lists, all the way down (nesting is already bounded by ``MAX_DEPTH``)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_plain(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    return value


def _cut_long_cells(table: pd.DataFrame, warnings: list[str]) -> None:
    """Cells over ``MAX_CELL_CHARS`` cut to it, in place, with one warning naming the longest."""
    count, longest = 0, (0, "", 0)
    for column in table.columns:
        values = table[column]
        if values.dtype != object and not pd.api.types.is_string_dtype(values):
            continue
        try:
            lengths = values.str.len()
        except AttributeError:  # an object column without any text
            continue
        long = (lengths > MAX_CELL_CHARS).to_numpy(dtype=bool, na_value=False)
        if not long.any():
            continue
        count += int(long.sum())
        row = int(np.argmax(lengths.fillna(0).to_numpy()))
        longest = max(longest, (int(lengths.iloc[row]), column, row + 1))
        table[column] = values.where(~long, values.str.slice(0, MAX_CELL_CHARS))
    if count:
        size, column, row = longest
        warnings.append(
            f"{count} cell(s) are longer than {MAX_CELL_CHARS:,} characters (the longest, {size:,} characters, "
            f"is in column {_shown(column)}, product row {row}); each was cut to its first {MAX_CELL_CHARS:,}. "
            "Shorten those cells in the file if the rest matters."
        )

"""Command line: ``python -m recommender COMMAND``. Contracts in GUIDE.md section 3."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from recommender.catalog import ROLES, Catalog, CatalogStore, Overrides, load_catalog
from recommender.catalog.report import error_report, format_report, inspect_report
from recommender.errors import CatalogError
from recommender.language.constraints import Constraint
from recommender.language.dialogue import Dialogue
from recommender.language.parser import Parser
from recommender.language.semantic import SemanticMatcher


def _pairs(values: list[str], what: str) -> dict[str, str]:
    out = {}
    for item in values:
        column, sep, value = item.rpartition("=")
        if not sep or not column or not value:
            raise CatalogError(f"--{what} expects COLUMN={what.upper()}, got {item!r}")
        out[column] = value
    return out


def _overrides(args: argparse.Namespace) -> Overrides | None:
    columns: dict[str, dict[str, str]] = {}
    for column, role in _pairs(args.role, "role").items():
        columns.setdefault(column, {})["role"] = role
    for column, unit in _pairs(args.unit, "unit").items():
        columns.setdefault(column, {})["unit"] = unit
    if not columns and not args.currency:
        return None
    try:
        return Overrides(columns=columns, currency=args.currency.upper() if args.currency else None)
    except ValueError as exc:
        raise CatalogError(str(exc)) from None


def cmd_inspect(args: argparse.Namespace) -> int:
    """Print the inferred schema of a catalog file."""
    try:
        catalog = load_catalog(args.file, overrides=_overrides(args), store=CatalogStore())
    except CatalogError as exc:
        if args.json:
            print(json.dumps(error_report(str(exc)), ensure_ascii=False))
        else:
            print(f"error: {exc}", file=sys.stderr)
        return 2
    report = inspect_report(catalog)
    print(json.dumps(report, ensure_ascii=False) if args.json else format_report(report))
    return 0


def _load_or_report(path: str, as_json: bool) -> Catalog | None:
    try:
        return load_catalog(path, store=CatalogStore())
    except CatalogError as exc:
        print(
            json.dumps(error_report(str(exc)), ensure_ascii=False) if as_json else f"error: {exc}",
            file=sys.stdout if as_json else sys.stderr,
        )
        return None


def cmd_parse(args: argparse.Namespace) -> int:
    """Print the constraints after each turn of a conversation."""
    catalog = _load_or_report(args.catalog, args.json)
    if catalog is None:
        return 2
    semantic = None if args.lexicon_only else SemanticMatcher(catalog)
    dialogue = Dialogue(catalog, Parser(catalog, semantic=semantic))
    turns = []
    for text in args.text:
        state = dialogue.say(text)
        question = dialogue.next_question()
        turns.append(
            {
                "text": text,
                **state.to_json(),
                "matches": int(dialogue.matches().sum()),
                "question": question.to_json() if question else None,
            }
        )
    if args.json:
        print(json.dumps({"catalog": catalog.name, "turns": turns}, ensure_ascii=False, default=_plain))
        return 0
    for turn in turns:
        print(f"> {turn['text']}")
        for c in turn["constraints"]:
            kind = "" if c["hard"] else " (soft)"
            note = f"   [{c['note']}]" if c["note"] else ""
            print(f"    {Constraint(**{**c, 'value': _tuple(c['value'])}).describe()}{kind}  <- {c['source']!r}{note}")
        for s in turn["sorts"]:
            print(f"    sort by {s['attribute']} {s['order']}")
        for note in turn["notes"]:
            print(f"    note: {note}")
        clarification = turn["clarification"] or turn["question"]
        if clarification:
            print(f"    ? {clarification['question']}")
        print(f"    {turn['matches']:,} products match")
    return 0


def _tuple(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _plain(value: object) -> object:
    """JSON for numpy numbers that reach the output."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m recommender", description="Conversational product finder.")
    commands = parser.add_subparsers(dest="command", required=True)
    inspect = commands.add_parser("inspect", help="show the inferred schema of a catalog file")
    inspect.add_argument("file", help="catalog file: CSV/TSV, Excel .xlsx, JSON or Parquet")
    inspect.add_argument("--json", action="store_true", help="print one JSON object")
    inspect.add_argument(
        "--role",
        action="append",
        default=[],
        metavar="COLUMN=ROLE",
        help=f"override a column's role (remembered for this catalog); roles: {', '.join(ROLES)}",
    )
    inspect.add_argument(
        "--unit",
        action="append",
        default=[],
        metavar="COLUMN=UNIT",
        help="override a column's unit (remembered for this catalog)",
    )
    inspect.add_argument("--currency", help="the price currency, e.g. INR, USD, EUR (remembered)")
    inspect.set_defaults(handler=cmd_inspect)
    parse = commands.add_parser("parse", help="constraints after each turn of a conversation")
    parse.add_argument("--catalog", required=True, help="catalog file the words are matched against")
    parse.add_argument("text", nargs="+", help="one shopper message per argument, in order")
    parse.add_argument("--json", action="store_true", help="print one JSON object")
    parse.add_argument("--lexicon-only", action="store_true", help="skip matching by meaning (faster start)")
    parse.set_defaults(handler=cmd_parse)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)

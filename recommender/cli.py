"""Command line: ``python -m recommender COMMAND``. Contracts in GUIDE.md section 3."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from recommender.catalog import ROLES, CatalogStore, Overrides, load_catalog
from recommender.catalog.report import error_report, format_report, inspect_report
from recommender.errors import CatalogError


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
    inspect.set_defaults(handler=cmd_inspect)  # fmt: skip
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)

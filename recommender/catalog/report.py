"""The schema inference report: what ``inspect`` prints, as JSON data or as a readable table."""

from __future__ import annotations

from typing import Any

from recommender.catalog.catalog import Catalog


def inspect_report(catalog: Catalog) -> dict[str, Any]:
    """The report of GUIDE.md section 3: rows, columns (name, role, unit, parsed, derived_from), price and
    name columns, currency, errors and warnings; plus the content hash and concept of each column."""
    schema = catalog.schema
    return {
        "catalog": catalog.name,
        "content_hash": catalog.content_hash,
        "rows": len(catalog),
        "columns": [
            {
                "name": c.name,
                "role": c.role,
                "unit": c.unit,
                "parsed": round(c.parsed, 4),
                "derived_from": c.derived_from,
                "concept": c.concept,
                "levels": list(c.levels) if c.levels else None,
            }
            for c in schema.columns
        ],
        "price_column": schema.price_column,
        "currency": schema.currency,
        "name_column": schema.name_column,
        "alternate_prices": dict(schema.alternate_prices),
        "overrides": {"columns": catalog.overrides.columns, "currency": catalog.overrides.currency},
        "errors": [],
        "warnings": list(catalog.warnings),
    }


def error_report(message: str) -> dict[str, Any]:
    """The report for a file that could not be used at all."""
    return {
        "rows": 0,
        "columns": [],
        "price_column": None,
        "currency": None,
        "name_column": None,
        "errors": [message],
        "warnings": [],
    }


def format_report(report: dict[str, Any]) -> str:
    """A readable table of the report, one line per column, derived attributes indented under their source."""
    lines = [
        f"{report['catalog']}: {report['rows']:,} rows, {len(report['columns'])} attributes "
        f"(hash {report['content_hash']})",
        f"name column: {report['name_column'] or '-'}   price column: {report['price_column'] or '-'}"
        f"   currency: {report['currency'] or '-'}",
        "",
    ]
    width = max(len(c["name"]) + (2 if c["derived_from"] else 0) for c in report["columns"])
    lines.append(f"{'column':<{width}}  {'role':<12} {'unit':<6} {'parsed':>7}")
    for c in report["columns"]:
        label = ("  " + c["name"]) if c["derived_from"] else c["name"]
        parsed = "" if c["role"] == "ignored" else f"{c['parsed']:.0%}"
        lines.append(f"{label:<{width}}  {c['role']:<12} {c['unit'] or '':<6} {parsed:>7}")
    for column, change in sorted(report.get("overrides", {}).get("columns", {}).items()):
        taught = ", ".join(f"{k} {v!r}" for k, v in sorted(change.items()))
        lines.append(f"taught: {column}: {taught}")
    for warning in report["warnings"]:
        lines.append(f"warning: {warning}")
    return "\n".join(lines)

"""Splitting composite spec cells into several attributes.

``'128GB SSD +  1TB HDD'`` becomes SSD 128 GB and HDD 1024 GB; ``'Intel Core i5 7200U 2.5GHz'`` becomes
CPU brand, family, tier, level, generation and clock; ``'IPS Panel Full HD 1920x1080'`` becomes
resolution width and height, panel and a touchscreen flag. The vocabulary is in
``recommender/knowledge/hardware.json``; this module only applies it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from recommender import knowledge
from recommender.catalog.cells import find_quantities

Parsed = dict[str, Any]


@dataclass(frozen=True)
class Part:
    """One attribute a composite cell yields."""

    name: str
    role: str  # "numeric", "categorical" or "boolean"
    unit: str | None = None
    levels: tuple[str, ...] | None = None  # order of an ordinal categorical, low to high


@dataclass(frozen=True)
class Extractor:
    """A composite splitter: the parts it yields and the function reading one cell (None: not understood)."""

    name: str
    parts: tuple[Part, ...]
    parse: Callable[[str], Parsed | None]


def _data_gb(value: float, unit: str) -> float | None:
    table = knowledge.units()
    if table.units[unit].dimension != "data":
        return None
    return table.convert(value, unit, "GB")


@cache
def _compiled(section: str) -> list[tuple[re.Pattern[str], dict[str, Any]]]:
    return [(re.compile(rule["regex"], re.IGNORECASE), rule) for rule in knowledge.hardware()[section]]


def parse_storage(text: str) -> Parsed | None:
    """``'128GB SSD + 1TB HDD'`` -> {'ssd': 128, 'hdd': 1024, ..., 'storage_total': 1152}.

    A size without a kind (a phone's ``'128 GB'``) counts towards the total only, and the kinds stay
    unknown (None) rather than zero. None when the cell holds no storage size at all.
    """
    kinds = [rule["kind"] for _, rule in _compiled("storage_kinds")]
    found: dict[str, float] = dict.fromkeys(kinds, 0.0)
    total, any_kind = 0.0, False
    for segment in re.split(r"\+|,|&|\band\b", text):
        sizes = [gb for v, u, _, _ in find_quantities(segment) if (gb := _data_gb(v, u)) is not None]
        if not sizes:
            continue
        kind = next((rule["kind"] for rx, rule in _compiled("storage_kinds") if rx.search(segment)), None)
        if kind:
            found[kind] += sizes[0]
            any_kind = True
        total += sizes[0]
    if total == 0:
        return None
    parts: Parsed = found if any_kind else dict.fromkeys(kinds)
    parts["storage_total"] = total
    return parts


_ORDINAL_GEN = re.compile(r"\b(\d{1,2})\s*(?:st|nd|rd|th)\s*gen", re.IGNORECASE)
_MODEL = re.compile(r"\b([a-z]{0,2})(\d{3,5})([a-z]{0,2}\d?)\b", re.IGNORECASE)


def _generation(text: str, brand: str | None, family: str | None, tier: str | None) -> float | None:
    """Generation from '12th Gen', an Intel/AMD model number (7200U -> 7, 1235U -> 12) or Apple M2 -> 2."""
    if m := _ORDINAL_GEN.search(text):
        return float(m.group(1))
    if brand == "Apple" and tier and (m := re.match(r"M(\d)", tier)):
        return float(m.group(1))
    if family not in ("Core", "Core Ultra", "Ryzen"):
        return None
    for m in _MODEL.finditer(text):
        prefix, digits = m.group(1).lower(), m.group(2)
        if prefix in ("n", "j", "z", "a", "e") or len(digits) < 4:
            continue  # Celeron N4500, Atom Z8350, AMD A9-9420: no generation in the number
        if brand == "Intel" and (len(digits) == 5 or (digits[0] == "1" and digits[1] in "01234")):
            return float(digits[:2])
        return float(digits[0])
    return None


def parse_cpu(text: str) -> Parsed | None:
    """``'Intel Core i5 7200U 2.5GHz'`` -> brand, family, tier, level, generation, model, clock."""
    tier_rule, match = None, None
    for rx, rule in _compiled("cpu_tiers"):
        if match := rx.search(text):
            tier_rule = rule
            break
    lowered = text.lower()
    brand = tier_rule["brand"] if tier_rule else None
    if brand is None:
        brand = next((b for key, b in knowledge.hardware()["cpu_brands"].items() if key in lowered), None)
    if tier_rule is None and brand is None:
        return None
    tier = None
    if tier_rule and match:
        tier = tier_rule["tier"].format(*[g for g in match.groups() if g is not None])
    clocks = [knowledge.units().convert(v, u, "GHz") for v, u, _, _ in find_quantities(text) if u in ("GHz", "MHz")]
    model = next((m.group(0) for m in _MODEL.finditer(text) if len(m.group(2)) >= 3), None)
    return {
        "cpu_brand": brand,
        "cpu_family": tier_rule["family"] if tier_rule else None,
        "cpu_tier": tier,
        "cpu_level": tier_rule["level"] if tier_rule else None,
        "cpu_generation": _generation(text, brand, tier_rule["family"] if tier_rule else None, tier),
        "cpu_model": model.upper() if model else None,
        "cpu_clock": clocks[0] if clocks else None,
    }


def parse_gpu(text: str) -> Parsed | None:
    """``'Nvidia GeForce GTX 1050 4GB'`` -> brand NVIDIA, class entry, memory 4 GB."""
    for rx, rule in _compiled("gpu_rules"):
        if rx.search(text):
            memory = [gb for v, u, _, _ in find_quantities(text) if (gb := _data_gb(v, u)) is not None]
            return {"gpu_brand": rule["brand"], "gpu_class": rule["class"], "gpu_memory": memory[0] if memory else None}
    return None


_RESOLUTION = re.compile(r"(\d{3,4})\s*[x×*]\s*(\d{3,4})")


def parse_display(text: str) -> Parsed | None:
    """``'IPS Panel Full HD / Touchscreen 1920x1080'`` -> width 1920, height 1080, panel IPS, touch True.

    Width is the long edge, so a phone's ``1080 x 2400`` reads as 2400 x 1080 like a laptop's.
    """
    panel = next((rule["panel"] for rx, rule in _compiled("panels") if rx.search(text)), None)
    m = _RESOLUTION.search(text)
    if m is None and panel is None:
        return None
    a, b = (int(m.group(1)), int(m.group(2))) if m else (None, None)
    touch = re.search(knowledge.hardware()["touch_regex"], text, re.IGNORECASE) is not None
    return {
        "resolution_width": max(a, b) if m else None,
        "resolution_height": min(a, b) if m else None,
        "panel": panel,
        "touchscreen": touch,
    }


@cache
def extractors() -> dict[str, Extractor]:
    """The composite splitters by name (the ``extractor`` of a header concept)."""
    hw = knowledge.hardware()
    storage_parts = tuple(Part(rule["kind"], "numeric", "GB") for rule in hw["storage_kinds"])
    tiers = [t for scale in hw["cpu_scales"].values() for t in scale]
    return {
        "storage": Extractor("storage", (*storage_parts, Part("storage_total", "numeric", "GB")), parse_storage),
        "cpu": Extractor(
            "cpu",
            (
                Part("cpu_brand", "categorical"),
                Part("cpu_family", "categorical"),
                Part("cpu_tier", "categorical", levels=tuple(tiers)),
                Part("cpu_level", "numeric"),
                Part("cpu_generation", "numeric"),
                Part("cpu_model", "categorical"),
                Part("cpu_clock", "numeric", "GHz"),
            ),
            parse_cpu,
        ),
        "gpu": Extractor(
            "gpu",
            (
                Part("gpu_brand", "categorical"),
                Part("gpu_class", "categorical", levels=tuple(hw["gpu_classes"])),
                Part("gpu_memory", "numeric", "GB"),
            ),
            parse_gpu,
        ),
        "display": Extractor(
            "display",
            (
                Part("resolution_width", "numeric", "px"),
                Part("resolution_height", "numeric", "px"),
                Part("panel", "categorical"),
                Part("touchscreen", "boolean"),
            ),
            parse_display,
        ),
    }

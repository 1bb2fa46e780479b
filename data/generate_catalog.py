"""Generate the built-in product catalog ``data/products.csv``.

Usage: ``python data/generate_catalog.py [--out PATH]`` (default: ``products.csv`` next to this script).

The catalog is a synthetic but realistic snapshot of the Indian laptop and smartphone market: about
900 laptops and 480 phones, prices in rupees. The cells are written the way shops write them
(``₹1,24,990``, ``16 GB``, ``256 GB SSD + 1 TB HDD``, ``up to 9 hours``, ``195 g``) because the app's
schema-inference layer has to parse such strings.

Determinism
-----------
The only source of randomness is ``random.Random(SEED).random()``, the one method whose sequence Python
guarantees across versions for an integer seed; choices, shuffles and distributions are built on it
here with plain float arithmetic (no libm calls). The output is therefore byte-identical on every
machine running Python 3.11 or later.

How products are made
---------------------
Laptops come from product lines (``LAPTOP_LINES``): a brand, real model names with their screen size,
a type, and the CPUs, RAM sizes, storage options, GPUs, panels, refresh rates and operating systems
the line is sold with. Every variant draws one "tier" position in [0, 1) and takes each component
near that position in the line's cost-sorted options, so a better CPU tends to come with more RAM
and a better GPU. A hard-disk-only drive is offered only with entry-level and Core i3 / Ryzen 3
CPUs (``StorageSpec.max_cpu_tier``), as in real shops.

Phones come from real models (``PHONE_MODELS``) with their real SoC, type and launch year. Each model
is sold in two to four RAM/storage variants; display, main camera, battery and weight are drawn once
per model from its type's profile (``PHONE_PROFILES``) or taken from ``PHONE_OVERRIDES`` (iPhones,
Pixels, Galaxy S and Z, ...).

Price model
-----------
::

    price = ( type base                      LAPTOP_TYPE_BASE / PHONE_TYPE_BASE
            + CPU or SoC cost                LAPTOP_CPUS / PHONE_SOCS
            + RAM cost + storage cost        LAPTOP_RAM_COST, STORAGE / PHONE_RAM_COST, PHONE_STORAGE_COST
            + GPU cost                       GPUS (laptops)
            + screen size, panel, refresh    SCREEN_COST, LAPTOP_PANEL_COST / PHONE_PANEL_COST, *_REFRESH_COST
            + OS licence (laptops)           OS_COST
            + camera, 5G, design extras      CAMERA_COST, FIVE_G_COST, PhoneOverride.extra (phones)
            ) x brand multiplier x line premium x (1 + noise),    noise uniform in [-6 %, +6 %]

and the result is rounded to a retail ending: ``...990`` / ``...490`` / ``...x90`` for laptops,
``...999`` / ``...499`` for phones and ``...900`` for Apple. Brand multipliers put Apple at a premium
and Acer, Infinix and Chuwi below the market; line premiums lift Alienware, ROG, XPS, ThinkPad X1 and
the like. Laptops land roughly between ₹15,000 and ₹3,50,000, phones between ₹6,000 and ₹1,60,000.

The classic situation
---------------------
The classic shopper query is "a laptop with 8GB RAM, a 1TB HDD and an i5 processor at Rs. 40000".
The catalog has the classic near-miss answer to it, and ``check_classic_situation`` verifies it on
the generated rows (generation fails otherwise):

* no laptop with an ``Intel Core i5``, at least 8 GB RAM and a hard disk of at least 1 TB costs
  ₹40,000 or less;
* at least three such laptops cost between ₹40,001 and ₹50,000;
* at least two laptops at ₹40,000 or less fall short on exactly one of the three specs.

A few ``CLASSIC_PRODUCTS`` are planted to guarantee it. Their prices are fixed, and the generator
checks that each lies within the noise band of the price model, so they obey the same model as
every other product.
"""

import argparse
import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import TypeVar

T = TypeVar("T")

SEED = 20240611
NOISE = 0.06
DEFAULT_OUT = Path(__file__).resolve().parent / "products.csv"

HEADER = (
    "product_id",
    "name",
    "brand",
    "category",
    "type",
    "description",
    "price",
    "cpu",
    "ram",
    "storage",
    "gpu",
    "screen",
    "resolution",
    "refresh_rate",
    "weight",
    "battery_life",
    "battery_capacity",
    "os",
    "camera",
    "has_5g",
    "touchscreen",
    "rating",
    "review_count",
    "release_year",
)

LAPTOP_TYPES = (
    "Notebook",
    "Thin and Light",
    "Gaming",
    "2 in 1 Convertible",
    "Business",
    "Chromebook",
    "Workstation",
)
PHONE_TYPES = ("Budget", "Mid-range", "Flagship", "Gaming")

MIN_LAPTOPS, MIN_PHONES = 800, 400
LAPTOP_PRICE_RANGE = (15_000, 3_50_000)
PHONE_PRICE_RANGE = (5_999, 1_60_000)

# The classic query: Intel Core i5, at least 8 GB RAM, a hard disk of at least 1 TB, at ₹40,000.
CLASSIC_BUDGET = 40_000
CLASSIC_NEAR_LIMIT = 50_000


class CatalogError(ValueError):
    """The generated catalog breaks one of its guarantees."""


# --------------------------------------------------------------------------------------------------
# Laptop components
# --------------------------------------------------------------------------------------------------

UHD, XE, ARC = "Intel UHD Graphics", "Intel Iris Xe Graphics", "Intel Arc Graphics"
RADEON, R680M, R780M = "AMD Radeon Graphics", "AMD Radeon 680M Graphics", "AMD Radeon 780M Graphics"
INTEGRATED = "integrated"  # placeholder in a line's GPU options: the CPU's own graphics

_CLOCK = re.compile(r" \d+(?:\.\d+)?GHz$")
_VENDOR = re.compile(r"^(?:Intel|AMD|Apple|MediaTek|Qualcomm|Samsung|Google) ")


def short_name(label: str) -> str:
    """``Intel Core i5 1235U 1.3GHz`` -> ``Core i5 1235U``: the key of a CPU or SoC."""
    return _VENDOR.sub("", _CLOCK.sub("", label))


@dataclass(frozen=True)
class Cpu:
    """A laptop processor: tier 0 entry, 1 i3/R3, 2 i5/R5, 3 i7/R7, 4 i9/R9."""

    label: str
    cost: int
    tier: int
    year: int
    igpu: str

    @property
    def short(self) -> str:
        return short_name(self.label)


_CPU_TABLE: tuple[tuple[str, int, int, int, str], ...] = (
    # label, cost (₹), tier, launch year, integrated graphics
    ("Intel Celeron N4020 1.1GHz", 1_000, 0, 2020, UHD),
    ("Intel Celeron N4500 1.1GHz", 1_500, 0, 2021, UHD),
    ("Intel Celeron N5100 1.1GHz", 2_000, 0, 2021, UHD),
    ("Intel Pentium Silver N6000 1.1GHz", 3_000, 0, 2021, UHD),
    ("AMD Athlon Silver 3050U 2.3GHz", 2_000, 0, 2020, RADEON),
    ("AMD Athlon Silver 7120U 2.4GHz", 3_000, 0, 2023, RADEON),
    ("MediaTek Kompanio 500", 1_000, 0, 2021, "ARM Mali-G72 MP3"),
    ("MediaTek Kompanio 520", 2_000, 0, 2022, "ARM Mali-G52 MC2"),
    ("Intel Core i3 1005G1 1.2GHz", 6_000, 1, 2020, UHD),
    ("Intel Core i3 1115G4 3.0GHz", 7_000, 1, 2021, UHD),
    ("Intel Core i3 1215U 1.2GHz", 9_000, 1, 2022, UHD),
    ("Intel Core i3 1315U 1.2GHz", 10_000, 1, 2023, UHD),
    ("AMD Ryzen 3 5300U 2.6GHz", 7_000, 1, 2021, RADEON),
    ("AMD Ryzen 3 5425U 2.7GHz", 7_500, 1, 2022, RADEON),
    ("AMD Ryzen 3 7320U 2.4GHz", 6_500, 1, 2023, RADEON),
    ("Intel Core i5 1035G1 1.0GHz", 12_000, 2, 2020, UHD),
    ("Intel Core i5 1135G7 2.4GHz", 15_000, 2, 2021, XE),
    ("Intel Core i5 1155G7 2.5GHz", 15_500, 2, 2021, XE),
    ("Intel Core i5 11400H 2.7GHz", 16_000, 2, 2021, UHD),
    ("Intel Core i5 1235U 1.3GHz", 17_000, 2, 2022, XE),
    ("Intel Core i5 12450H 2.0GHz", 18_500, 2, 2022, UHD),
    ("Intel Core i5 1240P 1.7GHz", 19_000, 2, 2022, XE),
    ("Intel Core i5 12500H 2.5GHz", 21_000, 2, 2022, XE),
    ("Intel Core i5 1335U 1.3GHz", 19_500, 2, 2023, XE),
    ("Intel Core i5 13420H 2.1GHz", 21_000, 2, 2023, UHD),
    ("Intel Core i5 1340P 1.9GHz", 22_000, 2, 2023, XE),
    ("Intel Core i5 1345U 1.6GHz", 23_000, 2, 2023, XE),
    ("Intel Core i5 13500H 2.6GHz", 24_000, 2, 2023, XE),
    ("Intel Core i5 13450HX 2.4GHz", 26_000, 2, 2023, UHD),
    ("Intel Core i5 13500HX 2.5GHz", 28_000, 2, 2023, UHD),
    ("Intel Core Ultra 5 125H 1.2GHz", 30_000, 2, 2024, ARC),
    ("AMD Ryzen 5 7520U 2.8GHz", 11_000, 2, 2023, RADEON),
    ("AMD Ryzen 5 5500U 2.1GHz", 12_000, 2, 2021, RADEON),
    ("AMD Ryzen 5 5625U 2.3GHz", 13_500, 2, 2022, RADEON),
    ("AMD Ryzen 5 7530U 2.0GHz", 14_000, 2, 2023, RADEON),
    ("AMD Ryzen 5 5600H 3.3GHz", 15_000, 2, 2021, RADEON),
    ("AMD Ryzen 5 7535U 2.9GHz", 16_000, 2, 2023, RADEON),
    ("AMD Ryzen 5 6600H 3.3GHz", 17_000, 2, 2022, RADEON),
    ("AMD Ryzen 5 7535HS 3.3GHz", 17_000, 2, 2023, RADEON),
    ("AMD Ryzen 5 7640HS 4.3GHz", 21_000, 2, 2023, RADEON),
    ("Intel Core i7 1065G7 1.3GHz", 20_000, 3, 2020, "Intel Iris Plus Graphics"),
    ("Intel Core i7 1165G7 2.8GHz", 24_000, 3, 2021, XE),
    ("Intel Core i7 11800H 2.3GHz", 26_000, 3, 2021, UHD),
    ("Intel Core i7 1255U 1.7GHz", 27_000, 3, 2022, XE),
    ("Intel Core i7 1260P 2.1GHz", 29_000, 3, 2022, XE),
    ("Intel Core i7 12650H 2.3GHz", 30_000, 3, 2022, UHD),
    ("Intel Core i7 12700H 2.3GHz", 33_000, 3, 2022, XE),
    ("Intel Core i7 1355U 1.7GHz", 30_000, 3, 2023, XE),
    ("Intel Core i7 1360P 2.2GHz", 33_000, 3, 2023, XE),
    ("Intel Core i7 13620H 2.4GHz", 34_000, 3, 2023, UHD),
    ("Intel Core i7 1365U 1.8GHz", 36_000, 3, 2023, XE),
    ("Intel Core i7 13700H 2.4GHz", 38_000, 3, 2023, XE),
    ("Intel Core i7 13650HX 2.6GHz", 40_000, 3, 2023, UHD),
    ("Intel Core i7 13700HX 2.1GHz", 43_000, 3, 2023, UHD),
    ("Intel Core i7 13800H 2.5GHz", 44_000, 3, 2023, XE),
    ("Intel Core i7 14650HX 2.2GHz", 45_000, 3, 2024, UHD),
    ("Intel Core Ultra 7 155H 1.4GHz", 42_000, 3, 2024, ARC),
    ("AMD Ryzen 7 5700U 1.8GHz", 20_000, 3, 2021, RADEON),
    ("AMD Ryzen 7 5825U 2.0GHz", 22_000, 3, 2022, RADEON),
    ("AMD Ryzen 7 7730U 2.0GHz", 23_000, 3, 2023, RADEON),
    ("AMD Ryzen 7 5800H 3.2GHz", 24_000, 3, 2021, RADEON),
    ("AMD Ryzen 7 7735U 2.7GHz", 26_000, 3, 2023, R680M),
    ("AMD Ryzen 7 6800H 3.2GHz", 30_000, 3, 2022, R680M),
    ("AMD Ryzen 7 7735HS 3.2GHz", 31_000, 3, 2023, R680M),
    ("AMD Ryzen 7 7840U 3.3GHz", 34_000, 3, 2023, R780M),
    ("AMD Ryzen 7 7840HS 3.8GHz", 36_000, 3, 2023, R780M),
    ("AMD Ryzen 7 8845HS 3.8GHz", 40_000, 3, 2024, R780M),
    ("Intel Core i9 13900H 2.6GHz", 55_000, 4, 2023, XE),
    ("Intel Core i9 13900HX 2.2GHz", 62_000, 4, 2023, UHD),
    ("Intel Core i9 13950HX 2.2GHz", 68_000, 4, 2023, UHD),
    ("Intel Core i9 13980HX 2.2GHz", 75_000, 4, 2023, UHD),
    ("Intel Core i9 14900HX 2.2GHz", 80_000, 4, 2024, UHD),
    ("AMD Ryzen 9 7940HS 4.0GHz", 48_000, 4, 2023, R780M),
    ("AMD Ryzen 9 7945HX 2.5GHz", 60_000, 4, 2023, "AMD Radeon 610M Graphics"),
    ("Apple M1", 28_000, 2, 2020, "Apple 7-core GPU"),
    ("Apple M2", 40_000, 3, 2022, "Apple 8-core GPU"),
    ("Apple M3", 48_000, 3, 2023, "Apple 8-core GPU"),
    ("Apple M3 Pro", 80_000, 4, 2023, "Apple 14-core GPU"),
    ("Apple M3 Max", 1_30_000, 4, 2023, "Apple 30-core GPU"),
)
LAPTOP_CPUS: dict[str, Cpu] = {short_name(row[0]): Cpu(*row) for row in _CPU_TABLE}

# GPU label -> (cost ₹, launch year)
GPUS: dict[str, tuple[int, int]] = {
    UHD: (0, 2020),
    XE: (1_000, 2020),
    ARC: (2_500, 2024),
    "Intel Iris Plus Graphics": (500, 2020),
    RADEON: (0, 2020),
    "AMD Radeon 610M Graphics": (0, 2023),
    R680M: (2_000, 2022),
    R780M: (3_000, 2023),
    "ARM Mali-G72 MP3": (0, 2021),
    "ARM Mali-G52 MC2": (0, 2022),
    "NVIDIA GeForce MX450 2GB": (4_000, 2020),
    "NVIDIA GeForce MX550 2GB": (5_000, 2022),
    "NVIDIA GeForce MX570 2GB": (6_000, 2022),
    "NVIDIA GeForce GTX 1650 4GB": (8_000, 2020),
    "NVIDIA GeForce RTX 2050 4GB": (9_000, 2022),
    "NVIDIA GeForce RTX 3050 4GB": (12_000, 2021),
    "NVIDIA GeForce RTX 3050 6GB": (14_000, 2022),
    "NVIDIA GeForce RTX 4050 6GB": (20_000, 2023),
    "NVIDIA GeForce RTX 4060 8GB": (27_000, 2023),
    "NVIDIA GeForce RTX 4070 8GB": (38_000, 2023),
    "NVIDIA GeForce RTX 4080 12GB": (70_000, 2023),
    "NVIDIA GeForce RTX 4090 16GB": (1_00_000, 2023),
    "NVIDIA RTX A500 4GB": (12_000, 2022),
    "NVIDIA RTX A1000 6GB": (20_000, 2022),
    "NVIDIA RTX 2000 Ada 8GB": (35_000, 2023),
    "NVIDIA RTX 3500 Ada 12GB": (70_000, 2023),
    "Apple 7-core GPU": (0, 2020),
    "Apple 8-core GPU": (0, 2022),
    "Apple 10-core GPU": (8_000, 2022),
    "Apple 14-core GPU": (0, 2023),
    "Apple 18-core GPU": (16_000, 2023),
    "Apple 30-core GPU": (0, 2023),
    "Apple 40-core GPU": (30_000, 2023),
}

LAPTOP_RAM_COST: dict[int, int] = {
    4: 0,
    8: 2_500,
    16: 6_500,
    18: 9_000,
    24: 12_000,
    32: 15_000,
    36: 20_000,
    48: 28_000,
    64: 32_000,
}


@dataclass(frozen=True)
class StorageSpec:
    """A laptop storage option: its cost, the hard disk size in TB, and the best CPU tier sold with it."""

    cost: int
    hdd_tb: int = 0
    max_cpu_tier: int = 4


STORAGE: dict[str, StorageSpec] = {
    "64 GB eMMC": StorageSpec(0),
    "128 GB eMMC": StorageSpec(800),
    "256 GB SSD": StorageSpec(1_500),
    "512 GB SSD": StorageSpec(3_000),
    "1 TB SSD": StorageSpec(6_500),
    "2 TB SSD": StorageSpec(14_000),
    "1 TB HDD": StorageSpec(2_000, hdd_tb=1, max_cpu_tier=1),
    # dual drives: SSD + HDD + the second drive bay
    "128 GB SSD + 1 TB HDD": StorageSpec(4_500, hdd_tb=1),
    "256 GB SSD + 1 TB HDD": StorageSpec(5_500, hdd_tb=1),
    "512 GB SSD + 1 TB HDD": StorageSpec(7_000, hdd_tb=1),
}

STORAGE_COST: dict[str, int] = {name: spec.cost for name, spec in STORAGE.items()}

SCREEN_COST: dict[float, int] = {
    11.6: 0,
    13.3: 500,
    13.4: 500,
    13.6: 500,
    14.0: 500,
    14.2: 1_000,
    15.3: 1_500,
    15.6: 1_000,
    16.0: 2_000,
    16.1: 2_000,
    16.2: 3_000,
    17.3: 4_000,
    18.0: 6_000,
}

LAPTOP_PANEL_COST: dict[str, int] = {
    "HD 1366x768": 0,
    "Full HD 1920x1080": 800,
    "Full HD 1920x1080 IPS": 1_500,
    "Full HD 1920x1080 IPS Touchscreen": 4_500,
    "WUXGA 1920x1200 IPS": 2_500,
    "WUXGA 1920x1200 IPS Touchscreen": 5_000,
    "2.2K 2240x1400 IPS": 3_500,
    "QHD 2560x1440 IPS": 5_000,
    "QHD+ 2560x1600 IPS": 6_500,
    "2.8K OLED 2880x1800": 9_000,
    "2.8K OLED 2880x1800 Touchscreen": 12_000,
    "3.5K OLED 3456x2160": 14_000,
    "Retina 2560x1600 IPS": 5_000,
    "Liquid Retina 2560x1664 IPS": 6_000,
    "Liquid Retina 2880x1864 IPS": 8_000,
    "Liquid Retina XDR 3024x1964 mini-LED": 16_000,
    "Liquid Retina XDR 3456x2234 mini-LED": 20_000,
}

LAPTOP_REFRESH_COST: dict[int, int] = {60: 0, 90: 1_000, 120: 2_000, 144: 3_000, 165: 4_500, 240: 8_000}

OS_COST: dict[str, int] = {
    "DOS": 0,
    "Ubuntu": 0,
    "Chrome OS": 0,
    "macOS": 0,
    "Windows 11 Home": 2_500,
    "Windows 11 Pro": 6_000,
}

LAPTOP_TYPE_BASE: dict[str, int] = {
    "Notebook": 15_000,
    "Thin and Light": 22_000,
    "Gaming": 18_000,
    "2 in 1 Convertible": 24_000,
    "Business": 22_000,
    "Chromebook": 17_000,
    "Workstation": 45_000,
}

LAPTOP_BRAND_MULTIPLIER: dict[str, float] = {
    "Lenovo": 1.00,
    "HP": 1.03,
    "Dell": 1.05,
    "Asus": 1.00,
    "Acer": 0.93,
    "MSI": 1.02,
    "Apple": 1.25,
    "Samsung": 1.08,
    "Infinix": 0.85,
    "Chuwi": 0.80,
}


# --------------------------------------------------------------------------------------------------
# Laptop product lines
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LaptopLine:
    """A product line: the models it names and the components it is sold with."""

    brand: str
    type: str
    count: int
    models: tuple[tuple[str, float, str], ...]  # (model name, screen inches, CPU vendor or "")
    cpus: tuple[str, ...]
    rams: tuple[int, ...]
    storages: tuple[str, ...]
    gpus: tuple[str, ...]
    panels: tuple[str, ...]
    refresh: tuple[int, ...] = (60,)
    os: tuple[str, ...] = ("Windows 11 Home",)  # ordered from cheapest to dearest
    weight_kg: tuple[float, float] = (1.5, 1.8)
    battery_h: tuple[int, int] = (6, 9)
    premium: float = 1.0


def _m(*models: tuple[str, float] | tuple[str, float, str]) -> tuple[tuple[str, float, str], ...]:
    """Normalise (name, screen[, CPU vendor]) tuples; no vendor means any CPU of the line."""
    return tuple((name, screen, vendor[0] if vendor else "") for name, screen, *vendor in models)


MAINSTREAM_U = (
    "Core i5 1235U",
    "Core i5 1335U",
    "Core i7 1255U",
    "Core i7 1355U",
    "Ryzen 5 7530U",
    "Ryzen 7 7730U",
)
ENTRY_GAMING_GPUS = (
    "NVIDIA GeForce GTX 1650 4GB",
    "NVIDIA GeForce RTX 2050 4GB",
    "NVIDIA GeForce RTX 3050 4GB",
    "NVIDIA GeForce RTX 3050 6GB",
    "NVIDIA GeForce RTX 4050 6GB",
    "NVIDIA GeForce RTX 4060 8GB",
)
HIGH_GAMING_GPUS = (
    "NVIDIA GeForce RTX 4060 8GB",
    "NVIDIA GeForce RTX 4070 8GB",
    "NVIDIA GeForce RTX 4080 12GB",
    "NVIDIA GeForce RTX 4090 16GB",
)
WORKSTATION_GPUS = (
    "NVIDIA RTX A500 4GB",
    "NVIDIA RTX A1000 6GB",
    "NVIDIA RTX 2000 Ada 8GB",
    "NVIDIA RTX 3500 Ada 12GB",
)
DOS_OR_HOME = ("DOS", "Windows 11 Home")
FHD_PANELS = ("Full HD 1920x1080", "Full HD 1920x1080 IPS")
BUDGET_PANELS = ("HD 1366x768", *FHD_PANELS)
CONVERTIBLE_PANELS = ("Full HD 1920x1080 IPS Touchscreen", "2.8K OLED 2880x1800 Touchscreen")
THIN_PANELS = ("Full HD 1920x1080 IPS", "WUXGA 1920x1200 IPS", "2.8K OLED 2880x1800")
BUSINESS_OS = ("DOS", "Windows 11 Home", "Windows 11 Pro")

# fmt: off
LAPTOP_LINES: tuple[LaptopLine, ...] = (
    # ---- Notebook --------------------------------------------------------------------------------
    LaptopLine(
        "Lenovo", "Notebook", 31,
        models=_m(("IdeaPad Slim 3", 15.6), ("IdeaPad Slim 3", 14.0)),
        cpus=("Core i3 1215U", "Ryzen 3 7320U", "Ryzen 5 5500U", "Ryzen 5 7530U", "Core i5 1235U",
              "Core i5 12450H", "Core i5 13420H", "Ryzen 7 5700U", "Ryzen 7 7730U", "Core i7 1255U",
              "Core i7 13620H"),
        rams=(8, 16), storages=("256 GB SSD", "512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,),
        panels=FHD_PANELS, weight_kg=(1.39, 1.65), battery_h=(7, 10),
    ),
    LaptopLine(
        "Lenovo", "Notebook", 21,
        models=_m(("IdeaPad 3", 15.6), ("IdeaPad 3", 14.0), ("IdeaPad Slim 1", 15.6, "AMD")),
        cpus=("Celeron N4020", "Athlon Silver 7120U", "Core i3 1115G4", "Ryzen 3 5300U", "Ryzen 3 7320U",
              "Ryzen 5 5500U", "Core i5 1135G7", "Core i5 1155G7", "Core i7 1165G7"),
        rams=(4, 8, 16), storages=("256 GB SSD", "512 GB SSD"), gpus=(INTEGRATED, "NVIDIA GeForce MX450 2GB"),
        panels=BUDGET_PANELS, weight_kg=(1.45, 1.7),
    ),
    LaptopLine(
        "Lenovo", "Notebook", 21,
        models=_m(("V15 G2", 15.6), ("V15 G3", 15.6), ("V14 G3", 14.0)),
        cpus=("Celeron N4500", "Athlon Silver 3050U", "Core i3 1115G4", "Core i3 1215U", "Ryzen 3 5300U",
              "Ryzen 3 7320U", "Core i5 1135G7", "Core i5 1235U"),
        rams=(4, 8, 16), storages=("1 TB HDD", "256 GB SSD", "512 GB SSD"), gpus=(INTEGRATED,),
        panels=BUDGET_PANELS, os=DOS_OR_HOME, weight_kg=(1.6, 1.85), battery_h=(5, 8),
    ),
    LaptopLine(
        "HP", "Notebook", 38,
        models=_m(("15s", 15.6), ("14s", 14.0), ("250 G9", 15.6, "Intel"), ("255 G9", 15.6, "AMD")),
        cpus=("Celeron N4500", "Athlon Silver 3050U", "Core i3 1115G4", "Core i3 1215U", "Ryzen 3 5300U",
              "Ryzen 5 5500U", "Core i5 1135G7", "Core i5 1235U", "Ryzen 7 5700U", "Core i7 1255U"),
        rams=(4, 8, 16), storages=("1 TB HDD", "256 GB SSD", "512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,),
        panels=BUDGET_PANELS, os=DOS_OR_HOME, weight_kg=(1.46, 1.74),
    ),
    LaptopLine(
        "HP", "Notebook", 24,
        models=_m(("Pavilion 15", 15.6), ("Pavilion 14", 14.0)),
        cpus=("Core i5 1235U", "Core i5 1335U", "Core i7 1255U", "Core i7 1355U", "Ryzen 5 5625U",
              "Ryzen 5 7530U", "Ryzen 7 5825U", "Ryzen 7 7730U"),
        rams=(8, 16), storages=("512 GB SSD", "512 GB SSD + 1 TB HDD", "1 TB SSD"),
        gpus=(INTEGRATED, "NVIDIA GeForce MX550 2GB"), panels=("Full HD 1920x1080 IPS",),
        weight_kg=(1.41, 1.75), battery_h=(7, 10), premium=1.05,
    ),
    LaptopLine(
        "Dell", "Notebook", 31,
        models=_m(("Inspiron 3520", 15.6, "Intel"), ("Inspiron 3535", 15.6, "AMD"),
                  ("Inspiron 3420", 14.0, "Intel")),
        cpus=("Core i3 1215U", "Core i5 1235U", "Core i5 1335U", "Core i7 1255U", "Core i7 1355U",
              "Ryzen 3 7320U", "Ryzen 5 7530U", "Ryzen 7 7730U"),
        rams=(8, 16), storages=("256 GB SSD + 1 TB HDD", "512 GB SSD", "1 TB SSD"),
        gpus=(INTEGRATED, "NVIDIA GeForce MX550 2GB"), panels=FHD_PANELS, refresh=(60, 120),
        weight_kg=(1.48, 1.9),
    ),
    LaptopLine(
        "Dell", "Notebook", 21,
        models=_m(("Vostro 3520", 15.6, "Intel"), ("Vostro 3420", 14.0, "Intel"),
                  ("Vostro 3425", 14.0, "AMD")),
        cpus=("Core i3 1115G4", "Core i3 1215U", "Core i5 1235U", "Core i7 1255U", "Ryzen 3 5425U",
              "Ryzen 5 5625U"),
        rams=(8, 16), storages=("1 TB HDD", "256 GB SSD", "512 GB SSD", "256 GB SSD + 1 TB HDD"),
        gpus=(INTEGRATED,), panels=FHD_PANELS, os=("Ubuntu", "Windows 11 Home"), weight_kg=(1.48, 1.9),
        battery_h=(5, 8),
    ),
    LaptopLine(
        "Asus", "Notebook", 34,
        models=_m(("Vivobook 15", 15.6, "Intel"), ("Vivobook 14", 14.0, "Intel"),
                  ("Vivobook Go 15", 15.6, "AMD"), ("Vivobook 16", 16.0)),
        cpus=("Celeron N4500", "Core i3 1115G4", "Core i3 1215U", "Core i5 1235U", "Core i5 12500H",
              "Core i7 1255U", "Core i7 12700H", "Ryzen 3 7320U", "Ryzen 5 7520U", "Ryzen 5 5600H",
              "Ryzen 7 5800H"),
        rams=(8, 16), storages=("256 GB SSD", "512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,),
        panels=FHD_PANELS, weight_kg=(1.4, 1.8),
    ),
    LaptopLine(
        "Acer", "Notebook", 38,
        models=_m(("Aspire 3", 15.6), ("Aspire 5", 15.6, "Intel"), ("Aspire Lite", 15.6),
                  ("Extensa 15", 15.6, "Intel")),
        cpus=("Celeron N4500", "Pentium Silver N6000", "Athlon Silver 7120U", "Core i3 1115G4",
              "Core i3 1215U", "Ryzen 3 7320U", "Ryzen 5 5500U", "Ryzen 5 7520U", "Core i5 1135G7",
              "Core i5 1235U", "Core i5 12450H", "Core i7 1255U"),
        rams=(4, 8, 16), storages=("1 TB HDD", "256 GB SSD", "512 GB SSD"), gpus=(INTEGRATED,),
        panels=BUDGET_PANELS, os=DOS_OR_HOME, weight_kg=(1.59, 1.9),
    ),
    LaptopLine(
        "MSI", "Notebook", 14,
        models=_m(("Modern 14", 14.0), ("Modern 15", 15.6)),
        cpus=("Core i3 1115G4", "Core i3 1215U", "Core i5 1155G7", "Core i5 1235U", "Core i7 1255U",
              "Ryzen 5 7530U", "Ryzen 7 7730U"),
        rams=(8, 16), storages=("512 GB SSD",), gpus=(INTEGRATED,), panels=("Full HD 1920x1080 IPS",),
        weight_kg=(1.4, 1.7),
    ),
    LaptopLine(
        "Infinix", "Notebook", 10,
        models=_m(("Inbook Y1 Plus", 15.6), ("Inbook Y2 Plus", 15.6)),
        cpus=("Core i3 1005G1", "Core i5 1035G1", "Core i5 1155G7"), rams=(8, 16),
        storages=("256 GB SSD", "512 GB SSD"), gpus=(INTEGRATED,), panels=("Full HD 1920x1080 IPS",),
        weight_kg=(1.7, 1.8), battery_h=(8, 10),
    ),
    LaptopLine(
        "Chuwi", "Notebook", 6,
        models=_m(("HeroBook Pro", 14.0), ("HeroBook Plus", 15.6)), cpus=("Celeron N4020", "Celeron N5100"),
        rams=(8,), storages=("256 GB SSD",), gpus=(INTEGRATED,), panels=("Full HD 1920x1080 IPS",),
        weight_kg=(1.39, 1.7), battery_h=(7, 9),
    ),
    # ---- Thin and Light --------------------------------------------------------------------------
    LaptopLine(
        "Lenovo", "Thin and Light", 24,
        models=_m(("IdeaPad Slim 5", 14.0), ("IdeaPad Slim 5", 16.0), ("Yoga Slim 6", 14.0, "Intel"),
                  ("Yoga Slim 7", 14.0)),
        cpus=("Core i5 1335U", "Core i5 13500H", "Core i7 1355U", "Core i7 13700H", "Ryzen 5 7530U",
              "Ryzen 7 7730U", "Ryzen 7 7840U", "Core Ultra 5 125H", "Core Ultra 7 155H"),
        rams=(16, 32), storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,),
        panels=("WUXGA 1920x1200 IPS", "2.2K 2240x1400 IPS", "2.8K OLED 2880x1800"), refresh=(60, 90, 120),
        weight_kg=(1.3, 1.52), battery_h=(10, 14),
    ),
    LaptopLine(
        "Asus", "Thin and Light", 28,
        models=_m(("Zenbook 14 OLED", 14.0), ("Vivobook S15 OLED", 15.6), ("Vivobook 16X", 16.0),
                  ("Zenbook S 13 OLED", 13.3)),
        cpus=("Core i5 1240P", "Core i5 1340P", "Core i5 13500H", "Core i7 1260P", "Core i7 1360P",
              "Core i7 13700H", "Ryzen 5 7530U", "Ryzen 7 7730U", "Ryzen 7 7840U", "Core Ultra 5 125H",
              "Core Ultra 7 155H"),
        rams=(8, 16, 32), storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,), panels=THIN_PANELS,
        refresh=(60, 90, 120), weight_kg=(1.1, 1.6), battery_h=(9, 14),
    ),
    LaptopLine(
        "HP", "Thin and Light", 17,
        models=_m(("Pavilion Aero 13", 13.3, "AMD"), ("Pavilion Plus 14", 14.0, "Intel"),
                  ("Envy 16", 16.0, "Intel")),
        cpus=("Ryzen 5 7535U", "Ryzen 7 7735U", "Core i5 1340P", "Core i7 1360P", "Core i5 13500H",
              "Core i7 13700H"),
        rams=(16, 32), storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,),
        panels=("WUXGA 1920x1200 IPS", "2.8K OLED 2880x1800"), refresh=(60, 90, 120), weight_kg=(0.99, 1.4),
        battery_h=(9, 13), premium=1.05,
    ),
    LaptopLine(
        "Dell", "Thin and Light", 7,
        models=_m(("XPS 13", 13.4), ("XPS 13 Plus", 13.4)),
        cpus=("Core i5 1340P", "Core i7 1360P", "Core i7 13700H"), rams=(16, 32),
        storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,),
        panels=("WUXGA 1920x1200 IPS", "2.8K OLED 2880x1800", "3.5K OLED 3456x2160"), weight_kg=(1.17, 1.26),
        battery_h=(10, 13), premium=1.3,
    ),
    LaptopLine(
        "Dell", "Thin and Light", 6,
        models=_m(("XPS 15", 15.6)), cpus=("Core i7 13700H", "Core i9 13900H"), rams=(16, 32),
        storages=("512 GB SSD", "1 TB SSD"),
        gpus=("NVIDIA GeForce RTX 4050 6GB", "NVIDIA GeForce RTX 4060 8GB"),
        panels=("WUXGA 1920x1200 IPS", "3.5K OLED 3456x2160"), weight_kg=(1.86, 1.92), battery_h=(9, 12),
        premium=1.3,
    ),
    LaptopLine(
        "Dell", "Thin and Light", 14,
        models=_m(("Inspiron 14 Plus", 14.0), ("Inspiron 5430", 14.0), ("Inspiron 5530", 15.6)),
        cpus=("Core i5 1340P", "Core i5 13500H", "Core i7 1360P", "Core i7 13700H"), rams=(8, 16),
        storages=("512 GB SSD", "1 TB SSD"),
        gpus=(INTEGRATED, "NVIDIA GeForce MX550 2GB", "NVIDIA GeForce RTX 3050 6GB"),
        panels=("WUXGA 1920x1200 IPS", "2.2K 2240x1400 IPS"), refresh=(60, 120), weight_kg=(1.45, 1.75),
        battery_h=(8, 11),
    ),
    LaptopLine(
        "Acer", "Thin and Light", 17,
        models=_m(("Swift Go 14", 14.0, "Intel"), ("Swift 3", 14.0), ("Swift X 14", 14.0, "Intel")),
        cpus=("Core i5 1240P", "Core i5 13500H", "Core i7 1260P", "Core i7 13700H", "Ryzen 5 5625U",
              "Ryzen 7 5825U", "Core Ultra 5 125H", "Core Ultra 7 155H"),
        rams=(8, 16, 32), storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,),
        panels=("Full HD 1920x1080 IPS", "2.8K OLED 2880x1800"), refresh=(60, 90), weight_kg=(1.2, 1.5),
        battery_h=(9, 12),
    ),
    LaptopLine(
        "MSI", "Thin and Light", 7,
        models=_m(("Prestige 14", 14.0), ("Prestige 16", 16.0)),
        cpus=("Core i5 1340P", "Core i7 1360P", "Core i7 13700H", "Core Ultra 7 155H"), rams=(16, 32),
        storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED, "NVIDIA GeForce RTX 4050 6GB"),
        panels=("Full HD 1920x1080 IPS", "QHD+ 2560x1600 IPS"), weight_kg=(1.29, 1.6), battery_h=(10, 13),
        premium=1.05,
    ),
    LaptopLine(
        "Samsung", "Thin and Light", 12,
        models=_m(("Galaxy Book3", 15.6), ("Galaxy Book3 Pro", 14.0), ("Galaxy Book4 Pro", 16.0)),
        cpus=("Core i5 1335U", "Core i5 1340P", "Core i7 1355U", "Core i7 1360P", "Core Ultra 5 125H",
              "Core Ultra 7 155H"),
        rams=(8, 16), storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,),
        panels=("Full HD 1920x1080 IPS", "2.8K OLED 2880x1800"), refresh=(60, 120), weight_kg=(1.17, 1.56),
        battery_h=(12, 18),
    ),
    LaptopLine(
        "Infinix", "Thin and Light", 7,
        models=_m(("Inbook X1 Slim", 14.0)), cpus=("Core i3 1005G1", "Core i5 1035G1", "Core i7 1065G7"),
        rams=(8, 16), storages=("256 GB SSD", "512 GB SSD"), gpus=(INTEGRATED,),
        panels=("Full HD 1920x1080 IPS",), weight_kg=(1.24, 1.24), battery_h=(10, 12),
    ),
    LaptopLine(
        "Apple", "Thin and Light", 4,
        models=_m(("MacBook Air M1", 13.3)), cpus=("M1",), rams=(8, 16),
        storages=("256 GB SSD", "512 GB SSD"), gpus=(INTEGRATED,), panels=("Retina 2560x1600 IPS",),
        os=("macOS",), weight_kg=(1.29, 1.29), battery_h=(15, 18),
    ),
    LaptopLine(
        "Apple", "Thin and Light", 5,
        models=_m(("MacBook Air M2", 13.6)), cpus=("M2",), rams=(8, 16, 24),
        storages=("256 GB SSD", "512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED, "Apple 10-core GPU"),
        panels=("Liquid Retina 2560x1664 IPS",), os=("macOS",), weight_kg=(1.24, 1.24), battery_h=(15, 18),
    ),
    LaptopLine(
        "Apple", "Thin and Light", 2,
        models=_m(("MacBook Air 15 M2", 15.3)), cpus=("M2",), rams=(8, 16, 24),
        storages=("256 GB SSD", "512 GB SSD", "1 TB SSD"), gpus=("Apple 10-core GPU",),
        panels=("Liquid Retina 2880x1864 IPS",), os=("macOS",), weight_kg=(1.51, 1.51), battery_h=(15, 18),
    ),
    LaptopLine(
        "Apple", "Thin and Light", 5,
        models=_m(("MacBook Air M3", 13.6)), cpus=("M3",), rams=(8, 16, 24),
        storages=("256 GB SSD", "512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED, "Apple 10-core GPU"),
        panels=("Liquid Retina 2560x1664 IPS",), os=("macOS",), weight_kg=(1.24, 1.24), battery_h=(15, 18),
    ),
    LaptopLine(
        "Apple", "Thin and Light", 3,
        models=_m(("MacBook Air 15 M3", 15.3)), cpus=("M3",), rams=(8, 16, 24),
        storages=("256 GB SSD", "512 GB SSD", "1 TB SSD"), gpus=("Apple 10-core GPU",),
        panels=("Liquid Retina 2880x1864 IPS",), os=("macOS",), weight_kg=(1.51, 1.51), battery_h=(15, 18),
    ),
    LaptopLine(
        "Apple", "Thin and Light", 4,
        models=_m(("MacBook Pro 14 M3", 14.2)), cpus=("M3",), rams=(8, 16, 24),
        storages=("512 GB SSD", "1 TB SSD"), gpus=("Apple 10-core GPU",),
        panels=("Liquid Retina XDR 3024x1964 mini-LED",), refresh=(120,), os=("macOS",),
        weight_kg=(1.55, 1.55), battery_h=(20, 22),
    ),
    LaptopLine(
        "Apple", "Thin and Light", 4,
        models=_m(("MacBook Pro 14 M3 Pro", 14.2)), cpus=("M3 Pro",), rams=(18, 36),
        storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED, "Apple 18-core GPU"),
        panels=("Liquid Retina XDR 3024x1964 mini-LED",), refresh=(120,), os=("macOS",),
        weight_kg=(1.61, 1.61), battery_h=(17, 18),
    ),
    LaptopLine(
        "Apple", "Thin and Light", 2,
        models=_m(("MacBook Pro 16 M3 Pro", 16.2)), cpus=("M3 Pro",), rams=(18, 36),
        storages=("512 GB SSD", "1 TB SSD"), gpus=("Apple 18-core GPU",),
        panels=("Liquid Retina XDR 3456x2234 mini-LED",), refresh=(120,), os=("macOS",),
        weight_kg=(2.14, 2.14), battery_h=(21, 22),
    ),
    LaptopLine(
        "Apple", "Thin and Light", 4,
        models=_m(("MacBook Pro 16 M3 Max", 16.2)), cpus=("M3 Max",), rams=(36, 48),
        storages=("1 TB SSD", "2 TB SSD"), gpus=(INTEGRATED, "Apple 40-core GPU"),
        panels=("Liquid Retina XDR 3456x2234 mini-LED",), refresh=(120,), os=("macOS",),
        weight_kg=(2.16, 2.16), battery_h=(22, 22),
    ),
    # ---- 2 in 1 Convertible ----------------------------------------------------------------------
    LaptopLine(
        "HP", "2 in 1 Convertible", 14,
        models=_m(("Pavilion x360 14", 14.0), ("Envy x360 15", 15.6), ("Envy x360 13", 13.3)),
        cpus=("Core i3 1215U", *MAINSTREAM_U), rams=(8, 16), storages=("512 GB SSD", "1 TB SSD"),
        gpus=(INTEGRATED,), panels=CONVERTIBLE_PANELS, weight_kg=(1.34, 1.9), battery_h=(8, 12),
    ),
    LaptopLine(
        "Lenovo", "2 in 1 Convertible", 14,
        models=_m(("Yoga 7i", 14.0, "Intel"), ("IdeaPad Flex 5", 14.0), ("Yoga 6", 13.3, "AMD")),
        cpus=MAINSTREAM_U, rams=(8, 16), storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,),
        panels=("WUXGA 1920x1200 IPS Touchscreen", "2.8K OLED 2880x1800 Touchscreen"), weight_kg=(1.37, 1.55),
        battery_h=(9, 12),
    ),
    LaptopLine(
        "Dell", "2 in 1 Convertible", 10,
        models=_m(("Inspiron 14 2-in-1", 14.0), ("Inspiron 7430 2-in-1", 14.0, "Intel")),
        cpus=("Core i3 1315U", *MAINSTREAM_U), rams=(8, 16), storages=("512 GB SSD", "1 TB SSD"),
        gpus=(INTEGRATED,), panels=("Full HD 1920x1080 IPS Touchscreen", "WUXGA 1920x1200 IPS Touchscreen"),
        weight_kg=(1.57, 1.68), battery_h=(8, 11),
    ),
    LaptopLine(
        "Asus", "2 in 1 Convertible", 8,
        models=_m(("Vivobook Flip 14", 14.0), ("Zenbook 14 Flip OLED", 14.0, "Intel")),
        cpus=("Core i3 1115G4", "Core i5 1135G7", "Core i5 1240P", "Core i7 1260P", "Ryzen 5 5500U",
              "Ryzen 7 5700U"),
        rams=(8, 16), storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,), panels=CONVERTIBLE_PANELS,
        weight_kg=(1.4, 1.55), battery_h=(8, 11),
    ),
    LaptopLine(
        "Samsung", "2 in 1 Convertible", 6,
        models=_m(("Galaxy Book3 360", 13.3), ("Galaxy Book3 360", 15.6)),
        cpus=("Core i5 1340P", "Core i7 1360P"), rams=(8, 16), storages=("512 GB SSD", "1 TB SSD"),
        gpus=(INTEGRATED,), panels=("Full HD 1920x1080 IPS Touchscreen",), weight_kg=(1.16, 1.46),
        battery_h=(12, 16),
    ),
    # ---- Business --------------------------------------------------------------------------------
    LaptopLine(
        "Lenovo", "Business", 21,
        models=_m(("ThinkPad E14", 14.0), ("ThinkPad E15", 15.6), ("ThinkPad E16", 16.0)),
        cpus=("Core i3 1215U", "Core i5 1235U", "Core i5 1335U", "Core i7 1255U", "Core i7 1355U",
              "Ryzen 5 5625U", "Ryzen 5 7530U", "Ryzen 7 7730U"),
        rams=(8, 16, 32), storages=("256 GB SSD", "512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,),
        panels=("Full HD 1920x1080 IPS", "WUXGA 1920x1200 IPS"), os=BUSINESS_OS, weight_kg=(1.41, 1.77),
        battery_h=(8, 11), premium=1.05,
    ),
    LaptopLine(
        "Lenovo", "Business", 8,
        models=_m(("ThinkPad T14", 14.0), ("ThinkPad T16", 16.0)),
        cpus=("Core i5 1335U", "Core i5 1345U", "Core i7 1355U", "Core i7 1365U"), rams=(16, 32),
        storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,), panels=("WUXGA 1920x1200 IPS",),
        os=("Windows 11 Pro",), weight_kg=(1.21, 1.64), battery_h=(10, 13), premium=1.15,
    ),
    LaptopLine(
        "Lenovo", "Business", 6,
        models=_m(("ThinkPad X1 Carbon Gen 11", 14.0)),
        cpus=("Core i5 1335U", "Core i7 1355U", "Core i7 1365U"), rams=(16, 32),
        storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,),
        panels=("WUXGA 1920x1200 IPS", "2.8K OLED 2880x1800"), os=("Windows 11 Pro",), weight_kg=(1.12, 1.12),
        battery_h=(12, 15), premium=1.5,
    ),
    LaptopLine(
        "HP", "Business", 14,
        models=_m(("ProBook 440 G10", 14.0), ("ProBook 450 G10", 15.6)),
        cpus=("Core i3 1315U", "Core i5 1335U", "Core i7 1355U"), rams=(8, 16),
        storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,), panels=("Full HD 1920x1080 IPS",),
        os=BUSINESS_OS, weight_kg=(1.38, 1.79), battery_h=(8, 11),
    ),
    LaptopLine(
        "HP", "Business", 8,
        models=_m(("EliteBook 640 G10", 14.0), ("EliteBook 840 G10", 14.0)),
        cpus=("Core i5 1335U", "Core i5 1345U", "Core i7 1355U", "Core i7 1365U"), rams=(16, 32),
        storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,), panels=("WUXGA 1920x1200 IPS",),
        os=("Windows 11 Pro",), weight_kg=(1.36, 1.42), battery_h=(10, 13), premium=1.3,
    ),
    LaptopLine(
        "Dell", "Business", 12,
        models=_m(("Latitude 3540", 15.6), ("Latitude 3440", 14.0)),
        cpus=("Core i3 1315U", "Core i5 1335U", "Core i5 1345U", "Core i7 1355U"), rams=(8, 16),
        storages=("256 GB SSD", "512 GB SSD"), gpus=(INTEGRATED,), panels=FHD_PANELS, os=BUSINESS_OS,
        weight_kg=(1.47, 1.79), battery_h=(8, 11),
    ),
    LaptopLine(
        "Dell", "Business", 8,
        models=_m(("Latitude 5440", 14.0), ("Latitude 7440", 14.0)),
        cpus=("Core i5 1335U", "Core i5 1345U", "Core i7 1355U", "Core i7 1365U"), rams=(16, 32),
        storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,),
        panels=("Full HD 1920x1080 IPS", "QHD+ 2560x1600 IPS"), os=("Windows 11 Pro",),
        weight_kg=(1.29, 1.48), battery_h=(10, 14), premium=1.25,
    ),
    LaptopLine(
        "Asus", "Business", 8,
        models=_m(("ExpertBook B1", 14.0), ("ExpertBook B5", 14.0)),
        cpus=("Core i3 1215U", "Core i5 1235U", "Core i5 1335U", "Core i7 1255U", "Core i7 1355U"),
        rams=(8, 16, 32), storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,),
        panels=("Full HD 1920x1080 IPS",), os=BUSINESS_OS, weight_kg=(1.2, 1.45), battery_h=(9, 12),
    ),
    LaptopLine(
        "Acer", "Business", 7,
        models=_m(("TravelMate P2", 14.0), ("TravelMate P4", 14.0)),
        cpus=("Core i3 1215U", "Core i5 1235U", "Core i5 1335U", "Core i7 1255U"), rams=(8, 16),
        storages=("512 GB SSD", "1 TB SSD"), gpus=(INTEGRATED,), panels=("Full HD 1920x1080 IPS",),
        os=BUSINESS_OS, weight_kg=(1.4, 1.6), battery_h=(9, 12),
    ),
    # ---- Chromebook ------------------------------------------------------------------------------
    LaptopLine(
        "Acer", "Chromebook", 10,
        models=_m(("Chromebook 311", 11.6), ("Chromebook 314", 14.0), ("Chromebook Spin 311", 11.6)),
        cpus=("Kompanio 500", "Kompanio 520", "Celeron N4500", "Pentium Silver N6000"), rams=(4, 8),
        storages=("64 GB eMMC", "128 GB eMMC"), gpus=(INTEGRATED,),
        panels=("HD 1366x768", "Full HD 1920x1080 IPS"), os=("Chrome OS",), weight_kg=(1.05, 1.5),
        battery_h=(10, 13),
    ),
    LaptopLine(
        "HP", "Chromebook", 8,
        models=_m(("Chromebook 14a", 14.0), ("Chromebook x360 14a", 14.0), ("Chromebook 15a", 15.6)),
        cpus=("Celeron N4500", "Pentium Silver N6000", "Kompanio 520"), rams=(4, 8),
        storages=("64 GB eMMC", "128 GB eMMC"), gpus=(INTEGRATED,),
        panels=("HD 1366x768", "Full HD 1920x1080 IPS"), os=("Chrome OS",), weight_kg=(1.37, 1.7),
        battery_h=(10, 12),
    ),
    LaptopLine(
        "Lenovo", "Chromebook", 8,
        models=_m(("IdeaPad Slim 3 Chromebook", 14.0), ("IdeaPad Flex 3 Chromebook", 11.6),
                  ("IdeaPad 3 Chromebook", 11.6)),
        cpus=("Kompanio 520", "Celeron N4020", "Celeron N4500"), rams=(4, 8),
        storages=("64 GB eMMC", "128 GB eMMC"), gpus=(INTEGRATED,),
        panels=("HD 1366x768", "Full HD 1920x1080 IPS"), os=("Chrome OS",), weight_kg=(1.12, 1.4),
        battery_h=(10, 13),
    ),
    LaptopLine(
        "Asus", "Chromebook", 7,
        models=_m(("Chromebook CX1", 14.0), ("Chromebook Flip CX1", 11.6)),
        cpus=("Celeron N4020", "Celeron N4500"), rams=(4, 8), storages=("64 GB eMMC", "128 GB eMMC"),
        gpus=(INTEGRATED,), panels=("HD 1366x768", "Full HD 1920x1080 IPS"), os=("Chrome OS",),
        weight_kg=(1.2, 1.45), battery_h=(10, 12),
    ),
    # ---- Gaming ----------------------------------------------------------------------------------
    LaptopLine(
        "Lenovo", "Gaming", 28,
        models=_m(("LOQ 15", 15.6), ("IdeaPad Gaming 3", 15.6)),
        cpus=("Core i5 12450H", "Core i5 13420H", "Core i7 12650H", "Core i7 13620H", "Ryzen 5 6600H",
              "Ryzen 5 7535HS", "Ryzen 5 7640HS", "Ryzen 7 7840HS"),
        rams=(8, 16), storages=("512 GB SSD", "1 TB SSD"), gpus=ENTRY_GAMING_GPUS,
        panels=("Full HD 1920x1080 IPS",), refresh=(120, 144), weight_kg=(2.3, 2.6), battery_h=(4, 7),
    ),
    LaptopLine(
        "Lenovo", "Gaming", 21,
        models=_m(("Legion 5", 15.6), ("Legion Slim 5", 16.0), ("Legion Pro 5", 16.0),
                  ("Legion Pro 7i", 16.0, "Intel")),
        cpus=("Core i7 13700H", "Core i7 13650HX", "Core i7 14650HX", "Core i9 13900HX", "Core i9 14900HX",
              "Ryzen 7 6800H", "Ryzen 7 7840HS", "Ryzen 9 7945HX"),
        rams=(16, 32), storages=("512 GB SSD", "1 TB SSD", "2 TB SSD"),
        gpus=("NVIDIA GeForce RTX 4050 6GB", *HIGH_GAMING_GPUS),
        panels=("Full HD 1920x1080 IPS", "QHD+ 2560x1600 IPS"), refresh=(144, 165, 240), weight_kg=(2.1, 2.8),
        battery_h=(4, 8), premium=1.08,
    ),
    LaptopLine(
        "HP", "Gaming", 28,
        models=_m(("Victus 15", 15.6), ("Victus 16", 16.0)),
        cpus=("Core i5 12450H", "Core i5 12500H", "Core i5 13420H", "Core i7 12650H", "Core i7 13700H",
              "Ryzen 5 5600H", "Ryzen 5 7535HS", "Ryzen 7 5800H", "Ryzen 7 7840HS"),
        rams=(8, 16), storages=("512 GB SSD", "1 TB SSD"), gpus=ENTRY_GAMING_GPUS,
        panels=("Full HD 1920x1080 IPS",), refresh=(144, 165), weight_kg=(2.29, 2.46), battery_h=(5, 8),
    ),
    LaptopLine(
        "HP", "Gaming", 10,
        models=_m(("Omen 16", 16.1), ("Omen Transcend 16", 16.0, "Intel")),
        cpus=("Core i7 13700HX", "Core i9 13900HX", "Ryzen 7 7840HS", "Ryzen 9 7940HS"), rams=(16, 32),
        storages=("1 TB SSD", "2 TB SSD"),
        gpus=("NVIDIA GeForce RTX 4060 8GB", "NVIDIA GeForce RTX 4070 8GB", "NVIDIA GeForce RTX 4080 12GB"),
        panels=("QHD 2560x1440 IPS", "QHD+ 2560x1600 IPS"), refresh=(165, 240), weight_kg=(2.09, 2.45),
        battery_h=(5, 8), premium=1.1,
    ),
    LaptopLine(
        "Dell", "Gaming", 17,
        models=_m(("G15 5530", 15.6, "Intel"), ("G15 5535", 15.6, "AMD"), ("G16 7630", 16.0, "Intel")),
        cpus=("Core i5 13450HX", "Core i7 13650HX", "Core i9 13900HX", "Ryzen 5 7640HS", "Ryzen 7 7840HS"),
        rams=(16, 32), storages=("512 GB SSD", "1 TB SSD"),
        gpus=("NVIDIA GeForce RTX 3050 6GB", "NVIDIA GeForce RTX 4050 6GB", "NVIDIA GeForce RTX 4060 8GB",
              "NVIDIA GeForce RTX 4070 8GB"),
        panels=("Full HD 1920x1080 IPS", "QHD+ 2560x1600 IPS"), refresh=(120, 165, 240),
        weight_kg=(2.65, 2.81), battery_h=(4, 7),
    ),
    LaptopLine(
        "Dell", "Gaming", 8,
        models=_m(("Alienware m16", 16.0), ("Alienware x16", 16.0, "Intel"), ("Alienware m18", 18.0)),
        cpus=("Core i7 13700HX", "Core i9 13900HX", "Core i9 14900HX", "Ryzen 9 7945HX"), rams=(16, 32),
        storages=("1 TB SSD", "2 TB SSD"), gpus=HIGH_GAMING_GPUS, panels=("QHD+ 2560x1600 IPS",),
        refresh=(165, 240), weight_kg=(2.72, 3.25), battery_h=(4, 6), premium=1.25,
    ),
    LaptopLine(
        "Asus", "Gaming", 31,
        models=_m(("TUF Gaming F15", 15.6, "Intel"), ("TUF Gaming A15", 15.6, "AMD"),
                  ("TUF Gaming F17", 17.3, "Intel")),
        cpus=("Core i5 11400H", "Core i5 12500H", "Core i7 11800H", "Core i7 12700H", "Core i7 13620H",
              "Ryzen 5 5600H", "Ryzen 7 5800H", "Ryzen 7 6800H", "Ryzen 7 7735HS", "Ryzen 9 7940HS"),
        rams=(8, 16, 32), storages=("512 GB SSD", "1 TB SSD"),
        gpus=(*ENTRY_GAMING_GPUS, "NVIDIA GeForce RTX 4070 8GB"), panels=("Full HD 1920x1080 IPS",),
        refresh=(144, 165), weight_kg=(2.2, 2.6), battery_h=(5, 8),
    ),
    LaptopLine(
        "Asus", "Gaming", 17,
        models=_m(("ROG Strix G16", 16.0, "Intel"), ("ROG Strix G15", 15.6, "AMD"),
                  ("ROG Zephyrus G14", 14.0, "AMD"), ("ROG Strix Scar 16", 16.0, "Intel")),
        cpus=("Core i7 13650HX", "Core i9 13980HX", "Ryzen 9 7940HS", "Ryzen 9 7945HX"), rams=(16, 32),
        storages=("1 TB SSD", "2 TB SSD"), gpus=("NVIDIA GeForce RTX 4050 6GB", *HIGH_GAMING_GPUS),
        panels=("Full HD 1920x1080 IPS", "QHD+ 2560x1600 IPS"), refresh=(165, 240), weight_kg=(1.72, 2.5),
        battery_h=(5, 9), premium=1.12,
    ),
    LaptopLine(
        "Acer", "Gaming", 31,
        models=_m(("Nitro 5", 15.6), ("Nitro V 15", 15.6, "Intel"), ("Aspire 7", 15.6)),
        cpus=("Core i5 11400H", "Core i5 12450H", "Core i5 12500H", "Core i5 13420H", "Core i7 12650H",
              "Core i7 12700H", "Ryzen 5 5500U", "Ryzen 5 5600H", "Ryzen 5 7535HS", "Ryzen 7 5800H",
              "Ryzen 7 7735HS"),
        rams=(8, 16), storages=("512 GB SSD", "256 GB SSD + 1 TB HDD", "1 TB SSD"), gpus=ENTRY_GAMING_GPUS,
        panels=("Full HD 1920x1080 IPS",), refresh=(144, 165), weight_kg=(2.1, 2.5), battery_h=(5, 8),
    ),
    LaptopLine(
        "Acer", "Gaming", 12,
        models=_m(("Predator Helios Neo 16", 16.0), ("Predator Helios 16", 16.0)),
        cpus=("Core i5 13500HX", "Core i7 13700HX", "Core i9 13900HX"), rams=(16, 32),
        storages=("512 GB SSD", "1 TB SSD"),
        gpus=("NVIDIA GeForce RTX 4050 6GB", "NVIDIA GeForce RTX 4060 8GB", "NVIDIA GeForce RTX 4070 8GB",
              "NVIDIA GeForce RTX 4080 12GB"),
        panels=("WUXGA 1920x1200 IPS", "QHD+ 2560x1600 IPS"), refresh=(165, 240), weight_kg=(2.6, 2.8),
        battery_h=(4, 7), premium=1.05,
    ),
    LaptopLine(
        "MSI", "Gaming", 24,
        models=_m(("GF63 Thin", 15.6), ("Katana 15", 15.6), ("Cyborg 15", 15.6), ("Sword 15", 15.6)),
        cpus=("Core i5 11400H", "Core i5 12450H", "Core i5 12500H", "Core i7 11800H", "Core i7 12650H",
              "Core i7 13620H"),
        rams=(8, 16), storages=("512 GB SSD", "1 TB SSD"),
        gpus=(*ENTRY_GAMING_GPUS, "NVIDIA GeForce RTX 4070 8GB"), panels=("Full HD 1920x1080 IPS",),
        refresh=(144,), weight_kg=(1.86, 2.25), battery_h=(4, 7),
    ),
    LaptopLine(
        "MSI", "Gaming", 7,
        models=_m(("Raider GE68", 16.0), ("Vector GP68", 16.0), ("Stealth 16", 16.0)),
        cpus=("Core i7 13700HX", "Core i9 13980HX", "Core i9 14900HX"), rams=(16, 32, 64),
        storages=("1 TB SSD", "2 TB SSD"),
        gpus=("NVIDIA GeForce RTX 4070 8GB", "NVIDIA GeForce RTX 4080 12GB", "NVIDIA GeForce RTX 4090 16GB"),
        panels=("QHD+ 2560x1600 IPS",), refresh=(240,), weight_kg=(1.99, 2.7), battery_h=(4, 7), premium=1.15,
    ),
    # ---- Workstation -----------------------------------------------------------------------------
    LaptopLine(
        "Dell", "Workstation", 7,
        models=_m(("Precision 3581", 15.6), ("Precision 5680", 16.0)),
        cpus=("Core i7 13700H", "Core i7 13800H", "Core i9 13900H", "Core i9 13950HX"), rams=(16, 32, 64),
        storages=("512 GB SSD", "1 TB SSD", "2 TB SSD"), gpus=WORKSTATION_GPUS,
        panels=("Full HD 1920x1080 IPS", "QHD+ 2560x1600 IPS"), os=("Windows 11 Pro",), weight_kg=(1.91, 2.3),
        battery_h=(6, 10), premium=1.1,
    ),
    LaptopLine(
        "HP", "Workstation", 7,
        models=_m(("ZBook Firefly 14 G10", 14.0), ("ZBook Power G10", 15.6)),
        cpus=("Core i7 13700H", "Core i7 13800H", "Core i9 13900H"), rams=(16, 32, 64),
        storages=("512 GB SSD", "1 TB SSD"), gpus=WORKSTATION_GPUS[:3],
        panels=("WUXGA 1920x1200 IPS", "QHD+ 2560x1600 IPS"), os=("Windows 11 Pro",), weight_kg=(1.45, 2.0),
        battery_h=(7, 11), premium=1.1,
    ),
    LaptopLine(
        "Lenovo", "Workstation", 7,
        models=_m(("ThinkPad P16s", 16.0), ("ThinkPad P1 Gen 6", 16.0)),
        cpus=("Core i7 1360P", "Core i7 13700H", "Core i7 13800H", "Core i9 13900H"), rams=(16, 32, 64),
        storages=("512 GB SSD", "1 TB SSD", "2 TB SSD"), gpus=WORKSTATION_GPUS,
        panels=("WUXGA 1920x1200 IPS", "QHD+ 2560x1600 IPS"), os=("Windows 11 Pro",), weight_kg=(1.77, 1.95),
        battery_h=(7, 11), premium=1.1,
    ),
)
# fmt: on

# --------------------------------------------------------------------------------------------------
# Phones
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Soc:
    """A phone system-on-chip."""

    label: str
    gpu: str
    cost: int
    has_5g: bool


_SOC_TABLE: tuple[tuple[str, str, int, bool], ...] = (
    # label, GPU, cost (₹), 5G modem
    ("Unisoc T606 1.6GHz", "Mali-G57 MP1", 1_500, False),
    ("Unisoc T612 1.8GHz", "Mali-G57 MP1", 1_800, False),
    ("Unisoc T616 2.0GHz", "Mali-G57 MP1", 2_000, False),
    ("MediaTek Helio G25 2.0GHz", "PowerVR GE8320", 1_200, False),
    ("MediaTek Helio G35 2.3GHz", "PowerVR GE8320", 1_400, False),
    ("MediaTek Helio G36 2.2GHz", "PowerVR GE8320", 1_500, False),
    ("MediaTek Helio G37 2.3GHz", "PowerVR GE8320", 1_600, False),
    ("MediaTek Helio P35 2.3GHz", "PowerVR GE8320", 1_500, False),
    ("MediaTek Helio G85 2.0GHz", "Mali-G52 MC2", 2_500, False),
    ("MediaTek Helio G88 2.0GHz", "Mali-G52 MC2", 2_800, False),
    ("MediaTek Helio G95 2.05GHz", "Mali-G76 MC4", 3_500, False),
    ("MediaTek Helio G96 2.05GHz", "Mali-G57 MC2", 3_500, False),
    ("MediaTek Helio G99 2.2GHz", "Mali-G57 MC2", 4_000, False),
    ("MediaTek Dimensity 700 2.2GHz", "Mali-G57 MC2", 3_800, True),
    ("MediaTek Dimensity 6020 2.2GHz", "Mali-G57 MC2", 4_000, True),
    ("MediaTek Dimensity 6080 2.4GHz", "Mali-G57 MC2", 4_500, True),
    ("MediaTek Dimensity 6100+ 2.2GHz", "Mali-G57 MC2", 4_200, True),
    ("MediaTek Dimensity 810 2.4GHz", "Mali-G57 MC2", 4_800, True),
    ("MediaTek Dimensity 900 2.4GHz", "Mali-G68 MC4", 6_500, True),
    ("MediaTek Dimensity 920 2.5GHz", "Mali-G68 MC4", 7_000, True),
    ("MediaTek Dimensity 930 2.2GHz", "IMG BXM-8-256", 6_000, True),
    ("MediaTek Dimensity 1080 2.6GHz", "Mali-G68 MC4", 7_500, True),
    ("MediaTek Dimensity 7020 2.2GHz", "IMG BXM-8-256", 6_000, True),
    ("MediaTek Dimensity 7030 2.5GHz", "Mali-G610 MC3", 7_500, True),
    ("MediaTek Dimensity 7050 2.6GHz", "Mali-G68 MC4", 8_500, True),
    ("MediaTek Dimensity 7200 2.8GHz", "Mali-G610 MC4", 10_000, True),
    ("MediaTek Dimensity 8020 2.6GHz", "Mali-G77 MC9", 11_000, True),
    ("MediaTek Dimensity 8050 3.0GHz", "Mali-G77 MC9", 13_000, True),
    ("MediaTek Dimensity 8100 2.85GHz", "Mali-G610 MC6", 14_000, True),
    ("MediaTek Dimensity 8200 3.1GHz", "Mali-G610 MC6", 16_000, True),
    ("MediaTek Dimensity 8300 3.35GHz", "Mali-G615 MC6", 18_000, True),
    ("MediaTek Dimensity 9000 3.05GHz", "Mali-G710 MC10", 22_000, True),
    ("MediaTek Dimensity 9200 3.05GHz", "Immortalis-G715 MC11", 30_000, True),
    ("MediaTek Dimensity 9300 3.25GHz", "Immortalis-G720 MC12", 36_000, True),
    ("Qualcomm Snapdragon 680 2.4GHz", "Adreno 610", 3_000, False),
    ("Qualcomm Snapdragon 4 Gen 1 2.0GHz", "Adreno 619", 4_200, True),
    ("Qualcomm Snapdragon 4 Gen 2 2.2GHz", "Adreno 613", 4_500, True),
    ("Qualcomm Snapdragon 732G 2.3GHz", "Adreno 618", 4_500, False),
    ("Qualcomm Snapdragon 695 2.2GHz", "Adreno 619", 5_000, True),
    ("Qualcomm Snapdragon 750G 2.2GHz", "Adreno 619", 5_200, True),
    ("Qualcomm Snapdragon 6 Gen 1 2.2GHz", "Adreno 710", 8_500, True),
    ("Qualcomm Snapdragon 7s Gen 2 2.4GHz", "Adreno 710", 9_500, True),
    ("Qualcomm Snapdragon 778G 2.4GHz", "Adreno 642L", 11_000, True),
    ("Qualcomm Snapdragon 778G+ 2.5GHz", "Adreno 642L", 12_000, True),
    ("Qualcomm Snapdragon 782G 2.7GHz", "Adreno 642L", 11_500, True),
    ("Qualcomm Snapdragon 7 Gen 1 2.4GHz", "Adreno 644", 12_000, True),
    ("Qualcomm Snapdragon 7 Gen 3 2.63GHz", "Adreno 720", 14_000, True),
    ("Qualcomm Snapdragon 7+ Gen 2 2.91GHz", "Adreno 725", 16_000, True),
    ("Qualcomm Snapdragon 888 2.84GHz", "Adreno 660", 22_000, True),
    ("Qualcomm Snapdragon 8 Gen 1 3.0GHz", "Adreno 730", 26_000, True),
    ("Qualcomm Snapdragon 8+ Gen 1 3.2GHz", "Adreno 730", 28_000, True),
    ("Qualcomm Snapdragon 8s Gen 3 3.0GHz", "Adreno 735", 24_000, True),
    ("Qualcomm Snapdragon 8 Gen 2 3.2GHz", "Adreno 740", 32_000, True),
    ("Qualcomm Snapdragon 8 Gen 3 3.3GHz", "Adreno 750", 38_000, True),
    ("Samsung Exynos 850 2.0GHz", "Mali-G52", 2_500, False),
    ("Samsung Exynos 1330 2.4GHz", "Mali-G68 MP2", 4_200, True),
    ("Samsung Exynos 1280 2.4GHz", "Mali-G68", 5_500, True),
    ("Samsung Exynos 1380 2.4GHz", "Mali-G68 MP5", 8_500, True),
    ("Samsung Exynos 1480 2.75GHz", "Xclipse 530", 11_000, True),
    ("Samsung Exynos 2200 2.8GHz", "Xclipse 920", 22_000, True),
    ("Samsung Exynos 2400 3.2GHz", "Xclipse 940", 34_000, True),
    ("Google Tensor G2", "Mali-G710 MP7", 25_000, True),
    ("Google Tensor G3", "Immortalis-G715 MC10", 32_000, True),
    ("Apple A15 Bionic", "Apple GPU", 38_000, True),
    ("Apple A16 Bionic", "Apple GPU", 45_000, True),
    ("Apple A17 Pro", "Apple GPU", 60_000, True),
)
PHONE_SOCS: dict[str, Soc] = {short_name(row[0]): Soc(*row) for row in _SOC_TABLE}

PHONE_TYPE_BASE: dict[str, int] = {"Budget": 5_000, "Mid-range": 6_000, "Gaming": 7_500, "Flagship": 9_000}
PHONE_RAM_COST: dict[int, int] = {4: 0, 6: 1_000, 8: 2_000, 12: 4_500, 16: 7_000}
PHONE_STORAGE_COST: dict[int, int] = {64: 0, 128: 1_000, 256: 4_000, 512: 11_000, 1024: 24_000}
PHONE_PANEL_COST: dict[str, int] = {
    "HD+ 720x1600 LCD": 0,
    "HD+ 720x1612 LCD": 0,
    "FHD+ 1080x2400 LCD": 1_000,
    "FHD+ 1080x2400 AMOLED": 3_000,
    "FHD+ 1080x2340 AMOLED": 3_000,
    "1.5K 1220x2712 AMOLED": 4_000,
    "FHD+ 1080x2640 Foldable AMOLED": 8_000,
    "FHD+ 1080x2520 Foldable AMOLED": 8_000,
    "QXGA+ 1812x2176 Foldable AMOLED": 15_000,
    "QHD+ 1440x3088 AMOLED": 9_000,
    "QHD+ 1440x3120 LTPO AMOLED": 12_000,
    "Super Retina XDR 1170x2532 OLED": 8_000,
    "Super Retina XDR 1179x2556 OLED": 9_000,
    "Super Retina XDR 1284x2778 OLED": 10_000,
    "Super Retina XDR 1290x2796 OLED": 11_000,
}
PHONE_REFRESH_COST: dict[int, int] = {60: 0, 90: 500, 120: 1_000, 144: 2_000, 165: 2_500}
CAMERA_COST: dict[int, int] = {12: 1_500, 13: 0, 48: 1_500, 50: 1_500, 64: 2_500, 108: 3_500, 200: 4_000}
FIVE_G_COST = 1_000

PHONE_BRAND_MULTIPLIER: dict[str, float] = {
    "Samsung": 1.05,
    "Xiaomi": 0.95,
    "Realme": 0.95,
    "Vivo": 1.05,
    "Oppo": 1.05,
    "OnePlus": 1.00,
    "Motorola": 0.95,
    "Apple": 1.30,
    "Google": 1.25,
    "Nothing": 1.00,
    "iQOO": 0.95,
    "Infinix": 0.92,
    "Tecno": 0.92,
    "Lava": 0.90,
    "Asus": 1.05,
}

PhoneConfig = tuple[int, int]  # (RAM GB, storage GB)

PHONE_CONFIGS: dict[str, tuple[PhoneConfig, ...]] = {
    "Budget": ((4, 64), (4, 128), (6, 128), (8, 128)),
    "Mid-range": ((6, 128), (8, 128), (8, 256), (12, 256)),
    "Gaming": ((8, 128), (8, 256), (12, 256), (16, 512)),
    "Flagship": ((8, 128), (8, 256), (12, 256), (12, 512), (16, 512)),
}


@dataclass(frozen=True)
class PhoneProfile:
    """What a phone type's display, camera, battery and weight are drawn from."""

    screens: tuple[float, ...]
    panels: tuple[str, ...]
    refresh: tuple[int, ...]
    cameras: tuple[int, ...]
    batteries: tuple[int, ...]
    weight_g: tuple[int, int]


PHONE_PROFILES: dict[str, PhoneProfile] = {
    "Budget": PhoneProfile(
        (6.5, 6.56, 6.6, 6.71, 6.74),
        ("HD+ 720x1600 LCD", "HD+ 720x1612 LCD", "FHD+ 1080x2400 LCD"),
        (60, 90, 90, 120),
        (13, 50, 50),
        (5000, 5000, 6000),
        (185, 205),
    ),
    "Mid-range": PhoneProfile(
        (6.4, 6.43, 6.5, 6.6, 6.67, 6.7),
        ("FHD+ 1080x2400 LCD", "FHD+ 1080x2400 AMOLED", "FHD+ 1080x2400 AMOLED"),
        (90, 120, 120),
        (48, 50, 64, 108),
        (4500, 5000, 5000),
        (170, 200),
    ),
    "Flagship": PhoneProfile(
        (6.1, 6.2, 6.36, 6.7, 6.78, 6.8),
        (
            "FHD+ 1080x2400 AMOLED",
            "FHD+ 1080x2340 AMOLED",
            "QHD+ 1440x3088 AMOLED",
            "QHD+ 1440x3120 LTPO AMOLED",
        ),
        (120,),
        (50, 50, 200),
        (3900, 4500, 5000),
        (165, 225),
    ),
    "Gaming": PhoneProfile(
        (6.67, 6.7, 6.78),
        ("FHD+ 1080x2400 AMOLED", "1.5K 1220x2712 AMOLED"),
        (120, 144),
        (50, 64),
        (5000, 5500),
        (190, 240),
    ),
}


@dataclass(frozen=True)
class PhoneModel:
    """A real phone model: brand, marketed name, type, SoC and launch year."""

    brand: str
    name: str
    type: str
    soc: str
    year: int


_TYPE_CODES = {"B": "Budget", "M": "Mid-range", "F": "Flagship", "G": "Gaming"}


def _phones(brand: str, prefix: str, rows: Sequence[tuple[str, str, str, int]]) -> tuple[PhoneModel, ...]:
    """Build PhoneModels from compact (model, type code, SoC, year) rows."""
    return tuple(PhoneModel(brand, f"{prefix} {m}".strip(), _TYPE_CODES[t], soc, y) for m, t, soc, y in rows)


# fmt: off
PHONE_MODELS: tuple[PhoneModel, ...] = (
    *_phones("Samsung", "Samsung Galaxy", [
        ("M04", "B", "Helio P35", 2022), ("M13", "B", "Exynos 850", 2022),
        ("M14 5G", "B", "Exynos 1330", 2023), ("M15 5G", "B", "Dimensity 6100+", 2024),
        ("M33 5G", "M", "Exynos 1280", 2022), ("M34 5G", "M", "Exynos 1280", 2023),
        ("M35 5G", "M", "Exynos 1380", 2024), ("M53 5G", "M", "Dimensity 900", 2022),
        ("M54 5G", "M", "Exynos 1380", 2023), ("M55 5G", "M", "Snapdragon 7 Gen 1", 2024),
        ("A05s", "B", "Snapdragon 680", 2023), ("A14 5G", "B", "Exynos 1330", 2023),
        ("A15 5G", "B", "Dimensity 6100+", 2024), ("A23 5G", "M", "Snapdragon 695", 2022),
        ("A25 5G", "M", "Exynos 1280", 2024), ("A34 5G", "M", "Dimensity 1080", 2023),
        ("A35 5G", "M", "Exynos 1380", 2024), ("A54 5G", "M", "Exynos 1380", 2023),
        ("A55 5G", "M", "Exynos 1480", 2024), ("A73 5G", "M", "Snapdragon 778G", 2022),
        ("F14 5G", "B", "Exynos 1330", 2023), ("F15 5G", "B", "Dimensity 6100+", 2024),
        ("F23 5G", "B", "Snapdragon 750G", 2022), ("F34 5G", "M", "Exynos 1280", 2023),
        ("F54 5G", "M", "Exynos 1380", 2023), ("S21 FE 5G", "F", "Snapdragon 888", 2022),
        ("S22", "F", "Snapdragon 8 Gen 1", 2022), ("S22 Ultra", "F", "Snapdragon 8 Gen 1", 2022),
        ("S23", "F", "Snapdragon 8 Gen 2", 2023), ("S23 FE", "F", "Exynos 2200", 2023),
        ("S23 Ultra", "F", "Snapdragon 8 Gen 2", 2023), ("S24", "F", "Exynos 2400", 2024),
        ("S24+", "F", "Exynos 2400", 2024), ("S24 Ultra", "F", "Snapdragon 8 Gen 3", 2024),
        ("Z Flip5", "F", "Snapdragon 8 Gen 2", 2023), ("Z Fold5", "F", "Snapdragon 8 Gen 2", 2023),
    ]),
    *_phones("Xiaomi", "Redmi", [
        ("10", "B", "Snapdragon 680", 2022), ("10A", "B", "Helio G25", 2022), ("12", "B", "Helio G88", 2023),
        ("12 5G", "B", "Snapdragon 4 Gen 2", 2023), ("12C", "B", "Helio G85", 2023),
        ("13C", "B", "Helio G85", 2023), ("13C 5G", "B", "Dimensity 6100+", 2023),
        ("A2", "B", "Helio G36", 2023), ("A3", "B", "Helio G36", 2024), ("Note 10S", "B", "Helio G95", 2021),
        ("Note 10 Pro", "M", "Snapdragon 732G", 2021), ("Note 11", "B", "Snapdragon 680", 2022),
        ("Note 11 Pro+ 5G", "M", "Dimensity 920", 2022), ("Note 12 5G", "M", "Snapdragon 4 Gen 1", 2023),
        ("Note 12 Pro 5G", "M", "Dimensity 1080", 2023), ("Note 12 Pro+ 5G", "M", "Dimensity 1080", 2023),
        ("Note 13 5G", "M", "Dimensity 6080", 2024), ("Note 13 Pro 5G", "M", "Snapdragon 7s Gen 2", 2024),
        ("Note 13 Pro+ 5G", "M", "Dimensity 7200", 2024),
    ]),
    *_phones("Xiaomi", "Xiaomi", [
        ("11 Lite NE 5G", "M", "Snapdragon 778G", 2021), ("11T Pro 5G", "F", "Snapdragon 888", 2022),
        ("12 Pro", "F", "Snapdragon 8 Gen 1", 2022), ("13 Pro", "F", "Snapdragon 8 Gen 2", 2023),
        ("14", "F", "Snapdragon 8 Gen 3", 2024),
    ]),
    *_phones("Xiaomi", "Poco", [
        ("C55", "B", "Helio G85", 2023), ("C65", "B", "Helio G85", 2023), ("M5", "B", "Helio G99", 2022),
        ("M4 Pro 5G", "B", "Dimensity 810", 2022), ("M6 Pro 5G", "B", "Snapdragon 4 Gen 2", 2023),
        ("X5 5G", "M", "Snapdragon 695", 2023), ("X5 Pro 5G", "M", "Snapdragon 778G", 2023),
        ("X6 5G", "M", "Snapdragon 7s Gen 2", 2024), ("X6 Pro 5G", "G", "Dimensity 8300", 2024),
        ("F5 5G", "G", "Snapdragon 7+ Gen 2", 2023), ("F6 5G", "G", "Snapdragon 8s Gen 3", 2024),
    ]),
    *_phones("Realme", "Realme", [
        ("C53", "B", "Unisoc T612", 2023), ("C55", "B", "Helio G88", 2023),
        ("C67 5G", "B", "Dimensity 6100+", 2023), ("Narzo 50", "B", "Helio G96", 2022),
        ("Narzo 60x 5G", "B", "Dimensity 6100+", 2023), ("Narzo 60 5G", "M", "Dimensity 6020", 2023),
        ("Narzo 70 Pro 5G", "M", "Dimensity 7050", 2024), ("9 Pro+ 5G", "M", "Dimensity 920", 2022),
        ("11 5G", "M", "Dimensity 6100+", 2023), ("11 Pro 5G", "M", "Dimensity 7050", 2023),
        ("11 Pro+ 5G", "M", "Dimensity 7050", 2023), ("12x 5G", "B", "Dimensity 6100+", 2024),
        ("12 Pro 5G", "M", "Snapdragon 6 Gen 1", 2024), ("12 Pro+ 5G", "M", "Snapdragon 7s Gen 2", 2024),
        ("GT Neo 3", "G", "Dimensity 8100", 2022), ("GT 2 Pro", "F", "Snapdragon 8 Gen 1", 2022),
    ]),
    *_phones("Vivo", "Vivo", [
        ("Y16", "B", "Helio P35", 2022), ("Y17s", "B", "Helio G85", 2023), ("Y27", "B", "Helio G85", 2023),
        ("Y28 5G", "B", "Dimensity 6020", 2024), ("Y36", "B", "Snapdragon 680", 2023),
        ("Y56 5G", "B", "Dimensity 700", 2023), ("T2x 5G", "B", "Dimensity 6020", 2023),
        ("T2 5G", "M", "Snapdragon 695", 2023), ("T3 5G", "M", "Dimensity 7200", 2024),
        ("V27 5G", "M", "Dimensity 7200", 2023), ("V29 5G", "M", "Snapdragon 778G", 2023),
        ("V29 Pro 5G", "M", "Dimensity 8200", 2023), ("V30 5G", "M", "Snapdragon 7 Gen 3", 2024),
        ("X90 Pro", "F", "Dimensity 9200", 2023), ("X100", "F", "Dimensity 9300", 2024),
        ("X100 Pro", "F", "Dimensity 9300", 2024),
    ]),
    *_phones("Oppo", "Oppo", [
        ("A17k", "B", "Helio G35", 2022), ("A18", "B", "Helio G85", 2023), ("A38", "B", "Helio G85", 2023),
        ("A59 5G", "B", "Dimensity 6020", 2023), ("A78 5G", "B", "Dimensity 700", 2023),
        ("A79 5G", "M", "Dimensity 6020", 2023), ("F23 5G", "M", "Snapdragon 695", 2023),
        ("F25 Pro 5G", "M", "Dimensity 7050", 2024), ("Reno 10 5G", "M", "Dimensity 7050", 2023),
        ("Reno 10 Pro 5G", "M", "Snapdragon 778G", 2023), ("Reno 11 5G", "M", "Dimensity 7050", 2024),
        ("Reno 11 Pro 5G", "M", "Dimensity 8200", 2024), ("Find N3 Flip", "F", "Dimensity 9200", 2023),
    ]),
    *_phones("OnePlus", "OnePlus", [
        ("Nord CE 2 Lite 5G", "M", "Snapdragon 695", 2022),
        ("Nord CE 3 Lite 5G", "M", "Snapdragon 695", 2023), ("Nord CE 3 5G", "M", "Snapdragon 782G", 2023),
        ("Nord CE 4 5G", "M", "Snapdragon 7 Gen 3", 2024), ("Nord 3 5G", "M", "Dimensity 9000", 2023),
        ("10R 5G", "M", "Dimensity 8100", 2022), ("11R 5G", "F", "Snapdragon 8+ Gen 1", 2023),
        ("12R", "F", "Snapdragon 8 Gen 2", 2024), ("11 5G", "F", "Snapdragon 8 Gen 2", 2023),
        ("12", "F", "Snapdragon 8 Gen 3", 2024),
    ]),
    *_phones("Motorola", "Motorola", [
        ("Moto G14", "B", "Unisoc T616", 2023), ("Moto G24 Power", "B", "Helio G85", 2024),
        ("Moto G34 5G", "B", "Snapdragon 695", 2024), ("Moto G62 5G", "B", "Snapdragon 695", 2022),
        ("Moto G54 5G", "M", "Dimensity 7020", 2023), ("Moto G73 5G", "M", "Dimensity 930", 2023),
        ("Moto G84 5G", "M", "Snapdragon 695", 2023), ("Edge 40 Neo", "M", "Dimensity 7030", 2023),
        ("Edge 40", "M", "Dimensity 8020", 2023), ("Edge 50 Pro", "M", "Snapdragon 7 Gen 3", 2024),
        ("Razr 40 Ultra", "F", "Snapdragon 8+ Gen 1", 2023),
    ]),
    *_phones("Apple", "Apple iPhone", [
        ("13", "F", "A15 Bionic", 2021), ("14", "F", "A15 Bionic", 2022),
        ("14 Plus", "F", "A15 Bionic", 2022), ("15", "F", "A16 Bionic", 2023),
        ("15 Plus", "F", "A16 Bionic", 2023), ("15 Pro", "F", "A17 Pro", 2023),
        ("15 Pro Max", "F", "A17 Pro", 2023),
    ]),
    *_phones("Google", "Google Pixel", [
        ("7a", "M", "Tensor G2", 2023), ("7", "F", "Tensor G2", 2022), ("7 Pro", "F", "Tensor G2", 2022),
        ("8", "F", "Tensor G3", 2023), ("8 Pro", "F", "Tensor G3", 2023),
    ]),
    *_phones("Nothing", "Nothing", [
        ("Phone (1)", "M", "Snapdragon 778G+", 2022), ("Phone (2)", "F", "Snapdragon 8+ Gen 1", 2023),
        ("Phone (2a)", "M", "Dimensity 7200", 2024),
    ]),
    *_phones("iQOO", "iQOO", [
        ("Z6 Lite 5G", "B", "Snapdragon 4 Gen 1", 2022), ("Z7s 5G", "M", "Snapdragon 695", 2023),
        ("Z7 Pro 5G", "M", "Dimensity 7200", 2023), ("Z9 5G", "M", "Dimensity 7200", 2024),
        ("Neo 7 5G", "G", "Dimensity 8200", 2023), ("Neo 7 Pro 5G", "G", "Snapdragon 8+ Gen 1", 2023),
        ("Neo 9 Pro", "G", "Snapdragon 8 Gen 2", 2024), ("11 5G", "F", "Snapdragon 8 Gen 2", 2023),
        ("12 5G", "F", "Snapdragon 8 Gen 3", 2024),
    ]),
    *_phones("Infinix", "Infinix", [
        ("Smart 8", "B", "Unisoc T606", 2024), ("Hot 30i", "B", "Helio G37", 2023),
        ("Hot 40i", "B", "Unisoc T606", 2024), ("Note 30 5G", "B", "Dimensity 6080", 2023),
        ("Zero 30 5G", "M", "Dimensity 8020", 2023), ("GT 10 Pro", "G", "Dimensity 8050", 2023),
    ]),
    *_phones("Tecno", "Tecno", [
        ("Spark 20", "B", "Helio G85", 2024), ("Pova 5", "G", "Helio G99", 2023),
        ("Pova 6 Pro 5G", "M", "Dimensity 6080", 2024), ("Camon 20", "M", "Helio G85", 2023),
    ]),
    *_phones("Lava", "Lava", [
        ("Blaze 5G", "B", "Dimensity 700", 2022), ("Agni 2 5G", "M", "Dimensity 7050", 2023),
    ]),
    *_phones("Asus", "Asus", [
        ("ROG Phone 7", "G", "Snapdragon 8 Gen 2", 2023), ("ROG Phone 8", "G", "Snapdragon 8 Gen 3", 2024),
    ]),
)
# fmt: on


@dataclass(frozen=True)
class PhoneOverride:
    """Known specs of a phone model, and design extras (foldable hinge, titanium, periscope zoom) in ₹."""

    screen: float | None = None
    panel: str | None = None
    refresh: int | None = None
    camera: int | None = None
    battery: int | None = None
    weight_g: int | None = None
    configs: tuple[PhoneConfig, ...] | None = None
    extra: int = 0


# fmt: off
PHONE_OVERRIDES: dict[str, PhoneOverride] = {
    "Apple iPhone 13": PhoneOverride(
        6.1, "Super Retina XDR 1170x2532 OLED", 60, 12, 3240, 173, ((4, 128), (4, 256)),
    ),
    "Apple iPhone 14": PhoneOverride(
        6.1, "Super Retina XDR 1170x2532 OLED", 60, 12, 3279, 172, ((6, 128), (6, 256), (6, 512)),
    ),
    "Apple iPhone 14 Plus": PhoneOverride(
        6.7, "Super Retina XDR 1284x2778 OLED", 60, 12, 4325, 203, ((6, 128), (6, 256)),
    ),
    "Apple iPhone 15": PhoneOverride(
        6.1, "Super Retina XDR 1179x2556 OLED", 60, 48, 3349, 171, ((6, 128), (6, 256), (6, 512)),
    ),
    "Apple iPhone 15 Plus": PhoneOverride(
        6.7, "Super Retina XDR 1290x2796 OLED", 60, 48, 4383, 201, ((6, 128), (6, 256)),
    ),
    "Apple iPhone 15 Pro": PhoneOverride(
        6.1, "Super Retina XDR 1179x2556 OLED", 120, 48, 3274, 187, ((8, 128), (8, 256)), extra=8_000,
    ),
    "Apple iPhone 15 Pro Max": PhoneOverride(
        6.7, "Super Retina XDR 1290x2796 OLED", 120, 48, 4422, 221, ((8, 256),), extra=27_000,
    ),
    "Google Pixel 7a": PhoneOverride(6.1, "FHD+ 1080x2400 AMOLED", 90, 64, 4385, 193, ((8, 128),)),
    "Google Pixel 7": PhoneOverride(6.3, "FHD+ 1080x2400 AMOLED", 90, 50, 4355, 197, ((8, 128), (8, 256))),
    "Google Pixel 7 Pro": PhoneOverride(6.7, "QHD+ 1440x3120 LTPO AMOLED", 120, 50, 5000, 212, ((12, 128),)),
    "Google Pixel 8": PhoneOverride(6.2, "FHD+ 1080x2400 AMOLED", 120, 50, 4575, 187, ((8, 128), (8, 256))),
    "Google Pixel 8 Pro": PhoneOverride(
        6.7, "QHD+ 1440x3120 LTPO AMOLED", 120, 50, 5050, 213, ((12, 128), (12, 256)),
    ),
    "Samsung Galaxy S22 Ultra": PhoneOverride(
        6.8, "QHD+ 1440x3088 AMOLED", 120, 108, 5000, 228, ((12, 256), (12, 512)), extra=25_000,
    ),
    "Samsung Galaxy S23 Ultra": PhoneOverride(
        6.8, "QHD+ 1440x3088 AMOLED", 120, 200, 5000, 234, ((12, 256), (12, 512)), extra=30_000,
    ),
    "Samsung Galaxy S24 Ultra": PhoneOverride(
        6.8, "QHD+ 1440x3120 LTPO AMOLED", 120, 200, 5000, 232, ((12, 256), (12, 512)), extra=40_000,
    ),
    "Samsung Galaxy Z Flip5": PhoneOverride(
        6.7, "FHD+ 1080x2640 Foldable AMOLED", 120, 12, 3700, 187, ((8, 256), (8, 512)), extra=20_000,
    ),
    "Samsung Galaxy Z Fold5": PhoneOverride(
        7.6, "QXGA+ 1812x2176 Foldable AMOLED", 120, 50, 4400, 253, ((12, 256), (12, 512)), extra=60_000,
    ),
    "Oppo Find N3 Flip": PhoneOverride(
        6.8, "FHD+ 1080x2520 Foldable AMOLED", 120, 50, 4300, 198, ((12, 256),), extra=15_000,
    ),
    "Motorola Razr 40 Ultra": PhoneOverride(
        6.9, "FHD+ 1080x2640 Foldable AMOLED", 165, 12, 3800, 189, ((8, 256),), extra=10_000,
    ),
}
# fmt: on

# --------------------------------------------------------------------------------------------------
# The planted classic-situation laptops
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Planted:
    """A specific laptop placed in the catalog; its other specs come from its line's first options."""

    brand: str
    model: str
    cpu: str
    ram: int
    storage: str
    panel: str
    os: str
    price: int


# fmt: off
CLASSIC_PRODUCTS: tuple[Planted, ...] = (
    # i5 + 8 GB + 1 TB HDD, just above the ₹40,000 budget
    Planted("HP", "15s", "Core i5 1135G7", 8, "1 TB HDD", "Full HD 1920x1080 IPS", "DOS", 40_990),
    Planted(
        "Lenovo", "IdeaPad 3", "Core i5 1155G7", 8, "256 GB SSD + 1 TB HDD",
        "Full HD 1920x1080 IPS", "Windows 11 Home", 44_490,
    ),
    Planted(
        "Dell", "Inspiron 3520", "Core i5 1235U", 8, "256 GB SSD + 1 TB HDD",
        "Full HD 1920x1080", "Windows 11 Home", 46_790,
    ),
    Planted(
        "HP", "Pavilion 15", "Core i5 1235U", 8, "512 GB SSD + 1 TB HDD",
        "Full HD 1920x1080 IPS", "Windows 11 Home", 48_990,
    ),
    # within budget, short on exactly one spec
    Planted("HP", "15s", "Core i3 1215U", 8, "1 TB HDD", "Full HD 1920x1080", "Windows 11 Home", 34_990),
    Planted("Lenovo", "V15 G2", "Core i5 1135G7", 4, "1 TB HDD", "Full HD 1920x1080", "DOS", 36_490),
    Planted(
        "Acer", "Aspire 5", "Core i5 1235U", 8, "512 GB SSD",
        "Full HD 1920x1080 IPS", "Windows 11 Home", 39_990,
    ),
)
# fmt: on

# --------------------------------------------------------------------------------------------------
# Description wording
# --------------------------------------------------------------------------------------------------

LAPTOP_USES: dict[str, tuple[str, ...]] = {
    "Notebook": ("students", "online classes", "home use", "everyday office work", "streaming shows"),
    "Thin and Light": ("travel", "college", "working on the go", "everyday productivity", "frequent flyers"),
    "Gaming": ("AAA gaming", "esports titles at high frame rates", "game streaming", "3D modelling"),
    "2 in 1 Convertible": (
        "note taking",
        "sketching with a stylus",
        "presentations",
        "watching shows in tent mode",
    ),
    "Business": ("office work", "video calls", "spreadsheets", "secure business computing"),
    "Chromebook": ("school work", "online classes", "web browsing", "Google Workspace"),
    "Workstation": ("CAD", "3D rendering", "video editing", "data science"),
}
LAPTOP_KIND: dict[str, str] = {
    "Notebook": "everyday laptop",
    "Thin and Light": "thin and light laptop",
    "Gaming": "gaming laptop",
    "2 in 1 Convertible": "2-in-1 convertible",
    "Business": "business laptop",
    "Chromebook": "Chromebook",
    "Workstation": "mobile workstation",
}
PHONE_USES: dict[str, tuple[str, ...]] = {
    "Budget": ("a first smartphone", "WhatsApp calls", "social media", "students", "elderly parents"),
    "Mid-range": ("social media", "photography", "binge-watching", "casual gaming", "everyday use"),
    "Flagship": ("photography", "4K video recording", "power users", "productivity on the go"),
    "Gaming": ("mobile gaming", "BGMI and other shooters", "long gaming sessions", "game streaming"),
}
PHONE_KIND: dict[str, str] = {
    "Budget": "budget",
    "Mid-range": "mid-range",
    "Flagship": "flagship",
    "Gaming": "gaming",
}

LAPTOP_INTROS = (
    "The {brand} {model} is {a_kind} powered by the {cpu} with {ram} GB of RAM and {storage}.",
    "{brand}'s {model} pairs the {cpu} processor with {ram} GB RAM and {storage}.",
    "Built around the {cpu}, this {brand} {model} comes with {ram} GB of memory and {storage}.",
    "This {kind} from {brand} runs the {cpu} and has {ram} GB RAM with {storage}.",
)
LAPTOP_DISPLAY = (
    "It has a {screen}-inch {panel} display running at {refresh} Hz.",
    "The {screen}-inch {panel} screen refreshes at {refresh} Hz.",
)
LAPTOP_GRAPHICS = (
    "Graphics are handled by the {gpu}.",
    "A dedicated {gpu} takes care of graphics.",
)
LAPTOP_CARRY = (
    "It weighs {weight} and is rated for up to {battery} hours on a charge.",
    "Battery life is rated at up to {battery} hours and it weighs {weight}.",
)
PHONE_INTROS = (
    "The {name} runs on the {soc} with {ram} GB RAM and {storage} of storage.",
    "{brand}'s {model} is {a_kind} phone powered by the {soc}.",
    "Powered by the {soc}, the {model} comes with {ram} GB RAM and {storage} of storage.",
)
PHONE_DISPLAY = (
    "It has a {screen}-inch {panel} display at {refresh} Hz.",
    "The {screen}-inch {panel} screen refreshes at {refresh} Hz.",
)
PHONE_CAMERA = (
    "A {camera} MP main camera and a {battery} mAh battery round it off.",
    "The {battery} mAh battery lasts a full day, and the main camera shoots at {camera} MP.",
)
USE_SENTENCES = ("A good pick for {uses}.", "Well suited to {uses}.", "Ideal for {uses}.")

# --------------------------------------------------------------------------------------------------
# Randomness and formatting
# --------------------------------------------------------------------------------------------------


class Draw:
    """Random choices built only on ``Random.random()``, whose sequence Python keeps stable."""

    def __init__(self, seed: int) -> None:
        self._rng = Random(seed)

    def random(self) -> float:
        return self._rng.random()

    def uniform(self, low: float, high: float) -> float:
        return low + (high - low) * self.random()

    def below(self, n: int) -> int:
        """An integer in [0, n)."""
        return min(int(self.random() * n), n - 1)

    def pick(self, options: Sequence[T]) -> T:
        return options[self.below(len(options))]

    def sample(self, options: Sequence[T], k: int) -> list[T]:
        """k distinct items, in draw order."""
        pool = list(options)
        return [pool.pop(self.below(len(pool))) for _ in range(min(k, len(pool)))]

    def tiered(self, options: Sequence[T], tier: float, spread: float = 0.4) -> T:
        """The option near position ``tier`` in [0, 1) of ``options`` (sorted cheapest first), with jitter."""
        index = int((tier + (self.random() - 0.5) * spread) * len(options))
        return options[min(max(index, 0), len(options) - 1)]

    def shuffle(self, items: list[T]) -> None:
        """Fisher-Yates shuffle in place."""
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]


def format_inr(amount: int) -> str:
    """Rupees with Indian digit grouping: 124990 -> ``₹1,24,990``."""
    digits = str(amount)
    head, tail = digits[:-3], digits[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    return "₹" + ",".join([*groups, tail])


def parse_inr(text: str) -> int:
    """``₹1,24,990`` -> 124990."""
    return int(text.replace("₹", "").replace(",", ""))


def retail_round(raw: float, brand: str, category: str, u: float) -> int:
    """Round a model price to a shop's ending.

    Laptops end in ...990, ...490 or ...x90, phones in ...999 or ...499, Apple products in ...900.
    """
    if brand == "Apple":
        step, cut = 1_000, 100
    elif category == "Phone":
        step, cut = (1_000, 1) if u < 0.7 else (500, 1)
    else:
        step, cut = (1_000, 10) if u < 0.55 else (500, 10) if u < 0.85 else (100, 10)
    return int(raw / step + 0.5) * step - cut


def format_screen(inches: float) -> str:
    return f"{inches:g} inch"


def format_kg(grams: int) -> str:
    """1650 -> ``1.65 kg``."""
    whole, frac = divmod(grams, 1000)
    decimals = f"{frac:03d}".rstrip("0")
    return f"{whole}.{decimals} kg" if decimals else f"{whole} kg"


def format_gb(size_gb: int) -> str:
    """128 -> ``128 GB``, 1024 -> ``1 TB``."""
    return f"{size_gb // 1024} TB" if size_gb >= 1024 else f"{size_gb} GB"


def compact(storage: str) -> str:
    """``256 GB SSD + 1 TB HDD`` -> ``256GB SSD + 1TB HDD`` (as in product names)."""
    return storage.replace(" GB", "GB").replace(" TB", "TB")


def with_article(phrase: str) -> str:
    """``everyday laptop`` -> ``an everyday laptop``."""
    return f"{'an' if phrase[0].lower() in 'aeiou' else 'a'} {phrase}"


def storage_phrase(storage: str) -> str:
    """Storage as it reads in a sentence."""
    if "+" in storage:
        ssd, hdd = (part.strip() for part in storage.split("+"))
        return f"a {ssd} plus a {hdd}"
    if storage.endswith("eMMC"):
        return f"{storage.removesuffix(' eMMC')} of eMMC storage"
    return f"a {storage}"


def rating_text(draw: Draw, bias: float) -> str:
    """A one-decimal rating in [3.2, 4.8], bell-shaped around 4.1 + bias."""
    bell = (draw.random() + draw.random() + draw.random() - 1.5) * 0.7
    tenths = int((4.1 + bias + bell) * 10 + 0.5)
    tenths = min(max(tenths, 32), 48)
    return f"{tenths // 10}.{tenths % 10}"


def review_count(draw: Draw, price: int, year: int, reach: float) -> int:
    """Long-tailed review count: cheaper and older models collect more reviews."""
    if year == 2024 and draw.random() < 0.06:
        return 0
    age = 1 + (2024 - year) * 0.6
    heavy_tail = 1 / (draw.random() + 0.02) - 0.98  # median about 1, up to 50
    raw = reach * age * heavy_tail / price
    return int(50_000 * raw / (raw + 50_000))  # saturates below 50,000


# --------------------------------------------------------------------------------------------------
# Laptops
# --------------------------------------------------------------------------------------------------


@dataclass
class Laptop:
    """One laptop variant."""

    line: LaptopLine
    model: str
    screen: float
    cpu: Cpu
    ram: int
    storage: str
    gpu: str
    panel: str
    refresh: int
    os: str

    @property
    def name(self) -> str:
        if self.line.brand == "Apple":
            return f"Apple {self.model} ({self.ram}GB / {compact(self.storage).removesuffix(' SSD')})"
        return f"{self.line.brand} {self.model} ({self.cpu.short} / {self.ram}GB / {compact(self.storage)})"

    @property
    def touchscreen(self) -> bool:
        return (
            self.line.type == "2 in 1 Convertible"
            or self.panel.endswith("Touchscreen")
            or any(word in self.model for word in ("x360", "Flip", "Spin"))
        )


def laptop_model_price(laptop: Laptop) -> float:
    """The noise-free price of the price model."""
    parts = (
        LAPTOP_TYPE_BASE[laptop.line.type]
        + laptop.cpu.cost
        + LAPTOP_RAM_COST[laptop.ram]
        + STORAGE_COST[laptop.storage]
        + GPUS[laptop.gpu][0]
        + SCREEN_COST[laptop.screen]
        + LAPTOP_PANEL_COST[laptop.panel]
        + LAPTOP_REFRESH_COST[laptop.refresh]
        + OS_COST[laptop.os]
    )
    return parts * LAPTOP_BRAND_MULTIPLIER[laptop.line.brand] * laptop.line.premium


def _by_cost(names: Sequence[str], cost: dict[str, int]) -> list[str]:
    return sorted(names, key=lambda name: (cost[name], name))


def draw_laptop(draw: Draw, line: LaptopLine) -> Laptop:
    """One variant of a line: every component near a single tier position."""
    model, screen, vendor = draw.pick(line.models)
    cpus = sorted(
        (LAPTOP_CPUS[key] for key in line.cpus if not vendor or LAPTOP_CPUS[key].label.startswith(vendor)),
        key=lambda cpu: (cpu.cost, cpu.label),
    )
    tier = draw.random()
    cpu = draw.tiered(cpus, tier)
    storages = [s for s in line.storages if cpu.tier <= STORAGE[s].max_cpu_tier]
    own_gpus = {cpu.igpu if gpu == INTEGRATED else gpu for gpu in line.gpus}
    gpus = sorted(own_gpus, key=lambda gpu: (GPUS[gpu][0], gpu))
    return Laptop(
        line=line,
        model=model,
        screen=screen,
        cpu=cpu,
        ram=draw.tiered(line.rams, tier),
        storage=draw.tiered(_by_cost(storages, STORAGE_COST), tier),
        gpu=draw.tiered(gpus, tier),
        panel=draw.tiered(_by_cost(line.panels, LAPTOP_PANEL_COST), tier),
        refresh=draw.tiered(line.refresh, tier),
        os=draw.tiered(line.os, tier),
    )


def find_line(brand: str, model: str) -> LaptopLine:
    """The line that sells a model."""
    for line in LAPTOP_LINES:
        if line.brand == brand and any(m[0] == model for m in line.models):
            return line
    raise KeyError(f"no laptop line sells {brand} {model}")


def planted_laptop(planted: Planted) -> Laptop:
    """A classic-situation laptop, checked against the price model's noise band."""
    line = find_line(planted.brand, planted.model)
    model, screen, _ = next(m for m in line.models if m[0] == planted.model)
    cpu = LAPTOP_CPUS[planted.cpu]
    laptop = Laptop(
        line=line,
        model=model,
        screen=screen,
        cpu=cpu,
        ram=planted.ram,
        storage=planted.storage,
        gpu=cpu.igpu,
        panel=planted.panel,
        refresh=60,
        os=planted.os,
    )
    expected = laptop_model_price(laptop)
    slack = 510  # the retail rounding moves a price by at most this much
    if not expected * (1 - NOISE) - slack <= planted.price <= expected * (1 + NOISE) + slack:
        raise CatalogError(f"planted {laptop.name} at {planted.price} is off the model's {expected:.0f}")
    return laptop


def laptop_description(draw: Draw, laptop: Laptop, weight: str, battery: int) -> str:
    """Two to four sentences from the specs and the type's use cases."""
    line = laptop.line
    uses = list(LAPTOP_USES[line.type])
    if laptop.ram >= 32:
        uses.append("video editing")
    elif laptop.ram >= 16:
        uses.append("heavy multitasking")
    if "OLED" in laptop.panel:
        uses.append("watching movies")
    if STORAGE[laptop.storage].hdd_tb:
        uses.append("storing lots of files")
    sentences = [
        draw.pick(LAPTOP_INTROS).format(
            brand=line.brand,
            model=laptop.model,
            kind=LAPTOP_KIND[line.type],
            a_kind=with_article(LAPTOP_KIND[line.type]),
            cpu=laptop.cpu.label,
            ram=laptop.ram,
            storage=storage_phrase(laptop.storage),
        ),
        draw.pick(USE_SENTENCES).format(uses=" and ".join(draw.sample(uses, 2))),
    ]
    extras = [
        draw.pick(LAPTOP_DISPLAY).format(
            screen=f"{laptop.screen:g}",
            panel=laptop.panel,
            refresh=laptop.refresh,
        ),
        draw.pick(LAPTOP_CARRY).format(weight=weight, battery=battery),
    ]
    if laptop.gpu.startswith("NVIDIA"):
        extras.append(draw.pick(LAPTOP_GRAPHICS).format(gpu=laptop.gpu))
    sentences[1:1] = draw.sample(extras, draw.below(3))
    return " ".join(sentences)


def laptop_row(draw: Draw, laptop: Laptop, price: int | None = None) -> dict[str, str]:
    """The CSV cells of a laptop; the price is drawn from the model unless given."""
    line = laptop.line
    if price is None:
        noisy = laptop_model_price(laptop) * (1 + draw.uniform(-NOISE, NOISE))
        price = retail_round(noisy, line.brand, "Laptop", draw.random())
    weight_g = int(draw.uniform(*line.weight_kg) * 100 + 0.5) * 10
    battery = line.battery_h[0] + draw.below(line.battery_h[1] - line.battery_h[0] + 1)
    year = max(laptop.cpu.year, GPUS[laptop.gpu][1], 2021)
    if year < 2024 and draw.random() < 0.25:
        year += 1
    bias = 0.15 if line.brand == "Apple" else 0.05 if line.premium > 1 else 0.0
    return {
        "name": laptop.name,
        "brand": line.brand,
        "category": "Laptop",
        "type": line.type,
        "description": laptop_description(draw, laptop, format_kg(weight_g), battery),
        "price": format_inr(price),
        "cpu": laptop.cpu.label,
        "ram": f"{laptop.ram} GB",
        "storage": laptop.storage,
        "gpu": laptop.gpu,
        "screen": format_screen(laptop.screen),
        "resolution": laptop.panel,
        "refresh_rate": f"{laptop.refresh} Hz",
        "weight": format_kg(weight_g),
        "battery_life": f"up to {battery} hours",
        "battery_capacity": "",
        "os": laptop.os,
        "camera": "",
        "has_5g": "",
        "touchscreen": "Yes" if laptop.touchscreen else "No",
        "rating": rating_text(draw, bias),
        "review_count": str(review_count(draw, price, year, reach=2.5e7)),
        "release_year": str(year),
    }


def build_laptops(draw: Draw) -> list[dict[str, str]]:
    """All laptop rows: every line's variants plus the planted classic products, shuffled."""
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    for planted in CLASSIC_PRODUCTS:
        laptop = planted_laptop(planted)
        rows.append(laptop_row(draw, laptop, planted.price))
        seen.add(laptop.name)
    for line in LAPTOP_LINES:
        for _ in range(line.count):
            laptop = draw_laptop(draw, line)
            for _ in range(30):  # prefer a configuration not listed yet
                if laptop.name not in seen:
                    break
                laptop = draw_laptop(draw, line)
            seen.add(laptop.name)
            rows.append(laptop_row(draw, laptop))
    draw.shuffle(rows)
    return rows


# --------------------------------------------------------------------------------------------------
# Phones
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhoneSpecs:
    """The model-level specs of a phone, shared by all its variants."""

    screen: float
    panel: str
    refresh: int
    camera: int
    battery: int
    weight_g: int
    configs: tuple[PhoneConfig, ...]
    extra: int


def phone_specs(draw: Draw, phone: PhoneModel) -> PhoneSpecs:
    """Draw a model's specs from its type's profile; known specs come from ``PHONE_OVERRIDES``."""
    profile = PHONE_PROFILES[phone.type]
    known = PHONE_OVERRIDES.get(phone.name, PhoneOverride())
    options = PHONE_CONFIGS[phone.type]
    size = draw.pick((2, 2, 3, 3, 3, 4))
    start = draw.below(len(options) - size + 1)
    drawn = PhoneSpecs(
        screen=draw.pick(profile.screens),
        panel=draw.pick(profile.panels),
        refresh=draw.pick(profile.refresh),
        camera=draw.pick(profile.cameras),
        battery=draw.pick(profile.batteries),
        weight_g=int(draw.uniform(*profile.weight_g)),
        configs=options[start : start + size],
        extra=known.extra,
    )
    return PhoneSpecs(
        screen=known.screen or drawn.screen,
        panel=known.panel or drawn.panel,
        refresh=known.refresh or drawn.refresh,
        camera=known.camera or drawn.camera,
        battery=known.battery or drawn.battery,
        weight_g=known.weight_g or drawn.weight_g,
        configs=known.configs or drawn.configs,
        extra=known.extra,
    )


def phone_model_price(phone: PhoneModel, specs: PhoneSpecs, ram: int, storage: int) -> float:
    """The noise-free price of the price model."""
    soc = PHONE_SOCS[phone.soc]
    parts = (
        PHONE_TYPE_BASE[phone.type]
        + soc.cost
        + PHONE_RAM_COST[ram]
        + PHONE_STORAGE_COST[storage]
        + PHONE_PANEL_COST[specs.panel]
        + PHONE_REFRESH_COST[specs.refresh]
        + CAMERA_COST[specs.camera]
        + (FIVE_G_COST if soc.has_5g else 0)
        + specs.extra
    )
    return parts * PHONE_BRAND_MULTIPLIER[phone.brand]


def phone_os(phone: PhoneModel) -> str:
    return "iOS 17" if phone.brand == "Apple" else f"Android {phone.year - 2010}"


def phone_description(draw: Draw, phone: PhoneModel, specs: PhoneSpecs, ram: int, storage: int) -> str:
    """Two to four sentences from the specs and the type's use cases."""
    soc = PHONE_SOCS[phone.soc]
    uses = list(PHONE_USES[phone.type])
    if specs.camera >= 100:
        uses.append("detailed photos")
    if specs.battery >= 6000:
        uses.append("two-day battery life")
    model = phone.name.removeprefix(phone.brand + " ")
    sentences = [
        draw.pick(PHONE_INTROS).format(
            name=phone.name,
            brand=phone.brand,
            model=model,
            kind=PHONE_KIND[phone.type],
            a_kind=with_article(PHONE_KIND[phone.type]),
            soc=soc.label,
            ram=ram,
            storage=format_gb(storage),
        ),
        draw.pick(USE_SENTENCES).format(uses=" and ".join(draw.sample(uses, 2))),
    ]
    extras = [
        draw.pick(PHONE_DISPLAY).format(screen=f"{specs.screen:g}", panel=specs.panel, refresh=specs.refresh),
        draw.pick(PHONE_CAMERA).format(camera=specs.camera, battery=specs.battery),
    ]
    if soc.has_5g:
        extras.append("It supports 5G networks.")
    sentences[1:1] = draw.sample(extras, draw.below(3))
    return " ".join(sentences)


def build_phones(draw: Draw) -> list[dict[str, str]]:
    """All phone rows: every model in each of its RAM/storage variants, shuffled."""
    rows: list[dict[str, str]] = []
    for phone in PHONE_MODELS:
        specs = phone_specs(draw, phone)
        soc = PHONE_SOCS[phone.soc]
        for ram, storage in specs.configs:
            noisy = phone_model_price(phone, specs, ram, storage) * (1 + draw.uniform(-NOISE, NOISE))
            price = retail_round(noisy, phone.brand, "Phone", draw.random())
            config = format_gb(storage).replace(" ", "")
            variant = config if phone.brand == "Apple" else f"{ram}GB / {config}"
            name = f"{phone.name} ({variant})"
            bias = 0.2 if phone.brand in ("Apple", "Google") else 0.0
            rows.append(
                {
                    "name": name,
                    "brand": phone.brand,
                    "category": "Phone",
                    "type": phone.type,
                    "description": phone_description(draw, phone, specs, ram, storage),
                    "price": format_inr(price),
                    "cpu": soc.label,
                    "ram": f"{ram} GB",
                    "storage": format_gb(storage),
                    "gpu": soc.gpu,
                    "screen": format_screen(specs.screen),
                    "resolution": specs.panel,
                    "refresh_rate": f"{specs.refresh} Hz",
                    "weight": f"{specs.weight_g} g",
                    "battery_life": "",
                    "battery_capacity": f"{specs.battery} mAh",
                    "os": phone_os(phone),
                    "camera": f"{specs.camera} MP",
                    "has_5g": "Yes" if soc.has_5g else "No",
                    "touchscreen": "Yes",
                    "rating": rating_text(draw, bias),
                    "review_count": str(review_count(draw, price, phone.year, reach=4.5e7)),
                    "release_year": str(phone.year),
                }
            )
    draw.shuffle(rows)
    return rows


# --------------------------------------------------------------------------------------------------
# Catalog, checks and output
# --------------------------------------------------------------------------------------------------

_HDD = re.compile(r"(\d+(?:\.\d+)?) (GB|TB) HDD")


def hdd_tb(storage: str) -> float:
    """Hard-disk size in TB in a storage cell (0 when there is none)."""
    match = _HDD.search(storage)
    if not match:
        return 0.0
    size = float(match.group(1))
    return size if match.group(2) == "TB" else size / 1000


def classic_specs(row: dict[str, str]) -> tuple[bool, bool, bool]:
    """Whether a laptop row meets each spec of the classic query: i5, 8 GB RAM, 1 TB HDD."""
    return (
        row["cpu"].startswith("Intel Core i5 "),
        int(row["ram"].split()[0]) >= 8,
        hdd_tb(row["storage"]) >= 1,
    )


def check_classic_situation(rows: Sequence[dict[str, str]]) -> None:
    """Raise CatalogError unless the catalog has the classic near-miss situation."""
    laptops = [row for row in rows if row["category"] == "Laptop"]
    matches = [row for row in laptops if all(classic_specs(row))]
    cheap = [row["name"] for row in matches if parse_inr(row["price"]) <= CLASSIC_BUDGET]
    if cheap:
        raise CatalogError(f"laptops meet the classic query within budget: {cheap}")
    near = [row for row in matches if CLASSIC_BUDGET < parse_inr(row["price"]) <= CLASSIC_NEAR_LIMIT]
    if len(near) < 3:
        raise CatalogError(f"only {len(near)} classic matches between ₹40,001 and ₹50,000")
    affordable = [row for row in laptops if parse_inr(row["price"]) <= CLASSIC_BUDGET]
    misses = [row for row in affordable if sum(classic_specs(row)) == 2]
    if len(misses) < 2:
        raise CatalogError(f"only {len(misses)} near misses within budget")


def check_catalog(rows: Sequence[dict[str, str]]) -> None:
    """Raise CatalogError unless counts, ids, required cells, price ranges and the classic situation hold."""
    laptops = [row for row in rows if row["category"] == "Laptop"]
    phones = [row for row in rows if row["category"] == "Phone"]
    if len(laptops) < MIN_LAPTOPS or len(phones) < MIN_PHONES:
        raise CatalogError(f"{len(laptops)} laptops and {len(phones)} phones are too few")
    ids = [row["product_id"] for row in rows]
    if len(set(ids)) != len(ids):
        raise CatalogError("product ids are not unique")
    for row in rows:
        missing = [key for key in ("name", "brand", "category", "description", "price") if not row[key]]
        if missing:
            raise CatalogError(f"{row['product_id']} lacks {missing}")
        if row["type"] not in (LAPTOP_TYPES if row["category"] == "Laptop" else PHONE_TYPES):
            raise CatalogError(f"{row['product_id']} has an unknown type {row['type']!r}")
    for group, (low, high) in ((laptops, LAPTOP_PRICE_RANGE), (phones, PHONE_PRICE_RANGE)):
        for row in group:
            if not low <= parse_inr(row["price"]) <= high:
                raise CatalogError(f"{row['name']} costs {row['price']}, outside ₹{low}-₹{high}")
    check_classic_situation(rows)


def build_catalog(seed: int = SEED) -> list[dict[str, str]]:
    """All catalog rows with product ids, laptops first."""
    draw = Draw(seed)
    laptops = build_laptops(draw)
    phones = build_phones(draw)
    for prefix, group in (("LP", laptops), ("PH", phones)):
        for number, row in enumerate(group, start=1):
            row["product_id"] = f"{prefix}-{number:04d}"
    return laptops + phones


def generate(path: Path) -> None:
    """Build, check and write the catalog CSV to ``path``."""
    rows = build_catalog()
    check_catalog(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows([row[column] for column in HEADER] for row in rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the built-in product catalog CSV.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output CSV (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    generate(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

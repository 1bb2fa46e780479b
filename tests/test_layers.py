"""Every import in the package goes down the layers the README lists, or stays within its own package."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "recommender"


def documented_layers() -> list[set[str]]:
    """The README's numbered layer list, lowest first: per layer, its top-level modules and packages."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text[text.index("The package is built in layers") :]
    layers = []
    for line in block.splitlines()[1:]:
        if match := re.fullmatch(r"\d+\. (.+)", line):
            layers.append({name.strip(" `") for name in match.group(1).split(",")})
        elif layers:
            break
    return layers


def unit(module: str) -> str:
    """The top-level module or package of the package that ``module`` (dotted, from ``recommender``) is in."""
    return module.split(".")[1]


def imported(tree: ast.Module, module: str, is_package: bool) -> set[str]:
    """Dotted names of the package's modules that ``tree`` imports anywhere: in functions, under
    ``TYPE_CHECKING``, relative or absolute. ``from recommender import x`` counts as ``recommender.x``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.split(".")[: len(module.split(".")) - node.level + is_package]
                base = ".".join([*parts, base] if base else parts)
            if base == "recommender":
                names.update(f"recommender.{alias.name}" for alias in node.names)
            else:
                names.add(base)
    return {name for name in names if name.startswith("recommender.")}


def violations(source: str, module: str, layers: list[set[str]], *, is_package: bool = False) -> list[str]:
    """Each import of ``source`` (the text of ``module``) that goes up the layers or sideways between packages."""
    layer_of = {name: number for number, layer in enumerate(layers) for name in layer}
    own = unit(module)
    return [
        f"{module} (layer {layer_of[own] + 1}) imports {name} (layer {layer_of[unit(name)] + 1})"
        for name in sorted(imported(ast.parse(source), module, is_package))
        if unit(name) != own and layer_of[unit(name)] >= layer_of[own]
    ]


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name, for its ``__init__``)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def test_the_readme_places_every_module_in_exactly_one_layer():
    layers = documented_layers()
    placed = [name for layer in layers for name in layer]
    units = {unit(module) for module in modules() if module != "recommender"}
    assert len(layers) > 1 and len(placed) == len(set(placed))
    assert set(placed) == units


def test_every_import_goes_down_the_layers():
    layers = documented_layers()
    found = [
        problem
        for module, path in modules().items()
        if module != "recommender"
        for problem in violations(path.read_text(encoding="utf-8"), module, layers, is_package=path.stem == "__init__")
    ]
    assert not found, "\n".join(found)


def test_an_import_up_or_sideways_is_caught():
    layers = documented_layers()
    upwards = "def late():\n    from recommender.ranking.ranker import Ranker\n"
    sideways = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from recommender import events\n"
    relative = "from ..ranking import ranker\n"
    assert violations(upwards, "recommender.catalog.catalog", layers)
    assert violations(sideways, "recommender.catalog.catalog", layers)
    assert violations(relative, "recommender.catalog.catalog", layers)
    assert not violations("from recommender.catalog import schema\n", "recommender.catalog.catalog", layers)

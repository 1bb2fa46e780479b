"""Numbers as a shopper reads them ('₹1,24,990' with Indian grouping, '€444', '8 GB', '1 TB', '1.5 kg'), and
any text from a file or a shopper made safe to show as typed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from recommender import knowledge

if TYPE_CHECKING:
    from recommender.catalog import Schema


def amount(value: float, unit: str | None) -> str:
    """A value with its unit or currency symbol."""
    currencies = knowledge.currencies()
    if unit in currencies.symbols:
        digits = indian_grouping(value) if unit == "INR" else f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"
        return f"{currencies.symbols[unit]}{digits}"
    if unit == "GB" and value >= 1024 and value % 1024 == 0:
        return f"{value / 1024:g} TB"
    shown = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"
    return f"{shown} {unit}" if unit else shown


def indian_grouping(value: float) -> str:
    """Whole rupees with Indian digit grouping: 120000 -> '1,20,000'."""
    whole = f"{abs(value):.0f}"
    head, tail = whole[:-3], whole[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    return ("-" if value < 0 else "") + ",".join([*groups, tail])


def attribute_label(attribute: str, schema: Schema) -> str:
    """A short name for an attribute: its concept's label ('RAM'), else its name with spaces."""
    labels = knowledge.language()["attribute_labels"]
    if attribute == schema.price_column:
        return "price"
    concept = schema.column(attribute).concept
    return labels.get(concept or "", labels.get(attribute, attribute.replace("_", " ")))


#: What markdown (and Streamlit's flavour of it) reads as syntax: each gets a backslash so it shows as typed.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&=^])")
#: Where an invisible word joiner (U+2060) goes: after ':' (':red[…]', ':material/…:', ':smile:', 'http://'),
#: after '@' (e-mail links) and inside 'www.' (bare links). Those are found in the text after its backslash
#: escapes are read, so a backslash alone cannot stop them.
_JOIN = re.compile(r"[:@]|(?i:www)(?=\\\.)")
_LINE_BREAK = re.compile(r"\r\n?|[\n\v\f\x85\u2028\u2029]")


def plain(text: object) -> str:
    """Text from a catalog or a shopper for anything that reads markdown (Streamlit's markdown, captions,
    alerts, labels, help): shown as typed, on one line, with no links, images, colours, icons, maths or HTML."""
    text = _MARKDOWN.sub(r"\\\1", _LINE_BREAK.sub(" ", str(text)))
    return _JOIN.sub(lambda m: m.group() + "\u2060", text)

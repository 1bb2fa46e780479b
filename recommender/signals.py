"""The feedback signals: what a shopper can tell the finder about a product (shared by events and ranking)."""

#: What a shopper can tell the finder about a product.
SIGNALS = ("click", "like", "dislike", "shortlist", "purchase")
#: Signals that mean "wanted this": they make the sequences a model learns from (a dislike does not).
POSITIVE = frozenset({"click", "like", "shortlist", "purchase"})

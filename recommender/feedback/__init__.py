"""Feedback: the event store of chat sessions, and interaction files to and from preference models."""

from recommender.feedback.interactions import POSITIVE, SIGNALS, Interactions, read_interactions_csv, write_user_items
from recommender.feedback.store import MIGRATIONS, Event, EventStore, EventStoreError

__all__ = [
    "MIGRATIONS", "POSITIVE", "SIGNALS", "Event", "EventStore", "EventStoreError", "Interactions",
    "read_interactions_csv", "write_user_items",
]  # fmt: skip

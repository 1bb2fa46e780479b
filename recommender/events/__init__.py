"""Events: the event store of chat sessions, and interaction files to and from preference models."""

from recommender.events.interactions import Interactions, read_interactions_csv, write_user_items
from recommender.events.store import MIGRATIONS, Event, EventStore, EventStoreError

__all__ = [
    "MIGRATIONS",
    "Event",
    "EventStore",
    "EventStoreError",
    "Interactions",
    "read_interactions_csv",
    "write_user_items",
]

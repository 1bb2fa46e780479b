"""The finder's own error type: every failure a user can cause says what was wrong and what to do."""


class CatalogError(ValueError):
    """A catalog file or table that cannot be used, with a message naming the problem and the fix."""


class DatasetError(ValueError):
    """An interaction log that cannot be trained on, with a message naming the problem and the fix."""

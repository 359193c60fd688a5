"""Store fixtures shared with the store tests."""

from tests.civicbot.store.conftest import clock, db_path, store

__all__ = ["clock", "db_path", "store"]

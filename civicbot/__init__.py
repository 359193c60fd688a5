"""civicbot: warm, structured citizen dialogues on Telegram, stored safely.

Reading order follows one message from a resident to an organiser's report:
``script`` (what is asked) -> ``engine`` (pure dialogue logic) -> ``store`` (SQLite)
-> ``bot`` (the Telegram adapter) -> ``cli`` / ``demo``. The offline side lives in the
separate ``analysis`` package.
"""

__version__ = "0.1.0"

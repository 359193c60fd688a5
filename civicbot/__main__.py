"""``python -m civicbot`` is the same as the ``civicbot`` command."""

from civicbot.cli import main

main()

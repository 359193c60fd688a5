"""The package layout that ``pyproject.toml`` cannot say on its own (everything else is
declared there).

The repository keeps its agreed top-level folders, and installing maps them into
civicbot's own names: ``prompts/`` (the dialogue scripts that ship with civicbot)
installs as ``civicbot.prompts`` and is read with ``importlib.resources``, so
``civicbot demo`` and ``civicbot run`` work from a wheel outside the checkout.
"""

from __future__ import annotations

from setuptools import find_packages, setup

CORE = find_packages(include=["civicbot", "civicbot.*"])
ANALYSIS = find_packages(include=["analysis", "analysis.*"])
# Folders installed under another import name: import name -> folder in the repository.
MAPPED = {"civicbot.prompts": "prompts"}

setup(
    packages=[*CORE, *ANALYSIS, *MAPPED],
    package_dir=MAPPED,
)

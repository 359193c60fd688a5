"""The package layout that ``pyproject.toml`` cannot say on its own (everything else is
declared there).

The repository keeps its agreed top-level folders, and installing maps them into
civicbot's own names:

- ``prompts/`` (the dialogue scripts that ship with civicbot) installs as
  ``civicbot.prompts`` and is read with ``importlib.resources``, so ``civicbot demo`` and
  ``civicbot run`` work from a wheel outside the checkout;
- ``analysis/`` installs as :data:`ANALYSIS_NAME`, so that civicbot does not claim a
  generic top-level import name another package could also claim
  (``tools/rename_analysis.py`` sets it and rewrites the imports to match).
"""

from __future__ import annotations

from setuptools import find_packages, setup

# The import name of the analysis/ folder.
ANALYSIS_NAME = "civicbot_analysis"

CORE = find_packages(include=["civicbot", "civicbot.*"])
ANALYSIS = [
    ANALYSIS_NAME + name.removeprefix("analysis")
    for name in find_packages(include=["analysis", "analysis.*"])
]
# Folders installed under another import name: import name -> folder in the repository.
MAPPED = {"civicbot.prompts": "prompts"}
if ANALYSIS_NAME != "analysis":
    MAPPED[ANALYSIS_NAME] = "analysis"

setup(
    packages=[*CORE, *ANALYSIS, "civicbot.prompts"],
    package_dir=MAPPED,
)

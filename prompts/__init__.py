"""The dialogue scripts that ship with civicbot, installed as ``civicbot.prompts`` (see
setup.py) and read with ``importlib.resources`` (:mod:`civicbot.script.shipped`). The
folder holds data only: YAML scripts and their translations."""

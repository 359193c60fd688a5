"""Dialogue scripts: the YAML model, loading with clear errors, whole-script checks,
the route graph, and a time estimate."""

from civicbot.script.estimate import estimate_minutes
from civicbot.script.graph import Edge, edges, mermaid, reachable
from civicbot.script.load import LoadedScript, load_script, parse_script
from civicbot.script.problems import ScriptError, ScriptProblem
from civicbot.script.texts import TEMPLATE_NAMES, check_texts
from civicbot.script.validate import validate

__all__ = [
    "TEMPLATE_NAMES",
    "Edge",
    "LoadedScript",
    "ScriptError",
    "ScriptProblem",
    "check_texts",
    "edges",
    "estimate_minutes",
    "load_script",
    "mermaid",
    "parse_script",
    "reachable",
    "validate",
]

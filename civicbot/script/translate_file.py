"""Write or bring up to date a script's translation file, for a translator to fill in.

``civicbot script translate prompts/values-and-services.yaml --language cy`` writes
``prompts/values-and-services.cy.yaml`` with one entry per text of the script, in script
order: the English (``source``), ``reviewed: false`` and the translation (``text``).
Entries already translated from the same English are kept as they are; an entry whose
English has changed keeps its old ``source`` and text, so ``civicbot script check``
keeps reporting it out of date until a translator updates both; new texts come empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from civicbot.languages import english_name, own_name


def _block(name: str, value: str, indent: str) -> list[str]:
    if not value:
        return [f'{indent}{name}: ""']
    lines = [f"{indent}{name}: |-"]
    lines.extend(f"{indent}  {line}" if line.strip() else "" for line in value.split("\n"))
    return lines


def render(
    language: str,
    script_id: str,
    english: Mapping[str, str],
    existing: Mapping[str, Any],
    fill: Mapping[str, str] | None = None,
    note: str = "",
) -> str:
    """The translation file's text. ``fill`` (English -> translation) fills texts that
    ``existing`` lacks, flagged unreviewed."""
    out = [
        f"# {english_name(language)} ({own_name(language)}) for the script {script_id}.",
        "# Each entry: the English it was made from (source), whether a fluent speaker has",
        "# reviewed it, and the text. When the English changes, the entry is out of date",
        "# and residents see the English until source and text are both updated.",
        f"# Check: civicbot script check prompts/{script_id}.yaml",
        f"language: {language}",
        f"script: {script_id}",
    ]
    if note:
        out.extend(_block("note", note, ""))
    out.append("texts:")
    for key, source in english.items():
        entry = existing.get(key)
        if isinstance(entry, dict) and str(entry.get("text") or "").strip():
            old_source = str(entry.get("source") or "")
            reviewed = str(entry.get("reviewed", "false")).casefold() in ("true", "yes")
            text = str(entry["text"])
        else:
            old_source, reviewed, text = source, False, (fill or {}).get(source, "")
        out.append(f"  {key}:")
        out.extend(_block("source", old_source, "    "))
        out.append(f"    reviewed: {'true' if reviewed else 'false'}")
        out.extend(_block("text", text, "    "))
    return "\n".join(out) + "\n"

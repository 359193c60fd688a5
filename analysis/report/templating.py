"""The Jinja2 environment the report, the brief and the series report render with, and
how a figure reads in them.

Templates live in ``analysis/templates``; both environments use ``StrictUndefined`` so
a missing variable is an error, not a blank. HTML autoescapes everything; Markdown
escapes residents' words with the ``md`` filter. Kept apart from
:mod:`civicbot_analysis.report.render` so that the renderers of the brief and the
series report use it without importing the report's renderer (which offers the brief as
one of its formats).
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from civicbot_analysis.equity.inverse_care import PRINCIPLE_WORDS
from civicbot_analysis.suppress import Cell

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def md_escape(text: object) -> str:
    """Residents' words made inert in Markdown (no links, emphasis, HTML or table breaks)."""
    return " ".join(str(text).split()).translate(_MD_SPECIAL)


def cell_text(cell: Cell, k: int) -> str:
    """A figure for a reader: its value, or why it is hidden ("10 or fewer", or "hidden so
    that another small number cannot be worked out")."""
    return cell.render() if cell.shown else cell.why(k, short=True)


def cell_fn(k: int) -> Callable[[Cell], str]:
    """The templates' ``cell(...)``: :func:`cell_text` under the report's ``k``."""

    def cell(c: Cell) -> str:
        return cell_text(c, k)

    return cell


def environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("civicbot_analysis", "templates"),
        autoescape=select_autoescape(["html"], default=autoescape, default_for_string=autoescape),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["title_words"] = lambda s: str(s).replace("_", " ").replace("-", " ")
    env.filters["principle_words"] = lambda s: PRINCIPLE_WORDS.get(str(s), str(s))
    return env

"""Checks on a script's words: every text in every language, and its Jinja2.

Every text a resident can see (title, consent, section titles, step texts, option
labels, the finish) must exist in each of the script's ``languages``; a plain string
counts as the first language only. Texts are compiled with a sandboxed Jinja2
environment, as the engine renders them; they may use only ``answers`` and ``round``
(the round's settings: ``round.organiser``, ``round.contact``, ``round.retention_days``),
and ``answers.X`` must name a question asked earlier.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from jinja2 import TemplateSyntaxError, meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from civicbot.script.model import Script, Text
from civicbot.script.problems import Loc, Locator, ScriptProblem, no_lines

# The names a script's text may use; the engine passes these when it renders.
TEMPLATE_NAMES: frozenset[str] = frozenset({"answers", "round"})


@dataclass(frozen=True)
class _Site:
    """One piece of text, where it is, and which answers it may refer to."""

    text: Text
    loc: Loc
    step: str | None
    what: str
    earlier: frozenset[str]  # question steps asked before this text is shown


def _sites(script: Script) -> Iterator[_Site]:
    none: frozenset[str] = frozenset()
    yield _Site(script.title, ("title",), None, "the title", none)
    if script.consent.intro is not None:
        where_intro: Loc = ("consent", "intro")
        yield _Site(script.consent.intro, where_intro, None, "the consent intro", none)
    yield _Site(script.consent.text, ("consent", "text"), None, "the consent text", none)
    asked: set[str] = set()
    for s, section in enumerate(script.sections):
        if section.title is not None:
            where: Loc = ("sections", s, "title")
            what = f"the title of section {section.id!r}"
            yield _Site(section.title, where, None, what, frozenset(asked))
        for i, step in enumerate(section.steps):
            loc: Loc = ("sections", s, "steps", i)
            before = frozenset(asked)
            yield _Site(step.text, (*loc, "text"), step.id, "the text", before)
            for o, option in enumerate(step.options):
                what = f"the label of option {option.value!r}"
                yield _Site(option.label, (*loc, "options", o, "label"), step.id, what, before)
            for k, seed in enumerate(step.seed_statements):
                what = f"seed statement {k + 1}"
                yield _Site(seed, (*loc, "seed_statements", k), step.id, what, before)
            if step.is_question and step.type != "deliberation":
                asked.add(step.id)
    yield _Site(script.finish, ("finish",), None, "the finish text", frozenset(asked))


def _answer_refs(ast: nodes.Template) -> Iterator[str]:
    """Step ids named as ``answers.X`` or ``answers["X"]``."""
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getattr) and _is_answers(node.node):
            yield node.attr
        elif isinstance(node, nodes.Getitem) and _is_answers(node.node):
            key = node.arg
            if isinstance(key, nodes.Const) and isinstance(key.value, str):
                yield key.value


def _is_answers(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Name) and node.name == "answers"


class _Checker:
    def __init__(
        self, script: Script, file: str, locate: Locator, from_files: frozenset[str]
    ) -> None:
        self.from_files = from_files
        self.script = script
        self.file = file
        self.locate = locate
        self.env = SandboxedEnvironment()
        self.steps = {step.id: step for step in script.steps()}
        self.problems: list[ScriptProblem] = []

    def add(self, site: _Site, loc: Loc, message: str) -> None:
        self.problems.append(ScriptProblem(self.file, site.step, self.locate(loc), message))

    def languages(self, site: _Site) -> list[tuple[str, str, Loc]]:
        """Check the translations of one text; return (language, text, loc) to compile."""
        languages = [x for x in self.script.languages if x not in self.from_files]
        if isinstance(site.text, str):
            if len(languages) > 1:
                missing = ", ".join(languages[1:])
                message = (
                    f"{site.what} has no {missing} translation "
                    f"(a plain string counts as {languages[0]} only)"
                )
                self.add(site, site.loc, message)
            return [(languages[0], site.text, site.loc)]
        found: list[tuple[str, str, Loc]] = []
        for language in languages:
            if language not in site.text:
                self.add(site, site.loc, f"{site.what} has no {language!r} translation")
        for language, words in site.text.items():
            loc = (*site.loc, language)
            if language in self.from_files:
                continue
            if language not in self.script.languages:
                listed = ", ".join(languages)
                message = f"{site.what} has a {language!r} text, but languages are {listed}"
                self.add(site, loc, message)
            found.append((language, words, loc))
        return found

    def compile(self, site: _Site, language: str, words: str, loc: Loc) -> None:
        label = f"{site.what} ({language})"
        if not words.strip():
            self.add(site, loc, f"{label} is empty")
            return
        try:
            ast = self.env.parse(words)
            # Compiling finds what parsing cannot, such as a filter that does not exist.
            self.env.compile(ast)
        except TemplateSyntaxError as exc:
            self.add(site, loc, f"{label} has a template error: {exc.message}")
            return
        for name in sorted(meta.find_undeclared_variables(ast) - TEMPLATE_NAMES):
            message = f"{label} uses {name!r}; a text can only use 'answers' and 'round'"
            self.add(site, loc, message)
        for ref in _answer_refs(ast):
            if ref in site.earlier:
                continue
            target = self.steps.get(ref)
            if target is None:
                reason = "there is no such step"
            elif target.type == "message":
                reason = "that step is a message, not a question"
            else:
                reason = "that question is not asked before this point"
            self.add(site, loc, f"{label} refers to answers.{ref}, but {reason}")

    def run(self) -> list[ScriptProblem]:
        for site in _sites(self.script):
            for language, words, loc in self.languages(site):
                self.compile(site, language, words, loc)
        for language in self.script.ui:
            if language not in self.script.languages:
                message = f"'ui' has words for {language!r}, which is not in languages"
                self.problems.append(ScriptProblem(self.file, None, self.locate(("ui",)), message))
        return self.problems


def check_texts(
    script: Script,
    *,
    file: str = "<script>",
    locate: Locator = no_lines,
    from_files: set[str] | frozenset[str] = frozenset(),
) -> list[ScriptProblem]:
    """Missing or stray translations, empty texts, and Jinja2 errors in ``script``.
    Languages in ``from_files`` come from translation files: a text they lack falls back
    to the script's own language, and ``civicbot.script.translations`` checks them."""
    return _Checker(script, file, locate, frozenset(from_files)).run()

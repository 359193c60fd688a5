"""The one-page brief: what it keeps from the report, where "what happens next" comes from,
escaping, the PDF page counter, and ``civicbot report --format brief`` with and without a
PDF renderer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import escape

from civicbot.cli import main
from civicbot_analysis.csv_input import write_csv
from civicbot_analysis.report import build_report, render
from civicbot_analysis.report.brief import (
    MAX_FINDINGS,
    MAX_THEMES,
    MIN_THEMES,
    NEXT_ABSENT,
    NEXT_FROM_OPTION,
    NEXT_FROM_ROUND,
    QUOTE_CHARS,
    brief_view,
    trim,
)
from civicbot_analysis.report.model import Report
from civicbot_analysis.report.pdf import pdf_pages, pdf_renderer
from tests.analysis.report.brief_round import brief_round

HOSTILE_NEXT = '<img src="https://example.org/x.png"> We meet <script>alert(1)</script> in May.'


@pytest.fixture(scope="module")
def report() -> Report:
    data, pr = brief_round()
    return build_report(data, reference=pr.reference)


def test_keeps_the_strongest_themes_with_one_distinct_quote_each(report: Report) -> None:
    b = brief_view(report, None, None)
    assert MIN_THEMES <= len(b.themes) <= MAX_THEMES
    main_themes = [t for t in (report.across or report.theme_sets[0]).themes if t.share.shown]
    assert [t.label for t in b.themes] == [t.label for t in main_themes[: len(b.themes)]]
    quotes = [t.quote for t in b.themes]
    assert all(quotes) and len(set(quotes)) == len(quotes)
    assert all(len(q or "") <= QUOTE_CHARS + 1 for q in quotes)


def test_findings_are_the_ranked_summary_strongest_first(report: Report) -> None:
    b = brief_view(report, None, None)
    ranked = [f.sentence for f in report.findings]
    assert 1 <= len(b.findings) <= MAX_FINDINGS
    positions = [ranked.index(line) for line in b.findings]
    assert positions == sorted(positions)
    assert b.findings[0] == ranked[0]


def test_who_took_part_and_common_ground_come_from_published_cells(report: Report) -> None:
    b = brief_view(report, None, None)
    assert b.residents is report.residents
    assert b.took_part.startswith(f"{report.residents.render()} residents took part")
    assert b.groups and all(g.share.shown for g in b.groups)
    assert b.groups[0].under  # under-represented groups first
    assert b.common_ground and "Everyone agrees with this" in b.common_ground[0]


def test_what_happens_next_is_given_or_said_to_be_missing(report: Report) -> None:
    missing = brief_view(report, "  ", None)
    assert missing.next_steps == NEXT_ABSENT and missing.next_source == ""
    given = brief_view(report, "A public meeting on 3 May.", None)
    assert given.next_steps == "A public meeting on 3 May."
    assert given.next_source == NEXT_FROM_OPTION


def test_brief_html_is_escaped_and_self_contained(report: Report) -> None:
    html = render(report, "brief", next_steps=HOSTILE_NEXT)
    assert "<script>" not in html and '<img src="https' not in html
    assert "&lt;script&gt;" in html
    assert "default-src 'none'" in html  # the report's Content-Security-Policy
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "SIMULATED DATA" in html
    for heading in ("Who took part", "What residents said most", "Common ground",
                    "What happens next"):  # fmt: skip
        assert heading in html


def test_trim_cuts_at_a_word() -> None:
    assert trim("one two three four", 12) == "one two…"
    assert trim("  short   text ", 50) == "short text"


def test_pdf_page_counter() -> None:
    two = (
        b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n"
        b"2 0 obj << /Type /Page /Parent 1 0 R >> endobj\n"
        b"3 0 obj <</Type/Page/Parent 1 0 R>> endobj\n"
    )
    assert pdf_pages(two) == 2
    assert pdf_pages(b"%PDF-1.4\n") == 0


def _csv(tmp_path: Path) -> Path:
    data, _ = brief_round(200)
    src = tmp_path / "round.csv"
    src.write_text(write_csv(data), encoding="utf-8")
    return src


def test_cli_says_plainly_when_no_pdf_renderer_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("civicbot_analysis.report.pdf.shutil.which", lambda name: None)
    out = tmp_path / "brief.html"
    result = CliRunner().invoke(
        main,
        ["report", "--from-csv", str(_csv(tmp_path)), "--format", "brief", "--out", str(out),
         "--quiet"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "No PDF made: no PDF renderer (headless Chromium) is installed" in result.output
    assert "none was given: add --next TEXT" in result.output
    assert out.exists() and not out.with_suffix(".pdf").exists()
    assert "Not yet decided" in out.read_text(encoding="utf-8")


@pytest.mark.skipif(pdf_renderer() is None, reason="Chromium is not installed")
def test_cli_prints_the_brief_to_one_a4_page(tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    result = CliRunner().invoke(
        main,
        ["report", "--from-csv", str(_csv(tmp_path)), "--format", "brief", "--out", str(out),
         "--next", "The health committee discusses this on 14 January.", "--quiet"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    pdf = out.with_suffix(".pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf_pages(pdf) == 1
    assert "(1 page)" in result.output
    assert "The health committee discusses this on 14 January." in out.read_text(encoding="utf-8")


def test_cli_takes_what_happens_next_from_the_rounds_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from civicbot.demo.run import run_demo
    from civicbot.store.dbfile import opened

    demo = asyncio.run(run_demo(tmp_path / "demo", residents=40, seed=3, formats=(), env={}))
    words = "We take this to the <b>board</b> on 2 June."

    async def save() -> None:
        async with opened(demo.database, secret=None) as store:
            draft = await store.draft_results(demo.round_id, "What we heard", "facilitator")
            assert await store.set_next_steps(draft.id, words)

    asyncio.run(save())
    monkeypatch.setattr("civicbot_analysis.report.pdf.pdf_renderer", lambda: None)  # quicker
    out = tmp_path / "brief.html"
    args = ["report", str(demo.round_id), "--db", str(demo.database), "--format", "brief",
            "--out", str(out), "--quiet"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "We take this to the &lt;b&gt;board&lt;/b&gt; on 2 June." in html
    assert str(escape(NEXT_FROM_ROUND)) in html
    assert "none was given" not in result.output
    # --next wins over the round's words.
    result = CliRunner().invoke(main, [*args, "--next", "A public meeting in July."])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "A public meeting in July." in html and "board" not in html


def test_a_votes_only_round_says_it_had_no_written_answers() -> None:
    from tests.analysis.opinions.factories import camps

    report = build_report(camps(30, 30))
    b = brief_view(report, None, None)
    assert not b.written and b.deliberation and b.themes == ()
    html = render(report, "brief")
    assert "This round had no written answers (residents voted on statements instead)" in html

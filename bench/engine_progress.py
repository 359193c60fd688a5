"""How long the dialogue engine takes per answer as a script grows, and how much of it is
the "Question n of total" count (``civicbot.engine.flow.progress``).

A generated script of N questions: free-text questions, with a yes/no gate every tenth
question that skips the three after it on "no" (and assumes "yes" until answered, so the
count looks ahead through every gate). One resident answers every question ("no" at
every other gate) through the real ``handle``; each answer and, separately, each
progress count is timed. Pure Python, no database: this measures the engine alone.

    nice -n 10 .venv/bin/python bench/engine_progress.py --questions 50,150,300

To compare with another version of the engine, run the same file against that tree:
``PYTHONPATH=/path/to/other/tree .venv/bin/python bench/engine_progress.py``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from civicbot.engine import Press, SessionState, Text, flow, handle
from civicbot.script.model import Script

GATE_EVERY = 10
GATED = 3


def build_script(questions: int) -> Script:
    steps: list[dict[str, Any]] = []
    for n in range(1, questions + 1):
        if n % GATE_EVERY == 1 and n + GATED < questions:
            skip_to = f"q{n + GATED + 1}"
            steps.append(
                {
                    "id": f"q{n}",
                    "type": "yes_no",
                    "text": f"Question {n}: go on?",
                    "assume": "yes",
                    "next": [{"if": {"step": f"q{n}", "equals": "no"}, "goto": skip_to}],
                }
            )
        else:
            steps.append({"id": f"q{n}", "type": "free_text", "text": f"Question {n}?"})
    return Script.model_validate(
        {
            "id": "bench",
            "version": 1,
            "title": "Bench",
            "ask_language": False,
            "consent": {"version": 1, "text": "OK?"},
            "finish": "Thanks.",
            "sections": [{"id": "main", "steps": steps}],
        }
    )


def run(questions: int) -> dict[str, float]:
    script = build_script(questions)
    state = SessionState(status="active", step_id="q1")
    per_answer: list[float] = []
    per_count: list[float] = []
    gates = 0
    while state.status == "active":
        step = flow.find_step(script, state.step_id)
        assert step is not None
        started = time.perf_counter()
        flow.progress(script, state)
        per_count.append(time.perf_counter() - started)
        index = flow.step_index(script, step.id)
        assert index is not None
        if step.type == "yes_no":
            gates += 1
            inp: Press | Text = Press(flow.option_token(index, gates % 2))  # yes, no, yes...
        else:
            inp = Text("an answer")
        started = time.perf_counter()
        state = handle(script, state, inp).state
        per_answer.append(time.perf_counter() - started)
    return {
        "answers": len(per_answer),
        "answer_ms": statistics.mean(per_answer) * 1000,
        "answer_max_ms": max(per_answer) * 1000,
        "progress_ms": statistics.mean(per_count) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", default="50,150,300", help="script sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="runs per size (median shown)")
    args = parser.parse_args()
    print("| questions | answers given | per answer (ms) | slowest (ms) | progress count (ms) |")
    print("|---|---|---|---|---|")
    for size in (int(s) for s in args.questions.split(",")):
        runs = [run(size) for _ in range(args.repeat)]
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(
            f"| {size} | {med['answers']:.0f} | {med['answer_ms']:.3f} | "
            f"{med['answer_max_ms']:.3f} | {med['progress_ms']:.3f} |"
        )


if __name__ == "__main__":
    main()

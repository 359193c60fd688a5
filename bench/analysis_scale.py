"""How the full report scales: wall time and peak memory for 10k, 100k and 1M answers.

Each size runs in its own process (so peak memory, ``ru_maxrss``, is that size's alone):
a synthetic round is generated (free text built from phrases about services, scale and
choice answers, demographics), then ``build_report`` and ``render`` (HTML) run on it.

    python bench/analysis_scale.py --sizes 10000,100000,1000000

Targets: 100k answers under 60 s; 1M under 10 minutes within 4 GB on two cores.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta

from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData

SUBJECTS = (
    "the gp surgery", "the council", "the bus service", "the hospital", "social care",
    "the housing office", "the school", "the job centre", "the library", "mental health services",
    "the community centre", "the pharmacy", "the youth club", "the food bank", "the police",
)  # fmt: skip
VERBS = (
    "never rang me back", "listened to what I needed", "made me repeat my story",
    "treated me as a person", "helped before things got worse", "was hard to reach",
    "cut the service", "knew my name", "sent me somewhere else", "was kind and patient",
    "ignored my disability", "did not talk to the other services", "made me feel welcome",
)  # fmt: skip
ENDINGS = (
    "", " and it made a real difference.", " so I gave up.", " which left me feeling alone.",
    " and I felt respected.", " but the waiting was too long.", " and my family noticed.",
)  # fmt: skip
OPENERS = ("", "Honestly ", "To be fair ", "Last year ", "When my mum was ill ", "Sadly ")
SCALE = (("1", "Never"), ("2", "Rarely"), ("3", "Sometimes"), ("4", "Often"), ("5", "Always"))
DEMOGRAPHICS = {
    "area": ["north", "south", "east", "west", "centre"],
    "age_band": ["16-24", "25-34", "35-49", "50-64", "65-74", "75+", "prefer_not"],
    "sex": ["female", "male", "prefer_not"],
    "disability": ["no", "yes_limited_little", "yes_limited_lot", "prefer_not"],
    "caring": ["no", "yes", "prefer_not"],
}
# Per resident: 3 free-text, 4 scale, 2 single-choice and about 1.5 multi-choice answers.
ANSWERS_PER_RESIDENT = 10


def synthetic_round(n_answers: int, seed: int = 0) -> RoundData:
    rng = random.Random(seed)
    questions = [
        Question("story", "free_text", "Tell us about a time a service helped or failed you",
                 ("care", "relational")),
        Question("values", "free_text", "What makes a community feel like home?", ("belonging",)),
        Question("change", "free_text", "What one thing should services change?", ("adaptive",)),
        *(Question(f"scale{i}", "scale", f"Were you {w}?", (p,), SCALE)
          for i, (w, p) in enumerate([("treated as a person", "relational"),
                                      ("helped early", "preventative"),
                                      ("asked what is strong in your life", "strengths-based"),
                                      ("passed between services", "joined-up")])),
        Question("trust", "single_choice", "Do you trust local services?", ("respect",),
                 (("yes", "Yes"), ("partly", "Partly"), ("no", "No"))),
        Question("online", "yes_no", "Do you use services online?", (), (("yes", "Yes"),
                                                                         ("no", "No"))),
        Question("used", "multi_choice", "Which services did you use?", (),
                 tuple((s.split()[-1], s) for s in SUBJECTS[:6])),
    ]  # fmt: skip
    n_res = max(1, n_answers // ANSWERS_PER_RESIDENT)
    start = datetime(2025, 5, 1)
    residents: list[Resident] = []
    answers: list[Answer] = []
    for i in range(n_res):
        rid = f"p{i:07d}"
        demo = {f: rng.choice(v) for f, v in DEMOGRAPHICS.items() if rng.random() < 0.9}
        residents.append(Resident(rid, start, start, "link", demo))
        at = start + timedelta(seconds=i * 7)
        for q in ("story", "values", "change"):
            text = rng.choice(OPENERS) + rng.choice(SUBJECTS) + " " + rng.choice(VERBS)
            answers.append(Answer(rid, q, text + rng.choice(ENDINGS), at))
        for j in range(4):
            answers.append(Answer(rid, f"scale{j}", rng.choice(SCALE)[0], at))
        answers.append(Answer(rid, "trust", rng.choice(["yes", "partly", "no"]), at))
        answers.append(Answer(rid, "online", rng.choice(["yes", "no"]), at))
        for value in rng.sample([s.split()[-1] for s in SUBJECTS[:6]], rng.choice([1, 1, 2])):
            answers.append(Answer(rid, "used", value, at))
    return RoundData("bench", "Scale benchmark", tuple(questions), tuple(residents),
                     tuple(answers), simulated=True)  # fmt: skip


def run_one(n: int) -> dict[str, float]:
    from civicbot_analysis.report import build_report, render

    t0 = time.perf_counter()
    data = synthetic_round(n)
    t1 = time.perf_counter()
    report = build_report(data)
    t2 = time.perf_counter()
    html = render(report, "html")
    t3 = time.perf_counter()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "answers": len(data.answers),
        "generate_s": t1 - t0,
        "build_s": t2 - t1,
        "render_s": t3 - t2,
        "total_s": t3 - t1,
        "peak_mib": peak_kib / 1024,
        "html_kib": len(html.encode()) / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process mode
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    print(
        f"{'answers':>9} {'report s':>9} {'render s':>9} {'peak MiB':>9} {'x time':>7} {'x mem':>6}"
    )
    previous: dict[str, float] | None = None
    for n in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        grow_t = r["total_s"] / previous["total_s"] if previous else float("nan")
        grow_m = r["peak_mib"] / previous["peak_mib"] if previous else float("nan")
        print(
            f"{r['answers']:>9,} {r['build_s']:>9.1f} {r['render_s']:>9.2f} {r['peak_mib']:>9.0f}"
            f" {grow_t:>7.1f} {grow_m:>6.1f}",
            flush=True,
        )
        previous = r
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

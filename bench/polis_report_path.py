"""Check: the opinion groups ``civicbot report --from-polis`` shows are the bench's ``default``.

    OPENBLAS_NUM_THREADS=1 nice -n 10 python bench/polis_report_path.py FOLDER...

For each Pol.is export folder, prints the ARI with Pol.is's own groups of ``default`` and
``report path`` (``bench/polis_variants.py``), and of the groups the report drew before
5 Dec 2026 (the export read without its rejected comments), whether ``report path`` and
``default`` give the same group to every resident, then the median and minimum of each.
Score development folders only (``bench/polis_community_split.txt``).
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import polis_variants as pv
from polis_agreement import agreement

from civicbot_analysis.opinions import opinion_groups
from civicbot_analysis.polis import META_PATTERN, export_math, meta_statements, read_polis


def without_rejected(folder: Path) -> pv.Groups:
    """The report's groups before 5 Dec 2026."""
    data = read_polis(folder)
    meta = meta_statements(data)
    math = export_math(folder, data, meta)
    return opinion_groups(data, meta=meta, math=math, stability_orders=0).groups


def main(folders: list[str]) -> int:
    scores: dict[str, list[float]] = {"default": [], "report path": [], "before": []}
    same = 0
    for name in folders:
        conv = pv.load(Path(name), META_PATTERN)
        default = pv.ours(conv, conv.default_math)
        report = pv.report_path(conv)
        got = {"default": default, "report path": report, "before": without_rejected(conv.folder)}
        for key, groups in got.items():
            scores[key].append(agreement(groups, conv.theirs))
        same += default == report
        cells = "  ".join(f"{k} {v[-1]:.3f}" for k, v in scores.items())
        print(f"{conv.name[:30]:<30} {cells}  same groups {default == report}", flush=True)
    for key, vals in scores.items():
        if vals:
            print(f"{key:<12} median {statistics.median(vals):.3f}  min {min(vals):.3f}")
    print(f"report path = default, resident by resident, on {same}/{len(folders)}")
    return 0 if same == len(folders) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""How many statement lines the opinion groups section shows, per Pol.is conversation.

``OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python -m bench.group_lines
../shared/data/polis/*/`` builds each conversation's opinion groups as ``civicbot report
--from-polis`` does (without the stability reruns, which do not change the lines) and
prints, per conversation, the lines shown for each group, agree and disagree apart, and
the groups hidden; then the totals. Secondary suppression (a group's share hidden so
that everyone's less the shown groups' gives no small count away,
:mod:`civicbot_analysis.opinions.shares_across`) is what moves these numbers.
"""

from __future__ import annotations

import sys
from pathlib import Path

from civicbot_analysis.opinions import opinion_groups
from civicbot_analysis.opinions.view import opinions_view
from civicbot_analysis.polis import export_math, meta_statements, read_polis


def main(folders: list[str]) -> None:
    total = {"agree": 0, "disagree": 0}
    for folder in folders:
        data = read_polis(folder)
        meta = meta_statements(data)
        math = export_math(folder, data)
        result = opinion_groups(data, seed=0, meta=meta, math=math, stability_orders=0)
        view = opinions_view(result, data, later_recompute=math.later_recompute)
        per = []
        for g in view.groups:
            counts = {d: sum(s.direction == d for s in g.statements) for d in total}
            for d, n in counts.items():
                total[d] += n
            size = g.size.render() if g.size.shown else "hidden"
            per.append(
                f"{g.letter} ({size}): {counts['agree']} agree, {counts['disagree']} disagree"
            )
        print(f"{Path(folder).name}: " + "; ".join(per))
    print(f"total: {total['agree']} agree lines, {total['disagree']} disagree lines")


if __name__ == "__main__":
    main(sys.argv[1:])

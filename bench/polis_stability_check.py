"""Does the report's stability share say when our groups match Pol.is's? Read from printouts.

    python bench/polis_stability_check.py bench/results/polis_community_heldout_24baa11.txt ...

For each printout of ``bench/polis_agreement.py``, the Spearman correlation between a
conversation's agreement with Pol.is (ARI) and the share of its grouped residents whose group
is stable across restarts and cadences (the figure the report prints), and the median ARI of
the conversations the report would call firm (at least half stable) and not firm.
"""

from __future__ import annotations

import re
import statistics
import sys
from pathlib import Path

from scipy.stats import spearmanr

ROW = re.compile(r"^(\S+)\s+\d+\s+\d+\s+(-?[\d.]+)\s+\d+\s+\d+%\s+\d+%\s+(\d+)%")


def rows(path: Path) -> list[tuple[str, float, int]]:
    """(conversation, ARI, stable share in %) for each row of the printout's main table."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if m:
            out.append((m.group(1), float(m.group(2)), int(m.group(3))))
    return out


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    for name in argv:
        table = rows(Path(name))
        if len(table) < 3:
            print(f"{name}: fewer than 3 rows read", file=sys.stderr)
            return 1
        rho = spearmanr([r[1] for r in table], [r[2] for r in table]).statistic
        firm = [r[1] for r in table if r[2] >= 50]
        loose = [r[1] for r in table if r[2] < 50]
        print(f"{Path(name).name}: {len(table)} conversations, Spearman(ARI, stable) {rho:.2f}")
        for label, part in (("at least half stable", firm), ("under half stable", loose)):
            if part:
                print(f"  {label}: {len(part)}, ARI median {statistics.median(part):.3f}, "
                      f"min {min(part):.3f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

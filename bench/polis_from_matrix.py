"""Rebuild ``votes.csv`` for a Pol.is export that ships without one, from its final vote matrix.

    python bench/polis_from_matrix.py OPENDATA_CHECKOUT FOLDER OUT_DIR

Some exports in Pol.is's open data (github.com/compdemocracy/openData) lack ``votes.csv``
(``american-assembly.bowling-green``, ``austria-climate.2vkxcncppn.2022-07-07``,
``austria-climate.7z7ejpbmv5.2022-08-08`` at commit ``0bc2ce0``: their blobs are not stored).
Their ``participants-votes.csv`` still holds every participant's final vote on every comment,
with the same signs as ``votes.csv`` (checked on brexit-consensus: 5,303 of 5,303 votes agree).
This writes OUT_DIR with comments.csv, participants-votes.csv and summary.csv copied and a
``votes.csv`` holding one row per vote in the matrix's own order, every vote stamped at the
last comment's time (the export records no vote time). ``bench/polis_agreement.py`` then scores
such a folder like any other: these three were the lead's held-out test on 5 December 2026
(``bench/results/polis_heldout3_*.txt``), never given to the engineer choosing the method.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

FILES = ("comments.csv", "participants-votes.csv", "summary.csv")


def blob(checkout: str, folder: str, name: str) -> str:
    """One file of ``folder`` at the checkout's HEAD (a bare mirror has no work tree)."""
    cmd = ["git", "-C", checkout, "cat-file", "-p", f"HEAD:{folder}/{name}"]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def rebuild(checkout: str, folder: str, out: Path) -> int:
    """Write ``out`` (see the module docstring); return how many votes it holds."""
    out.mkdir(parents=True, exist_ok=True)
    texts = {name: blob(checkout, folder, name) for name in FILES}
    for name, text in texts.items():
        (out / name).write_text(text)
    last = max(int(c["timestamp"]) for c in csv.DictReader(io.StringIO(texts["comments.csv"])))
    rows = list(csv.reader(io.StringIO(texts["participants-votes.csv"])))
    head = rows[0]
    first = head.index("n-disagree") + 1
    count = 0
    with open(out / "votes.csv", "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
        for row in rows[1:]:
            for comment, vote in zip(head[first:], row[first:], strict=False):
                if vote != "":
                    writer.writerow([last, "", comment, row[0], vote])
                    count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    checkout, folder, out = args
    print(folder, rebuild(checkout, folder, Path(out)), "votes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The input of a series report: several rounds, in the order the series ran them.

Plain data, like :class:`~civicbot_analysis.rounddata.RoundData`: the store builds it
(``Store.series_data``), and a test can build it by hand. Residents are pseudonyms, and
the same person has the same pseudonym in every round (it is a keyed hash of their chat
id), which is how the series report counts people who took part more than once without
identifying anyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from civicbot_analysis.rounddata import RoundData


@dataclass(frozen=True)
class SeriesData:
    name: str
    rounds: tuple[RoundData, ...]

    @property
    def simulated(self) -> bool:
        return any(r.simulated for r in self.rounds)

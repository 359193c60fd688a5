"""Opinion groups where residents voted on each other's statements, following Pol.is:
vote matrix, PCA, k-means with k chosen by silhouette, representative statements, common
ground, divisive statements, an equity lens over demographic groups, and the opinion map."""

from civicbot_analysis.opinions.result import (
    POLIS_2017,
    POLIS_CURRENT,
    OpinionResult,
    PolisMath,
    opinion_groups,
)

__all__ = ["POLIS_2017", "POLIS_CURRENT", "OpinionResult", "PolisMath", "opinion_groups"]

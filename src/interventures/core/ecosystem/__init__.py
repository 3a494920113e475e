"""The support ecosystem of a region (pure Python, no Django): network measures of the ties between
organisations, coverage of the capacity model by services against the SMEs' measured need, the
ranked gaps, and the list of improvements. See docs/methods/ecosystem.md."""

from .coverage import CoverageCell, Gap, NeedCell, NeedFigure, ServiceSpan, coverage, rank_gaps, wilson
from .improvements import Finding, ServiceFacts, find_improvements
from .need import WeightedNeed, respondent_need, weighted_need
from .network import Edge, NetworkMeasures, NodeMeasures, measure

__all__ = [
    "CoverageCell",
    "Edge",
    "Finding",
    "Gap",
    "NeedCell",
    "NeedFigure",
    "NetworkMeasures",
    "NodeMeasures",
    "ServiceFacts",
    "ServiceSpan",
    "WeightedNeed",
    "coverage",
    "find_improvements",
    "measure",
    "rank_gaps",
    "respondent_need",
    "weighted_need",
    "wilson",
]

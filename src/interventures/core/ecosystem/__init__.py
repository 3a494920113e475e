"""The support ecosystem of a region (pure Python, no Django): network measures of the ties between
organisations, coverage of the capacity model by services against the SMEs' measured need, the
ranked gaps, and the list of improvements. See docs/methods/ecosystem.md."""

from .coverage import CoverageCell, Gap, NeedCell, NeedFigure, ServiceSpan, coverage, rank_gaps, wilson
from .improvements import Finding, ServiceFacts, find_improvements, language_source
from .languages import LanguageShare, SurveyLanguages, respondent_languages
from .need import WeightedNeed, respondent_need, weighted_need
from .network import Edge, NetworkMeasures, NodeMeasures, measure

__all__ = [
    "CoverageCell",
    "Edge",
    "Finding",
    "Gap",
    "LanguageShare",
    "NeedCell",
    "NeedFigure",
    "NetworkMeasures",
    "NodeMeasures",
    "ServiceFacts",
    "ServiceSpan",
    "SurveyLanguages",
    "WeightedNeed",
    "coverage",
    "find_improvements",
    "language_source",
    "measure",
    "rank_gaps",
    "respondent_languages",
    "respondent_need",
    "weighted_need",
    "wilson",
]

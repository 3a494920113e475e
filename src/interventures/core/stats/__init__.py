"""Survey statistics for the situation analysis: raking, estimation with linearised standard
errors, domain comparisons, capacity indices and reliability, disclosure control.

Pure numpy; never imports Django. Formulas and references: docs/methods/."""

from .coding import Factor
from .comparison import DomainComparison, DomainDifference
from .disclosure import (
    DEFAULT_MIN_CELL,
    DISCLOSURE_RULE,
    Suppression,
    complementary,
    disclosure_of,
    is_disclosive,
    suppress,
    suppress_distribution,
    suppress_estimate,
)
from .errors import MarginError, MarginProblem, StatsError
from .estimation import Estimate, EstimateKind, Estimates, Estimator, ProportionInterval, logit_interval
from .multiple import Correction, adjust
from .raking import Margin, RakedDesign, Raker, RakingDiagnostics, WeightBounds
from .reliability import DimensionScores, ItemSpec, Reliability, cronbach_alpha, dimension_scores

__all__ = [
    "DEFAULT_MIN_CELL",
    "DISCLOSURE_RULE",
    "Correction",
    "DimensionScores",
    "DomainComparison",
    "DomainDifference",
    "Estimate",
    "EstimateKind",
    "Estimates",
    "Estimator",
    "Factor",
    "ItemSpec",
    "Margin",
    "MarginError",
    "MarginProblem",
    "ProportionInterval",
    "RakedDesign",
    "Raker",
    "RakingDiagnostics",
    "Reliability",
    "StatsError",
    "Suppression",
    "WeightBounds",
    "adjust",
    "complementary",
    "cronbach_alpha",
    "dimension_scores",
    "disclosure_of",
    "is_disclosive",
    "logit_interval",
    "suppress",
    "suppress_distribution",
    "suppress_estimate",
]

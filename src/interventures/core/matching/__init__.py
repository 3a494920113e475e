"""Cross-border partner search: hard rules, an explained score, top-k suggestions (pure Python)."""

from .engine import PARTS, MatchIndex, Options, Suggestion, Weights
from .profiles import (
    COMPATIBLE,
    Borders,
    Cooperation,
    MatchProfile,
    OfferKind,
    admissible,
    cooperation_compatible,
)
from .taxonomy import NaceItem, Taxonomy, TaxonomyError, stems

__all__ = [
    "COMPATIBLE",
    "PARTS",
    "Borders",
    "Cooperation",
    "MatchIndex",
    "MatchProfile",
    "NaceItem",
    "OfferKind",
    "Options",
    "Suggestion",
    "Taxonomy",
    "TaxonomyError",
    "Weights",
    "admissible",
    "cooperation_compatible",
    "stems",
]

"""The partner-search engine: profiles become vectors, a score is one inner product, top-k by blocks.

Every part of the score is an inner product of two per-profile vectors, so the whole score is
`q(a) · k(b)` for a query vector q and a key vector k (see docs/matching.md):

    complementarity = ½ (offers(a)·seeks(b) + seeks(a)·offers(b))
    relatedness     = ½ hierarchy(a)·hierarchy(b) + ½ text(a)·text(b)
    languages       = shared / √(|L(a)| |L(b)|)                 (Ochiai)
    stages          = 1 − |rank(a) − rank(b)| / (ladder − 1)    (½ when a stage is unknown)
    distance        = proximity of the two regions to the border (NUTS 3 border typology)

and the score is the weighted sum. The score is symmetric, and so are the hard rules, so a block of
two countries is computed once and read both ways. `exact=True` computes every admissible pair of a
block with one matrix product; the candidate path (for measuring, `Options`) scores only the pairs
of an inverted index on the leading activities offered and sought. The score of a suggestion is
computed from its parts (`suggestions`), the same whichever path found the pair."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .profiles import Borders, MatchProfile, OfferKind, admissible, families
from .taxonomy import HASH_BUCKETS, Taxonomy

# Languages a team may work in: the EU's official languages and those of its neighbours.
LANGUAGES = (
    "bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv "
    "no is sr bs mk sq uk ru be tr lb ca eu gl"
).split()
LANG_INDEX = {code: n for n, code in enumerate(LANGUAGES)}
KINDS = tuple(OfferKind)
PARTS = ("complementarity", "relatedness", "languages", "stages", "distance")


@dataclass(frozen=True)
class Weights:
    """The weight of each part (docs/matching.md gives the reasons); they sum to 1."""

    complementarity: float = 0.40
    relatedness: float = 0.25
    languages: float = 0.15
    stages: float = 0.10
    distance: float = 0.10

    def as_dict(self) -> dict[str, float]:
        return {p: float(getattr(self, p)) for p in PARTS}


@dataclass(frozen=True)
class Suggestion:
    partner_id: str
    score: float
    parts: dict[str, float]  # each part in [0, 1], before weighting


@dataclass(frozen=True)
class Options:
    """Settings of the fast path (`MatchIndex.compute()`; `compute(exact=True)` ignores them).

    A direction (one country's queries against the candidates of a country it targets) with fewer
    pairs than `exact_below` is scored in full. A larger one is cut into batches of similar queries
    (`min_batch` to `batch` of them); each batch's `candidates` best partners by its mean score
    (in `rank` main directions of the key vectors) are rescored exactly, member by member
    (docs/matching.md; recall and speed in docs/benchmarks.md). A direction of more than
    `grow_above` candidates rescores more of them: `candidates` × √(its candidates / `grow_above`),
    at most `max_candidates` (a batch's best 128 are a smaller share of a larger direction)."""

    exact_below: int = 2_000_000
    batch: int = 32
    min_batch: int = 8
    candidates: int = 128
    rank: int = 256
    grow_above: int = 10_000
    max_candidates: int = 384

    def width(self, m: int) -> int:
        """How many of a direction's `m` candidates each batch rescores exactly."""
        grown = int(self.candidates * max(1.0, (m / max(1, self.grow_above)) ** 0.5))
        return min(m, max(self.candidates, min(self.max_candidates, grown)))


@dataclass
class _Segments:
    offers: slice
    seeks: slice
    hierarchy: slice
    text: slice
    languages: slice
    stage: slice
    border: slice
    width: int


def _segments(n_concept: int, n_hier: int, n_stage: int) -> _Segments:
    widths = [
        ("offers", n_concept + len(KINDS)),
        ("seeks", n_concept + len(KINDS)),
        ("hierarchy", n_hier),
        ("text", n_concept + HASH_BUCKETS),
        ("languages", len(LANGUAGES)),
        ("stage", n_stage),
        ("border", 3),
    ]
    out: dict[str, slice] = {}
    start = 0
    for name, w in widths:
        out[name] = slice(start, start + w)
        start += w
    return _Segments(width=start, **out)


# Proximity by border typology: index 0 border region, 1 not at a border, 2 unknown.
PROXIMITY = np.array([[1.0, 0.5, 0.75], [0.5, 0.2, 0.35], [0.75, 0.35, 0.5]], dtype=np.float32)


class MatchIndex:
    """Profiles, their vectors and their top-k suggestions, kept up to date as profiles change."""

    def __init__(
        self,
        *,
        taxonomy: Taxonomy,
        borders: Borders,
        stages: Sequence[str] = ("domestic", "exploring", "occasional", "structured", "clustering"),
        weights: Weights | None = None,
        k: int = 10,
        options: Options | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.borders = borders
        self.stages = tuple(stages)
        self.weights = weights or Weights()
        self.k = k
        self.options = options or Options()
        n = len(self.stages)
        self.seg = _segments(len(taxonomy.concept_index), len(taxonomy.hierarchy_index), n + 1)
        stage_m = np.full((n + 1, n + 1), 0.5, dtype=np.float32)
        for i in range(n):
            for j in range(n):
                stage_m[i, j] = 1.0 - abs(i - j) / max(1, n - 1)
        self._stage_m = stage_m
        self.profiles: list[MatchProfile] = []
        self.row: dict[str, int] = {}
        self.keys = np.zeros((0, self.seg.width), dtype=np.float32)
        self.owner = np.zeros(0, dtype=np.int64)
        self.country_idx = np.zeros(0, dtype=np.int64)
        self.target_bits = np.zeros(0, dtype=np.int64)
        self.family_bits = np.zeros(0, dtype=np.int64)
        self._countries: dict[str, int] = {}
        self._owners: dict[str, int] = {}
        self.active = np.zeros(0, dtype=bool)
        self._targets: list[frozenset[str]] = []
        self.best_ids = np.zeros((0, k), dtype=np.int64)
        self.best_scores = np.zeros((0, k), dtype=np.float32)
        self.pairs_scored = 0
        # the fast path's main directions of the key vectors, and the keys in them (`_fit_basis`)
        self._basis = np.zeros((self.seg.width, 0), dtype=np.float32)
        self._low = np.zeros((0, 0), dtype=np.float32)
        self._sig = np.zeros((0, 5), dtype=np.int64)

    # -- vectors -----------------------------------------------------------------------------------
    def key_vector(self, p: MatchProfile) -> np.ndarray:
        vec: np.ndarray = self.key_vectors([p])[0]
        return vec

    def key_vectors(self, profiles: Sequence[MatchProfile]) -> np.ndarray:
        """The key vectors of many profiles, built a segment at a time for all of them."""
        t, seg = self.taxonomy, self.seg
        n = len(profiles)
        vec = np.zeros((n, seg.width), dtype=np.float32)
        offers_c, offers_h = t.stem_matrix([p.offers for p in profiles])
        seeks_c, seeks_h = t.stem_matrix([p.seeks for p in profiles])
        codes = sorted({c for p in profiles for c in (*p.nace, *p.offer_nace, *p.seek_nace)})
        at = {c: i for i, c in enumerate(codes)}
        concept = np.array([t.concept_codes([c]) for c in codes], dtype=np.float32).reshape(
            len(codes), len(t.concept_index)
        )
        hier = np.array([_raw_hierarchy(t, c) for c in codes], dtype=np.float32).reshape(
            len(codes), len(t.hierarchy_index)
        )

        def per_profile(
            items: Sequence[Iterable[object]], width: int, index: dict[object, int]
        ) -> sparse.csr_matrix:
            """Profiles × items incidence (a repeated item counts twice, as in a sum)."""
            r = [i for i, its in enumerate(items) for _ in its]
            c = [index[x] for its in items for x in its]
            return sparse.csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=(n, width))

        nace = per_profile([p.nace for p in profiles], len(codes), at)  # type: ignore[arg-type]
        kinds_at: dict[object, int] = {k: i for i, k in enumerate(KINDS)}
        kinds_o = np.minimum(
            per_profile([p.offer_kinds for p in profiles], len(KINDS), kinds_at).toarray(), 1
        )
        kinds_s = np.minimum(per_profile([p.seek_kinds for p in profiles], len(KINDS), kinds_at).toarray(), 1)
        own = np.asarray(nace @ concept)
        off = np.asarray(per_profile([p.offer_nace for p in profiles], len(codes), at) @ concept)  # type: ignore[arg-type]
        see = np.asarray(per_profile([p.seek_nace for p in profiles], len(codes), at) @ concept)  # type: ignore[arg-type]
        offers = _rows_unit(offers_c + off + 0.5 * own)
        seeks = _rows_unit(seeks_c + see)
        vec[:, seg.offers] = _rows_unit(np.hstack([offers, 0.4 * kinds_o]))
        vec[:, seg.seeks] = _rows_unit(np.hstack([seeks, 0.4 * kinds_s]))
        vec[:, seg.hierarchy] = _rows_unit(np.asarray(nace @ hier))
        vec[:, seg.text] = _rows_unit(
            np.hstack([0.8 * _rows_unit(offers_c + seeks_c), 0.6 * _rows_unit(offers_h + seeks_h)])
        )
        langs = [sorted({LANG_INDEX[x] for x in p.languages if x in LANG_INDEX}) for p in profiles]
        lr = np.array([i for i, ls in enumerate(langs) for _ in ls], dtype=np.int64)
        lc = np.array([x for ls in langs for x in ls], dtype=np.int64)
        sizes = np.array([len(ls) for ls in langs], dtype=np.float32)
        vec[lr, seg.languages.start + lc] = 1.0 / np.sqrt(sizes[lr])
        stage_at = {stage: i for i, stage in enumerate(self.stages)}
        ranks = np.array([stage_at.get(p.stage, len(self.stages)) for p in profiles], dtype=np.int64)
        vec[np.arange(n), seg.stage.start + ranks] = 1.0
        borders = np.array([2 if p.at_border is None else (0 if p.at_border else 1) for p in profiles])
        vec[np.arange(n), seg.border.start + borders.astype(np.int64)] = 1.0
        return vec

    def queries(self, keys: np.ndarray) -> np.ndarray:
        """Query vectors of key vectors: q(a)·k(b) is the weighted score."""
        w, seg = self.weights, self.seg
        q = np.empty_like(keys)
        q[:, seg.offers] = keys[:, seg.seeks] * (w.complementarity / 2)
        q[:, seg.seeks] = keys[:, seg.offers] * (w.complementarity / 2)
        q[:, seg.hierarchy] = keys[:, seg.hierarchy] * (w.relatedness / 2)
        q[:, seg.text] = keys[:, seg.text] * (w.relatedness / 2)
        q[:, seg.languages] = keys[:, seg.languages] * w.languages
        q[:, seg.stage] = keys[:, seg.stage] @ self._stage_m * w.stages
        q[:, seg.border] = keys[:, seg.border] @ PROXIMITY * w.distance
        return q

    def parts(self, a: str, b: str) -> dict[str, float]:
        """The score of a pair part by part, each in [0, 1] before weighting."""
        ka, kb = self.keys[self.row[a]], self.keys[self.row[b]]
        seg = self.seg

        def dot(s: slice) -> float:
            return float(ka[s] @ kb[s])

        comp = 0.5 * (float(ka[seg.offers] @ kb[seg.seeks]) + float(ka[seg.seeks] @ kb[seg.offers]))
        return {
            "complementarity": _clip(comp),
            "relatedness": _clip(0.5 * dot(seg.hierarchy) + 0.5 * dot(seg.text)),
            "languages": _clip(dot(seg.languages)),
            "stages": _clip(float(ka[seg.stage] @ self._stage_m @ kb[seg.stage])),
            "distance": _clip(float(ka[seg.border] @ PROXIMITY @ kb[seg.border])),
        }

    def score(self, a: str, b: str) -> float:
        parts = self.parts(a, b)
        return sum(self.weights.as_dict()[p] * v for p, v in parts.items())

    # -- loading -----------------------------------------------------------------------------------
    def _owner_id(self, p: MatchProfile) -> int:
        return self._owners.setdefault(p.owner, len(self._owners))

    def _country(self, code: str) -> int:
        n = self._countries.setdefault(code, len(self._countries))
        if n >= 63:
            raise ValueError("more than 63 countries in one index")
        return n

    def _rules(self, p: MatchProfile, targets: frozenset[str]) -> tuple[int, int, int]:
        bits = 0
        for t in targets:
            bits |= 1 << self._country(t)
        fam = 0
        for f in families(p.cooperation):
            fam |= 1 << f
        return self._country(p.country), bits, fam

    def add_all(self, profiles: Iterable[MatchProfile]) -> None:
        """Load many profiles at once (no suggestions are computed: call `compute`)."""
        new = list(profiles)
        seen = set(self.row)
        for p in new:
            if p.id in seen:
                raise ValueError(f"profile {p.id!r} given twice")
            seen.add(p.id)
        start = len(self.profiles)
        keys = np.zeros((len(new), self.seg.width), dtype=np.float32)
        owners = np.zeros(len(new), dtype=np.int64)
        rules = np.zeros((len(new), 3), dtype=np.int64)
        for lo in range(0, len(new), 50_000):
            keys[lo : lo + 50_000] = self.key_vectors(new[lo : lo + 50_000])
        for n, p in enumerate(new):
            owners[n] = self._owner_id(p)
            self.row[p.id] = start + n
            self._targets.append(self.borders.targets(p))
            rules[n] = self._rules(p, self._targets[-1])
        self.profiles.extend(new)
        self.keys = keys if len(self.keys) == 0 else np.vstack([self.keys, keys])
        self.owner = np.concatenate([self.owner, owners])
        self.country_idx = np.concatenate([self.country_idx, rules[:, 0]])
        self.target_bits = np.concatenate([self.target_bits, rules[:, 1]])
        self.family_bits = np.concatenate([self.family_bits, rules[:, 2]])
        self.active = np.concatenate([self.active, np.ones(len(new), dtype=bool)])
        self.best_ids = np.vstack([self.best_ids, np.full((len(new), self.k), -1, dtype=np.int64)])
        self.best_scores = np.vstack(
            [self.best_scores, np.full((len(new), self.k), -np.inf, dtype=np.float32)]
        )

    # -- blocks ------------------------------------------------------------------------------------
    def _blocks(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Pairs of row sets (X side, Y side) whose members target each other's country, X < Y, and
        share a family of cooperation: every pair of a block is admissible but for the owner rule."""
        side: dict[tuple[str, str, int], list[int]] = defaultdict(list)
        for n, p in enumerate(self.profiles):
            if not self.active[n]:
                continue
            for family in families(p.cooperation):
                for target in self._targets[n]:
                    side[(p.country, target, family)].append(n)
        out = []
        for (x, y, f), rows in side.items():
            if x < y and (y, x, f) in side:
                out.append((np.array(rows, dtype=np.int64), np.array(side[(y, x, f)], dtype=np.int64)))
        return out

    def _owner_ok(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        ok: np.ndarray = self.owner[rows][:, None] != self.owner[cols][None, :]
        return ok

    def _merge(self, rows: np.ndarray, cand_ids: np.ndarray, cand_scores: np.ndarray) -> None:
        """Fold candidates (one row of ids and scores per entry of `rows`) into the kept best k; a
        pair met twice (two families of cooperation in common) counts once."""
        ids = np.concatenate([self.best_ids[rows], cand_ids], axis=1)
        scores = np.concatenate([self.best_scores[rows], cand_scores], axis=1)
        by_id = np.argsort(ids, axis=1, kind="stable")
        sid = np.take_along_axis(ids, by_id, axis=1)
        dup = np.zeros_like(sid, dtype=bool)
        dup[:, 1:] = (sid[:, 1:] == sid[:, :-1]) & (sid[:, 1:] >= 0)
        if dup.any():
            np.put_along_axis(
                scores, by_id, np.where(dup, -np.inf, np.take_along_axis(scores, by_id, axis=1)), axis=1
            )
        order = _order(scores, ids)[:, : self.k]
        ids = np.take_along_axis(ids, order, axis=1)
        scores = np.take_along_axis(scores, order, axis=1)
        self.best_ids[rows] = np.where(np.isfinite(scores), ids, -1)
        self.best_scores[rows] = scores

    def _exact_block(
        self, rows: np.ndarray, cols: np.ndarray, *, families: bool = False, both: bool = True
    ) -> None:
        """Every pair of the block scored: one matrix product per chunk, read both ways (`both`;
        else for the rows only). `families`: the sides may hold pairs of no common family."""
        chunk = max(1, 4_000_000 // max(1, len(cols)))
        keys_cols = self.keys[cols]
        for start in range(0, len(rows), chunk):
            r = rows[start : start + chunk]
            s = self.queries(self.keys[r]) @ keys_cols.T
            s[~(self._pair_ok(r, cols) if families else self._owner_ok(r, cols))] = -np.inf
            self._merge(r, *_select(s, cols, self.k))
            if both:
                self._merge(cols, *_select(np.ascontiguousarray(s.T), r, self.k))

    def _directions(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """(queries, candidates) per ordered pair of countries (X, Y): the active profiles of X that
        target Y, and those of Y that target X. Every admissible pair is in exactly one direction
        each way, and (X, Y) and (Y, X) hold the same pairs; within one, only the family of
        cooperation and the owner are left to check."""
        act = np.nonzero(self.active)[0]
        by_country = {int(c): act[self.country_idx[act] == c] for c in np.unique(self.country_idx[act])}
        out = []
        for x, xs in by_country.items():
            for y, ys in by_country.items():
                if x == y:
                    continue
                q = xs[(self.target_bits[xs] >> y) & 1 == 1]
                c = ys[(self.target_bits[ys] >> x) & 1 == 1]
                if len(q) and len(c):
                    out.append((q, c))
        return out

    def _signatures(self) -> None:
        """What `_similar_first` orders by, for every profile at once: the leading activity sought
        and offered, the NACE group, the working languages and the stage."""
        seg, n = self.seg, len(self.keys)
        concept = seg.offers.stop - seg.offers.start - len(KINDS)
        self._sig = np.zeros((n, 5), dtype=np.int64)
        weights = np.arange(1, len(LANGUAGES) + 1, dtype=np.float32)
        for lo in range(0, n, 50_000):
            keys = self.keys[lo : lo + 50_000]
            self._sig[lo : lo + 50_000] = np.column_stack(
                [
                    keys[:, seg.seeks.start : seg.seeks.start + concept].argmax(axis=1),
                    keys[:, seg.offers.start : seg.offers.start + concept].argmax(axis=1),
                    keys[:, seg.hierarchy].argmax(axis=1),
                    np.round((keys[:, seg.languages] > 0) @ weights),
                    keys[:, seg.stage].argmax(axis=1),
                ]
            )

    def _similar_first(self, rows: np.ndarray) -> tuple[np.ndarray, int]:
        """`rows` ordered so that neighbours have similar queries (by the leading activity sought,
        then offered, then the NACE group, the working languages and the stage), and the size of a
        batch: about as many queries as share one content signature (the first three), within
        [`Options.min_batch`, `Options.batch`]."""
        sig = self._sig[rows]
        order: np.ndarray = np.lexsort(sig.T[::-1])
        signature = (sig[:, 0] * 200 + sig[:, 1]) * 1000 + sig[:, 2]
        runs = len(rows) / max(1, len(np.unique(signature)))
        batch = int(min(self.options.batch, max(self.options.min_batch, runs)))
        return rows[order], batch

    def _pair_ok(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        ok: np.ndarray = (self.family_bits[rows][:, None] & self.family_bits[cols][None, :]) != 0
        ok &= self.owner[rows][:, None] != self.owner[cols][None, :]
        return ok

    def _direction_fast(self, qs: np.ndarray, cs: np.ndarray) -> None:
        """Top-k of the queries `qs` among the candidates `cs` of one direction, in two stages.

        The queries, ordered by `_similar_first`, are cut into batches of similar ones. Stage 1
        scores each batch's mean query against every candidate: the score is bilinear, so that is
        the batch's mean score of each candidate (computed in the reduced space of `_fit_basis`).
        Stage 2 rescores exactly, member by member, the `Options.candidates` best of them (one
        product per batch), keeps each member's best k, and offers every pair it scored to the
        candidate's list too (`_merge_reverse`). A true top-k partner is missed only when neither
        side's batch had the other among its best candidates."""
        k, d = self.k, self.seg.width
        m = len(cs)
        width = self.options.width(m)
        kc, kc_low = self.keys[cs], self._low[cs]
        fam_c, own_c = self.family_bits[cs], self.owner[cs]
        qs, b = self._similar_first(qs)
        n_batches = -(-len(qs) // b)
        per_round = max(1, min(512 // b, 8_000_000 // max(1, m)))
        for first in range(0, n_batches, per_round):
            last = min(n_batches, first + per_round)
            rows = qs[first * b : last * b]
            g = last - first
            q = np.zeros((g * b, d), dtype=np.float32)
            q[: len(rows)] = self.queries(self.keys[rows])
            counts = np.bincount(np.arange(len(rows)) // b, minlength=g).astype(np.float32)
            means = q.reshape(g, b, d).sum(axis=1) / counts[:, None]
            s1 = (means @ self._basis) @ kc_low.T
            top = np.argpartition(s1, m - width, axis=1)[:, m - width :]
            s2 = np.matmul(q.reshape(g, b, d), kc[top].transpose(0, 2, 1)).reshape(g * b, width)
            cols = np.repeat(top, b, axis=0)[: len(rows)]
            s2 = s2[: len(rows)]
            bad = (self.family_bits[rows][:, None] & fam_c[cols]) == 0
            bad |= self.owner[rows][:, None] == own_c[cols]
            s2[bad] = -np.inf
            best = np.argpartition(s2, width - k, axis=1)[:, width - k :]
            self._merge(
                rows, cs[np.take_along_axis(cols, best, axis=1)], np.take_along_axis(s2, best, axis=1)
            )
            self._merge_reverse(rows, cs[cols], s2)
            self.pairs_scored += s2.size

    def _merge_reverse(self, rows: np.ndarray, partners: np.ndarray, scores: np.ndarray) -> None:
        """Read stage 2 the other way: each exactly scored pair is a candidate of the partner's list
        too (the score is symmetric), where it beats the partner's k-th best so far."""
        k = self.k
        flat_p, flat_s = partners.ravel(), scores.ravel()
        flat_r = np.repeat(rows, partners.shape[1])
        keep = flat_s > self.best_scores[flat_p, -1]
        if not keep.any():
            return
        fp, fs, fr = flat_p[keep], flat_s[keep], flat_r[keep]
        order = np.lexsort((-fs, fp))
        fp, fs, fr = fp[order], fs[order], fr[order]
        holders, start = np.unique(fp, return_index=True)
        rank = np.arange(len(fp)) - np.repeat(start, np.diff(np.append(start, len(fp))))
        take = rank < k
        at = np.searchsorted(holders, fp[take])
        ids = np.full((len(holders), k), -1, dtype=np.int64)
        got = np.full((len(holders), k), -np.inf, dtype=np.float32)
        ids[at, rank[take]] = fr[take]
        got[at, rank[take]] = fs[take]
        self._merge(holders, ids, got)

    def _fit_basis(self) -> None:
        """The stage-1 space of the fast path: the working languages, stages and border typology as
        they are (the parts that vary most within a country), and the `Options.rank` main
        directions of the activities and texts (an eigenbasis of the second moments of both key and
        query vectors, from a fixed sample); and every key in it."""
        seg = self.seg
        act = np.nonzero(self.active)[0]
        sample = self.keys[act[:: max(1, len(act) // 10_000)]]
        content = np.arange(seg.offers.start, seg.text.stop)
        cheap = np.arange(seg.languages.start, seg.width)
        k = sample[:, content]
        q = self.queries(sample)[:, content]
        moments = (k.T @ k).astype(np.float64) / max(1e-12, float(np.einsum("ij,ij->", k, k)))
        moments += (q.T @ q).astype(np.float64) / max(1e-12, float(np.einsum("ij,ij->", q, q)))
        _values, vectors = np.linalg.eigh(moments)
        rank = min(self.options.rank, len(content))
        basis = np.zeros((seg.width, rank + len(cheap)), dtype=np.float32)
        basis[content, :rank] = vectors[:, ::-1][:, :rank]
        basis[cheap, rank + np.arange(len(cheap))] = 1.0
        self._basis = basis
        self._low = np.zeros((len(self.keys), basis.shape[1]), dtype=np.float32)
        for lo in range(0, len(act), 100_000):
            rows = act[lo : lo + 100_000]
            self._low[rows] = self.keys[rows] @ basis

    def compute(self, *, exact: bool = False) -> None:
        """Top-k of every active profile, from scratch.

        `exact`: every admissible pair, by blocks (country X, country Y, family) read both ways: the
        reference. Otherwise by directions (X's queries against Y's candidates): when a direction
        holds fewer pairs than `Options.exact_below` (or not more candidates than
        `Options.candidates`) all its pairs are scored, once for both ways; a larger one takes
        `_direction_fast`."""
        self.best_ids[:] = -1
        self.best_scores[:] = -np.inf
        self.pairs_scored = 0
        if exact:
            for xs, ys in self._blocks():
                self._exact_block(xs, ys)
                self.pairs_scored += len(xs) * len(ys)
            return
        directions = self._directions()
        o = self.options

        def small(qs: np.ndarray, cs: np.ndarray) -> bool:
            return len(qs) * len(cs) < o.exact_below or len(cs) <= o.candidates

        if not all(small(qs, cs) for qs, cs in directions):
            self._fit_basis()
            self._signatures()
        for qs, cs in directions:
            if not small(qs, cs):
                self._direction_fast(qs, cs)
            elif not small(cs, qs) or self.country_idx[qs[0]] < self.country_idx[cs[0]]:
                # (Y, X) holds the same pairs: when it is small too, one product serves both ways
                self._exact_block(qs, cs, families=True, both=small(cs, qs))
                self.pairs_scored += len(qs) * len(cs)

    # -- incremental -------------------------------------------------------------------------------
    def _row_scores(self, n: int) -> np.ndarray:
        """Exact scores of profile row n against every row (-inf where inadmissible)."""
        ok = self.active.copy()
        ok &= (self.target_bits[n] >> self.country_idx) & 1 == 1
        ok &= (self.target_bits >> self.country_idx[n]) & 1 == 1
        ok &= (self.family_bits & self.family_bits[n]) != 0
        ok &= self.owner != self.owner[n]
        s = (self.queries(self.keys[n : n + 1]) @ self.keys.T)[0]
        return np.where(ok, s, -np.inf).astype(np.float32)

    def exact_for(self, profile_ids: Sequence[str]) -> dict[str, list[str]]:
        """The exact top-k of some profiles, each against every other (for measuring recall)."""
        out = {}
        for pid in profile_ids:
            s = self._row_scores(self.row[pid])
            ids, sc = _select(s[None, :], np.arange(len(s)), self.k)
            order = _order(sc, ids)[0]
            out[pid] = [self.profiles[int(i)].id for i in ids[0][order] if i >= 0]
        return out

    def _recompute_row(self, n: int, scores: np.ndarray | None = None) -> None:
        s = self._row_scores(n) if scores is None else scores
        self.best_ids[n] = -1
        self.best_scores[n] = -np.inf
        self._merge(np.array([n]), *_select(s[None, :], np.arange(len(s)), self.k))

    def upsert(self, profile: MatchProfile) -> None:
        """Add or change one profile and bring every affected top-k up to date (exactly): its own, and
        those of the profiles it enters, leaves or moves in."""
        if profile.id not in self.row:
            self.add_all([profile])
            n = self.row[profile.id]
        else:
            n = self.row[profile.id]
            self.profiles[n] = profile
            self.keys[n] = self.key_vector(profile)
            self.owner[n] = self._owner_id(profile)
            self._targets[n] = self.borders.targets(profile)
            self.country_idx[n], self.target_bits[n], self.family_bits[n] = self._rules(
                profile, self._targets[n]
            )
            self.active[n] = True
        self._refresh(n)

    def remove(self, profile_id: str) -> None:
        """Withdraw a profile (unpublished or deleted): it leaves every list it was in."""
        n = self.row[profile_id]
        self.active[n] = False
        self.best_ids[n] = -1
        self.best_scores[n] = -np.inf
        holders = np.nonzero((self.best_ids == n).any(axis=1))[0]
        for h in holders:
            self._recompute_row(int(h))

    def _refresh(self, n: int) -> None:
        s = self._row_scores(n)
        self._recompute_row(n, s)
        had = set(np.nonzero((self.best_ids == n).any(axis=1))[0].tolist()) - {n}
        for h in had:
            # its old score for n is stale: recompute that list
            self._recompute_row(int(h))
        kth = self.best_scores[:, -1]
        enters = np.nonzero(np.isfinite(s) & (s > kth))[0]
        for entering in enters:
            h = int(entering)
            if h in had or h == n:
                continue
            self._merge(np.array([h]), np.array([[n]]), np.array([[s[h]]], dtype=np.float32))

    def set_suggestions(self, profile_id: str, partners: Sequence[tuple[str, float]]) -> None:
        """Load a stored top-k (best first); ids no longer in the index are left out."""
        n = self.row[profile_id]
        self.best_ids[n] = -1
        self.best_scores[n] = -np.inf
        known = [(self.row[pid], score) for pid, score in partners if pid in self.row][: self.k]
        for rank, (m, score) in enumerate(known):
            self.best_ids[n, rank] = m
            self.best_scores[n, rank] = score

    def refresh_rows(self, profile_ids: Iterable[str]) -> None:
        """Recompute the top-k of these profiles exactly (e.g. after a partner was withdrawn)."""
        for pid in profile_ids:
            self._recompute_row(self.row[pid])

    # -- reading -----------------------------------------------------------------------------------
    def suggestions(self, profile_id: str) -> list[Suggestion]:
        """The kept top-k, best first, each with the score of `score` (the weighted sum of `parts`):
        the same function whichever path found the pair, so a pair scores the same in both."""
        n = self.row[profile_id]
        out = []
        weights = self.weights.as_dict()
        for m, sc in zip(self.best_ids[n], self.best_scores[n], strict=True):
            if m < 0 or not np.isfinite(sc):
                continue
            partner = self.profiles[int(m)].id
            parts = self.parts(profile_id, partner)
            out.append(
                Suggestion(
                    partner_id=partner, score=sum(weights[p] * v for p, v in parts.items()), parts=parts
                )
            )
        out.sort(key=lambda s: (-s.score, self.row[s.partner_id]))
        return out

    def top_ids(self) -> dict[str, list[str]]:
        return {
            p.id: [self.profiles[int(m)].id for m in self.best_ids[n] if m >= 0]
            for n, p in enumerate(self.profiles)
            if self.active[n]
        }


def _rows_unit(m: np.ndarray) -> np.ndarray:
    norms = np.sqrt(np.einsum("ij,ij->i", m, m))
    return (m / np.where(norms > 0, norms, 1.0)[:, None]).astype(np.float32)


def _raw_hierarchy(t: Taxonomy, code: str) -> np.ndarray:
    vec = np.zeros(len(t.hierarchy_index), dtype=np.float32)
    for c in t.lineage(code):
        vec[t.hierarchy_index[c]] += float(t.items[c].level)
    return vec


def _clip(x: float) -> float:
    return float(min(1.0, max(0.0, x)))


def _order(scores: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Best first; ties by the lower row (stable results)."""
    # scores are float32; a composite key keeps the tie order deterministic
    return np.lexsort((ids, -scores.astype(np.float64)), axis=1)


def _select(
    s: np.ndarray, ids: np.ndarray, k: int, *, per_row: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """The k best of each row of `s` (ids from `ids`, one per column, or per cell when `per_row`),
    unordered. Instead of partitioning every row, the k-th best of the maxima of 32-column chunks
    bounds the row's k-th best from below; only the cells above it are sorted."""
    n, m = s.shape
    out_ids = np.full((n, k), -1, dtype=np.int64)
    out_s = np.full((n, k), -np.inf, dtype=np.float32)
    if n == 0 or m == 0:
        return out_ids, out_s
    width = 32
    if m <= 4 * k or m < 4 * width:
        threshold = np.full(n, -np.inf, dtype=np.float32)
    else:
        main = m // width * width
        maxima = s[:, :main].reshape(n, -1, width).max(axis=2)
        if main < m:
            maxima = np.concatenate([maxima, s[:, main:].max(axis=1, keepdims=True)], axis=1)
        kk = min(k, maxima.shape[1])
        threshold = np.partition(maxima, maxima.shape[1] - kk, axis=1)[:, maxima.shape[1] - kk]
    keep = (s >= threshold[:, None]) & np.isfinite(s)
    r, c = np.nonzero(keep)
    v = s[r, c]
    order = np.lexsort((-v.astype(np.float64), r))
    r, c, v = r[order], c[order], v[order]
    starts = np.searchsorted(r, np.arange(n))
    rank = np.arange(len(r)) - starts[r]
    take = rank < k
    r, c, v, rank = r[take], c[take], v[take], rank[take]
    out_ids[r, rank] = ids[r, c] if per_row else ids[c]
    out_s[r, rank] = v
    return out_ids, out_s


def admissible_pairs_exact(index: MatchIndex) -> dict[str, list[str]]:
    """Brute force over profiles in Python, straight from the rules: for tests on small data."""
    out: dict[str, list[str]] = {}
    for a in index.profiles:
        scored = [
            (index.score(a.id, b.id), index.row[b.id], b.id)
            for b in index.profiles
            if admissible(a, b, index.borders)
        ]
        scored.sort(key=lambda t: (-t[0], t[1]))
        out[a.id] = [b for _, _, b in scored[: index.k]]
    return out

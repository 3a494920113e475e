"""NACE Rev. 2 as the engine sees it, and the bridge between the seven languages.

The NACE titles exist in the seven languages of the partnership. Every word stem of every title is
tied to the divisions whose titles use it, so a text in any of the languages lands in the same space
of activities: "szoftverfejlesztés", "oprogramowanie" and "software development" all point at
divisions 58 and 62. Stems are the first five letters of a word without accents (one less for words of four or five), which survives most
inflection in Hungarian, Croatian, Polish and Lithuanian; stems used by many divisions (the words for
"activities", "other", "services") carry little weight (inverse document frequency) or none."""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

STEM = 5
MIN_WORD = 4
HASH_BUCKETS = 64
# A stem used by more divisions than this says nothing about an activity.
MAX_DIVISIONS = 25

_WORD = re.compile(r"[^\W\d_]+")


class TaxonomyError(ValueError):
    """An unknown NACE code."""


_MARKS = re.compile(r"[\u0300-\u036f]")


def stems(text: str) -> list[str]:
    plain = _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return [w[: min(STEM, len(w) - 1)] for w in _WORD.findall(plain) if len(w) >= MIN_WORD]


def stem_bucket(stem: str) -> int:
    return zlib.crc32(stem.encode("utf-8")) % HASH_BUCKETS


@dataclass(frozen=True)
class NaceItem:
    code: str
    level: int  # 1 section, 2 division, 3 group, 4 class
    parent: str
    section: str
    titles: Mapping[str, str]


class Taxonomy:
    """The NACE hierarchy (sections, divisions, groups; a class counts as its group) and the stem
    index of its multilingual titles."""

    def __init__(self, items: Iterable[NaceItem]) -> None:
        self.items = {item.code: item for item in items}
        ordered = sorted(self.items.values(), key=lambda i: (i.level, i.code))
        self.sections = [i.code for i in ordered if i.level == 1]
        self.divisions = [i.code for i in ordered if i.level == 2]
        self.groups = [i.code for i in ordered if i.level == 3]
        # concept space: divisions then sections
        self.concept_index = {c: n for n, c in enumerate(self.divisions + self.sections)}
        # hierarchy space: sections, divisions, groups
        self.hierarchy_index = {c: n for n, c in enumerate(self.sections + self.divisions + self.groups)}
        self._stem_rows = self._build_stems()
        self._stem_id = {s: n for n, s in enumerate(self._stem_rows)}
        self._stem_block = (
            np.vstack(list(self._stem_rows.values()))
            if self._stem_rows
            else np.zeros((0, len(self.concept_index)), dtype=np.float32)
        )

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, object]]) -> Taxonomy:
        """From rows with code, level, parent_code, section and titles (reference.files.nace_rows)."""
        return cls(
            NaceItem(
                code=str(r["code"]),
                level=int(str(r["level"])),
                parent=str(r.get("parent_code") or ""),
                section=str(r.get("section") or ""),
                titles=dict(r.get("titles") or {}),  # type: ignore[call-overload]  # a mapping by contract
            )
            for r in rows
        )

    # -- codes -------------------------------------------------------------------------------------
    def normalise(self, code: str) -> str:
        text = code.strip().upper()
        if text in self.items:
            return text
        digits = text.replace(".", "")
        if digits.isdigit() and len(digits) >= 2:
            candidate = digits[:2] + ("." + digits[2:] if len(digits) > 2 else "")
            if candidate in self.items:
                return candidate
        raise TaxonomyError(f"unknown NACE Rev. 2 code {code!r}")

    def lineage(self, code: str) -> list[str]:
        """The code's section, division and group (those that exist), top first."""
        out = []
        item: NaceItem | None = self.items[self.normalise(code)]
        while item is not None:
            if item.level <= 3:
                out.append(item.code)
            item = self.items.get(item.parent) if item.parent else None
        if out and out[-1] != self.items[out[0]].section and self.items[out[0]].section in self.items:
            out.append(self.items[out[0]].section)
        return list(reversed(dict.fromkeys(out)))

    def hierarchy_vector(self, codes: Iterable[str]) -> np.ndarray:
        """Section 1, division 2, group 3 per code, summed, unit length: two companies of one group
        score 1, of one division about 0.36, of one section about 0.07."""
        vec = np.zeros(len(self.hierarchy_index), dtype=np.float32)
        for code in codes:
            for c in self.lineage(code):
                vec[self.hierarchy_index[c]] += float(self.items[c].level)
        return _unit(vec)

    def concept_codes(self, codes: Iterable[str]) -> np.ndarray:
        vec = np.zeros(len(self.concept_index), dtype=np.float32)
        for code in codes:
            line = self.lineage(code)
            for c in line:
                if c in self.concept_index:
                    vec[self.concept_index[c]] += 1.0 if self.items[c].level == 2 else 0.5
        return vec

    # -- text --------------------------------------------------------------------------------------
    def _build_stems(self) -> dict[str, np.ndarray]:
        by_stem: dict[str, Counter[str]] = defaultdict(Counter)
        for item in self.items.values():
            if item.level == 1:
                target = item.code
            else:
                division = next((c for c in self.lineage(item.code) if self.items[c].level == 2), None)
                if division is None:
                    continue
                target = division
            for title in item.titles.values():
                for s in set(stems(title)):
                    by_stem[s][target] += 1
        n_div = len(self.divisions)
        rows: dict[str, np.ndarray] = {}
        for s, counts in by_stem.items():
            divisions = [c for c in counts if self.items[c].level == 2]
            if len(divisions) > MAX_DIVISIONS:
                continue
            idf = math.log(1.0 + n_div / max(1, len(divisions)))
            total = sum(counts.values())
            row = np.zeros(len(self.concept_index), dtype=np.float32)
            for c, k in counts.items():
                row[self.concept_index[c]] += idf * k / total
                section = self.items[c].section
                if self.items[c].level == 2 and section in self.concept_index:
                    row[self.concept_index[section]] += 0.5 * idf * k / total
            rows[s] = row
        return rows

    def concept_text(self, text: str) -> np.ndarray:
        vec = np.zeros(len(self.concept_index), dtype=np.float32)
        for s in stems(text):
            row = self._stem_rows.get(s)
            if row is not None:
                vec += row
        return vec

    def stem_matrix(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Concept vectors and hashed-stem vectors of many texts at once (rows of the two results)."""
        rows, cols, hrows, hcols = [], [], [], []
        seen: dict[str, tuple[list[int], list[int]]] = {}  # many profiles share a text
        for n, text in enumerate(texts):
            known = seen.get(text)
            if known is None:
                found = stems(text)
                known = ([i for i in (self._stem_id.get(s) for s in found) if i is not None],
                         [stem_bucket(s) for s in found])  # fmt: skip
                seen[text] = known
            rows.extend([n] * len(known[0]))
            cols.extend(known[0])
            hrows.extend([n] * len(known[1]))
            hcols.extend(known[1])
        shape = (len(texts), len(self._stem_id))
        counts = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=shape)
        hashed = sparse.csr_matrix(
            (np.ones(len(hrows), dtype=np.float32), (hrows, hcols)), shape=(len(texts), HASH_BUCKETS)
        )
        return np.asarray(counts @ self._stem_block, dtype=np.float32), hashed.toarray()

    def knows_stem(self, stem: str) -> bool:
        return stem in self._stem_rows


def _unit(vec: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm > 0 else vec


def unit(vec: np.ndarray) -> np.ndarray:
    return _unit(vec)


def hashed_stems(text: str) -> np.ndarray:
    vec = np.zeros(HASH_BUCKETS, dtype=np.float32)
    for s in stems(text):
        vec[stem_bucket(s)] += 1.0
    return vec

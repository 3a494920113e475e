"""Benchmark of cross-border partner search (issue #15): top-10 for every profile at N = 10,000,
100,000 and 1,000,000 synthetic profiles around the EU's border regions.

Each N runs in its own process (so that its peak memory is its own) and reports: time to turn the
profiles into vectors, time of the fast top-10 for every profile, the exact brute force (every
admissible pair) where feasible, or on a sample of profiles above that, recall@10 of the fast path
against it, and the peak resident memory.

    .venv/bin/python benchmarks/bench_matching.py                   # 10k, 100k, 1M (about 10 min)
    .venv/bin/python benchmarks/bench_matching.py --sizes 10000 --exact-up-to 10000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

LANG = {
    "AT": "de", "BE": "fr", "BG": "bg", "CY": "el", "CZ": "cs", "DE": "de", "DK": "da", "EE": "et",
    "EL": "el", "ES": "es", "FI": "fi", "FR": "fr", "HR": "hr", "HU": "hu", "IE": "en", "IT": "it",
    "LT": "lt", "LU": "fr", "LV": "lv", "MT": "mt", "NL": "nl", "PL": "pl", "PT": "pt", "RO": "ro",
    "SE": "sv", "SI": "sl", "SK": "sk", "UK": "en", "NO": "no", "CH": "de", "RS": "sr", "BA": "bs",
    "ME": "sr", "AL": "sq", "MK": "mk", "TR": "tr", "UA": "uk", "BY": "be", "RU": "ru",
}  # fmt: skip
TITLE_LANGS = ("en", "hu", "hr", "it", "pl", "es", "lt")
STAGES = ("domestic", "exploring", "occasional", "structured", "clustering", "")


def generate(n: int, seed: int) -> list:  # type: ignore[type-arg]
    """Synthetic profiles: a border NUTS 3 region (80 %) or another one of a country with a
    cross-border programme; a NACE class; what it offers is its class's title, what it seeks the title
    of a class of a division up or down its value chain, in its language (English where NACE has no
    titles in it, and for a fifth of the profiles)."""
    from interventures.core.matching import Cooperation, MatchProfile, Taxonomy
    from interventures.reference.borders import border_nuts3, country_neighbours
    from interventures.reference.files import nace_rows

    rng = np.random.default_rng(seed)
    taxonomy = Taxonomy.from_rows(nace_rows())
    neighbours = country_neighbours()
    typology = border_nuts3()
    regions = [(code, at) for code, at in typology.items() if code[:2] in neighbours and code[:2] in LANG]
    border = [r for r in regions if r[1]]
    inland = [r for r in regions if not r[1]]
    classes = [c for c, item in taxonomy.items.items() if item.level == 4]
    divisions = sorted({c[:2] for c in classes})
    by_division: dict[str, list[str]] = {}
    for c in classes:
        by_division.setdefault(c[:2], []).append(c)
    # a value chain: each division buys from a few others (fixed for the run)
    chain = {d: list(rng.choice(divisions, 3, replace=False)) for d in divisions}
    popularity = rng.dirichlet(np.full(len(divisions), 0.6))
    coops = list(Cooperation)
    # every random draw for all profiles at once (a Python loop of draws takes minutes at 1,000,000)
    at_border = rng.random(n) < 0.8
    region = np.where(at_border, rng.integers(len(border), size=n), rng.integers(len(inland), size=n))
    division = rng.choice(len(divisions), size=n, p=popularity)
    pick_class, pick_chain, pick_sought = rng.random(n), rng.integers(3, size=n), rng.random(n)
    text_own, add_en, add_other, pick_other = rng.random(n), rng.random(n), rng.random(n), rng.random(n)
    stage = rng.integers(len(STAGES), size=n)
    n_coop = rng.integers(1, 3, size=n)
    coop_a = rng.integers(len(coops), size=n)
    coop_b = (coop_a + rng.integers(1, len(coops), size=n)) % len(coops)
    shared: dict[object, frozenset] = {}  # type: ignore[type-arg]  # one object per distinct set

    def once(items: frozenset) -> frozenset:  # type: ignore[type-arg]
        return shared.setdefault(items, items)

    out = []
    for i in range(n):
        nuts3, at = border[region[i]] if at_border[i] else inland[region[i]]
        country = nuts3[:2]
        d = divisions[division[i]]
        code = by_division[d][int(pick_class[i] * len(by_division[d]))]
        sought_div = chain[d][pick_chain[i]]
        sought = by_division[sought_div][int(pick_sought[i] * len(by_division[sought_div]))]
        own = LANG[country]
        text_lang = own if own in TITLE_LANGS and text_own[i] < 0.8 else "en"
        langs = {own}
        if add_en[i] < 0.6:
            langs.add("en")
        if add_other[i] < 0.2:
            others = sorted(neighbours[country])
            langs.add(LANG.get(others[int(pick_other[i] * len(others))], "en"))
        kinds = {coops[coop_a[i]]} if n_coop[i] == 1 else {coops[coop_a[i]], coops[coop_b[i]]}
        out.append(
            MatchProfile(
                id=f"s{i}",
                country=country,
                nuts3=nuts3,
                nace=(code,),
                languages=once(frozenset(langs)),
                stage=STAGES[stage[i]],
                offers=taxonomy.items[code].titles.get(text_lang, taxonomy.items[code].titles["en"]),
                seeks=taxonomy.items[sought].titles.get(text_lang, taxonomy.items[sought].titles["en"]),
                cooperation=once(frozenset(kinds)),
                at_border=bool(at),
            )
        )
    return out


def run_one(n: int, exact_up_to: int, sample: int, seed: int) -> dict[str, object]:
    from interventures.core.matching import Borders, MatchIndex, Options, Taxonomy
    from interventures.reference.borders import country_neighbours, programme_areas
    from interventures.reference.files import nace_rows

    profiles = generate(n, seed)
    taxonomy = Taxonomy.from_rows(nace_rows())
    borders = Borders(neighbours=country_neighbours(), areas=programme_areas())
    start = time.perf_counter()
    index = MatchIndex(taxonomy=taxonomy, borders=borders, k=10, options=Options())
    index.add_all(profiles)
    vectorise = time.perf_counter() - start
    pairs = sum(len(a) * len(b) for a, b in index._blocks())
    start, cpu = time.perf_counter(), time.process_time()
    index.compute()
    fast, fast_cpu = time.perf_counter() - start, time.process_time() - cpu
    fast_tops = index.top_ids()
    result: dict[str, object] = {
        "n": n, "vectorise_s": vectorise, "fast_s": fast, "fast_cpu_s": fast_cpu, "block_pairs": pairs,
        "fast_pairs": index.pairs_scored, "load_after_fast": os.getloadavg()[0],
    }  # fmt: skip
    if n <= exact_up_to:
        start, cpu = time.perf_counter(), time.process_time()
        index.compute(exact=True)
        result["exact_s"], result["exact_cpu_s"] = time.perf_counter() - start, time.process_time() - cpu
        exact_tops = index.top_ids()
        ids = list(exact_tops)
        result["recall_on"] = "all profiles"
    else:
        rng = np.random.default_rng(seed + 1)
        ids = [profiles[int(i)].id for i in rng.choice(n, sample, replace=False)]
        start = time.perf_counter()
        exact_tops = index.exact_for(ids)
        per_profile = (time.perf_counter() - start) / sample
        result["exact_sample_s_per_profile"] = per_profile
        result["recall_on"] = f"{sample} sampled profiles"
    hits = sum(len(set(exact_tops[i]) & set(fast_tops.get(i, []))) for i in ids)
    total = sum(len(exact_tops[i]) for i in ids)
    result["recall_at_10"] = hits / total if total else 1.0
    result["with_suggestions"] = sum(1 for i in ids if exact_tops[i]) / len(ids)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--exact-up-to", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads of each run")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.exact_up_to, args.sample, args.seed)))
        return 0
    print(f"load average {os.getloadavg()}, {os.cpu_count()} CPUs", flush=True)
    results = []
    for n in (int(x) for x in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--one", str(n), "--exact-up-to", str(args.exact_up_to),
               "--sample", str(args.sample), "--seed", str(args.seed)]  # fmt: skip
        # one BLAS thread: on a shared machine more threads than free cores only queue for them
        env = {**os.environ, "OPENBLAS_NUM_THREADS": str(args.threads), "OMP_NUM_THREADS": str(args.threads)}
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)  # noqa: S603 - this script
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            return 1
        r = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(r)
        exact = (
            f"exact {r['exact_s']:.1f} s ({r['exact_s'] / r['fast_s']:.1f}x the fast path)"
            if "exact_s" in r
            else f"exact {r['exact_sample_s_per_profile'] * 1000:.1f} ms a profile (sample)"
        )
        print(
            f"N={r['n']:>9,}: vectors {r['vectorise_s']:.1f} s, fast top-10 {r['fast_s']:.1f} s, {exact}, "
            f"recall@10 {r['recall_at_10']:.3f} on {r['recall_on']}, pairs in blocks {r['block_pairs']:,}, "
            f"peak RSS {r['peak_rss_mb']:.0f} MB; CPU fast {r['fast_cpu_s']:.1f} s"
            + (f", exact {r['exact_cpu_s']:.1f} s" if "exact_cpu_s" in r else "")
            + f", pairs scored by the fast path {r['fast_pairs']:,}; load average {os.getloadavg()}",
            flush=True,
        )
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_matching.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

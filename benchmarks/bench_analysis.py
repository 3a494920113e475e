"""Benchmark of the situation-analysis statistics (issue #5): raking plus 210 estimates with
linearised standard errors, against R's survey package on the same files, and the whole
`interventures analyse` command on a CSV file.

A synthetic survey of N respondents: 5 regions × 3 size classes × 10 sectors, 30 Likert items
(1–5, about 5 % missing at random) and 5 yes/no items; a population of 25 million enterprises of
which 90 % are micro firms. The sample over-represents small and medium firms, so raking matters.
Estimates: 35 items overall and in each of the 5 regions = 210.

    .venv/bin/python benchmarks/bench_analysis.py                       # N = 10k, 100k, 1M, with R
    .venv/bin/python benchmarks/bench_analysis.py --sizes 10000 --no-r  # quick look

Data files go to benchmarks/out/ (not committed). R runs on all items at 10k and 100k, and on
`--r-items-1m` items only at 1M (it would need far more than 10 minutes on all 35)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

from interventures.core.stats import Estimates, Estimator, Factor, Margin, Raker

ROOT = Path(__file__).resolve().parent
OUT = ROOT / "out"
REGIONS = ["hu-hr", "lombardia", "podkarpackie", "castilla-y-leon", "lt-klaipeda"]
SIZES = ["micro", "small", "medium"]
SECTORS = [f"sector{j:02d}" for j in range(1, 11)]
LIKERT = [f"q{j:02d}" for j in range(1, 31)]
YESNO = [f"b{j}" for j in range(1, 6)]
POPULATION = 25_000_000
# Synthetic population shares (not official figures): 90 % micro firms.
REGION_SHARES = [0.22, 0.38, 0.12, 0.2, 0.08]
SIZE_SHARES = [0.9, 0.08, 0.02]
SECTOR_SHARES = [0.14, 0.12, 0.1, 0.1, 0.1, 0.1, 0.09, 0.09, 0.08, 0.08]


def generate(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    region = rng.choice(5, size=n, p=[0.2] * 5)
    size = rng.choice(3, size=n, p=[0.6, 0.3, 0.1])
    sector = rng.integers(0, 10, size=n)
    latent = rng.normal(size=n) + 0.5 * size + 0.1 * region - 0.05 * sector
    data: dict[str, np.ndarray] = {"region": region, "size_class": size, "sector": sector}
    for item in LIKERT:
        q = np.clip(np.rint(3 + 0.8 * latent + rng.normal(size=n)), 1, 5)
        q[rng.random(n) < 0.05] = np.nan
        data[item] = q
    for item in YESNO:
        b = (rng.random(n) < 1 / (1 + np.exp(-latent))).astype(np.float64)
        b[rng.random(n) < 0.05] = np.nan
        data[item] = b
    return data


def margins() -> list[Margin]:
    return [
        Margin("region", {c: POPULATION * s for c, s in zip(REGIONS, REGION_SHARES, strict=True)}),
        Margin("size_class", {c: POPULATION * s for c, s in zip(SIZES, SIZE_SHARES, strict=True)}),
        Margin("sector", {c: POPULATION * s for c, s in zip(SECTORS, SECTOR_SHARES, strict=True)}),
    ]


def write_files(n: int, data: dict[str, np.ndarray]) -> tuple[Path, Path]:
    OUT.mkdir(exist_ok=True)
    responses = OUT / f"responses_{n}.csv"
    margins_path = OUT / "margins.csv"
    labels = {"region": REGIONS, "size_class": SIZES, "sector": SECTORS}
    frame = pl.DataFrame(
        {"id": [f"r{i}" for i in range(n)]}
        | {k: pl.Series(np.asarray(labels[k])[data[k]]) for k in labels}
        | {k: pl.Series(data[k]).fill_nan(None).cast(pl.Int8) for k in LIKERT + YESNO}
    )
    frame.write_csv(responses)
    rows = [(m.variable, c, t) for m in margins() for c, t in m.totals.items()]
    pl.DataFrame(rows, schema=["variable", "category", "total"], orient="row").write_csv(margins_path)
    return responses, margins_path


def python_in_memory(data: dict[str, np.ndarray], repeats: int) -> tuple[list[float], list[float], Estimates]:
    factors = {
        "region": Factor.from_codes(data["region"], REGIONS),
        "size_class": Factor.from_codes(data["size_class"], SIZES),
        "sector": Factor.from_codes(data["sector"], SECTORS),
    }
    values = {k: data[k] for k in LIKERT + YESNO}
    times, cpu_times = [], []
    estimates: Estimates | None = None
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), time.process_time()
        design = Raker(tolerance=1e-10, max_iterations=1000).fit(factors, margins())
        estimates = Estimator().estimate(
            design, values, means=LIKERT, proportions=YESNO, by={"region": factors["region"]}
        )
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    assert estimates is not None
    assert len(estimates) == 210
    return times, cpu_times, estimates


def run_r(responses: Path, margins_path: Path, items: list[str], n: int, timeout: float) -> dict[str, object]:
    out = OUT / f"r_{n}.csv"
    cmd = [
        "Rscript",
        str(ROOT / "bench_analysis.R"),
        str(responses),
        str(margins_path),
        ",".join(items),
        "region",
    ]
    start = time.perf_counter()
    try:
        done = subprocess.run([*cmd, str(out)], timeout=timeout, capture_output=True, text=True)  # noqa: S603 - our own command, no shell
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-3:]}
    wall = time.perf_counter() - start
    result = pl.read_csv(out)
    return {
        "items": len(items),
        "estimates": result.height,
        "rake_seconds": float(result["rake_seconds"][0]),
        "estimate_seconds": float(result["estimate_seconds"][0]),
        "cpu_seconds": float(result["rake_cpu_seconds"][0] + result["estimate_cpu_seconds"][0]),
        "wall_seconds_with_reading": wall,
        "frame": result,
    }


def compare_with_r(estimates: Estimates, r_frame: pl.DataFrame) -> tuple[float, float]:
    worst_estimate = worst_se = 0.0
    for row in r_frame.iter_rows(named=True):
        domain = row["domain"] or None
        ours = estimates.get(row["variable"], "region" if domain else None, domain)
        assert ours.estimate is not None
        assert ours.se is not None
        worst_estimate = max(worst_estimate, abs(ours.estimate - row["estimate"]) / abs(row["estimate"]))
        worst_se = max(worst_se, abs(ours.se - row["se"]) / row["se"])
    return worst_estimate, worst_se


def run_cli(responses: Path, margins_path: Path, n: int) -> dict[str, float]:
    cli = Path(sys.executable).with_name("interventures")
    cmd = [
        "/usr/bin/time", "-v", str(cli), "analyse",
        "--responses", str(responses), "--margins", str(margins_path),
        "--weight-vars", "region,size_class,sector",
        "--means", ",".join(LIKERT), "--props", ",".join(YESNO), "--by", "region",
        "--out", str(OUT / f"cli_{n}"),
    ]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)  # noqa: S603 - our own command, no shell
    wall = time.perf_counter() - start
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    user = re.search(r"User time \(seconds\): ([\d.]+)", done.stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", done.stderr)
    cpu = float(user.group(1)) + float(system.group(1)) if user and system else float("nan")
    return {
        "wall_seconds": wall,
        "cpu_seconds": cpu,
        "max_rss_mb": int(rss.group(1)) / 1024 if rss else float("nan"),
    }


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} × {cpu}, Python {platform.python_version()}, numpy {np.__version__}, load {load:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-r", action="store_true")
    parser.add_argument("--r-items-1m", default="q01,b1", help="items R runs at N >= 1,000,000")
    parser.add_argument("--r-timeout", type=float, default=1800)
    parser.add_argument("--seed", type=int, default=20261126)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    print(f"Machine: {machine()}")
    results = []
    for n in [int(s) for s in args.sizes.split(",")]:
        data = generate(n, rng)
        responses, margins_path = write_files(n, data)
        times, cpu_times, estimates = python_in_memory(data, args.repeats)
        row: dict[str, object] = {
            "n": n,
            "python_best_s": min(times),
            "python_median_s": statistics.median(times),
            "python_best_cpu_s": min(cpu_times),
        }
        print(f"N={n:>9,}: Python rake + 210 estimates in memory: best {min(times):.3f} s, "
              f"median {statistics.median(times):.3f} s (best CPU time {min(cpu_times):.3f} s)")  # fmt: skip
        cli = run_cli(responses, margins_path, n)
        row |= {
            "cli_wall_s": cli["wall_seconds"],
            "cli_cpu_s": cli["cpu_seconds"],
            "cli_max_rss_mb": cli["max_rss_mb"],
        }
        print(f"             interventures analyse on the CSV: {cli['wall_seconds']:.2f} s wall, "
              f"{cli['cpu_seconds']:.2f} s CPU, peak RSS {cli['max_rss_mb']:.0f} MB")  # fmt: skip
        if not args.no_r:
            items = LIKERT + YESNO if n < 1_000_000 else args.r_items_1m.split(",")
            r = run_r(responses, margins_path, items, n, args.r_timeout)
            if "timeout" in r:
                print(f"             R: did not finish within {args.r_timeout:.0f} s")
                row["r_timeout_s"] = args.r_timeout
            elif "error" in r:
                print(f"             R failed: {' / '.join(r['error'])}")  # type: ignore[arg-type]  # R's JSON output: values are untyped
                row["r_error"] = r["error"]
            else:
                r_seconds = float(r["rake_seconds"]) + float(r["estimate_seconds"])  # type: ignore[arg-type]  # R's JSON output: values are untyped
                worst_e, worst_se = compare_with_r(estimates, r["frame"])  # type: ignore[arg-type]  # R's JSON output: values are untyped
                row |= {
                    "r_items": r["items"],
                    "r_estimates": r["estimates"],
                    "r_rake_s": r["rake_seconds"],
                    "r_estimate_s": r["estimate_seconds"],
                    "r_total_s": r_seconds,
                    "r_cpu_s": r["cpu_seconds"],
                    "max_rel_diff_estimate": worst_e,
                    "max_rel_diff_se": worst_se,
                }
                speedup = ""
                if r["items"] == len(LIKERT + YESNO):
                    row["speedup"] = r_seconds / min(times)
                    row["speedup_cpu"] = float(r["cpu_seconds"]) / min(cpu_times)  # type: ignore[arg-type]  # R's JSON output: values are untyped
                    speedup = (
                        f"; {r_seconds / min(times):,.0f}× slower than Python "
                        f"({row['speedup_cpu']:,.0f}× in CPU time)"
                    )
                print(f"             R survey, {r['items']} items ({r['estimates']} estimates): rake "
                      f"{r['rake_seconds']:.1f} s + estimates {r['estimate_seconds']:.1f} s{speedup}; "
                      f"max relative difference estimate {worst_e:.1e}, SE {worst_se:.1e}")  # fmt: skip
        results.append(row)
    OUT.mkdir(exist_ok=True)
    (OUT / "bench_analysis.json").write_text(json.dumps({"machine": machine(), "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

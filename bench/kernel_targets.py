#!/usr/bin/python3
"""Every figure of the kernel's start-up and memory targets in one run, ipykernel (Debian's) as the baseline:

  process start to the first `1+1` reply            (target <= 1.0 s and <= 2.5x ipykernel's)
  `1+1` round trip p50 while Spark starts           (target <= 40 ms; with Spark off for comparison)
  process start to the first Spark result           (target <= 3.0 s; `sc.parallelize(List.of(1, 2, 3)).count()`)
  kernel RSS (and PSS) idle with Spark up           (target <= 400 MB; after 20 s idle: the periodic GC's 15 s)
  kernel RSS after N and 10*N batches of a word count with its dashboard (target <= 600 MB and flat)
  K kernels started at once, each answering the Spark cell (target: all answer; time until all did, sum of PSS)

Each figure comes from the bench that owns it (startup_bench, kernel_bench, memory_bench, workshop), run here on the
installed `sparkbook` kernelspec; medians over --runs fresh kernels where a figure is per kernel start.
usage: /usr/bin/python3 bench/kernel_targets.py [--runs 3] [--rounds 50] [--batches 1000] [--kernels 20]
       [--skip memory,workshop]   (after mvn package and install/install.sh)
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kernel_bench import measure  # noqa: E402
from memory_bench import memory_over_batches  # noqa: E402
from startup_bench import first_answers  # noqa: E402
from workshop import workshop  # noqa: E402


def median_of(runs, key):
    return statistics.median(r[key] for r in runs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--batches", type=int, default=1000)
    ap.add_argument("--kernels", type=int, default=20)
    ap.add_argument("--skip", default="", help="comma-separated: memory,workshop (the two long parts)")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    rows = []  # (figure, ipykernel, sparkbook, target, met)

    starts_ipk, starts_sb = [], []
    for _ in range(args.runs):  # interleaved, so drift on a shared machine hits both alike
        starts_ipk.append(first_answers("python3", 0))
        starts_sb.append(first_answers("sparkbook", 20))
    ipk_first, sb_first = median_of(starts_ipk, "first 1+1 (s)"), median_of(starts_sb, "first 1+1 (s)")
    rows.append(("process start to first 1+1 reply (s)", f"{ipk_first:.2f}",
                 f"{sb_first:.2f} ({sb_first / ipk_first:.1f}x)", "<= 1.0 and <= 2.5x",
                 sb_first <= 1.0 and sb_first <= 2.5 * ipk_first))

    ipk = measure("python3", args.rounds)
    sb_off = measure("sparkbook", args.rounds, {"SPARKBOOK_SPARK": "off"})
    sb = measure("sparkbook", args.rounds)
    rows.append(("1+1 p50 while Spark starts (ms)", f"{ipk['1+1 p50 (ms)']:.1f}",
                 f"{sb['1+1 p50 (ms)']:.1f} (Spark off: {sb_off['1+1 p50 (ms)']:.1f})", "<= 40",
                 sb["1+1 p50 (ms)"] <= 40))
    spark_first = median_of(starts_sb, "first Spark result (s)")
    rows.append(("process start to first Spark result (s)", "-", f"{spark_first:.2f}", "<= 3.0", spark_first <= 3.0))
    rss_idle, pss_idle = median_of(starts_sb, "RSS idle (MB)"), median_of(starts_sb, "PSS idle (MB)")
    rows.append(("kernel RSS idle, Spark up (MB)", f"{ipk['RSS (MB)']:.0f}", f"{rss_idle:.0f} (PSS {pss_idle:.0f})",
                 "<= 400", rss_idle <= 400))

    if "memory" not in skip:
        figures = memory_over_batches(args.batches, 10)
        (n1, rss1, _, heap1, *_), (n2, rss2, _, heap2, *_) = figures
        rows.append((f"RSS after {n1} / {n2} batches, word count + dashboard (MB)", "-",
                     f"{rss1:.0f} / {rss2:.0f} (heap after GC {heap1} / {heap2})", "<= 600, flat",
                     rss2 <= 600 and rss2 <= 1.1 * rss1))

    if "workshop" not in skip:
        people, mem = workshop("sparkbook", args.kernels, 600)
        answered = [p for p in people if p.answered]
        pss = sum(m[1] for p, m in zip(people, mem) if p.answered)
        last = max((p.answered for p in answered), default=float("nan"))
        rows.append((f"{args.kernels} kernels at once: answered, all after (s), PSS sum (GB)", "-",
                     f"{len(answered)}/{args.kernels}, {last:.0f}, {pss / 1024:.1f}", "all answer",
                     len(answered) == args.kernels))

    print(f"\nmachine: {os.cpu_count()} cores, {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB;"
          f" {time.strftime('%Y-%m-%d')}; medians of {args.runs} kernel starts each, interleaved")
    print(f"{'figure':62} {'ipykernel':>10} {'sparkbook':>40} {'target':>20}  met")
    for figure, base, ours, target, met in rows:
        print(f"{figure:62} {base:>10} {ours:>40} {target:>20}  {'yes' if met else 'no'}")


if __name__ == "__main__":
    main()

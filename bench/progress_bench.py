#!/usr/bin/python3
"""What a cell's live progress display costs: a job of 10 000 tiny tasks, timed from execute_request to
execute_reply, in a kernel with the progress display (the default) against one without (SPARKBOOK_PROGRESS=off),
runs interleaved; and the iopub messages and bytes the display sent per second of the job.
usage: /usr/bin/python3 bench/progress_bench.py [--rounds 3] [--tasks 10000]   (after install/install.sh)
"""
import argparse
import json
import os
import statistics
import time

from jupyter_client.manager import KernelManager

JOB = "sc.parallelize(IntStream.range(0, {n}).boxed().toList(), {n}).count()"


def start(progress):
    km = KernelManager(kernel_name="sparkbook")
    km.start_kernel(env=dict(os.environ, SPARKBOOK_PROGRESS="on" if progress else "off"))
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    reply = kc.execute_interactive(JOB.format(n=100), timeout=300, output_hook=lambda m: None)  # Spark up, JIT warm
    assert reply["content"]["status"] == "ok", reply["content"]
    return km, kc


def timed(kc, tasks):
    shown = []
    t0 = time.perf_counter()
    reply = kc.execute_interactive(JOB.format(n=tasks), timeout=1800, output_hook=lambda m: shown.append(m) if m[
        "msg_type"] in ("display_data", "update_display_data") else None)
    seconds = time.perf_counter() - t0
    assert reply["content"]["status"] == "ok", reply["content"]
    size = sum(len(json.dumps(m["content"])) for m in shown)
    return seconds, len(shown), size


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--tasks", type=int, default=10_000)
    args = ap.parse_args()
    kernels = {"with progress": start(True), "without": start(False)}
    runs = {name: [] for name in kernels}
    try:
        for _ in range(args.rounds):
            for name, (_, kc) in kernels.items():
                runs[name].append(timed(kc, args.tasks))
    finally:
        for km, kc in kernels.values():
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    print(f"machine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}; a job of {args.tasks:,} tasks, "
          f"{args.rounds} interleaved rounds")
    for name, rs in runs.items():
        for i, (s, n, size) in enumerate(rs):
            print(f"round {i + 1} {name:14} {s:7.2f} s  {n:3} display messages ({n / s:.2f}/s)  "
                  f"{size / 1024:6.1f} KB ({size / 1024 / s:.2f} KB/s)")
    with_ = statistics.median(s for s, _, _ in runs["with progress"])
    without = statistics.median(s for s, _, _ in runs["without"])
    print(f"median wall time with / without progress: {with_:.2f} / {without:.2f} s = {with_ / without:.3f}")


if __name__ == "__main__":
    main()

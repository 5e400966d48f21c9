#!/usr/bin/python3
"""Protocol-level figures of the sparkbook kernel against Debian's ipykernel, measured in the same run.

Prints, for each kernel: process start to the first `1+1` execute_reply, `1+1` round trip p50/p95 over 50,
complete_request p50 over 50, heartbeat round trip p50 over 200, and the kernel's RSS; then the ratio to
ipykernel. sparkbook runs twice: with Spark starting in the background (the default) and with it off,
to show what the background start costs the first cells on this machine.
usage: /usr/bin/python3 bench/kernel_bench.py [--rounds 50]
"""
import argparse
import os
import statistics
import time

import zmq
from jupyter_client.manager import KernelManager


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(kernel_name, rounds, env=None):
    km = KernelManager(kernel_name=kernel_name)
    t0 = time.perf_counter()
    km.start_kernel(env=dict(os.environ, **(env or {})))
    kc = km.client()
    kc.start_channels()
    kc.kernel_info(reply=True, timeout=60)
    info_at = time.perf_counter() - t0
    kc.execute("1+1", reply=True, timeout=120)
    first_at = time.perf_counter() - t0
    try:
        rtt = []
        for _ in range(rounds):
            s = time.perf_counter()
            kc.execute("1+1", reply=True, timeout=60)
            rtt.append((time.perf_counter() - s) * 1000)
        comp = []
        for _ in range(rounds):
            s = time.perf_counter()
            kc.complete("Math.ab" if kernel_name != "python3" else "import o", reply=True, timeout=60)
            comp.append((time.perf_counter() - s) * 1000)
        ctx = zmq.Context.instance()
        hb = ctx.socket(zmq.REQ)
        hb.connect(f"tcp://{km.ip}:{km.hb_port}")
        beats = []
        for _ in range(200):
            s = time.perf_counter()
            hb.send(b"ping")
            hb.recv()
            beats.append((time.perf_counter() - s) * 1000)
        hb.close()
        pid = km.provisioner.process.pid
        return {"kernel_info (s)": info_at, "first 1+1 (s)": first_at, "1+1 p50 (ms)": pct(rtt, 50),
                "1+1 p95 (ms)": pct(rtt, 95), "complete p50 (ms)": pct(comp, 50),
                "heartbeat p50 (ms)": pct(beats, 50), "RSS (MB)": rss_mb(pid)}
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def first_spark_result():
    """Process start to the reply of a first cell that runs a Spark job."""
    km = KernelManager(kernel_name="sparkbook")
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        reply = kc.execute("sc.parallelize(List.of(1, 2, 3)).count()", reply=True, timeout=300)
        assert reply["content"]["status"] == "ok", reply["content"]
        return time.perf_counter() - t0
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=50)
    args = ap.parse_args()
    runs = [("ipykernel (python3)", "python3", None),
            ("sparkbook, Spark off", "sparkbook", {"SPARKBOOK_SPARK": "off"}),
            ("sparkbook, Spark starting in background", "sparkbook", None)]
    results = {}
    for label, name, env in runs:
        results[label] = measure(name, args.rounds, env)
    keys = list(next(iter(results.values())).keys())
    base = results["ipykernel (python3)"]
    print(f"machine: {os.cpu_count()} cores; {args.rounds} rounds")
    print(f"{'figure':22}" + "".join(f"{label:>42}" for label in results))
    for k in keys:
        row = f"{k:22}"
        for label, r in results.items():
            ratio = r[k] / base[k] if base[k] else float('nan')
            cell = f"{r[k]:.3f}" + ("" if label == "ipykernel (python3)" else f" ({ratio:.2f}x)")
            row += f"{cell:>42}"
        print(row)
    print(f"sparkbook: process start to the first Spark result (sc.parallelize(...).count()): {first_spark_result():.2f} s "
          "(target <= 4 s)")


if __name__ == "__main__":
    main()

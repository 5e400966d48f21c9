#!/usr/bin/python3
"""Kernel memory over an endless stream: RSS (as the stream left it, and after a full GC) and live heap after N and 10*N batches (1 000 and 10 000 by default) of a word count with two live
displays (a batch table and the dashboard) on 100 ms batches.
Flat means the histories are ring buffers and the displays coalesce. Baseline: the same kernel after the first N.
With --native, the kernel's JVM runs with Native Memory Tracking and the bench prints, per JVM memory area, what
was committed at each point (the profile of where RSS goes).
usage: /usr/bin/python3 bench/memory_bench.py [--batches 1000] [--factor 10] [--native]
"""
import argparse
import os
import re
import subprocess
import time

from jupyter_client.manager import start_new_kernel


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def native_memory(pid):
    """Committed MB per JVM memory area (Java Heap, Class, Thread, Code, GC, Internal...), from jcmd."""
    out = subprocess.run(["jcmd", str(pid), "VM.native_memory", "summary"], capture_output=True, text=True).stdout
    return {name.strip(): int(kb) / 1024 for name, kb in
            re.findall(r"^-\s+([A-Za-z][A-Za-z ]+?) \(reserved=\d+KB, committed=(\d+)KB\)", out, re.M)}


def run(kc, code, timeout=3600):
    out = []
    # keep only text: the live displays' updates arrive under this cell too, thousands of them over a long run
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=lambda m: out.append(m) if m["msg_type"] in (
        "stream", "execute_result") else None)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream") + "".join(
        m["content"]["data"].get("text/plain", "") for m in out if m["msg_type"] == "execute_result")


def memory_over_batches(n, factor, native=False):
    """[(batches, RSS MB as the stream left it, RSS MB after a full GC, heap after GC MB, seconds,
    {JVM area: committed MB})] after n and factor * n batches."""
    env = dict(os.environ)
    if native:  # the java launcher reads JDK_JAVA_OPTIONS, so the kernelspec stays as it is
        env["JDK_JAVA_OPTIONS"] = (env.get("JDK_JAVA_OPTIONS", "") + " -XX:NativeMemoryTracking=summary").strip()
    km, kc = start_new_kernel(kernel_name="sparkbook", startup_timeout=120, env=env)
    pid = km.provisioner.process.pid
    heap = ("System.gc(); Runtime r = Runtime.getRuntime(); (r.totalMemory() - r.freeMemory()) / (1024 * 1024)")
    try:
        run(kc, "%spark batch=100ms")
        run(kc, "%%stream\n"
                "LiveQueue<String> lines = LiveQueue.create(ssc);\n"
                "JavaPairDStream<String, Integer> counts = lines.stream()\n"
                "    .flatMapToPair(l -> Arrays.stream(l.split(\" \")).map(w -> new Tuple2<>(w, 1)).iterator())\n"
                "    .reduceByKey(Integer::sum);\n"
                "display(counts);\ndisplay(ssc);")
        feed = ("var m = sparkbook.kernel.runtime.KernelRuntime.spark().metrics();\n"
                "long until = m.batches().completedBatches() + {n};\n"
                "for (int i = 0; i < {n}; i++) lines.push(List.of(\"to be or not \" + (i % 50), \"to be\"));\n"
                "while (m.batches().completedBatches() < until) ssc.awaitTerminationOrTimeout(500);")
        figures = []
        for total in (n, factor * n):
            step = total - (figures[-1][0] if figures else 0)
            t0 = time.time()
            run(kc, feed.replace("{n}", str(step)))
            running = rss_mb(pid)  # as the stream left it, before the full GC below shrinks the heap
            used = int(re.findall(r"\d+", run(kc, heap))[-1])
            figures.append((total, running, rss_mb(pid), used, time.time() - t0, native_memory(pid) if native else {}))
        return figures
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", type=int, default=1000)
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--native", action="store_true", help="profile the JVM's memory areas with Native Memory Tracking")
    args = ap.parse_args()
    n, factor = args.batches, args.factor
    figures = memory_over_batches(n, factor, args.native)
    print(f"{'batches':>8} {'RSS MB':>8} {'RSS after GC MB':>16} {'heap after GC MB':>17} {'seconds':>8}")
    for total, rss, rss_gc, used, secs, _ in figures:
        print(f"{total:>8} {rss:>8.0f} {rss_gc:>16.0f} {used:>17} {secs:>8.0f}")
    if args.native:
        first, last = figures[0][5], figures[1][5]
        print(f"\ncommitted MB per JVM area (Native Memory Tracking) {'':>4} {n:>8} {factor * n:>8} {'change':>8}")
        for area in sorted(last, key=lambda a: -abs(last[a] - first.get(a, 0))):
            if max(last[area], first.get(area, 0)) >= 1:
                print(f"{area:<54} {first.get(area, 0):>8.0f} {last[area]:>8.0f} {last[area] - first.get(area, 0):>+8.0f}")
    print(f"RSS ratio {factor * n} / {n} batches: {figures[1][1] / figures[0][1]:.2f}; "
          f"heap after GC ratio: {figures[1][3] / max(figures[0][3], 1):.2f}  (flat: about 1)")


if __name__ == "__main__":
    main()

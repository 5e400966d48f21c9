#!/usr/bin/python3
"""Kernel memory over an endless stream: RSS and live heap after N and 10*N batches (1 000 and 10 000 by default) of a word count with two live
displays (a batch table and the dashboard) on 100 ms batches.
Flat means the histories are ring buffers and the displays coalesce. Baseline: the same kernel after the first N.
usage: /usr/bin/python3 bench/memory_bench.py [--batches 1000] [--factor 10]
"""
import argparse
import re
import time

from jupyter_client.manager import start_new_kernel


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run(kc, code, timeout=3600):
    out = []
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=out.append)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream") + "".join(
        m["content"]["data"].get("text/plain", "") for m in out if m["msg_type"] == "execute_result")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", type=int, default=1000)
    ap.add_argument("--factor", type=int, default=10)
    args = ap.parse_args()
    n, factor = args.batches, args.factor
    km, kc = start_new_kernel(kernel_name="sparkbook", startup_timeout=120)
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
            used = int(re.findall(r"\d+", run(kc, heap))[-1])
            figures.append((total, rss_mb(pid), used, time.time() - t0))
        print(f"{'batches':>8} {'RSS MB':>8} {'heap after GC MB':>17} {'seconds':>8}")
        for total, rss, used, secs in figures:
            print(f"{total:>8} {rss:>8.0f} {used:>17} {secs:>8.0f}")
        print(f"RSS ratio {factor * n} / {n} batches: {figures[1][1] / figures[0][1]:.2f}; "
              f"heap ratio: {figures[1][2] / max(figures[0][2], 1):.2f}  (flat: about 1)")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


if __name__ == "__main__":
    main()

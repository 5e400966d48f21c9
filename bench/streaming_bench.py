#!/usr/bin/python3
"""Streaming figures, each with its baseline measured in the same script:

1. Sustained records/s of a queue word count defined in a notebook cell versus the same pipeline as a plain Java
   program (bench/java/QueueWordCountBench.java: the cell is the text between its CELL markers), same Spark, same
   JVM flags as the kernelspec.
2. The per-batch cost of taps (what a live display attaches) in the plain program, and of live displays in the
   kernel against none, in interleaved rounds: the counts table with the dashboard and its chart (3 displays), and
   one display per stage (each is a pass over that stream's batch: the (word, 1) pairs stream holds 300 000 records
   per batch); with the JVM's CPU time per batch, which counts the displays' work wherever it runs.
3. A 10-batch word-count stream check (StreamCheck, manual clock) against the same batches as plain RDD jobs.
usage: /usr/bin/python3 bench/streaming_bench.py   (after mvn package and install/install.sh)
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from statistics import median

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

ROUNDS = 5
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIB = os.path.join(ROOT, "kernel", "target", "lib", "*")


def kernel_java():
    """The kernelspec's java and its JVM options (from its jvm.options file) without the start-up cache, so a plain
    program and the kernel run on the same JDK with the same flags."""
    argv = KernelSpecManager().get_kernel_spec("sparkbook").argv
    flags = []
    for a in argv[1:argv.index("-cp")]:
        if a.startswith("@"):
            flags += [line.strip() for line in open(a[1:]) if line.strip() and not line.startswith("#")]
        else:
            flags.append(a)
    return [argv[0]] + [f for f in flags if not f.startswith(("-XX:SharedArchiveFile", "-XX:AOTCache", "-Xshare"))]


def compile_bench():
    out = tempfile.mkdtemp(prefix="sparkbook-bench-")
    subprocess.run(["javac", "-nowarn", "-d", out, "-cp", LIB] + [os.path.join(ROOT, "bench", "java", f)
                    for f in ("QueueWordCountBench.java", "StreamCheckBench.java")], check=True)
    return out


def parse(text):
    m = re.search(r"RESULT (.*)", text)
    if not m:
        raise RuntimeError("no RESULT line in:\n" + text[-3000:])
    return {k: int(v) for k, v in (kv.split("=") for kv in m.group(1).split())}


def plain(classes, taps):
    r = subprocess.run([*kernel_java(), "-cp", classes + os.pathsep + LIB, "QueueWordCountBench", str(taps)],
                       capture_output=True, text=True, timeout=900)
    return parse(r.stdout)


DISPLAYS = {
    "none": "",
    "dashboard": "display(counts); display(ssc);",  # the counts table, the dashboard and its chart: 3 live displays
    "each": "display(lines); display(pairs); display(counts);",
}
LABELS = {"none": "cell, no display", "dashboard": "cell, counts table + dashboard + chart",
"each": "cell, displays of lines, pairs, counts"}


def cell_source(displays):
    """The CELL section of the plain program, with its taps replaced by live displays (DISPLAYS)."""
    src = open(os.path.join(ROOT, "bench", "java", "QueueWordCountBench.java")).read()
    body = src.split("// CELL-BEGIN", 1)[1].split("// CELL-END", 1)[0]
    body = "\n".join(line[8:] if line.startswith("        ") else line for line in body.splitlines())
    taps = "for (int t = 0; t < taps; t++) BatchTap.attach(counts, 10, sample -> { });"
    body = body.replace(taps, DISPLAYS[displays])
    return ("import sparkbook.engine.metrics.*;\nimport sparkbook.engine.tap.*;\n"
            "MetricsListener metrics = sparkbook.kernel.runtime.KernelRuntime.spark().metrics();\n" + body)


def in_kernel(kc, displays):
    kc.execute_interactive("%stream restart", timeout=120)
    out = []
    reply = kc.execute_interactive(cell_source(displays), timeout=900,
                                   output_hook=lambda m: out.append(m) if m["msg_type"] == "stream" else None)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(json.dumps(reply["content"])[:3000])
    return parse("".join(m["content"].get("text", "") for m in out))


def main():
    classes = compile_bench()
    rows = []
    base = plain(classes, 0)
    tapped = plain(classes, 3)
    km, kc = start_new_kernel(kernel_name="sparkbook", startup_timeout=120)
    try:
        kc.execute_interactive("sc.version()", timeout=120)
        in_kernel(kc, "none")  # warm-up: JIT, Spark's first jobs
        runs = {name: [] for name in DISPLAYS}
        for _ in range(ROUNDS):  # interleaved, so drift on a shared machine hits every variant alike
            for name in DISPLAYS:
                runs[name].append(in_kernel(kc, name))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    print(f"machine: {os.cpu_count()} cores; queue word count, 150 000 lines/batch, 1 s batches, median of 22 steady batches")
    fmt = "{:52} {:>12} {:>16} {:>20} {:>18}"
    print(fmt.format("run", "records/s", "median proc ms", "max sched delay ms", "CPU ms/batch"))
    rows = [("plain Java program", base), ("plain Java program, 3 taps", tapped)]
    for i in range(ROUNDS):
        rows += [(f"round {i + 1}: {LABELS[name]}", runs[name][i]) for name in DISPLAYS]
    for label, r in rows:
        print(fmt.format(label, r["records_per_s"], r["median_processing_ms"], r["max_scheduling_delay_ms"],
                         r["cpu_ms_per_batch"]))
    kernel = median([r["records_per_s"] for r in runs["none"]])
    print(f"kernel (median of {ROUNDS}) / plain records/s: {kernel / base['records_per_s']:.3f}  (target >= 0.95)")
    for name in ("dashboard", "each"):
        ratios = [runs[name][i]["records_per_s"] / runs["none"][i]["records_per_s"] for i in range(ROUNDS)]
        print(f"{LABELS[name][6:]} / none, same round: " + " ".join(f"{x:.3f}" for x in ratios)
              + f"; median {median(ratios):.3f}  (target >= 0.95)")
        cpu = [runs[name][i]["cpu_ms_per_batch"] / runs["none"][i]["cpu_ms_per_batch"] for i in range(ROUNDS)]
        print(f"    CPU per batch (all JVM threads while streaming), same round: median {median(cpu):.2f} of none's")
    per_tap = (tapped["median_processing_ms"] - base["median_processing_ms"]) / 3
    print(f"per-batch cost of one tap (plain program): {per_tap:.1f} ms")
    sys.stdout.flush()
    r = subprocess.run([*kernel_java(), "-cp", classes + os.pathsep + LIB, "StreamCheckBench"],
                       capture_output=True, text=True, timeout=600)
    print("\n".join(l for l in r.stdout.splitlines() if l.startswith("run")))


if __name__ == "__main__":
    main()

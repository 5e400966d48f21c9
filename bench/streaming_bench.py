#!/usr/bin/python3
"""Streaming figures, each with its baseline measured in the same script:

1. Sustained records/s of a queue word count defined in a notebook cell versus the same pipeline as a plain Java
   program (bench/java/QueueWordCountBench.java: the cell is the text between its CELL markers), same Spark, same
   JVM flags as the kernelspec.
2. The per-batch cost of taps (what a live display attaches) in the plain program, and of 3 live displays in the
   kernel, against none.
3. A 10-batch word-count stream check (StreamCheck, manual clock) against the same batches as plain RDD jobs.
usage: /usr/bin/python3 bench/streaming_bench.py   (after mvn package and install/install.sh)
"""
import json
import os
import re
import subprocess
import sys
import tempfile

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIB = os.path.join(ROOT, "kernel", "target", "lib", "*")


def jvm_flags():
    """The kernelspec's JVM options, so both sides run with the same flags."""
    argv = KernelSpecManager().get_kernel_spec("sparkbook").argv
    return [a for a in argv[1:argv.index("-cp")] if not a.startswith("-XX:SharedArchiveFile") and a != "-Xshare:auto"]


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
    r = subprocess.run(["java", *jvm_flags(), "-cp", classes + os.pathsep + LIB, "QueueWordCountBench", str(taps)],
                       capture_output=True, text=True, timeout=900)
    return parse(r.stdout)


def cell_source(displays):
    src = open(os.path.join(ROOT, "bench", "java", "QueueWordCountBench.java")).read()
    body = src.split("// CELL-BEGIN", 1)[1].split("// CELL-END", 1)[0]
    body = "\n".join(line[8:] if line.startswith("        ") else line for line in body.splitlines())
    taps = "for (int t = 0; t < taps; t++) BatchTap.attach(counts, 10, sample -> { });"
    body = body.replace(taps, "for (int t = 0; t < taps; t++) display(counts);" if displays else taps)
    return ("import sparkbook.engine.metrics.*;\nimport sparkbook.engine.tap.*;\n"
            "MetricsListener metrics = sparkbook.kernel.runtime.KernelRuntime.spark().metrics();\n"
            f"int taps = {displays};\n" + body)


def in_kernel(kc, displays):
    kc.execute_interactive("%stream restart", timeout=120)
    out = []
    reply = kc.execute_interactive(cell_source(displays), timeout=900, output_hook=out.append)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(json.dumps(reply["content"])[:3000])
    return parse("".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream"))


def main():
    classes = compile_bench()
    rows = []
    base = plain(classes, 0)
    tapped = plain(classes, 3)
    km, kc = start_new_kernel(kernel_name="sparkbook", startup_timeout=120)
    try:
        kc.execute_interactive("sc.version()", timeout=120)
        kernel = in_kernel(kc, 0)
        kernel_displays = in_kernel(kc, 3)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    print(f"machine: {os.cpu_count()} cores; queue word count, 150 000 lines/batch, 1 s batches, median of 12 steady batches")
    fmt = "{:52} {:>12} {:>16} {:>20}"
    print(fmt.format("run", "records/s", "median proc ms", "max sched delay ms"))
    for label, r in (("plain Java program", base), ("plain Java program, 3 taps", tapped),
                     ("notebook cell in the kernel", kernel), ("notebook cell, 3 live displays", kernel_displays)):
        print(fmt.format(label, r["records_per_s"], r["median_processing_ms"], r["max_scheduling_delay_ms"]))
    print(f"kernel / plain records/s: {kernel['records_per_s'] / base['records_per_s']:.3f}  (target >= 0.95)")
    print(f"3 live displays / none, in the kernel: {kernel_displays['records_per_s'] / kernel['records_per_s']:.3f}  (target >= 0.95)")
    per_tap = (tapped["median_processing_ms"] - base["median_processing_ms"]) / 3
    print(f"per-batch cost of one tap (plain program): {per_tap:.1f} ms")
    sys.stdout.flush()
    r = subprocess.run(["java", *jvm_flags(), "-cp", classes + os.pathsep + LIB, "StreamCheckBench"],
                       capture_output=True, text=True, timeout=600)
    print("\n".join(l for l in r.stdout.splitlines() if l.startswith("run")))


if __name__ == "__main__":
    main()

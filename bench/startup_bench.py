#!/usr/bin/python3
"""What the class-data-sharing archive buys a kernel's start, each variant measured in the same run:

- "JDK archive only": the JDK's own default CDS archive, no archive of the kernel's classes;
- "kernel start archived": an archive trained by Warmup --without-spark (the kernel and JShell's first cells);
- "first session archived": the archive the installer makes, trained by Warmup (also Spark's start, a first job,
  SQL, a DStream, a Structured Streaming query and their views).

For each, in fresh kernels: process start to the first `1+1` reply, process start to the reply of a first cell
that runs a Spark job (`sc.parallelize(List.of(1, 2, 3)).count()`), and the kernel's RSS and PSS once that cell
answered. ipykernel's first `1+1` is the baseline of the first column. Runs are interleaved, medians printed.
usage: /usr/bin/python3 bench/startup_bench.py [--runs 3]   (after install/install.sh)
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from memory_bench import rss_mb  # noqa: E402


def pss_mb(pid):
    for line in open(f"/proc/{pid}/smaps_rollup"):
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def variants(workdir):
    """Three kernelspecs that differ only in their archive, in a folder put first on JUPYTER_PATH."""
    spec = KernelSpecManager().get_kernel_spec("sparkbook")
    argv = spec.argv
    plain = [a for a in argv if not a.startswith("-XX:SharedArchiveFile")]
    opts = plain[1:plain.index("-cp")]
    cp = plain[plain.index("-cp") + 1]
    names = {}
    for name, label, train in (("sb-jdk", "JDK archive only", None),
                               ("sb-kernel", "kernel start archived", ["--without-spark"]),
                               ("sb-session", "first session archived", [])):
        d = os.path.join(workdir, "kernels", name)
        os.makedirs(d)
        args = list(plain)
        if train is not None:
            jsa = os.path.join(d, "sparkbook.jsa")
            t0 = time.perf_counter()
            subprocess.run(["java", *[o for o in opts if not o.startswith("-Xshare")], f"-XX:ArchiveClassesAtExit={jsa}",
                            "-cp", cp, "sparkbook.kernel.Warmup", *train],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            size = os.path.getsize(jsa) / 2**20
            print(f"{label}: trained in {time.perf_counter() - t0:.0f} s, archive {size:.0f} MB")
            args.insert(args.index("-cp"), f"-XX:SharedArchiveFile={jsa}")
        json.dump(dict(spec.to_dict(), argv=args, display_name=label), open(os.path.join(d, "kernel.json"), "w"))
        names[name] = label
    os.environ["JUPYTER_PATH"] = workdir + os.pathsep + os.environ.get("JUPYTER_PATH", "")
    return names


def first_answers(kernel_name):
    km = KernelManager(kernel_name=kernel_name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.execute("1+1", reply=True, timeout=120)
        first = time.perf_counter() - t0
        if kernel_name == "python3":
            return {"first 1+1 (s)": first}
        reply = kc.execute("sc.parallelize(List.of(1, 2, 3)).count()", reply=True, timeout=300)
        assert reply["content"]["status"] == "ok", reply["content"]
        spark = time.perf_counter() - t0
        pid = km.provisioner.process.pid
        return {"first 1+1 (s)": first, "first Spark result (s)": spark, "RSS (MB)": rss_mb(pid),
                "PSS (MB)": pss_mb(pid)}
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    workdir = tempfile.mkdtemp(prefix="sparkbook-startup-bench-")
    try:
        names = variants(workdir)
        runs = {"python3": [], **{n: [] for n in names}}
        for _ in range(args.runs):
            for name in runs:
                runs[name].append(first_answers(name))
        med = {n: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for n, rs in runs.items()}
        print(f"\nmachine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}; medians of {args.runs} runs, interleaved")
        keys = ["first 1+1 (s)", "first Spark result (s)", "RSS (MB)", "PSS (MB)"]
        print(f"{'kernel':26}" + "".join(f"{k:>26}" for k in keys))
        base = med["sb-jdk"]
        for n, m in med.items():
            label = names.get(n, "ipykernel")
            row = f"{label:26}"
            for k in keys:
                if k not in m:
                    row += f"{'-':>26}"
                    continue
                ratio = m[k] / (med['python3'][k] if k == "first 1+1 (s)" else base[k])
                row += f"{m[k]:>14.2f} ({ratio:5.2f}x {'ipk' if k == 'first 1+1 (s)' else 'jdk'})"
            print(row)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

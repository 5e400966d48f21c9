#!/usr/bin/python3
"""A kernel's start on each JDK this machine has for Spark (install/install.sh --list-jdks), with and without the
start-up cache the installer makes (JDK 25: an AOT cache; 17/21: a class-data-sharing archive, both trained by
Warmup's first session: the kernel's start, JShell's first cells, Spark's start, a first job, SQL, a DStream, a
Structured Streaming query and their views), each measured in the same run:

in fresh kernels, process start to the first `1+1` reply, process start to the reply of a first cell that runs a Spark
job (`sc.parallelize(List.of(1, 2, 3)).count()`), the kernel's RSS and PSS once that cell answered, and again after
20 s idle (the kernel's periodic GC gives memory back after 15 s). ipykernel's first `1+1` is the baseline of the first
column, the same JDK without its cache the baseline of the others. Runs are interleaved, medians printed.
usage: /usr/bin/python3 bench/startup_bench.py [--runs 3] [--idle 20]
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
    """Per JDK family: the kernel installed with it (cache included), and the same without its cache line."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    jdks = subprocess.run(["bash", f"{root}/install/install.sh", "--list-jdks"], capture_output=True, text=True,
                          check=True).stdout.split("\n")
    names, seen = {}, set()
    for line in filter(None, jdks):
        java, version = line.split()
        major = version.split(".")[0]
        if major in seen:
            continue
        seen.add(major)
        prefix = os.path.join(workdir, f"jdk{major}")
        t0 = time.perf_counter()
        subprocess.run(["bash", f"{root}/install/install.sh", "--prefix", prefix], check=True, stdout=subprocess.DEVNULL,
                       env=dict(os.environ, SPARKBOOK_JAVA_HOME=os.path.dirname(os.path.dirname(java))))
        installed = os.path.join(prefix, "share", "jupyter", "kernels", "sparkbook")
        cache = [f for f in os.listdir(installed) if f.startswith("sparkbook.") and f.endswith((".aot", ".jsa"))]
        size = f"{os.path.getsize(os.path.join(installed, cache[0])) / 2**20:.0f} MB" if cache else "none made"
        print(f"JDK {version}: installed in {time.perf_counter() - t0:.0f} s, start-up cache {size}")
        spec = json.load(open(os.path.join(installed, "kernel.json")))
        for name, label, keep_cache in ((f"sb{major}", f"JDK {major} with cache", True),
                                        (f"sb{major}-nocache", f"JDK {major} no cache", False)):
            d = os.path.join(workdir, "kernels", name)
            os.makedirs(d)
            options = os.path.join(d, "jvm.options")
            with open(options, "w") as out:
                for opt in open(os.path.join(installed, "jvm.options")):
                    if keep_cache or not opt.startswith(("-XX:AOTCache=", "-XX:SharedArchiveFile=")):
                        out.write(opt)
            argv = [f"@{options}" if a.startswith("@") else a for a in spec["argv"]]
            json.dump(dict(spec, argv=argv, display_name=label), open(os.path.join(d, "kernel.json"), "w"))
            names[name] = label
    os.environ["JUPYTER_PATH"] = workdir + os.pathsep + os.environ.get("JUPYTER_PATH", "")
    return names


def first_answers(kernel_name, idle, then=None):
    """The kernel's start figures; then(client, pid), if given, runs last on the same kernel and adds its figures."""
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
        figures = {"first 1+1 (s)": first, "first Spark result (s)": spark, "RSS (MB)": rss_mb(pid),
                   "PSS (MB)": pss_mb(pid)}
        time.sleep(idle)
        figures.update({"RSS idle (MB)": rss_mb(pid), "PSS idle (MB)": pss_mb(pid)})
        if then:
            figures.update(then(kc, pid))
        return figures
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--idle", type=float, default=20)
    args = ap.parse_args()
    workdir = tempfile.mkdtemp(prefix="sparkbook-startup-bench-")
    try:
        names = variants(workdir)
        runs = {"python3": [], **{n: [] for n in names}}
        for _ in range(args.runs):
            for name in runs:
                runs[name].append(first_answers(name, args.idle))
        med = {n: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for n, rs in runs.items()}
        print(f"\nmachine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}; medians of {args.runs} runs, interleaved")
        keys = ["first 1+1 (s)", "first Spark result (s)", "RSS (MB)", "PSS (MB)", "RSS idle (MB)", "PSS idle (MB)"]
        print(f"{'kernel':26}" + "".join(f"{k:>26}" for k in keys))
        for n, m in med.items():
            label = names.get(n, "ipykernel")
            base = med[n.replace("-nocache", "") + "-nocache"] if n != "python3" else m
            row = f"{label:26}"
            for k in keys:
                if k not in m:
                    row += f"{'-':>26}"
                    continue
                ratio = m[k] / (med['python3'][k] if k == "first 1+1 (s)" else base[k])
                row += f"{m[k]:>14.2f} ({ratio:5.2f}x {'ipk' if k == 'first 1+1 (s)' else 'nc.'})"
            print(row)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

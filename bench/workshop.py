#!/usr/bin/python3
"""A workshop on one machine: N kernels started at once (default 20), each answering a first Spark cell.

Baseline, in the same run: one kernel started alone, timed from process start to the same cell's reply. Then N
kernels are started together (as N attendees opening the notebook), each runs
`sc.parallelize(List.of(1, 2, 3)).count()`; printed: how many answered, the time until the last answered (and its
ratio to the lone kernel's), per-kernel RSS and PSS once all answered, and their sums. PSS counts pages shared
between kernels (the class-data archive, the JDK's libraries) once in all, which RSS counts in every kernel.
Also printed: each kernel's CPU time (user + system) until then, which is what N kernels share the machine's cores for.
usage: /usr/bin/python3 bench/workshop.py [--kernels 20] [--kernel sparkbook] [--jvm-option OPT ...]
  --jvm-option adds options to a copy of the kernelspec (its jvm.options), to compare settings run by run.
"""
import argparse
import json
import os
import shutil
import statistics
import sys
import threading
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from memory_bench import rss_mb  # noqa: E402
from startup_bench import pss_mb  # noqa: E402

CELL = "sc.parallelize(List.of(1, 2, 3)).count()"


class Attendee:
    """One kernel: started, asked the Spark cell, measured, shut down when told."""

    def __init__(self, kernel_name, start):
        self.kernel_name, self.start = kernel_name, start
        self.km = self.kc = None
        self.answered = None  # seconds from `start` to the reply
        self.error = None

    def run(self, timeout):
        try:
            self.km = KernelManager(kernel_name=self.kernel_name)
            self.km.start_kernel()
            self.kc = self.km.client()
            self.kc.start_channels()
            outputs = []
            reply = self.kc.execute_interactive(CELL, timeout=timeout, output_hook=outputs.append)
            if reply["content"]["status"] != "ok":
                self.error = f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}"
            else:
                self.answered = time.perf_counter() - self.start
        except Exception as e:  # noqa: BLE001 - reported per kernel, the others go on
            self.error = f"{type(e).__name__}: {e}"

    def memory(self):
        pid = self.km.provisioner.process.pid
        return rss_mb(pid), pss_mb(pid), cpu_seconds(pid)

    def stop(self):
        if self.kc:
            self.kc.stop_channels()
        if self.km and self.km.has_kernel:
            self.km.shutdown_kernel(now=False)


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def with_options(kernel_name, options, workdir):
    """A copy of the kernelspec whose jvm.options ends with `options`; its name."""
    spec = KernelSpecManager().get_kernel_spec(kernel_name)
    d = os.path.join(workdir, "kernels", kernel_name + "-variant")
    os.makedirs(d)
    argv = []
    for a in spec.argv:
        if a.startswith("@"):
            shutil.copy(a[1:], os.path.join(d, "jvm.options"))
            with open(os.path.join(d, "jvm.options"), "a") as f:
                f.write("# added by bench/workshop.py\n" + "\n".join(options) + "\n")
            a = "@" + os.path.join(d, "jvm.options")
        argv.append(a)
    json.dump(dict(spec.to_dict(), argv=argv), open(os.path.join(d, "kernel.json"), "w"))
    os.environ["JUPYTER_PATH"] = workdir + os.pathsep + os.environ.get("JUPYTER_PATH", "")
    return kernel_name + "-variant"


def workshop(kernel_name, n, timeout):
    start = time.perf_counter()
    people = [Attendee(kernel_name, start) for _ in range(n)]
    threads = [threading.Thread(target=p.run, args=(timeout,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    mem = [p.memory() if p.answered else (float("nan"),) * 3 for p in people]
    for p in people:
        p.stop()
    return people, mem


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernels", type=int, default=20)
    ap.add_argument("--kernel", default="sparkbook")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--jvm-option", action="append", default=[])
    args = ap.parse_args()
    workdir = tempfile.mkdtemp(prefix="sparkbook-workshop-")
    try:
        if args.jvm_option:
            args.kernel = with_options(args.kernel, args.jvm_option, workdir)
            print("JVM options added:", " ".join(args.jvm_option))
        run(args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args):
    alone, alone_mem = workshop(args.kernel, 1, args.timeout)
    if not alone[0].answered:
        sys.exit(f"the lone kernel did not answer: {alone[0].error}")
    t1 = alone[0].answered
    print(f"one kernel alone: first Spark result after {t1:.1f} s, {alone_mem[0][2]:.1f} CPU s; "
          f"RSS {alone_mem[0][0]:.0f} MB, PSS {alone_mem[0][1]:.0f} MB")

    people, mem = workshop(args.kernel, args.kernels, args.timeout)
    ok = [p for p in people if p.answered]
    for p in people:
        if p.error:
            print(f"  failed: {p.error}")
    times = sorted(p.answered for p in ok)
    rss = [m[0] for p, m in zip(people, mem) if p.answered]
    pss = [m[1] for p, m in zip(people, mem) if p.answered]
    cpu = [m[2] for p, m in zip(people, mem) if p.answered]
    print(f"\nmachine: {os.cpu_count()} cores, {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.0f} GiB;"
          f" {time.strftime('%Y-%m-%d')}; kernel spec {args.kernel!r}")
    print(f"{len(ok)} of {args.kernels} kernels answered `{CELL}`")
    if not ok:
        return
    print(f"first answer after {times[0]:.1f} s, median {statistics.median(times):.1f} s, "
          f"all answered after {times[-1]:.1f} s ({times[-1] / t1:.1f}x one kernel alone)")
    print(f"RSS per kernel: min {min(rss):.0f}, median {statistics.median(rss):.0f}, max {max(rss):.0f} MB;"
          f" sum {sum(rss) / 1024:.2f} GB")
    print(f"PSS per kernel: min {min(pss):.0f}, median {statistics.median(pss):.0f}, max {max(pss):.0f} MB;"
          f" sum {sum(pss) / 1024:.2f} GB (pages shared between kernels counted once)")
    print(f"CPU time per kernel until all answered: median {statistics.median(cpu):.1f} s, sum {sum(cpu):.0f} s "
          f"on {os.cpu_count()} cores")
    if len(ok) < args.kernels:
        sys.exit(1)


if __name__ == "__main__":
    main()

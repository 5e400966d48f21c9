#!/usr/bin/python3
"""A change to the installed kernel's jvm.options against the options as installed, in fresh kernels, interleaved:
process start to the first `1+1` reply, to the reply of a first cell running a Spark job, RSS and PSS once it
answered and after --idle seconds (startup_bench.first_answers measures each kernel). Prints every run, the medians
and the variant's ratio to the installed options. The start-up cache stays valid: only the options change.

With --cell CODE (repeatable), each kernel then runs each cell --cell-runs times after one untimed run: the median
wall time and the kernel's CPU time (all its threads: JIT and GC included) per run, for what an option costs once
the kernel is warm (a compiler or GC setting that helps the start may slow real work).

usage: /usr/bin/python3 bench/jvm_option_bench.py --replace='-XX:InitialHeapSize=256m=>-Xms32m' [--runs 5]
       [--cell 'CODE' ... [--cell-runs 3]]
  (LINE=>NEW replaces a whole line of the installed jvm.options; NEW may hold several options, space-separated;
  =>NEW adds a line; --replace may be given several times)
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from startup_bench import first_answers  # noqa: E402


def variant_kernel(workdir, installed, replacements):
    """A kernelspec like the installed one whose jvm.options has the replacements made: its name."""
    lines = open(os.path.join(installed, "jvm.options")).read().splitlines()
    for old, new in replacements:
        if old == "":
            lines.append(new)
        elif old in lines:
            lines[lines.index(old)] = new
        else:
            sys.exit(f"no line {old!r} in {installed}/jvm.options")
    d = os.path.join(workdir, "kernels", "sparkbook-variant")
    os.makedirs(d)
    options = os.path.join(d, "jvm.options")
    open(options, "w").write("\n".join(lines) + "\n")
    spec = json.load(open(os.path.join(installed, "kernel.json")))
    argv = [f"@{options}" if a.startswith("@") else a for a in spec["argv"]]
    json.dump(dict(spec, argv=argv), open(os.path.join(d, "kernel.json"), "w"))
    os.environ["JUPYTER_PATH"] = workdir + os.pathsep + os.environ.get("JUPYTER_PATH", "")
    return "sparkbook-variant"


def cpu_seconds(pid):
    """User and system CPU time of the process, all its threads, from /proc."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_cells(cells, runs):
    """A then= for first_answers: each cell once untimed, then runs times; median wall and CPU seconds per cell."""
    def run(kc, pid):
        figures = {}
        for n, code in enumerate(cells, 1):
            walls, cpus = [], []
            for i in range(runs + 1):
                c0, t0 = cpu_seconds(pid), time.perf_counter()
                reply = kc.execute(code, reply=True, timeout=600)
                assert reply["content"]["status"] == "ok", reply["content"]
                if i:
                    walls.append(time.perf_counter() - t0)
                    cpus.append(cpu_seconds(pid) - c0)
            figures[f"cell {n} wall (s)"] = statistics.median(walls)
            figures[f"cell {n} CPU (s)"] = statistics.median(cpus)
        return figures
    return run


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--replace", action="append", metavar="LINE=>NEW", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--idle", type=float, default=20)
    ap.add_argument("--cell", action="append", default=[], metavar="CODE")
    ap.add_argument("--cell-runs", type=int, default=3)
    args = ap.parse_args()
    if not all("=>" in r for r in args.replace):
        ap.error("--replace takes LINE=>NEW, as --replace='-Xms32m=>-Xms64m' (the = keeps an option-like value whole)")
    args.replace = [tuple(r.split("=>", 1)) for r in args.replace]
    installed = KernelSpecManager().get_kernel_spec("sparkbook").resource_dir
    with tempfile.TemporaryDirectory() as workdir:
        kernels = {"installed": "sparkbook", "variant": variant_kernel(workdir, installed, args.replace)}
        runs = {label: [] for label in kernels}
        for i in range(args.runs):
            for label, name in kernels.items():
                figures = first_answers(name, args.idle, timed_cells(args.cell, args.cell_runs) if args.cell else None)
                runs[label].append(figures)
                print(f"run {i + 1} {label}: " + ", ".join(f"{k} {v:.2f}" for k, v in figures.items()), flush=True)
    print(f"\nvariant: {' ; '.join(f'{old!r} -> {new!r}' for old, new in args.replace)}")
    for n, code in enumerate(args.cell, 1):
        print(f"cell {n}: {code}")
    print(f"{'median of ' + str(args.runs):<26}{'installed':>12}{'variant':>12}{'ratio':>8}")
    for key in runs["installed"][0]:
        a = statistics.median(r[key] for r in runs["installed"])
        b = statistics.median(r[key] for r in runs["variant"])
        print(f"{key:<26}{a:>12.2f}{b:>12.2f}{b / a:>8.2f}")


if __name__ == "__main__":
    main()

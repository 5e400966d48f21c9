#!/usr/bin/python3
"""Executes the tutorial notebooks and checks what they show.

usage: /usr/bin/python3 tests/notebooks/run_notebooks.py DIR [--save] [--kernel NAME] [--timeout S] [--only PATTERN]

Every *.ipynb in DIR runs (sorted by name, one at a time) with nbclient in a temporary copy; the committed
notebooks are only rewritten with the fresh outputs when --save is given. A notebook fails when
  - a cell fails to run or times out,
  - any cell has an error output (an exception, a compile error, a failed magic), or
  - an expected figure is missing.
Expected figures are declared in the notebook's metadata:

    "metadata": {"sparkbook": {"expect": [
        {"cell": "dashboard", "mime": "image/svg+xml"},
        {"cell": "dashboard", "text": "falling behind"},
        {"cell": -1, "mime": "text/html", "text": "<table"}
    ]}}

"cell" is a cell tag (every code cell with that tag is searched, at least one must match) or a code-cell
index (negative counts from the end, as in Python). "mime" requires an output carrying that MIME type;
"text" requires the text in the cell's output (stream text or any text MIME of a rich output; with "mime",
in that MIME type). Each check may say "why", printed when it fails.

A notebook that needs a server declares it in the same metadata, and gets a fresh one for its run only:

    "metadata": {"sparkbook": {"needs": ["postgresql"], "expect": [...]}}

"postgresql" starts Debian's PostgreSQL on 127.0.0.1 in a temporary folder (tests/servers/postgres.py) and sets
PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD (libpq's variables) in the environment the kernel inherits; they
are restored, and the server stopped, once the notebook has run. A server that cannot start fails the notebook
(an unknown need too).

Prints one line per notebook (name, seconds, ok or FAIL and the reason) and ends with "N passed, M failed";
exit status 1 if any failed.
"""
import argparse
import glob
import os
import shutil
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

# Run as a script from anywhere: tests.servers lives at the repository root, two folders up.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from tests.servers import postgres  # noqa: E402

TEXT_MIMES = ("text/plain", "text/html", "text/markdown", "image/svg+xml")


def as_text(value):
    if isinstance(value, list):
        return "".join(value)
    if isinstance(value, (dict,)):
        import json
        return json.dumps(value)
    return str(value)


def output_texts(output, mime=None):
    """The texts of one output to search, restricted to one MIME type if given."""
    kind = output.get("output_type")
    if kind == "stream":
        return [] if mime else [as_text(output.get("text", ""))]
    if kind == "error":
        return [] if mime else [output.get("ename", "") + ": " + output.get("evalue", "")]
    data = output.get("data", {})
    if mime:
        return [as_text(data[mime])] if mime in data else []
    return [as_text(data[m]) for m in TEXT_MIMES if m in data]


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def select_cells(nb, ref):
    cells = code_cells(nb)
    if isinstance(ref, int):
        try:
            return [cells[ref]], "code cell %d" % ref
        except IndexError:
            return [], "code cell %d (there are %d)" % (ref, len(cells))
    return [c for c in cells if ref in c.get("metadata", {}).get("tags", [])], "cell tagged '%s'" % ref


def check_expectation(nb, exp):
    """None if the expectation holds, else why not."""
    cells, where = select_cells(nb, exp.get("cell", -1))
    if not cells:
        return "no %s" % where
    mime, text = exp.get("mime"), exp.get("text")
    for cell in cells:
        for out in cell.get("outputs", []):
            if mime and mime not in out.get("data", {}):
                continue
            if text is None or any(text in t for t in output_texts(out, mime)):
                return None
    what = " and ".join(x for x in (mime and "a %s output" % mime, text and "the text %r" % text) if x)
    why = (" (" + exp["why"] + ")") if exp.get("why") else ""
    return "%s lacks %s%s" % (where, what, why)


def first_error(nb):
    for i, cell in enumerate(code_cells(nb)):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                line = (out.get("ename", "") + ": " + out.get("evalue", "")).strip().splitlines()
                return "error output in code cell %d: %s" % (i, line[0][:160] if line else "?")
    return None


def start_postgresql():
    """A fresh PostgreSQL server; returns it and the libpq variables that reach it."""
    server = postgres.PostgresServer()
    try:
        server.start()
    except BaseException:
        server.stop()  # a server that started but could not create its database
        raise
    env = {"PGHOST": "127.0.0.1", "PGPORT": str(server.port), "PGDATABASE": server.database,
           "PGUSER": "postgres", "PGPASSWORD": postgres.PASSWORD}
    return server, env


SERVERS = {"postgresql": start_postgresql}


class Needs:
    """The servers a notebook's metadata asks for ("needs"), running, with their variables set in os.environ (which
    the kernel nbclient starts inherits) until close(), which restores the environment and stops them."""

    def __init__(self, needs):
        self.servers, self.saved = [], {}
        try:
            for need in needs:
                if need not in SERVERS:
                    raise ValueError("unknown need %r (known: %s)" % (need, ", ".join(sorted(SERVERS))))
                server, env = SERVERS[need]()
                self.servers.append(server)
                for name, value in env.items():
                    self.saved.setdefault(name, os.environ.get(name))
                    os.environ[name] = value
        except BaseException:
            self.close()
            raise

    def close(self):
        for name, value in self.saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        self.saved = {}
        while self.servers:
            self.servers.pop().stop()


def run_one(path, args, scratch):
    nb = nbformat.read(path, as_version=4)
    try:
        needs = Needs(nb.metadata.get("sparkbook", {}).get("needs", []))
    except Exception as e:
        return 0.0, "its needs could not be met: %s: %s" % (type(e).__name__, str(e)[:300]), None
    try:
        return run_with_needs_met(nb, path, args, scratch)
    finally:
        needs.close()


def run_with_needs_met(nb, path, args, scratch):
    workdir = tempfile.mkdtemp(prefix=os.path.splitext(os.path.basename(path))[0] + "-", dir=scratch)
    copy = os.path.join(workdir, os.path.basename(path))
    shutil.copy(path, copy)
    kernel = args.kernel or nb.metadata.get("kernelspec", {}).get("name", "sparkbook")
    client = NotebookClient(nb, kernel_name=kernel, timeout=args.timeout, allow_errors=True,
                            resources={"metadata": {"path": workdir}})
    reason = None
    t0 = time.time()
    try:
        client.execute()
    except CellTimeoutError as e:
        reason = "a cell timed out after %d s: %s" % (args.timeout, str(e).strip().splitlines()[0][:160])
    except DeadKernelError as e:
        reason = "the kernel died: %s" % str(e)[:160]
    except CellExecutionError as e:
        reason = "a cell failed: %s" % str(e).strip().splitlines()[0][:160]
    except Exception as e:  # the kernel did not start, or the client broke: the notebook cannot pass
        reason = "%s: %s" % (type(e).__name__, str(e)[:200])
    seconds = time.time() - t0
    nbformat.write(nb, copy)
    if reason is None:
        reason = first_error(nb)
    if reason is None:
        expect = nb.metadata.get("sparkbook", {}).get("expect", [])
        if not expect:
            reason = "declares no expected figure (metadata.sparkbook.expect)"
        for exp in expect:
            problem = check_expectation(nb, exp)
            if problem:
                reason = "missing expected figure: " + problem
                break
    if reason is None and args.save:
        nbformat.write(nb, path)
    return seconds, reason, copy


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dir", help="folder of notebooks (every *.ipynb in it, sorted)")
    p.add_argument("--save", action="store_true", help="write the executed notebooks back in place (only those that pass)")
    p.add_argument("--kernel", help="kernel name (default: each notebook's kernelspec, else sparkbook)")
    p.add_argument("--timeout", type=int, default=120, help="seconds per cell (default 120)")
    p.add_argument("--only", help="run only notebooks whose file name contains this")
    args = p.parse_args()

    paths = sorted(glob.glob(os.path.join(args.dir, "*.ipynb")))
    if args.only:
        paths = [x for x in paths if args.only in os.path.basename(x)]
    if not paths:
        print("no notebooks in %s" % args.dir)
        print("0 passed, 1 failed")
        return 1
    scratch = tempfile.mkdtemp(prefix="sparkbook-notebooks-")
    passed = failed = 0
    total0 = time.time()
    for path in paths:
        seconds, reason, copy = run_one(path, args, scratch)
        name = os.path.basename(path)
        if reason is None:
            passed += 1
            print("%-40s %6.1f s  ok" % (name, seconds), flush=True)
        else:
            failed += 1
            where = "  (executed copy: %s)" % copy if copy else ""
            print("%-40s %6.1f s  FAIL  %s%s" % (name, seconds, reason, where), flush=True)
    if failed == 0:
        shutil.rmtree(scratch, ignore_errors=True)
    print("total %.1f s" % (time.time() - total0))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

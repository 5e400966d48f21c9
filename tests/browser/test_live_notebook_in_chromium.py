"""A live streaming notebook in a real browser: classic Notebook (and JupyterLab 4 when it is installed) served
on 127.0.0.1, opened in headless Chromium driven over the DevTools protocol, Run All, and the live word count
table and stream dashboard checked in the page while batches flow.

Run from the repo root:  /usr/bin/python3 -m unittest -v tests.browser.test_live_notebook_in_chromium
SPARKBOOK_SAVE_SCREENSHOT=1 also writes the classic Notebook screenshot to docs/dashboard.png (README's picture) and
JupyterLab's, light and dark, to docs/jupyterlab-light.png and docs/jupyterlab-dark.png. In each, every table cell's
text is checked for contrast against its computed background (WCAG AA, 4.5:1), in JupyterLab also in its dark theme.

The notebook server and Chromium are external processes with no events to await, so every wait here polls
(HTTP or the DOM through Runtime.evaluate) with a deadline; every process is stopped in cleanup, also on failure.
"""
import base64
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import websocket  # websocket-client (Debian: python3-websocket)

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
NOTEBOOK = "/usr/bin/jupyter-notebook"
SCREENSHOT = REPO / "docs" / "dashboard.png"
NAME = "live-word-count"

STARTUP = 90        # a server or the browser answering
PAGE_READY = 120    # page loaded and the kernel connected (Lab's first load is slow on 2 cores)
FIRST_DASHBOARD = 240  # Spark starts, the pipeline is built, the first batch draws the chart
PROGRESS = 60       # the batch count moving on by a few batches
FINISH = 120        # every cell done

CELLS = [
    "%%stream\n"
    "LiveQueue<String> lines = LiveQueue.create(ssc);\n"
    "JavaPairDStream<String, Integer> counts = lines.stream()\n"
    "    .flatMapToPair(l -> Arrays.stream(l.split(\" \")).map(w -> new Tuple2<>(w, 1)).iterator())\n"
    "    .reduceByKey(Integer::sum);\n"
    "display(counts);\n"
    "display(ssc);",
    "for (int i = 0; i < 20; i++) {\n"
    "    lines.push(List.of(\"spark streaming \" + i, \"live notebook\", \"spark notebook\"));\n"
    "    ssc.awaitTerminationOrTimeout(1000);\n"
    "}",
    "%stream stop",
    # Structured Streaming: a windowed count's dashboard, its chart and its state (windows against the watermark)
    "Dataset<Row> ticks = spark.readStream().format(\"rate\").option(\"rowsPerSecond\", 20).load();\n"
    "StreamingQuery perSecond = ticks.withWatermark(\"timestamp\", \"1 second\")\n"
    "    .groupBy(functions.window(ticks.col(\"timestamp\"), \"1 second\")).count()\n"
    "    .writeStream().queryName(\"per_second\").outputMode(\"update\").format(\"noop\").start();\n"
    "display(perSecond);",
    "while (perSecond.recentProgress().length < 8) perSecond.awaitTermination(100);\n"
    "perSecond.stop();",
]


# After %stream stop the dashboard's final state says STOPPED (finishing a display renders it once more).
DASHBOARD_SAYS_STOPPED = True
# JupyterLab ranks text/html (50) above Vega-Lite (57), so the dashboard sends its chart as a display of its own with
# SVG and Vega-Lite and no HTML: Lab renders the Vega-Lite, classic Notebook (no Vega-Lite renderer) the SVG.
VEGA_LITE_SHOWN_IN_LAB = True
VEGA_LITE = "application/vnd.vegalite.v5+json"


def find_lab():
    """The command that starts JupyterLab 4, or None."""
    venv_lab = REPO / ".venv" / "bin" / "jupyter-lab"
    if venv_lab.exists():
        return [str(venv_lab)]
    probe = subprocess.run(["/usr/bin/python3", "-c", "import jupyterlab, sys; "
                            "sys.exit(0 if jupyterlab.__version__.startswith('4') else 1)"],
                           capture_output=True, timeout=60)
    return ["/usr/bin/python3", "-m", "jupyterlab"] if probe.returncode == 0 else None


LAB = find_lab()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(probe, timeout, what, interval=0.25, detail=lambda: ""):
    """Polls probe() until it returns something truthy (returned), or fails after timeout seconds."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = probe()
            if value:
                return value
        except (OSError, urllib.error.URLError, websocket.WebSocketException, ValueError) as e:
            last_error = e
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}"
                         + (f" (last error: {last_error!r})" if last_error else "") + detail())


def http_json(url, method="GET", timeout=10):
    req = urllib.request.Request(url, method=method)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        body = r.read()
        return json.loads(body) if body else None


def descendants(pid):
    """Pids of every live descendant of pid, read from /proc (the kernel runs in its own session)."""
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def stop_process(proc, grace=15):
    """Stops a process this test started, its process group and any descendant that left the group."""
    if proc is None or proc.poll() is not None:
        return
    family = descendants(proc.pid)
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)
    deadline = time.monotonic() + grace
    for pid in family:
        while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
            time.sleep(0.2)
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


class DevTools:
    """A minimal Chrome DevTools protocol client over one page target's websocket."""

    def __init__(self, ws_url):
        # suppress_origin: Chromium refuses DevTools websockets that send an Origin it was not told to allow.
        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.next_id = 0

    def call(self, method, timeout=30, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"DevTools {method} did not answer in {timeout} s")
            self.ws.settimeout(remaining)
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise AssertionError(f"DevTools {method} failed: {msg['error']}")
                return msg["result"]

    def js(self, expression, timeout=30):
        """Evaluates an expression in the page and returns its value (JSON-able, promises awaited)."""
        result = self.call("Runtime.evaluate", timeout=timeout, expression=expression,
                           returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"page script failed: {result['exceptionDetails']}\n{expression}")
        return result["result"].get("value")

    def screenshot(self, clip=None):
        params = {"format": "png", "captureBeyondViewport": True}
        if clip:
            params["clip"] = dict(clip, scale=1)
        return base64.b64decode(self.call("Page.captureScreenshot", timeout=60, **params)["data"])

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass


# Page-side helpers shared by both front ends. CELLS_SELECTOR and OUTPUT_SELECTOR are filled in per front end.
PAGE_STATE = r"""
(() => {
  const cells = [...document.querySelectorAll(CELLS_SELECTOR)];
  const dash = document.querySelector('.sparkbook-dashboard');
  const status = dash ? dash.firstElementChild.textContent : null;
  const m = status && status.match(/([\d,]+) batch(es)?\b/);
  // The chart is a display of its own: classic Notebook draws its SVG, JupyterLab its Vega-Lite (SVG or canvas).
  // (.marks: Vega's drawing, not vega-embed's menu icon)
  const chartSvg = document.querySelector('.output_svg svg, .jp-RenderedSVG svg, .vega-embed svg.marks');
  const canvas = chartSvg ? null : document.querySelector('.vega-embed canvas.marks');
  const svg = chartSvg ? chartSvg : (canvas ? {outerHTML: canvas.toDataURL()} : null);
  const tables = cells.length ? [...cells[0].querySelectorAll('table.sparkbook-table')]
      .filter(t => !t.closest('.sparkbook-dashboard')) : [];
  const table = tables.length ? tables[0] : null;
  return {
    cells: cells.length,
    status: status,
    batches: m ? parseInt(m[1].replace(/,/g, ''), 10) : null,
    svg: svg ? svg.outerHTML : null,
    table: table ? table.textContent : null,
    tables: tables.length,
    prompts: cells.map(c => (c.querySelector('.jp-InputPrompt, .input_prompt') || {}).textContent),
    outputs: cells.map(c => [...c.querySelectorAll(OUTPUT_SELECTOR)].map(o => o.textContent).join('\n')),
  };
})()
"""


# The query dashboard of the last cells: its status line, its text (the state view among it), and how many charts the
# page draws (the DStream dashboard's and the query's).
QUERY_STATE = r"""
(() => {
  const q = document.querySelector('.sparkbook-query');
  return {
    status: q ? q.firstElementChild.textContent : null,
    text: q ? q.textContent : null,
    charts: document.querySelectorAll('.output_svg svg, .jp-RenderedSVG svg, .vega-embed svg.marks, .vega-embed canvas.marks').length,
  };
})()
"""


# WCAG contrast of every sparkbook table cell's text against the background it is drawn on (the first ancestor with an
# opaque enough background, else the page's white): the lowest ratio, and the cell that has it.
CONTRAST = r"""
(() => {
  const rgba = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(x => x).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) { const b = rgba(getComputedStyle(e).backgroundColor);
      if (b && b[3] > 0) { layers.push(b); if (b[3] >= 1) break; } }
    let c = [255, 255, 255];
    for (const l of layers.reverse()) c = over(l, c);
    return c;
  };
  let worst = null;
  for (const td of document.querySelectorAll('table.sparkbook-table td, table.sparkbook-table th')) {
    const fg = rgba(getComputedStyle(td).color); if (!fg || !td.textContent.trim()) continue;
    const bg = background(td);
    const a = lum(over(fg, bg)), b = lum(bg);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (!worst || ratio < worst.ratio) worst = {ratio: ratio, text: td.textContent.slice(0, 40),
                                                color: getComputedStyle(td).color, background: 'rgb(' + bg.map(Math.round) + ')'};
  }
  return worst;
})()
"""
MIN_CONTRAST = 4.5  # WCAG AA for body text


class LiveNotebookInBrowser:
    """The shared run; subclasses say how to start their server, open the notebook and run every cell."""

    cells_selector = output_selector = error_selector = None

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="sparkbook-browser-"))
        self.procs = []
        self.devtools = None
        self.token = secrets.token_hex(16)
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "sparkbook", "display_name": "Java (Spark Streaming)",
                                     "language": "java"}
        nb.metadata["language_info"] = {"name": "java"}
        nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
        (self.tmp / "nb").mkdir()
        nbformat.write(nb, str(self.tmp / "nb" / f"{NAME}.ipynb"))
        self.addCleanup(self.cleanup)

    def cleanup(self):
        if self.devtools:
            self.devtools.close()
        server = getattr(self, "server_url", None)
        if server:  # shut the kernels down through the server first, as a user closing the notebook would
            try:
                for k in http_json(f"{server}/api/kernels?token={self.token}"):
                    http_json(f"{server}/api/kernels/{k['id']}?token={self.token}", method="DELETE", timeout=30)
            except Exception:
                pass
        for proc in reversed(self.procs):
            stop_process(proc)
        for log in getattr(self, "logs", []):
            log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def start(self, argv, log_name):
        log = open(self.tmp / log_name, "wb")
        self.logs = getattr(self, "logs", []) + [log]
        proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                cwd=self.tmp, start_new_session=True)
        self.procs.append(proc)
        return proc

    def log_tail(self, log_name, lines=30):
        try:
            text = (self.tmp / log_name).read_text(errors="replace").splitlines()
            return f"\n--- last lines of {log_name}:\n" + "\n".join(text[-lines:])
        except OSError:
            return ""

    def start_server(self, argv):
        port = free_port()
        proc = self.start(argv(port), "server.log")
        url = f"http://127.0.0.1:{port}"

        def answers():
            self.assertIsNone(proc.poll(), "the notebook server exited" + self.log_tail("server.log"))
            return http_json(f"{url}/api/status?token={self.token}", timeout=5)
        wait_until(answers, STARTUP, f"the notebook server on {url}", detail=lambda: self.log_tail("server.log"))
        self.server_url = url
        return url

    def start_browser(self):
        port = free_port()
        proc = self.start([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                           f"--user-data-dir={self.tmp / 'chromium-profile'}", f"--remote-debugging-port={port}",
                           "--window-size=1400,1800"], "chromium.log")

        def page_target():
            self.assertIsNone(proc.poll(), "Chromium exited" + self.log_tail("chromium.log"))
            pages = [t for t in http_json(f"http://127.0.0.1:{port}/json/list", timeout=5) if t["type"] == "page"]
            return pages[0]["webSocketDebuggerUrl"] if pages else None
        ws_url = wait_until(page_target, STARTUP, "Chromium's DevTools endpoint",
                            detail=lambda: self.log_tail("chromium.log"))
        self.devtools = DevTools(ws_url)
        self.devtools.call("Page.enable")
        self.devtools.call("Runtime.enable")
        self.devtools.call("Emulation.setFocusEmulationEnabled", enabled=True)  # the page acts as if focused
        return self.devtools

    def state(self):
        return self.devtools.js(PAGE_STATE.replace("CELLS_SELECTOR", json.dumps(self.cells_selector))
                                .replace("OUTPUT_SELECTOR", json.dumps(self.output_selector)))

    def describe_page(self):
        try:
            s = self.state()
            s["svg"] = (s["svg"] or "")[:80]
            return f"\n--- page state: {json.dumps(s, indent=1)[:3000]}" + self.log_tail("server.log", 15)
        except Exception as e:
            return f"\n--- page state unreadable: {e!r}" + self.log_tail("server.log", 15)

    def assert_readable(self, theme):
        """Every table cell's text reads against its background: computed styles, not only that elements exist."""
        worst = self.devtools.js(CONTRAST)
        self.assertIsNotNone(worst, "no sparkbook table on the page")
        self.assertGreaterEqual(worst["ratio"], MIN_CONTRAST, f"{theme}: the least readable cell: {worst}")
        return worst

    def assert_no_errors(self, state):
        errors = self.devtools.js(f"document.querySelectorAll({json.dumps(self.error_selector)}).length")
        self.assertEqual(errors, 0, "error outputs in the page" + self.describe_page())
        for i, text in enumerate(state["outputs"]):
            for bad in ("Traceback", "Exception", "Error"):
                self.assertNotIn(bad, text, f"cell {i + 1} output contains {bad!r}:\n{text[:2000]}")
        for i, outputs in enumerate(self.model_outputs()):
            kinds = [o["output_type"] for o in outputs]
            self.assertNotIn("error", kinds, f"cell {i + 1} has an error output: {outputs}")
            for o in outputs:
                if o["output_type"] == "stream":
                    self.assertEqual(o["name"], "stdout", f"cell {i + 1} wrote to stderr: {o}")

    def run_live_notebook(self):
        """Opens the notebook, runs all, checks the live outputs twice some batches apart; returns both shots."""
        dt = self.start_browser()
        dt.call("Page.navigate", url=self.notebook_url())
        wait_until(lambda: dt.js(self.kernel_ready_js), PAGE_READY, "the notebook page and its kernel",
                   interval=0.5, detail=self.describe_page)
        self.assertEqual(self.state()["cells"], len(CELLS))
        dt.js(self.run_all_js)

        first = wait_until(lambda: (lambda s: s if s["svg"] and s["batches"] and "spark" in (s["table"] or "")
                                    and "*" in s["prompts"][1] else None)(self.state()),
                           FIRST_DASHBOARD, "the dashboard's chart and the pushed words in the table while cell 2 runs",
                           interval=0.5, detail=self.describe_page)
        self.assert_no_errors(first)
        shot1 = dt.screenshot(self.clip())

        # Some batches later (at least 3, and 10 in all so the chart has some history to show).
        target = max(first["batches"] + 3, 10)
        # (and a batch with words: one that found the queue empty shows an empty table until the next push)
        second = wait_until(lambda: (lambda s: s if (s["batches"] or 0) >= target and "spark" in (s["table"] or "")
                                     else None)(self.state()),
                            PROGRESS, f"batch {target} (first look: {first['batches']})", interval=0.5,
                            detail=self.describe_page)
        self.assertIn("*", second["prompts"][1], "the push loop (cell 2) is still running at the second look")
        self.assert_no_errors(second)
        shot2 = dt.screenshot(self.clip())

        self.assertNotEqual(first["status"], second["status"], "the status line updated in place")
        self.assertNotEqual(first["svg"], second["svg"], "the throughput chart was redrawn")
        for word in ("spark", "streaming", "live", "notebook"):
            self.assertIn(word, second["table"], "the word count table shows the pushed words" + self.describe_page())
        self.assertNotEqual(shot1, shot2, "the screenshots differ")
        for shot in (shot1, shot2):
            self.assertEqual(shot[:8], b"\x89PNG\r\n\x1a\n")
        # Still one dashboard and one table: updates replaced them in place instead of appending new outputs.
        self.assertEqual(dt.js("document.querySelectorAll('.sparkbook-dashboard').length"), 1)
        shown = [o for o in self.model_outputs()[0] if o["output_type"] == "display_data"]
        self.assertEqual(len(shown), 3, "the word count, the dashboard and its chart, each updated in place")

        wait_until(lambda: dt.js(self.all_done_js), FINISH, "every cell to finish", interval=0.5,
                   detail=self.describe_page)
        done = self.state()
        self.assertIn("Streaming stopped", done["outputs"][2])
        if DASHBOARD_SAYS_STOPPED:
            done = wait_until(lambda: (lambda s: s if s["status"].startswith("STOPPED") else None)(self.state()),
                              10, "the dashboard to say STOPPED after %stream stop", detail=self.describe_page)
        self.assert_no_errors(done)
        query = wait_until(lambda: (lambda q: q if q["text"] and "event time after micro-batch" in q["text"] else None)(
            self.devtools.js(QUERY_STATE)), 30, "the query dashboard with its windows in state", detail=self.describe_page)
        self.assertRegex(query["status"], r"^per_second · (active|stopped) · \d+ batch")
        self.assertIn("window (UTC)", query["text"])
        self.assertGreaterEqual(query["charts"], 2, "the query's chart is drawn too (SVG in classic, Vega-Lite in Lab)")
        self.assertEqual(self.devtools.js("document.querySelectorAll('.sparkbook-query').length"), 1,
                         "one query dashboard, updated in place")
        self.assert_readable("light theme")
        print(f"\n  {self.__class__.__name__}: batches {first['batches']} -> {second['batches']}, "
              f"screenshots {len(shot1) // 1024} kB / {len(shot2) // 1024} kB; at the end: {done['status']}")
        return shot1, shot2


class ClassicNotebookTest(LiveNotebookInBrowser, unittest.TestCase):
    cells_selector = "#notebook-container .cell"
    output_selector = ".output_area"
    error_selector = "#notebook-container .output_error"
    kernel_ready_js = ("typeof Jupyter !== 'undefined' && !!Jupyter.notebook && !!Jupyter.notebook.kernel"
                       " && Jupyter.notebook.kernel.is_connected() && !Jupyter.notebook.kernel_busy"
                       " && document.querySelectorAll('#notebook-container .cell').length > 0")
    run_all_js = "Jupyter.notebook.execute_all_cells(); true"
    all_done_js = ("Jupyter.notebook.get_cells().every(c => Number.isInteger(c.input_prompt_number))"
                   " && !Jupyter.notebook.kernel_busy")


    def model_outputs(self):
        return self.devtools.js("Jupyter.notebook.get_cells().map(c => c.output_area.outputs)")

    def notebook_url(self):
        return f"{self.server_url}/notebooks/{NAME}.ipynb?token={self.token}"

    def clip(self):
        """The page from the top (header, toolbar) down to the last cell."""
        return self.devtools.js("""(() => {
            const cells = document.querySelectorAll('#notebook-container .cell');
            const page = document.querySelector('#notebook-container').getBoundingClientRect();
            const bottom = cells[cells.length - 1].getBoundingClientRect().bottom;
            return {x: Math.max(0, Math.floor(page.left) - 8), y: 0, width: Math.ceil(page.width) + 16,
                    height: Math.ceil(bottom) + 12};
        })()""")

    def test_live_dashboard_and_table_update_in_classic_notebook(self):
        self.start_server(lambda port: [
            NOTEBOOK, "--no-browser", "--ip=127.0.0.1", f"--port={port}", f"--NotebookApp.token={self.token}",
            f"--notebook-dir={self.tmp / 'nb'}", "--allow-root"])
        _, shot = self.run_live_notebook()
        if os.environ.get("SPARKBOOK_SAVE_SCREENSHOT") == "1":
            self.assertLess(len(shot), 400 * 1024, "the README screenshot stays small")
            SCREENSHOT.parent.mkdir(exist_ok=True)
            SCREENSHOT.write_bytes(shot)
            print(f"  saved {SCREENSHOT.relative_to(REPO)} ({len(shot) // 1024} kB)")


@unittest.skipUnless(LAB, "JupyterLab 4 is not installed (no .venv/bin/jupyter-lab from ./start.sh, "
                          "and /usr/bin/python3 cannot import jupyterlab 4)")
class JupyterLabTest(LiveNotebookInBrowser, unittest.TestCase):
    cells_selector = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell"
    output_selector = ".jp-OutputArea-output"
    # Lab draws error outputs (and stderr) with the stderr MIME type; model_outputs tells them apart.
    error_selector = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
    # The notebook's panel among the main area's widgets: shell.currentWidget follows focus, which a headless
    # page may not have.
    panel = ("[...jupyterapp.shell.widgets('main')].find(w => w.sessionContext && w.content"
             f" && w.context && w.context.path === '{NAME}.ipynb')")
    kernel_ready_js = (f"typeof jupyterapp !== 'undefined' && !!{panel} && !!{panel}.sessionContext"
                       f" && !!{panel}.sessionContext.session && !!{panel}.sessionContext.session.kernel"
                       f" && {panel}.sessionContext.session.kernel.connectionStatus === 'connected'"
                       f" && {panel}.sessionContext.session.kernel.status === 'idle'"
                       " && document.querySelectorAll('.jp-Notebook .jp-Cell').length > 0")
    run_all_js = (f"(() => {{ jupyterapp.shell.activateById({panel}.id);"
                  # not awaited: the command's promise settles only when every cell has run
                  " jupyterapp.commands.execute('notebook:run-all-cells'); return true; })()")
    all_done_js = (f"[...{panel}.content.model.cells].every(c => Number.isInteger(c.executionCount))"
                   f" && {panel}.sessionContext.session.kernel.status === 'idle'")

    def model_outputs(self):
        return self.devtools.js(f"[...{self.panel}.content.model.cells].map(c => c.toJSON().outputs)")

    def notebook_url(self):
        return f"{self.server_url}/lab/tree/{NAME}.ipynb?token={self.token}"

    def clip(self):
        return None

    def test_live_dashboard_table_and_vega_lite_in_jupyterlab(self):
        self.start_server(lambda port: LAB + [
            "--no-browser", "--ip=127.0.0.1", f"--port={port}", f"--ServerApp.token={self.token}",
            f"--ServerApp.root_dir={self.tmp / 'nb'}", "--allow-root", "--expose-app-in-browser",
            f"--LabApp.workspaces_dir={self.tmp / 'workspaces'}", f"--LabApp.user_settings_dir={self.tmp / 'settings'}"])
        _, light = self.run_live_notebook()
        # JupyterLab's dark theme: the same outputs must read on it (they follow its --jp-* colours)
        self.devtools.js("jupyterapp.commands.execute('apputils:change-theme', {theme: 'JupyterLab Dark'}); true")
        wait_until(lambda: self.devtools.js("document.body.dataset.jpThemeLight === 'false'"), 30, "the dark theme",
                   detail=self.describe_page)
        worst = self.assert_readable("JupyterLab Dark")
        dark = self.devtools.screenshot(self.clip())
        print(f"  JupyterLab Dark: least contrast {worst['ratio']:.1f} ({worst['color']} on {worst['background']})")
        if os.environ.get("SPARKBOOK_SAVE_SCREENSHOT") == "1":
            for name, shot in (("jupyterlab-light.png", light), ("jupyterlab-dark.png", dark)):
                (REPO / "docs" / name).write_bytes(shot)
                print(f"  saved docs/{name} ({len(shot) // 1024} kB)")
        seen = self.devtools.js(f"""(() => {{
            const panel = {self.panel};
            const dash = [...panel.content.model.cells][0].toJSON().outputs
                .find(o => o.data && o.data['{VEGA_LITE}']);
            const shown = document.querySelector('.sparkbook-dashboard').closest('.jp-OutputArea-output');
            return {{
                registered: panel.content.rendermime.mimeTypes.includes('{VEGA_LITE}'),
                in_bundle: !!dash,
                preferred: dash ? panel.content.rendermime.preferredMimeType(dash.data, 'any') : null,
                shown: shown.getAttribute('data-mime-type'),
                rendered: document.querySelectorAll('.jp-RenderedVegaLite, .vega-embed').length,
            }};
        }})()""")
        print(f"  Vega-Lite in JupyterLab: {seen}")
        self.assertTrue(seen["registered"], "this JupyterLab renders Vega-Lite v5")
        self.assertTrue(seen["in_bundle"], "the dashboard's bundle carries Vega-Lite v5")
        if VEGA_LITE_SHOWN_IN_LAB:
            self.assertGreater(seen["rendered"], 0, "the dashboard's Vega-Lite chart renders in JupyterLab")
        else:  # pins today's behaviour, so the fix is noticed here: Lab shows the bundle's HTML (with its SVG)
            self.assertEqual((seen["preferred"], seen["shown"], seen["rendered"]), ("text/html", "text/html", 0))


if __name__ == "__main__":
    unittest.main()

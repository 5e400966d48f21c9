"""The sparkbook kernel in more of Jupyter's own front ends: `jupyter console` in a terminal, nbclient executing a
notebook (as papermill does), and `jupyter nbconvert --execute --to html`."""
import os
import re
import subprocess
import tempfile
import unittest

import nbclient
import nbformat
import pexpect
from nbformat.v4 import new_code_cell, new_notebook

TIMEOUT = 120
CONSOLE = "/usr/bin/jupyter-console"
NBCONVERT = "/usr/bin/jupyter-nbconvert"


def console_version():
    import jupyter_console
    return tuple(int(p) for p in re.findall(r"\d+", jupyter_console.__version__)[:2])


class ConsoleTest(unittest.TestCase):
    def spawn(self, *args):
        env = dict(os.environ, TERM="dumb")
        console = pexpect.spawn(CONSOLE, ["--kernel", "sparkbook", *args], encoding="utf-8", timeout=TIMEOUT, env=env)
        self.addCleanup(lambda: console.close(force=True) if console.isalive() else None)
        console.expect(r"sparkbook [0-9.]+: Java")  # the kernel's banner, from kernel_info
        return console

    def test_simple_prompt_session(self):
        console = self.spawn("--simple-prompt")
        console.expect_exact("In [1]: ")
        console.sendline("int x = 20;")
        console.expect_exact("In [2]: ")
        self.assertNotIn("Out[", console.before, "a declaration shows no value")
        console.sendline("x + 22")
        console.expect_exact("Out[2]: 42")
        console.expect_exact("In [3]: ")
        # The simple prompt reads one line per cell (jupyter_console's own limit), so the method is on one line.
        console.sendline("int twice(int n) { return 2 * n; }")
        console.expect_exact("In [4]: ")
        console.sendline("twice(x + 1)")
        console.expect_exact("Out[4]: 42")
        console.expect_exact("In [5]: ")
        console.sendline('System.out.println("printed " + x);')
        console.expect_exact("printed 20")
        console.expect_exact("In [6]: ")
        console.sendline("int y = 1 / 0;")
        console.expect_exact("java.lang.ArithmeticException")
        console.expect_exact("In [7]: ")
        console.sendline("exit")
        console.expect(pexpect.EOF)
        console.close()
        self.assertEqual(console.exitstatus, 0)

    @unittest.skipIf(console_version() < (6, 6),
                     "jupyter_console < 6.6 cannot wait for is_complete_reply inside prompt_toolkit's event loop "
                     "('generator already executing', jupyter/jupyter_console#277); needs a fixed jupyter-console")
    def test_multi_line_method_gets_a_continuation_prompt(self):
        console = self.spawn()
        console.setwinsize(40, 200)
        console.expect(r"In \[1\]")
        console.send("int twice(int n) {\r")  # incomplete: the kernel's is_complete_reply asks for more
        console.expect_exact("...:")
        console.send("return 2 * n;\r")
        console.expect_exact("...:")
        console.send("}\r")
        console.expect(r"In \[2\]")
        console.send("twice(21)\r")
        console.expect(r"Out\[2\].*42")
        console.expect(r"In \[3\]")
        console.send("exit\r")
        console.expect(pexpect.EOF)


class NotebookTest(unittest.TestCase):
    def execute(self, *sources):
        nb = new_notebook(cells=[new_code_cell(s) for s in sources],
                          metadata={"kernelspec": {"name": "sparkbook", "display_name": "Java (Spark Streaming)",
                                                   "language": "java"}})
        client = nbclient.NotebookClient(nb, timeout=TIMEOUT, startup_timeout=TIMEOUT, kernel_name="sparkbook")
        return nb, client

    def test_outputs_are_saved_in_the_notebook(self):
        nb, client = self.execute(
            "record Reading(String sensor, double value) {}\n"
            "List<Reading> readings = List.of(new Reading(\"a\", 1.5), new Reading(\"b\", 2.5));",
            "readings.stream().mapToDouble(Reading::value).sum()",
            'display("<b>bold</b>", "text/html");\nSystem.out.println("done");')
        client.execute()
        declare, total, shown = nb.cells
        self.assertEqual(declare.outputs, [])
        self.assertEqual(total.outputs[0].output_type, "execute_result")
        self.assertEqual(total.outputs[0].data["text/plain"], "4.0")
        self.assertEqual(total.execution_count, 2)
        kinds = [o.output_type for o in shown.outputs]
        self.assertEqual(kinds, ["display_data", "stream"])
        self.assertEqual(shown.outputs[0].data["text/html"], "<b>bold</b>")
        self.assertEqual(shown.outputs[1].text, "done\n")
        self.assertEqual(nb.metadata.language_info.name, "java")
        # What is saved is a valid notebook a reader can open.
        nbformat.validate(nbformat.reads(nbformat.writes(nb), as_version=4))

    def test_a_cells_job_progress_is_saved_as_its_summary_line(self):
        nb, client = self.execute(
            "sc.parallelize(IntStream.range(0, 100).boxed().toList(), 100).map(x -> { Thread.sleep(30); return x; }).count()")
        client.execute()
        progress = [o for o in nb.cells[0].outputs if o.output_type == "display_data"]
        self.assertEqual(len(progress), 1, "one progress display, its updates applied in place")
        self.assertRegex(progress[0].data["text/plain"], r"^Spark: 1 job · 1 stage · 100 tasks · [\d.]+ (ms|s)$")
        self.assertIn("sparkbook-summary", progress[0].data["text/html"])
        self.assertEqual(nb.cells[0].outputs[-1].data["text/plain"], "100")

    def test_an_error_cell_stops_the_run_naming_the_java_exception(self):
        nb, client = self.execute(
            "int before = 1;",
            'Map<String, Integer> stock = new HashMap<>();\nint apples = stock.get("apples");',
            "int after = 2;")
        with self.assertRaises(nbclient.exceptions.CellExecutionError) as raised:
            client.execute()
        message = str(raised.exception)
        self.assertIn("java.lang.NullPointerException", message)
        self.assertIn("cell line 2", message)
        failed = nb.cells[1].outputs[-1]
        self.assertEqual(failed.output_type, "error")
        self.assertEqual(failed.ename, "java.lang.NullPointerException")
        self.assertIsNone(nb.cells[2].execution_count, "cells after the error do not run")


    def test_nbconvert_to_html_keeps_the_final_state_of_live_displays(self):
        """A headless run keeps each live display's last state: the batch table shows the last batch, the dashboard
        says STOPPED, and the throughput chart is in the page as SVG."""
        nb, _ = self.execute(
            "%spark clock=manual",
            "%%stream\n"
            "LiveQueue<String> lines = LiveQueue.create(ssc);\n"
            "JavaPairDStream<String, Integer> counts = lines.stream().mapToPair(w -> new Tuple2<>(w, 1)).reduceByKey(Integer::sum);\n"
            "display(counts);\n"
            "display(ssc);\n"
            "lines.pushAll(List.of(List.of(\"first\", \"first\"), List.of(\"<last>\", \"<last>\", \"<last>\")));",
            "%stream step 2",
            "%stream stop")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "live.ipynb")
            nbformat.write(nb, path)
            subprocess.run([NBCONVERT, "--to", "html", "--execute", "--ExecutePreprocessor.timeout=120",
                            "--ExecutePreprocessor.kernel_name=sparkbook", path],
                           check=True, capture_output=True, timeout=300)
            with open(os.path.join(tmp, "live.html"), encoding="utf-8") as f:
                page = f.read()
        self.assertIn("STOPPED", page)
        self.assertIn("&lt;last&gt;", page, "the batch table's final state holds the last batch, escaped")
        self.assertNotIn("<last>", page)
        self.assertRegex(page, r"<svg[^>]*>")
        self.assertNotIn("waiting for the first batch", page, "every display was replaced by its final state")


if __name__ == "__main__":
    unittest.main(verbosity=2)

"""The sparkbook kernel through Jupyter's own client and its reference test suite (jupyter_kernel_test)."""
import os
import subprocess
import tempfile
import time
import unittest
from queue import Empty

import jupyter_kernel_test
from jupyter_client.session import Session
from jupyter_kernel_test.msgspec_v5 import validate_message

TIMEOUT = 60
jupyter_kernel_test.TIMEOUT = TIMEOUT  # the first cell may wait for JShell to warm up on a busy machine


class SparkbookKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "sparkbook"
    language_name = "java"
    file_extension = ".jsh"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    completion_samples = [
        {"text": "System.out.printl", "matches": {"println("}},
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
    ]
    complete_code_samples = ["1 + 1", "int x = 3;", "void f() {}", "%lsmagic"]
    incomplete_code_samples = ["void f() {", "int x = (1 +", "for (int i = 0; i < 3; i++) {"]
    invalid_code_samples = ["int x = ;)"]
    code_generate_error = 'throw new IllegalStateException("expected failure");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"spark" + "book"', "result": "sparkbook"},
        {"code": "List.of(1, 2, 3)", "result": "[1, 2, 3]"},
    ]
    code_display_data = [
        {"code": 'display("<b>x</b>", "text/html");', "mime": "text/html"},
        {"code": 'display("plain");', "mime": "text/plain"},
    ]
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "String.valueOf"

    # --- helpers -------------------------------------------------------------------------------------
    def run_cell(self, code, **kw):
        self.flush_channels()
        return self.execute_helper(code=code, timeout=TIMEOUT, **kw)

    def outputs(self, msgs, kind):
        return [m["content"] for m in msgs if m["msg_type"] == kind]

    def stdout(self, msgs):
        return "".join(c["text"] for c in self.outputs(msgs, "stream") if c["name"] == "stdout")

    # --- evaluation ----------------------------------------------------------------------------------
    def test_multiple_statements_and_declarations_persist(self):
        reply, msgs = self.run_cell("int base = 10;\nint twice(int x) { return 2 * x; }\nrecord Pt(int x, int y) {}\ntwice(base)")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(self.outputs(msgs, "execute_result")[0]["data"]["text/plain"], "20")
        reply, msgs = self.run_cell("int twice(int x) { return 3 * x; }\nnew Pt(twice(base), 1)")
        self.assertEqual(self.outputs(msgs, "execute_result")[0]["data"]["text/plain"], "Pt[x=30, y=1]")

    def test_values_survive_star_imports_and_leading_newlines(self):
        self.run_cell("String keep = \"still here\";\nint[] arr = {1, 2};")
        for cell in ["\nimport java.util.concurrent.*;", "\n\nimport java.util.regex.*;\nint other = 1;", "import java.text.*;"]:
            reply, _ = self.run_cell(cell)
            self.assertEqual(reply["content"]["status"], "ok", cell)
        reply, msgs = self.run_cell("keep + arr.length")
        self.assertEqual(self.outputs(msgs, "execute_result")[0]["data"]["text/plain"], "still here2")

    def test_compile_error_points_at_cell_line_and_column(self):
        reply, msgs = self.run_cell("int a = 1;\nint b = 2;\nint c = a + missing;")
        self.assertEqual(reply["content"]["status"], "error")
        tb = "\n".join(reply["content"]["traceback"])
        self.assertIn("line 3, column 13", tb)
        self.assertIn("int c = a + missing;", tb)
        self.assertIn("            ^", tb)

    def test_runtime_error_trace_names_cell_lines_without_kernel_frames(self):
        reply, _ = self.run_cell("int div(int x) {\n  return 10 / x;\n}\n\ndiv(0)")
        tb = "\n".join(reply["content"]["traceback"])
        self.assertEqual(reply["content"]["ename"], "java.lang.ArithmeticException")
        self.assertIn("cell line 2 in div()", tb)
        self.assertIn("cell line 5", tb)
        self.assertNotIn("sparkbook.kernel", tb)
        self.assertNotIn("jdk.jshell", tb)

    def test_output_streams_while_the_cell_runs(self):
        self.flush_channels()
        msg_id = self.kc.execute('for (int i = 0; i < 3; i++) { System.out.println("tick " + i); Thread.sleep(400); }')
        first_stream_at, done_at = None, None
        start = time.time()
        while done_at is None:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream" and first_stream_at is None:
                first_stream_at = time.time() - start
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                done_at = time.time() - start
        self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertIsNotNone(first_stream_at)
        self.assertLess(first_stream_at, done_at - 0.5, "the first line must arrive well before the cell ends")

    def test_output_of_threads_started_by_the_cell(self):
        reply, msgs = self.run_cell('Thread t = new Thread(() -> System.out.println("from thread"));\nt.start(); t.join();')
        self.assertIn("from thread", self.stdout(msgs))

    def test_system_exit_does_not_end_the_kernel(self):
        reply, _ = self.run_cell("System.exit(3);")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("System.exit(3)", reply["content"]["evalue"])
        reply, msgs = self.run_cell("1 + 1")
        self.assertEqual(self.outputs(msgs, "execute_result")[0]["data"]["text/plain"], "2")

    def test_update_display_replaces_in_place(self):
        reply, msgs = self.run_cell('String id = display("first");\nupdateDisplay(id, "second");')
        shown = self.outputs(msgs, "display_data")[0]
        updated = self.outputs(msgs, "update_display_data")[0]
        self.assertEqual(shown["transient"]["display_id"], updated["transient"]["display_id"])
        self.assertEqual(updated["data"]["text/plain"], "second")

    # --- execute options -----------------------------------------------------------------------------
    def test_silent_publishes_nothing_and_keeps_the_count(self):
        reply, _ = self.run_cell("1")
        count = reply["content"]["execution_count"]
        reply, msgs = self.run_cell('System.out.println("hidden"); 5', silent=True)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual([m["msg_type"] for m in msgs if m["msg_type"] != "status"], [])
        reply, _ = self.run_cell("2")
        self.assertEqual(reply["content"]["execution_count"], count + 1)

    def test_store_history_false_does_not_count(self):
        reply, _ = self.run_cell("1")
        count = reply["content"]["execution_count"]
        self.run_cell("2", store_history=False)
        reply, _ = self.run_cell("3")
        self.assertEqual(reply["content"]["execution_count"], count + 1)

    def test_stop_on_error_aborts_queued_cells(self):
        self.flush_channels()
        failing = self.kc.execute('Thread.sleep(300); throw new RuntimeException("first fails");')
        queued = self.kc.execute("1 + 1")
        replies = {}
        while len(replies) < 2:
            # No schema check here: jupyter_kernel_test's says "abort", ipykernel and front ends use "aborted".
            msg = self.kc.get_shell_msg(timeout=TIMEOUT)
            replies[msg["parent_header"]["msg_id"]] = msg["content"]["status"]
        self.assertEqual(replies[failing], "error")
        self.assertEqual(replies[queued], "aborted")
        reply, _ = self.run_cell("1 + 1")
        self.assertEqual(reply["content"]["status"], "ok")

    def test_stop_on_error_false_keeps_going(self):
        self.flush_channels()
        failing = self.kc.execute('Thread.sleep(300); throw new RuntimeException("x");', stop_on_error=False)
        queued = self.kc.execute("1 + 1")
        replies = {}
        while len(replies) < 2:
            msg = self.kc.get_shell_msg(timeout=TIMEOUT)
            replies[msg["parent_header"]["msg_id"]] = msg["content"]["status"]
        self.assertEqual(replies[queued], "ok")

    def test_user_expressions(self):
        self.flush_channels()
        msg_id = self.kc.execute("int ux = 21;", user_expressions={"double": "ux * 2", "bad": "nope + 1"})
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        validate_message(reply, "execute_reply", msg_id)
        ue = reply["content"]["user_expressions"]
        self.assertEqual(ue["double"]["status"], "ok")
        self.assertEqual(ue["double"]["data"]["text/plain"], "42")
        self.assertEqual(ue["bad"]["status"], "error")

    # --- other requests --------------------------------------------------------------------------------
    def test_complete_cursor_positions(self):
        self.flush_channels()
        code = "int value = 1;\nString s = \"é\" + Integer.toHex"
        reply = self.kc.complete(code, len(code), reply=True, timeout=TIMEOUT)
        c = reply["content"]
        self.assertIn("toHexString(", c["matches"])
        self.assertEqual(code[c["cursor_start"]:c["cursor_end"]], "toHex")

    def test_inspect_at_end_of_identifier(self):
        self.flush_channels()
        reply = self.kc.inspect("Math.max", 8, reply=True, timeout=TIMEOUT)
        self.assertTrue(reply["content"]["found"])
        self.assertIn("max(", reply["content"]["data"]["text/plain"])

    def test_comm_info_and_unknown_comm_is_closed(self):
        self.flush_channels()
        reply = self.kc.comm_info(reply=True, timeout=TIMEOUT)
        validate_message(reply, "comm_info_reply")
        self.assertEqual(reply["content"]["status"], "ok")

    def test_magics(self):
        reply, msgs = self.run_cell("%lsmagic")
        self.assertIn("%classpath", self.stdout(msgs))
        reply, _ = self.run_cell("%nosuchmagic")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("%lsmagic", reply["content"]["evalue"])
        reply, msgs = self.run_cell("%time 1 + 1")
        self.assertIn("Wall time", self.stdout(msgs))

    def test_classpath_adds_a_jar_that_the_next_cell_imports(self):
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "demo", "Greeter.java")
            os.makedirs(os.path.dirname(src))
            with open(src, "w") as f:
                f.write('package demo; public class Greeter { public static String hello() { return "hi from a jar"; } }')
            subprocess.run(["javac", "-d", os.path.join(tmp, "classes"), src], check=True)
            jar = os.path.join(tmp, "greeter.jar")
            subprocess.run(["jar", "cf", jar, "-C", os.path.join(tmp, "classes"), "."], check=True)
            reply, msgs = self.run_cell(f"%classpath {jar}")
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertIn("Added", self.stdout(msgs))
            reply, msgs = self.run_cell("import demo.Greeter;\nGreeter.hello()")
            self.assertEqual(reply["content"]["status"], "ok", reply["content"])
            self.assertEqual(self.outputs(msgs, "execute_result")[0]["data"]["text/plain"], "hi from a jar")

    def test_stdin_input_request(self):
        self.flush_channels()
        msg_id = self.kc.execute('String name = readInput("name? ");\nSystem.out.println("hi " + name);', allow_stdin=True)
        req = self.kc.get_stdin_msg(timeout=TIMEOUT)
        # jupyter_kernel_test's schema wants a number for "password"; the protocol says boolean, as ipykernel sends.
        self.assertEqual(req["header"]["msg_type"], "input_request")
        self.assertEqual(req["parent_header"]["msg_id"], msg_id)
        self.assertEqual(req["content"], {"prompt": "name? ", "password": False})
        self.kc.input("ada")
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "ok")
        reply, msgs = self.run_cell("name")
        self.assertEqual(self.outputs(msgs, "execute_result")[0]["data"]["text/plain"], "ada")

    def test_stdin_refused_when_not_allowed(self):
        self.flush_channels()
        self.kc.execute('readInput("x")', allow_stdin=False)
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("allow_stdin", reply["content"]["evalue"])

    def test_forged_signature_is_dropped_and_channel_keeps_serving(self):
        self.flush_channels()
        forger = Session(key=b"not-the-key", username="mallory")
        forger.send(self.kc.shell_channel.socket, "execute_request",
                    {"code": 'System.out.println("forged ran");', "silent": False, "store_history": True,
                     "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        with self.assertRaises(Empty):
            self.kc.get_shell_msg(timeout=1.5)
        reply, msgs = self.run_cell("40 + 2")
        self.assertEqual(self.outputs(msgs, "execute_result")[0]["data"]["text/plain"], "42")
        self.assertNotIn("forged ran", self.stdout(msgs))

    def test_interrupt_busy_loop_stops_cpu_and_kernel_stays_usable(self):
        self.flush_channels()
        msg_id = self.kc.execute("long n = 0; while (true) { n++; }")
        time.sleep(1.0)  # let the loop start spinning; the assertion below is about what happens after
        t0 = time.time()
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        elapsed = time.time() - t0
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertLess(elapsed, 1.0)
        pid = self.km.provisioner.process.pid
        cpu0 = cell_threads_cpu_seconds(pid)
        time.sleep(1.0)
        # The cell's threads only: Spark, starting or warming up SQL in the background, may use the cores meanwhile.
        self.assertLess(cell_threads_cpu_seconds(pid) - cpu0, 0.5, "the loop must really stop consuming CPU")
        reply, msgs = self.run_cell("1 + 1")
        self.assertEqual(reply["content"]["status"], "ok")


def cpu_seconds(stat_path):
    fields = open(stat_path).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cell_threads_cpu_seconds(pid):
    """CPU time of the threads that run cells (named sparkbook-cell-N; Linux keeps the first 15 characters)."""
    total = 0.0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            if open(f"/proc/{pid}/task/{tid}/comm").read().startswith("sparkbook-cell-"):
                total += cpu_seconds(f"/proc/{pid}/task/{tid}/stat")
        except FileNotFoundError:
            pass  # the thread ended meanwhile
    return total


class LifecycleTests(unittest.TestCase):
    """Restart and shutdown: each test has a kernel of its own."""

    def test_restart_and_shutdown_are_quick(self):
        from jupyter_client.manager import start_new_kernel
        km, kc = start_new_kernel(kernel_name="sparkbook", startup_timeout=TIMEOUT)
        try:
            kc.execute_interactive("int before = 1;", timeout=TIMEOUT)
            t0 = time.time()
            km.restart_kernel(now=False)
            restart = time.time() - t0
            kc.wait_for_ready(timeout=TIMEOUT)
            reply = kc.execute_interactive("1 + 1", timeout=TIMEOUT)
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertLess(restart, 5.0)
            proc = km.provisioner.process
            t0 = time.time()
            km.shutdown_kernel(now=False)
            self.assertIsNotNone(proc.poll(), "the JVM must have exited")
            self.assertLess(time.time() - t0, 3.0)
        finally:
            kc.stop_channels()
            if km.is_alive():
                km.shutdown_kernel(now=True)

    def test_kernel_exits_when_the_process_that_started_it_dies(self):
        import signal
        import subprocess
        import sys
        launcher = subprocess.Popen([sys.executable, "-c",
                                     "import sys, time\n"
                                     "from jupyter_client.manager import start_new_kernel\n"
                                     "km, kc = start_new_kernel(kernel_name='sparkbook', startup_timeout=120)\n"
                                     "print(km.provisioner.process.pid, flush=True)\n"
                                     "time.sleep(600)\n"], stdout=subprocess.PIPE, text=True)
        try:
            kernel_pid = int(launcher.stdout.readline())
            self.assertTrue(os.path.exists(f"/proc/{kernel_pid}"))
            launcher.send_signal(signal.SIGKILL)
            launcher.wait()
            deadline = time.time() + 10
            while os.path.exists(f"/proc/{kernel_pid}") and time.time() < deadline:
                time.sleep(0.1)  # an unrelated process: nothing to await but its disappearance
            alive = os.path.exists(f"/proc/{kernel_pid}") and "zombie" not in open(f"/proc/{kernel_pid}/status").read()
            self.assertFalse(alive, "no orphaned JVM: the kernel must exit when its parent dies")
        finally:
            if launcher.poll() is None:
                launcher.kill()


if __name__ == "__main__":
    unittest.main(verbosity=2)

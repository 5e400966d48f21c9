"""A jupyter_client session with the installed sparkbook kernel that keeps every iopub message it reads.

Live displays and background stream output arrive after their cell has finished, with that cell as parent, so
tests read iopub as one ordered log instead of only the messages of the cell in flight.
"""
import os
import re
import subprocess
import tempfile
import time
import unittest
from queue import Empty

from jupyter_client.manager import start_new_kernel

TIMEOUT = 120
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class KernelSession:
    def __init__(self, kernel_name="sparkbook"):
        self.km, self.kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=TIMEOUT)
        self.log = []  # every iopub message read so far, in order

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)

    # --- reading ------------------------------------------------------------------------------------
    def _read_iopub(self, timeout):
        msg = self.kc.get_iopub_msg(timeout=timeout)
        self.log.append(msg)
        return msg

    def messages(self, msg_id, kind=None):
        return [m for m in self.log if m["parent_header"].get("msg_id") == msg_id
                and (kind is None or m["msg_type"] == kind)]

    def text(self, msg_id):
        """Everything the cell printed (stdout and stderr) and its error traceback, without colours."""
        parts = []
        for m in self.messages(msg_id):
            if m["msg_type"] == "stream":
                parts.append(m["content"]["text"])
            elif m["msg_type"] == "error":
                parts.append("\n".join(m["content"]["traceback"]))
        return ANSI.sub("", "".join(parts))

    def wait_for(self, msg_id, found, timeout=60, what="output"):
        """Reads iopub until found(text of the cell) holds; fails with the text seen so far."""
        deadline = time.time() + timeout
        while not found(self.text(msg_id)):
            left = deadline - time.time()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {what}; the cell showed:\n{self.text(msg_id)}")
            try:
                self._read_iopub(timeout=min(left, 5))
            except Empty:
                pass
        return self.text(msg_id)

    def wait_for_message(self, found, timeout=60, what="a message"):
        """Reads iopub until a message satisfying found(msg) has arrived; returns it."""
        deadline = time.time() + timeout
        checked = 0
        while True:
            for m in self.log[checked:]:
                if found(m):
                    return m
            checked = len(self.log)
            left = deadline - time.time()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {what}")
            try:
                self._read_iopub(timeout=min(left, 5))
            except Empty:
                pass

    def reply(self, msg_id, timeout=TIMEOUT):
        while True:
            try:
                msg = self.kc.get_shell_msg(timeout=timeout)
            except Empty:
                raise AssertionError(f"no reply within {timeout} s; the kernel's busy threads:\n{self.stuck_threads()}")
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    def stuck_threads(self):
        """The kernel's main and cell threads, Spark's scheduler and task threads, and every thread blocked on a lock
        or a class's initialization, from jcmd (the whole dump also goes to a file named in the text)."""
        try:
            jcmd = os.path.join(os.path.dirname(self.km.kernel_spec.argv[0]), "jcmd")
            dump = subprocess.run([jcmd, str(self.km.provisioner.process.pid), "Thread.print", "-l"],
                                  capture_output=True, text=True, timeout=60).stdout
        except (OSError, AttributeError, subprocess.SubprocessError) as e:
            return f"(no thread dump: {e})"
        path = os.path.join(tempfile.gettempdir(), f"sparkbook-threads-{self.km.provisioner.process.pid}.txt")
        with open(path, "w") as f:
            f.write(dump)
        named = ('"main"', '"sparkbook-cell', '"dag-scheduler', '"Executor task launch')
        shown = [t for t in dump.split("\n\n")
                 if t.startswith(named) or "BLOCKED" in t or "initialization monitor" in t]
        return f"(all threads: {path})\n" + "\n\n".join(shown)

    def wait_idle(self, msg_id, timeout=TIMEOUT):
        self.wait_for_message(lambda m: m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                              and m["content"]["execution_state"] == "idle", timeout, "the cell to finish")

    # --- running ------------------------------------------------------------------------------------
    def submit(self, code, **kw):
        return self.kc.execute(code, **kw)

    def run(self, code, timeout=TIMEOUT, **kw):
        """Runs a cell to its end: (reply content, msg_id)."""
        msg_id = self.submit(code, **kw)
        reply = self.reply(msg_id, timeout)
        self.wait_idle(msg_id, timeout)
        return reply["content"], msg_id

    def run_in_cell(self, code, cell_id, timeout=TIMEOUT):
        """Runs code as the notebook cell cell_id, as JupyterLab sends it (metadata.cellId): (reply content, msg_id)."""
        content = {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": True}
        msg = self.kc.session.msg("execute_request", content, metadata={"cellId": cell_id})
        self.kc.shell_channel.send(msg)
        msg_id = msg["header"]["msg_id"]
        reply = self.reply(msg_id, timeout)
        self.wait_idle(msg_id, timeout)
        return reply["content"], msg_id

    def run_ok(self, code, timeout=TIMEOUT):
        """Runs a cell that must succeed; returns its msg_id."""
        reply, msg_id = self.run(code, timeout)
        if reply["status"] != "ok":
            raise AssertionError(f"{reply.get('ename')}: {reply.get('evalue')}\n{self.text(msg_id)}")
        return msg_id

    def value(self, code, timeout=TIMEOUT):
        reply, msg_id = self.run(code, timeout)
        if reply["status"] != "ok":
            raise AssertionError(f"{code!r} failed: {reply.get('ename')}: {reply.get('evalue')}\n{self.text(msg_id)}")
        results = self.messages(msg_id, "execute_result")
        return results[0]["content"]["data"]["text/plain"] if results else None


class SparkKernelTest(unittest.TestCase):
    """Tests sharing one kernel (so one SparkContext) whose Spark has started: self.k is its KernelSession."""

    @classmethod
    def setUpClass(cls):
        cls.k = KernelSession()
        cls.k.value("sc.version()", timeout=180)  # the first use of sc waits for Spark to finish starting

    @classmethod
    def tearDownClass(cls):
        cls.k.close()

    def run_ok(self, code, timeout=TIMEOUT):
        return self.k.run_ok(code, timeout)

    def assert_interrupt_ends(self, msg_id, within=10):
        """Interrupts the cell msg_id (waiting in awaitTermination, say): it ends with an error within `within`
        seconds, and the kernel answers the next cell."""
        t0 = time.time()
        self.k.km.interrupt_kernel()
        reply = self.k.reply(msg_id, timeout=60)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertLess(time.time() - t0, within, "the interrupt ends the cell promptly")
        self.k.wait_idle(msg_id)
        self.assertEqual(self.k.value("1 + 1"), "2")

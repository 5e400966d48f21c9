"""Live displays through Jupyter's own client: in-place updates by display id, their MIME types, and the
kernel's iopub traffic under classic Notebook's rate limits with 10 live displays on 100 ms batches."""
import json
import time
import unittest

from jupyter_client.manager import start_new_kernel

TIMEOUT = 180
# Classic Notebook's defaults: iopub_msg_rate_limit 1000 msg/s and iopub_data_rate_limit 1 MB/s, over 3 s windows.
MSG_LIMIT, BYTES_LIMIT, WINDOW = 1000, 1_000_000, 3.0


class LiveDisplayRateTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name="sparkbook", startup_timeout=TIMEOUT)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)

    def execute_collecting_all(self, code):
        """Runs a cell and returns every iopub message (of any parent) until the cell's idle, with arrival times."""
        msg_id = self.kc.execute(code)
        seen = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            seen.append((time.monotonic(), msg))
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle"):
                break
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        return msg_id, seen

    def test_ten_displays_on_100ms_batches_stay_under_iopub_limits(self):
        self.execute_collecting_all("%spark batch=100ms")
        build_id, built = self.execute_collecting_all(
            "%%stream\n"
            "LiveQueue<Integer> numbers = LiveQueue.create(ssc);\n"
            "JavaDStream<Integer> base = numbers.stream();\n"
            "for (int i = 0; i < 10; i++) { int offset = i; display(base.map(x -> x + offset)); }\n"
            "display(ssc);")
        shown = [m for _, m in built if m["msg_type"] == "display_data"]
        self.assertEqual(len(shown), 12)  # 10 tables, the dashboard and its chart
        ids = {m["content"]["transient"]["display_id"] for m in shown}
        run_id, run = self.execute_collecting_all(
            "for (int k = 0; k < 60; k++) numbers.push(List.of(k, k + 1, k + 2));\n"
            "ssc.awaitTerminationOrTimeout(6000);")
        updates = [(t, m) for t, m in run if m["msg_type"] == "update_display_data"]
        updated_ids = {m["content"]["transient"]["display_id"] for _, m in updates}
        self.assertEqual(updated_ids, ids, "every live display updates in place, by its id")
        # While a cell runs, updates go out under it (as ipykernel does; nbclient follows only the running cell);
        # between cells, under the cell that opened the display.
        parents = {m["parent_header"]["msg_id"] for _, m in updates}
        self.assertIn(run_id, parents)
        self.assertLessEqual(parents, {build_id, run_id})
        dashboard = [m for _, m in updates if "image/svg+xml" in m["content"]["data"]]
        self.assertTrue(dashboard, "the dashboard carries an SVG chart")
        self.assertIn("application/vnd.vegalite.v5+json", dashboard[-1]["content"]["data"])
        self.assertIsInstance(dashboard[-1]["content"]["data"]["application/vnd.vegalite.v5+json"], dict)
        for _, m in updates:
            self.assertIn("text/plain", m["content"]["data"])

        # Rates over sliding 3 s windows of everything the kernel published during the run.
        stamped = [(t, len(json.dumps(m["content"]))) for t, m in run]
        start, end = stamped[0][0], stamped[-1][0]
        self.assertGreater(end - start, 5.0, "the stream ran for the whole cell")
        worst_msgs = worst_bytes = 0.0
        t = start
        while t + WINDOW <= end:
            in_window = [size for ts, size in stamped if t <= ts < t + WINDOW]
            worst_msgs = max(worst_msgs, len(in_window) / WINDOW)
            worst_bytes = max(worst_bytes, sum(in_window) / WINDOW)
            t += 0.5
        print(f"\n  10 displays + dashboard, 100 ms batches: worst 3 s window {worst_msgs:.0f} msg/s, "
              f"{worst_bytes / 1000:.0f} kB/s; {len(updates)} updates in {end - start:.1f} s")
        self.assertLess(worst_msgs, MSG_LIMIT)
        self.assertLess(worst_bytes, BYTES_LIMIT)
        self.execute_collecting_all("%stream stop")


if __name__ == "__main__":
    unittest.main(verbosity=2)

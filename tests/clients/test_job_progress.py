"""A cell's Spark jobs, live in the cell: a display of their stages updated in place (at most twice a second,
however many tasks), which becomes the summary line of the cell's jobs when it ends. Quick cells and a stream's
batches show none."""
import datetime
import re
import uuid
import unittest

from tests.clients.kernel_session import SparkKernelTest

SLOW_JOB = "sc.parallelize(IntStream.range(0, 200).boxed().toList(), 200).map(x -> { Thread.sleep(25); return x; }).count()"


def displays(k, msg_id):
    """The cell's display_data and update_display_data messages of progress displays, in order."""
    return [m for m in k.messages(msg_id) if m["msg_type"] in ("display_data", "update_display_data")
            and "sparkbook-progress" in m["content"]["data"].get("text/html", "")]


def when(m):
    d = m["header"]["date"]
    return d if isinstance(d, datetime.datetime) else datetime.datetime.fromisoformat(str(d))


class JobProgressTest(SparkKernelTest):

    def test_a_job_of_200_tasks_shows_its_stage_in_place_then_one_summary_line(self):
        reply, msg_id = self.k.run(SLOW_JOB)
        self.assertEqual(reply["status"], "ok", self.k.text(msg_id))
        shown = displays(self.k, msg_id)
        self.assertGreaterEqual(len(shown), 2, "a first display and at least its final update")
        first, last = shown[0], shown[-1]
        self.assertEqual(first["msg_type"], "display_data")
        display_id = first["content"]["transient"]["display_id"]
        self.assertTrue(all(m["msg_type"] == "update_display_data" and m["content"]["transient"]["display_id"] == display_id
                            for m in shown[1:]), "one display, updated in place")
        # the job and its stage link to their pages in the Spark UI that %spark names
        ui = re.search(r"UI (\S+)", self.k.text(self.run_ok("%spark")))[1]
        html = first["content"]["data"]["text/html"]
        self.assertRegex(html, f'<a href="{re.escape(ui)}jobs/job/\\?id=\\d+"')
        self.assertRegex(html, f'<a href="{re.escape(ui)}stages/stage/\\?id=\\d+&amp;attempt=0"')
        running = first["content"]["data"]["text/plain"]
        self.assertRegex(running, r"job \d+ · count at cell line 1 · ")
        self.assertRegex(running, r"stage \d+ \[[#-]{20}\] [\d,]+/200 tasks")
        self.assertRegex(last["content"]["data"]["text/plain"], r"^Spark: 1 job · 1 stage · 200 tasks · [\d.]+ (ms|s)$")
        # at most 2 updates a second, by the kernel's own clock (the last one, the summary, is sent as the cell ends);
        # a message is stamped once rendered, so one gap may be shorter than 0.5 s by a render's time, never the rate
        gaps = [(when(b) - when(a)).total_seconds() for a, b in zip(shown, shown[1:-1])]
        self.assertTrue(all(g >= 0.35 for g in gaps), gaps)
        self.assertGreaterEqual(sum(gaps), 0.48 * len(gaps), gaps)

    def test_the_stop_control_cancels_the_job_through_a_comm_while_the_cell_runs(self):
        msg_id = self.k.submit("sc.parallelize(List.of(1, 2, 3, 4), 4).map(x -> { Thread.sleep(600_000); return x; }).count()")
        shown = self.k.wait_for_message(lambda m: m["parent_header"].get("msg_id") == msg_id
                                        and m["msg_type"] == "display_data"
                                        and "sparkbook-progress" in m["content"]["data"].get("text/html", ""),
                                        what="the progress display")
        self.assertIn('class="sparkbook-stop"', shown["content"]["data"]["text/html"])
        job = int(re.match(r"job (\d+)", shown["content"]["data"]["text/plain"])[1])
        # what the button sends in classic Notebook: a comm to the target, opened with the job to cancel
        self.k.kc.shell_channel.send(self.k.kc.session.msg("comm_open", {
            "comm_id": uuid.uuid4().hex, "target_name": "sparkbook.jobs", "data": {"cancel_job": job}}))
        reply = self.k.reply(msg_id, timeout=60)["content"]
        self.assertEqual(reply["status"], "error")
        self.assertIn("stopped from the cell's progress display", reply["evalue"] + self.k.text(msg_id))
        self.k.wait_idle(msg_id)
        self.assertEqual(self.k.value("sc.parallelize(List.of(1, 2, 3), 2).count()", timeout=60), "3", "the cores are free")

    def test_only_jobs_that_run_half_a_second_show_progress(self):
        reply, msg_id = self.k.run("int plain = 1 + 1;")
        self.assertEqual(displays(self.k, msg_id), [], "no job, no display")
        # a small job usually ends sooner; on a busy machine it may not, and then its summary says it took that long
        reply, msg_id = self.k.run("sc.parallelize(List.of(1, 2, 3)).count()")
        self.assertEqual(reply["status"], "ok")
        shown = displays(self.k, msg_id)
        if shown:
            took = re.search(r"· ([\d.]+) (ms|s)$", shown[-1]["content"]["data"]["text/plain"])
            self.assertGreaterEqual(float(took[1]) / (1000 if took[2] == "ms" else 1), 0.5, shown[-1]["content"]["data"])

    def test_ten_thousand_tasks_stay_within_two_updates_a_second(self):
        reply, msg_id = self.k.run("sc.parallelize(IntStream.range(0, 10_000).boxed().toList(), 10_000).count()", timeout=600)
        self.assertEqual(reply["status"], "ok", self.k.text(msg_id))
        shown = displays(self.k, msg_id)
        self.assertTrue(shown, "a job this long shows its progress")
        everything = self.k.messages(msg_id)
        seconds = (when(everything[-1]) - when(everything[0])).total_seconds()
        self.assertLessEqual(len(shown), 2 * seconds + 2, f"{len(shown)} display messages in {seconds:.1f} s")
        self.assertRegex(shown[-1]["content"]["data"]["text/plain"], r"^Spark: 1 job · 1 stage · 10,000 tasks")

    def test_a_streams_batches_show_no_progress_in_the_cell_that_started_it(self):
        cell = ("%%stream\nLiveQueue<Integer> slow = LiveQueue.create(ssc);\n"
                "slow.stream().map(x -> { Thread.sleep(800); return x; }).count().print();\n"
                "slow.push(List.of(1));\nslow.push(List.of(2));")
        reply, msg_id = self.k.run(cell)
        self.assertEqual(reply["status"], "ok", self.k.text(msg_id))
        waited = self.k.run_ok("awaitBatches(3);")
        self.run_ok("%stream stop")
        self.assertEqual(displays(self.k, msg_id) + displays(self.k, waited), [])


if __name__ == "__main__":
    unittest.main()

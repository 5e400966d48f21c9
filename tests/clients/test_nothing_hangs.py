"""Nothing a user types hangs the kernel or keeps its cores: interrupt ends a cell's Spark work for real, a
failed Spark start leaves a working sc, and a running stream's output stays in the cell that started it."""
import contextlib
import random
import re
import socket
import time
import unittest

from tests.clients.kernel_session import SparkKernelTest

# Prints "2 tasks running" once two tasks of this cell's jobs hold the kernel's two local cores (a listener on the
# driver sees them; tasks of other cells' jobs, still in the listener bus's queue, do not count).
WATCH_TASKS = """java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
String cellGroup = sc.getLocalProperty("spark.jobGroup.id");
Set<Integer> cellStages = java.util.concurrent.ConcurrentHashMap.newKeySet();
sc.sc().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
    public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart e) {
        if (e.properties() != null && cellGroup.equals(e.properties().getProperty("spark.jobGroup.id")))
            e.stageIds().foreach(id -> cellStages.add((Integer) id));
    }
    public void onTaskStart(org.apache.spark.scheduler.SparkListenerTaskStart e) {
        if (!cellStages.contains(e.stageId())) return;
        int n = started.incrementAndGet();
        if (n == 2) System.out.println(n + " tasks running");
    }
});
"""
SLEEPING_JOB = "sc.parallelize(IntStream.range(0, {n}).boxed().toList(), {n}).map(x -> {{ Thread.sleep(600_000); return x; }}).count()"
FAILED_BATCH = re.compile(r"Batch [0-9:.]+ failed in ")


@contextlib.contextmanager
def held_ports(n):
    """n consecutive ports listening on every address, as other kernels' Spark UIs would; yields the first."""
    for _ in range(50):
        first = random.randrange(20000, 30000)
        held = []
        try:
            for port in range(first, first + n):
                s = socket.socket()
                held.append(s)
                s.bind(("0.0.0.0", port))
                s.listen(1)
            yield first
            return
        except OSError:
            continue
        finally:
            for s in held:
                s.close()
    raise AssertionError(f"found no {n} free consecutive ports")


class NothingHangsTest(SparkKernelTest):

    def assert_sc_works(self, timeout=60):
        """A job that needs a free core answers: within the timeout, or the test fails instead of hanging."""
        reply, msg_id = self.k.run("sc.parallelize(List.of(1, 2, 3), 2).count()", timeout)
        self.assertEqual(reply["status"], "ok", self.k.text(msg_id))
        self.assertEqual(self.k.messages(msg_id, "execute_result")[0]["content"]["data"]["text/plain"], "3")

    def interrupt_when_tasks_run(self, msg_id):
        self.k.wait_for(msg_id, lambda t: "2 tasks running" in t, what="the tasks to start")
        self.k.km.interrupt_kernel()
        return self.k.reply(msg_id, timeout=60)["content"]

    # --- interrupt --------------------------------------------------------------------------------------
    def test_interrupt_frees_the_cores_of_the_cells_spark_job(self):
        msg_id = self.k.submit(WATCH_TASKS + SLEEPING_JOB.format(n=8))
        reply = self.interrupt_when_tasks_run(msg_id)
        self.assertEqual(reply["status"], "error")
        self.assertIn("Spark jobs were cancelled and their cores are free", reply["evalue"])
        self.k.wait_idle(msg_id)
        self.assert_sc_works()

    def test_interrupt_reaches_jobs_started_from_threads_the_cell_made(self):
        msg_id = self.k.submit(WATCH_TASKS + "Thread worker = new Thread(() -> " + SLEEPING_JOB.format(n=4) + ");\n"
                               "worker.start();\nworker.join();")
        reply = self.interrupt_when_tasks_run(msg_id)
        self.assertEqual(reply["status"], "error")
        self.assertIn("cores are free", reply["evalue"])
        self.k.wait_idle(msg_id)
        self.assert_sc_works()

    def test_interrupt_cancels_a_job_a_thread_of_the_cell_starts_after_it(self):
        # The thread waits for the cell's own thread to end (the interrupt ends it), then starts a job of the cell.
        msg_id = self.k.submit("""{
    Thread cellThread = Thread.currentThread();
    Thread worker = new Thread(() -> {
        try {
            cellThread.join();
            System.out.println("the cell was interrupted; its thread starts a job");
            """ + SLEEPING_JOB.format(n=2) + """;
        } catch (Exception e) {
            System.out.println("the thread's job ended: " + e.getMessage());
        }
    });
    worker.start();
    System.out.println("waiting for the thread");
    worker.join();
}""")
        self.k.wait_for(msg_id, lambda t: "waiting for the thread" in t, what="the cell to start its thread")
        self.k.km.interrupt_kernel()
        self.assertEqual(self.k.reply(msg_id, timeout=60)["content"]["status"], "error")
        text = self.k.wait_for(msg_id, lambda t: "the thread's job ended" in t, what="the thread's job to be cancelled")
        self.assertIn("cancelled", text)
        self.assert_sc_works()

    # --- failed starts ----------------------------------------------------------------------------------
    def assert_failed_start_restores_spark(self, magic, cause, fix):
        reply, msg_id = self.k.run(magic, timeout=180)
        self.assertEqual(reply["status"], "error", self.k.text(msg_id))
        self.assertIn(cause, reply["evalue"])
        self.assertIn(fix, reply["evalue"])
        self.assertIn("Back on the previous settings (master=local[*]", reply["evalue"])
        self.assert_sc_works()

    def test_a_master_spark_cannot_parse(self):
        self.assert_failed_start_restores_spark("%spark master=nonsense", "Could not parse Master URL: 'nonsense'",
                                                "Use local[*], local[N] or spark://host:port")

    def test_a_master_that_does_not_answer(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.assert_failed_start_restores_spark(f"%spark master=spark://127.0.0.1:{port}",
                                                f"No Spark master answers at 127.0.0.1:{port}", "sbin/start-master.sh")

    def test_a_port_in_use(self):
        with socket.socket() as busy:
            busy.bind(("127.0.0.1", 0))
            busy.listen(1)
            port = busy.getsockname()[1]
            # without its UI: another kernel on this machine may hold port 4040, and no retry is allowed here
            self.assert_failed_start_restores_spark(f"%spark spark.driver.port={port} spark.port.maxRetries=0 "
                                                    "spark.ui.enabled=false",
                                                    "Address already in use", "leave spark.driver.port")

    def test_spark_uis_of_other_kernels_taking_seventeen_ports_leave_room_for_this_one(self):
        # a workshop: 20 kernels on one machine, each Spark UI on the next port; Spark alone gives up after 16
        with held_ports(17) as first:
            reply, msg_id = self.k.run(f"%spark spark.ui.port={first}", timeout=180)
            self.assertEqual(reply["status"], "ok", self.k.text(msg_id))
            self.assertIn(f"UI http://127.0.0.1:{first + 17}", self.k.text(msg_id))
            self.assert_sc_works()
            # with Spark's own 16 retries Spark would give up calling System.exit (on JDK 24+ nothing could refuse
            # it): the kernel finds every port taken first, and says so
            self.assert_failed_start_restores_spark(
                f"%spark spark.ui.port={first} spark.port.maxRetries=16",
                f"Failed to bind SparkUI: every port it may use is taken (spark.ui.port={first} and 16 more", "spark.ui.port=0")
        self.run_ok("%spark spark.ui.port=4040")

    def test_a_setting_spark_cannot_read(self):
        self.assert_failed_start_restores_spark("%spark spark.executor.memory=lots", "Size must be specified",
                                                "A setting has a value Spark cannot use")

    # --- where output goes ------------------------------------------------------------------------------
    def test_a_streams_output_stays_in_the_cell_that_started_it(self):
        stream_cell = self.run_ok("""%%stream
LiveQueue<Integer> numbers = LiveQueue.create(ssc);
numbers.stream().map(x -> { if (x > 0) throw new IllegalArgumentException("bad record " + x); return x; }).print();
Thread feeder = new Thread(() -> {
    for (int i = 1; i <= 8; i++) {
        numbers.push(List.of(i));
        try { Thread.sleep(500); } catch (InterruptedException e) { return; }
    }
});
feeder.start();
""")
        other_cells = []
        deadline = time.time() + 60
        while len(FAILED_BATCH.findall(self.k.text(stream_cell))) < 3 and time.time() < deadline:
            reply, msg_id = self.k.run("1 + 1")
            other_cells.append(msg_id)
        self.assertGreaterEqual(len(FAILED_BATCH.findall(self.k.text(stream_cell))), 3, self.k.text(stream_cell))
        self.assertGreater(len(other_cells), 3)
        for msg_id in other_cells:
            self.assertNotRegex(self.k.text(msg_id), "bad record|failed in|Time: ", "a 1 + 1 cell got the stream's output")
        self.run_ok("%stream stop")

    def test_a_cell_that_waits_on_the_stream_shows_what_it_prints_meanwhile(self):
        self.run_ok("%%stream\nLiveQueue<String> words = LiveQueue.create(ssc);\nwords.stream().map(String::toUpperCase).print();")
        waiting = self.k.submit('words.push(List.of("waited", "for"));\nssc.awaitTerminationOrTimeout(120_000);')
        # the batch's print reaches the cell while the cell still waits (however long the first batch takes)
        self.k.wait_for(waiting, lambda text: re.search(r"Time: \d+ ms\n-+\nWAITED\nFOR\n", text),
                        what="the batch printed while the cell waits")
        self.assertFalse(any(m["parent_header"].get("msg_id") == waiting and m["msg_type"] == "status"
                             and m["content"]["execution_state"] == "idle" for m in self.k.log), "the cell still waits")
        self.assert_interrupt_ends(waiting)
        self.run_ok("%stream stop")


if __name__ == "__main__":
    unittest.main()

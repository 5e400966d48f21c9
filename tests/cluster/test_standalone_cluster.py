"""Snippet code on a real standalone cluster: a Spark Master and a Worker started from the kernel's own jars
on 127.0.0.1, in JVMs of their own, and the kernel's cells running on the executors the Worker launches."""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

from jupyter_client.manager import start_new_kernel

TIMEOUT = 180


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kernel_install():
    """The installed kernel's lib folder, its jar and its java."""
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec("sparkbook")
    java = os.path.realpath(shutil.which(spec.argv[0]) or spec.argv[0])
    return os.path.join(spec.resource_dir, "lib"), os.path.join(spec.resource_dir, "sparkbook-kernel.jar"), java


def wait_for(predicate, what, timeout=90):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.3)  # polling a process we do not control: the Master's JSON status page
    raise AssertionError("timed out waiting for " + what)


class StandaloneClusterTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        lib, kernel_jar, java = kernel_install()
        cls.home = tempfile.mkdtemp(prefix="sparkbook-spark-home-")
        jars = os.path.join(cls.home, "jars")
        os.makedirs(jars)
        for j in os.listdir(lib):
            os.symlink(os.path.join(lib, j), os.path.join(jars, j))
        os.symlink(kernel_jar, os.path.join(jars, "sparkbook-kernel.jar"))
        # the cluster runs the kernel's JDK: executors load snippet classes compiled for it
        java_home = os.path.dirname(os.path.dirname(java))
        cls.env = dict(os.environ, SPARK_HOME=cls.home, SPARK_SCALA_VERSION="2.13", SPARK_LOCAL_IP="127.0.0.1",
                       JAVA_HOME=java_home, SPARK_WORKER_DIR=os.path.join(cls.home, "work"))
        port, ui = free_port(), free_port()
        cls.master_url = f"spark://127.0.0.1:{port}"
        cp = os.path.join(jars, "*")
        opens = ["--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                 "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED"]
        cls.log = log = open(os.path.join(cls.home, "cluster.log"), "w")
        cls.master = subprocess.Popen([java, *opens, "-Xmx512m", "-cp", cp, "org.apache.spark.deploy.master.Master",
                                       "--host", "127.0.0.1", "--port", str(port), "--webui-port", str(ui)],
                                      env=cls.env, stdout=log, stderr=subprocess.STDOUT)
        cls.status_url = f"http://127.0.0.1:{ui}/json/"
        wait_for(lambda: cls._status() is not None, "the Master's status page")
        cls.worker = subprocess.Popen([java, *opens, "-Xmx512m", "-cp", cp, "org.apache.spark.deploy.worker.Worker",
                                       "--host", "127.0.0.1", "--webui-port", str(free_port()), "--cores", "2",
                                       "--memory", "1g", cls.master_url],
                                      env=cls.env, stdout=log, stderr=subprocess.STDOUT)
        wait_for(lambda: (cls._status() or {}).get("aliveworkers", 0) >= 1, "the Worker to register")
        cls.km, cls.kc = start_new_kernel(kernel_name="sparkbook", startup_timeout=TIMEOUT,
                                          env=dict(cls.env, SPARKBOOK_MASTER=cls.master_url,
                                                   SPARKBOOK_CONF="spark.executor.memory=512m spark.cores.max=2"))

    @classmethod
    def _status(cls):
        try:
            with urllib.request.urlopen(cls.status_url, timeout=2) as r:
                return json.load(r)
        except (OSError, ValueError):  # not listening yet, or answering before its JSON is ready
            return None

    @classmethod
    def tearDownClass(cls):
        try:
            cls.kc.stop_channels()
            cls.km.shutdown_kernel(now=False)
        finally:
            for p in (cls.worker, cls.master):
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
            cls.log.close()
            shutil.rmtree(cls.home, ignore_errors=True)

    def run_cell(self, code):
        out = []
        reply = self.kc.execute_interactive(code, timeout=TIMEOUT, output_hook=out.append)
        text = "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream")
        results = [m["content"]["data"]["text/plain"] for m in out if m["msg_type"] == "execute_result"]
        return reply["content"], text, results

    def test_1_snippet_lambda_runs_on_executors(self):
        reply, _, results = self.run_cell("sc.master()")
        self.assertEqual(results, [self.master_url], reply)
        reply, text, results = self.run_cell("sc.parallelize(List.of(1, 2, 3, 4), 2).map(x -> x * 10).collect()")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(results, ["[10, 20, 30, 40]"])
        reply, _, results = self.run_cell(
            "sc.parallelize(List.of(1, 2), 2).map(x -> java.lang.management.ManagementFactory.getRuntimeMXBean().getPid())"
            ".collect().stream().allMatch(pid -> pid != ProcessHandle.current().pid())")
        self.assertEqual(results, ["true"], "tasks must run in executor JVMs, not in the kernel")

    def test_2_snippet_record_travels_to_executors(self):
        self.run_cell("record Reading(String sensor, int value) {}")
        reply, _, results = self.run_cell(
            'sc.parallelize(List.of("a:1", "b:5", "a:3"), 2).map(s -> new Reading(s.split(":")[0], Integer.parseInt(s.split(":")[1])))'
            '.filter(r -> r.value() > 2).map(Reading::sensor).collect()')
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(results, ['[b, a]'])

    def test_2b_a_maven_library_reaches_the_executors(self):
        reply, text, _ = self.run_cell("%maven org.apache.commons:commons-csv:1.14.1")
        self.assertEqual(reply["status"], "ok", text)
        # The Worker's class path is the kernel's lib folder, which has no commons-csv: executors fetch the jar.
        reply, text, results = self.run_cell(
            'sc.parallelize(List.of("a,b", "c,d"), 2).map(line -> org.apache.commons.csv.CSVFormat.DEFAULT'
            '.parse(new java.io.StringReader(line)).getRecords().get(0).get(1) + " from pid "'
            ' + ProcessHandle.current().pid()).collect()')
        self.assertEqual(reply["status"], "ok", text)
        reply, _, kernel_pid = self.run_cell("ProcessHandle.current().pid()")
        self.assertRegex(results[0], r"^\[b from pid \d+, d from pid \d+\]$")
        self.assertNotIn("from pid " + kernel_pid[0] + ",", results[0], "the lambdas ran in executor JVMs")

    def test_3_window_operation_on_the_cluster(self):
        reply, text, _ = self.run_cell(
            "%%stream\n"
            "LiveQueue<Integer> numbers = LiveQueue.create(ssc);\n"
            "List<Long> windowCounts = Collections.synchronizedList(new ArrayList<>());\n"
            "numbers.stream().window(Durations.seconds(2), Durations.seconds(1)).count()\n"
            "    .foreachRDD(rdd -> { windowCounts.add(rdd.first()); });\n")
        self.assertEqual(reply["status"], "ok", reply)
        reply, _, _ = self.run_cell(
            "numbers.push(List.of(1, 2, 3));\nnumbers.push(List.of(4, 5));\n"
            "long deadline = System.currentTimeMillis() + 60_000;\n"
            "while (windowCounts.stream().filter(c -> c > 0).count() < 3 && System.currentTimeMillis() < deadline)\n"
            "    ssc.awaitTerminationOrTimeout(200);")
        reply, _, results = self.run_cell("new ArrayList<>(windowCounts)")
        self.assertEqual(reply["status"], "ok", reply)
        counts = [int(x) for x in results[0].strip("[]").split(", ")]
        while counts and counts[0] == 0:
            counts.pop(0)  # windows before the first push are empty
        self.assertEqual(counts[:3], [3, 5, 2], "window of 2 batches sliding by 1: 3, 3+2, 2, ...")
        self.run_cell("%stream stop")

    def test_4_top_level_variable_in_a_remote_lambda_is_a_clear_error(self):
        self.run_cell("int factor = 3;")
        reply, _, _ = self.run_cell("sc.parallelize(List.of(1, 2, 3)).map(x -> x * factor).collect()")
        self.assertEqual(reply["status"], "error")
        self.assertIn("factor", reply["evalue"])
        self.assertIn("local copy", reply["evalue"])
        reply, _, results = self.run_cell("List<Integer> scaled;\n"
                                          "{ int f = factor; scaled = sc.parallelize(List.of(1, 2, 3)).map(x -> x * f).collect(); }\n"
                                          "scaled")
        self.assertEqual(results, ["[3, 6, 9]"], reply.get("evalue"))


if __name__ == "__main__":
    unittest.main(verbosity=2)

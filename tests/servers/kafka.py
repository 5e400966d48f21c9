"""A real Apache Kafka broker that no kernel started: sparkbook's StandaloneBroker, run from the installed kernel's
jars (it resolves Kafka's own server from Maven Central, cached in ~/.m2), on 127.0.0.1 with a free port.

    with KafkaServer() as kafka:
        kafka.produce("words", ["to be or not to be"])   # from a process of its own, not the kernel
        print(kafka.bootstrap)
"""
import os
import queue
import subprocess
import tempfile
import threading

from jupyter_client.kernelspec import KernelSpecManager

START_TIMEOUT = 300  # the first start downloads Kafka's server


class KafkaServer:
    def __init__(self):
        spec = KernelSpecManager().get_kernel_spec("sparkbook")
        self.class_path = os.path.join(spec.resource_dir, "sparkbook-kernel.jar") + os.pathsep + \
            os.path.join(spec.resource_dir, "lib", "*")
        self.dir = tempfile.mkdtemp(prefix="sparkbook-kafka-test-")
        self.bootstrap = None
        self._produce = None
        self._process = None

    def start(self):
        self._log = open(os.path.join(self.dir, "standalone.log"), "w")
        self._process = subprocess.Popen(["java", "-cp", self.class_path, "sparkbook.engine.kafka.StandaloneBroker",
                                          os.path.join(self.dir, "broker")],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, text=True)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(l) for l in self._process.stdout] and lines.put(None),
                         daemon=True).start()
        while self._produce is None:
            try:
                line = lines.get(timeout=START_TIMEOUT)
            except queue.Empty:
                self.stop()
                raise RuntimeError("the Kafka broker was not ready in time; see " + self._log.name)
            if line is None:
                raise RuntimeError("the Kafka broker process ended: " + open(self._log.name).read()[-3000:])
            word, _, rest = line.rstrip("\n").partition(" ")
            if word == "READY":
                self.bootstrap = rest
            elif word == "PRODUCE":
                self._produce = rest.split("\t")
        return self

    def produce(self, topic, lines):
        """Produces each line as a record from a JVM of its own; returns once the broker acknowledged them."""
        done = subprocess.run(self._produce + [topic], input="".join(l + "\n" for l in lines), text=True,
                              capture_output=True, timeout=120)
        if done.returncode != 0 or done.stdout.strip() != f"OK {len(lines)}":
            raise RuntimeError(f"producing to {topic} failed ({done.returncode}): {done.stdout}{done.stderr}")

    def stop(self):
        if self._process is not None and self._process.poll() is None:
            self._process.stdin.close()  # StandaloneBroker stops its broker when its stdin ends
            try:
                self._process.wait(60)
            except subprocess.TimeoutExpired:
                self._process.kill()
        if getattr(self, "_log", None):
            self._log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

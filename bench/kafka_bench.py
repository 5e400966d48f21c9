#!/usr/bin/python3
"""Kafka → word count → PostgreSQL, each figure with its baseline measured in the same script:

1. Sustained records/s of the pipeline defined in a notebook cell against the same pipeline as a plain Java program
   (bench/java/KafkaToPostgresBench.java: the cell is the text between its CELL markers), same Spark, same JVM
   flags, same broker and database, in interleaved rounds. Records wait in the topic; Spark's
   spark.streaming.kafka.maxRatePerPartition cuts them into equal 1 s batches; a batch's rate is its records over
   its processing time (median of the batches after two of warm-up).
2. End-to-end latency from produce to row in PostgreSQL on 1 s batches (p50, p95): a record stamped with its
   produce time every 200 ms for 20 s, its row stamped by PostgreSQL (clock_timestamp()) when written.
3. %maven of spark-streaming-kafka-0-10_2.13 from a warm local repository: the %maven cell plus the next cell that
   imports from it, against %classpath of the same jars plus that cell, each in a fresh kernel.
The broker (sparkbook's StandaloneBroker) and PostgreSQL (Debian's, tests/servers/postgres.py) run on 127.0.0.1.
usage: /usr/bin/python3 bench/kafka_bench.py [--rounds 3]   (after mvn package and install/install.sh)
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from statistics import median

from jupyter_client.manager import start_new_kernel

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from tests.servers.kafka import KafkaServer  # noqa: E402
from tests.servers.postgres import PASSWORD, PostgresServer  # noqa: E402
sys.path.insert(0, os.path.join(ROOT, "bench"))
from streaming_bench import kernel_java  # noqa: E402

LIB = os.path.join(ROOT, "kernel", "target", "lib", "*")
SOURCE = os.path.join(ROOT, "bench", "java", "KafkaToPostgresBench.java")
ARTIFACTS = "org.apache.spark:spark-streaming-kafka-0-10_2.13:4.2.0 org.postgresql:postgresql:42.7.14"
RECORDS, PARTITIONS, RATE_PER_PARTITION = 600_000, 2, 25_000
WORDS = ["spark", "stream", "batch", "window", "state", "receiver", "queue", "kernel"]


def section(name):
    src = open(SOURCE).read()
    body = src.split(f"// {name}-BEGIN", 1)[1].split(f"// {name}-END", 1)[0]
    return "\n".join(line[8:] if line.startswith("        ") else line for line in body.splitlines())


def run(kc, code, timeout=900):
    out = []
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=lambda m: out.append(m))
    text = "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream")
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed: {reply['content'].get('evalue')}\n{text[-3000:]}")
    return text


def result(text):
    m = re.search(r"RESULT (.*)", text)
    if not m:
        raise RuntimeError("no RESULT line in:\n" + text[-3000:])
    return {k: int(v) for k, v in (kv.split("=") for kv in m.group(1).split())}


def start_kernel():
    env = dict(os.environ, SPARKBOOK_CONF=f"spark.streaming.kafka.maxRatePerPartition={RATE_PER_PARTITION}")
    km, kc = start_new_kernel(kernel_name="sparkbook", startup_timeout=180, env=env)
    run(kc, "sc.version()", timeout=300)
    return km, kc


def settings_cell(kafka, pg):
    return (f'String brokers = "{kafka.bootstrap}", topic = "words", latencyTopic = "latency";\n'
            f'long records = {RECORDS};\nString url = "{pg.jdbc_url}";\n'
            f'Properties props = new Properties();\nprops.put("user", "postgres");\nprops.put("password", "{PASSWORD}");\n'
            "import sparkbook.engine.metrics.*;\n"
            "MetricsListener metrics = sparkbook.kernel.runtime.KernelRuntime.spark().metrics();\n"
            "import org.apache.kafka.clients.consumer.ConsumerRecord;\n"
            "import org.apache.kafka.common.serialization.StringDeserializer;\n"
            "import org.apache.spark.sql.types.*;\nimport org.apache.spark.streaming.kafka010.*;\n")


def produce_timestamps(kafka, seconds=20, every=0.2):
    """One record a tick, its value the time it was handed to the producer (ms since the epoch)."""
    p = subprocess.Popen(kafka._produce + ["latency"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    n = 0
    end = time.time() + seconds
    while time.time() < end:
        p.stdin.write(f"{int(time.time() * 1000)}\n")
        p.stdin.flush()
        n += 1
        time.sleep(every)  # the load's pace, not a wait for anything
    p.stdin.close()
    p.wait(60)
    return n


def latencies(pg, expected, timeout=60):
    deadline = time.time() + timeout
    while int(pg.rows("SELECT count(*) FROM latency")[0][0]) < expected:
        if time.time() > deadline:
            raise RuntimeError("not every latency record reached PostgreSQL")
        time.sleep(0.5)  # polling another process's table
    p50, p95 = pg.rows("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d), percentile_cont(0.95) WITHIN GROUP "
                       "(ORDER BY d) FROM (SELECT extract(epoch FROM written) * 1000 - produced_ms AS d FROM latency) x")[0]
    pg.sql("TRUNCATE latency")
    return float(p50), float(p95)


def maven_timing(jars):
    """(%maven + import) and (%classpath + import) seconds, each in a fresh kernel."""
    importing = "import org.apache.spark.streaming.kafka010.KafkaUtils;\nKafkaUtils.class.getName()"
    out = {}
    for label, magic in (("maven", "%maven " + ARTIFACTS), ("classpath", "%classpath " + " ".join(jars))):
        km, kc = start_kernel()
        try:
            t0 = time.time()
            run(kc, magic)
            run(kc, importing)
            out[label] = time.time() - t0
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with KafkaServer() as kafka, PostgresServer() as pg:
        pg.sql("CREATE TABLE word_counts (word text, n int, batch_ms bigint)")
        pg.sql("CREATE TABLE latency (produced_ms bigint, written timestamptz DEFAULT clock_timestamp())")
        lines = [f"{WORDS[i % 8]} {WORDS[(i // 8) % 8]} {WORDS[(i // 64) % 8]}" for i in range(RECORDS)]
        t0 = time.time()
        for start in range(0, RECORDS, 100_000):
            kafka.produce("words", lines[start:start + 100_000])
        print(f"produced {RECORDS} records in {time.time() - t0:.1f} s", flush=True)

        km, kc = start_kernel()
        run(kc, "%maven " + ARTIFACTS, timeout=600)
        jars = [l.strip() for l in run(kc, "%maven").splitlines() if l.strip().endswith(".jar")]
        classes = tempfile.mkdtemp(prefix="sparkbook-kafka-bench-")
        cp = os.pathsep.join([LIB] + jars)
        subprocess.run(["javac", "-nowarn", "-d", classes, "-cp", cp, SOURCE], check=True)
        run(kc, settings_cell(kafka, pg))

        plain_rates, cell_rates = [], []
        plain_latency = cell_latency = None
        for r in range(args.rounds):
            last = r == args.rounds - 1
            p = subprocess.Popen([*kernel_java(), f"-DmaxRatePerPartition={RATE_PER_PARTITION}", "-cp",
                                  classes + os.pathsep + cp, "KafkaToPostgresBench", kafka.bootstrap, "words",
                                  str(RECORDS), pg.jdbc_url, "postgres", PASSWORD, "latency"],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            text = ""
            for line in p.stdout:
                text += line
                if line.startswith("LATENCY-READY"):
                    break
            plain_rates.append(result(text)["records_per_s"])
            if last:
                plain_latency = latencies(pg, produce_timestamps(kafka))
            p.stdin.close()
            p.wait(120)

            run(kc, "%stream restart")
            cell_rates.append(result(run(kc, section("CELL")))["records_per_s"])
            if last:
                run(kc, "%stream restart")
                run(kc, section("LATENCY"))
                cell_latency = latencies(pg, produce_timestamps(kafka))
                run(kc, "%stream stop")
            print(f"round {r + 1}: plain {plain_rates[-1]:,} records/s, cell {cell_rates[-1]:,} records/s", flush=True)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        warm = maven_timing(jars)

    plain, cell = median(plain_rates), median(cell_rates)
    print()
    print(f"Kafka -> word count -> PostgreSQL, {RATE_PER_PARTITION * PARTITIONS:,} records per 1 s batch, "
          f"{args.rounds} rounds (median records/s of the steady batches)")
    print(f"  plain Java program   {plain:>12,.0f} records/s")
    print(f"  notebook cell        {cell:>12,.0f} records/s   ratio cell/plain {cell / plain:.2f}")
    print("End-to-end latency, produce to row in PostgreSQL, 1 s batches (p50 / p95)")
    print(f"  plain Java program   {plain_latency[0]:>7.0f} / {plain_latency[1]:.0f} ms")
    print(f"  notebook cell        {cell_latency[0]:>7.0f} / {cell_latency[1]:.0f} ms   ratio p50 {cell_latency[0] / plain_latency[0]:.2f}")
    print("Adding spark-streaming-kafka-0-10 and the PostgreSQL driver, warm local repository, to the next cell importing it")
    print(f"  %classpath of the jars   {warm['classpath']:.2f} s")
    print(f"  %maven coordinates       {warm['maven']:.2f} s   ratio {warm['maven'] / warm['classpath']:.2f}")


if __name__ == "__main__":
    main()

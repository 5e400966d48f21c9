#!/usr/bin/python3
"""Structured Streaming figures, each against a baseline measured in the same run:

1. The views' cost: a rate-source windowed aggregation (noop sink, micro-batches back to back, more rows a second
   than two cores can aggregate), rows/s processed and the kernel's CPU per micro-batch, with display(query) (the
   dashboard, its chart and its state view, which reads the state with a Spark job of its own) against none; and
   display(ds) of an aggregation (the kernel's result query: collects the result table each micro-batch) against
   the same aggregation written to noop. Interleaved rounds, so drift on a shared machine hits every variant alike.
2. Memory over N and 10*N micro-batches of a query with display(query): RSS and heap after GC.
3. Time to the first micro-batch's output of Spark's JavaStructuredNetworkWordCount typed as the first cell of a
   fresh kernel (console sink, a LineServer for nc -lk), against the same as a plain Java program
   (bench/java/StructuredFirstBatchBench.java), both timed from the start of their JVM; and typed as the second
   cell, after a first that only asked for Spark, at once and once the kernel's background warm-up has ended.
usage: /usr/bin/python3 bench/structured_bench.py [--rounds 3] [--seconds 20] [--batches 1000] [--factor 10]
       (after mvn package and install/install.sh)
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from statistics import median

from jupyter_client.manager import start_new_kernel

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from memory_bench import rss_mb, run  # noqa: E402
from streaming_bench import LIB, ROOT, kernel_java  # noqa: E402

TICKS = 'Dataset<Row> ticks = spark.readStream().format("rate").option("rowsPerSecond", {rate}).load();\n'
WINDOWED = ('Dataset<Row> perWindow = ticks.withWatermark("timestamp", "2 seconds")\n'
            '    .groupBy(functions.window(ticks.col("timestamp"), "1 second"), functions.col("value").mod(100).as("key"))'
            '.count();\n')
RESULT = ('long t0 = System.nanoTime();\n'
          'while (System.nanoTime() - t0 < {seconds}_000_000_000L) q.awaitTermination(200);\n'
          'q.stop();\n'
          'long rows = 0, ms = 0;\n'
          'for (StreamingQueryProgress p : q.recentProgress()) if (p.batchId() >= 3) {{ rows += p.numInputRows(); '
          'ms += p.durationMs().get("triggerExecution"); }}\n'
          'System.out.println("RESULT rows=" + rows + " ms=" + ms + " batches=" + (q.lastProgress().batchId() + 1));\n')
VARIANTS = {
    "query, no display": WINDOWED + 'StreamingQuery q = perWindow.writeStream().outputMode("update").format("noop").start();\n',
    "query + display(query)": WINDOWED + 'StreamingQuery q = perWindow.writeStream().outputMode("update").format("noop").start();\n'
                                         'display(q);\n',
    "aggregation to noop": 'Dataset<Row> perKey = ticks.groupBy(functions.col("value").mod(100).as("key")).count();\n'
                           'StreamingQuery q = perKey.writeStream().outputMode("complete").format("noop").start();\n',
    "display(ds) of the aggregation": 'Dataset<Row> perKey = ticks.groupBy(functions.col("value").mod(100).as("key")).count();\n'
                                      'display(perKey);\n'
                                      'StreamingQuery q = spark.streams().active()[0];\n',
}


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def views(kc, pid, rounds, seconds, rate):
    runs = {name: [] for name in VARIANTS}
    for r in range(rounds + 1):  # round 0 warms up (JIT, Spark's first jobs) and is not counted
        for name, body in VARIANTS.items():
            c0 = cpu_seconds(pid)
            # each run stops its query itself (a %%stream cell whose queries all ended would start the DStream context)
            text = run(kc, "{\n" + TICKS.format(rate=rate) + body + RESULT.format(seconds=seconds) + "}")
            cpu = cpu_seconds(pid) - c0
            m = dict((k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", text.split("RESULT", 1)[1]))
            if r:
                runs[name].append({"rows_per_s": m["rows"] * 1000 // max(m["ms"], 1), "batches": m["batches"],
                                   "cpu_ms_per_batch": cpu * 1000 / max(m["batches"], 1)})
    return runs


def memory(kc, pid, n, factor):
    # stateless, so 10 000 micro-batches take minutes, not hours (a stateful micro-batch writes its state files);
    # the dashboard's histories and displays are what must stay bounded
    # rate-micro-batch: a new micro-batch at every trigger (the rate source has new rows only once a second)
    run(kc, '%%stream\nDataset<Row> ticks = spark.readStream().format("rate-micro-batch").option("rowsPerBatch", 20).load();\n'
        'StreamingQuery q = ticks.writeStream().format("noop").start();\ndisplay(q);')
    heap = "System.gc(); Runtime r = Runtime.getRuntime(); (r.totalMemory() - r.freeMemory()) / (1024 * 1024)"
    figures = []
    for total in (n, n * factor):
        t0 = time.time()
        run(kc, f"while (q.lastProgress() == null || q.lastProgress().batchId() + 1 < {total}) q.awaitTermination(500);",
            timeout=7200)
        used = int(re.findall(r"\d+", run(kc, heap))[-1])
        figures.append((total, rss_mb(pid), used, time.time() - t0))
    run(kc, "q.stop();")
    return figures


# The kernel warms Spark's SQL and streaming paths in a background thread of this name once Spark is up.
AWAIT_WARM_UP = ('while (Thread.getAllStackTraces().keySet().stream()'
                 '.anyMatch(t -> t.getName().equals("sparkbook-sql-warm-up"))) Thread.sleep(50);')


def first_output_in_kernel(spark_first=False, warmed=False):
    """Time to 'Batch: 0' of the word count as the first cell of a fresh kernel, or (spark_first) as the cell after
    a first one that only asked for Spark (`spark.version()`), which is how notebooks usually begin, or (warmed)
    as that cell once the kernel's background warm-up has ended (a user who read the notebook a few seconds)."""
    t0 = time.time()
    km, kc = start_new_kernel(kernel_name="sparkbook", startup_timeout=120)
    ready = time.time() - t0
    if spark_first or warmed:
        kc.execute_interactive("spark.version()", timeout=300, output_hook=lambda m: None)
    if warmed:
        kc.execute_interactive(AWAIT_WARM_UP, timeout=300, output_hook=lambda m: None)
    seen = {}
    cell = ('LineServer server = LineServer.start();\nserver.send("to be or not to be");\n'
            'Dataset<Row> lines = spark.readStream().format("socket").option("host", "127.0.0.1")'
            '.option("port", server.port()).load();\n'
            'Dataset<String> words = lines.as(Encoders.STRING()).flatMap((org.apache.spark.api.java.function.'
            'FlatMapFunction<String, String>) x -> Arrays.asList(x.split(" ")).iterator(), Encoders.STRING());\n'
            'Dataset<Row> wordCounts = words.groupBy("value").count();\n'
            'StreamingQuery query = wordCounts.writeStream().outputMode("complete").format("console").start();\n'
            'query.awaitTermination();')

    def hook(m):
        if m["msg_type"] == "stream" and "Batch: 0" in m["content"].get("text", "") and "batch" not in seen:
            seen["batch"] = time.time()
            kc.input  # noqa: B018 (nothing to answer; the interrupt below ends the wait)
            km.interrupt_kernel()
    try:
        c0 = time.time()
        kc.execute_interactive(cell, timeout=300, output_hook=hook)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    if "batch" not in seen:
        raise RuntimeError("the kernel printed no 'Batch: 0'")
    return ready, seen["batch"] - c0, seen["batch"] - t0


def first_output_plain():
    out = tempfile.mkdtemp(prefix="sparkbook-bench-")
    subprocess.run(["javac", "-nowarn", "-d", out, "-cp", LIB, os.path.join(ROOT, "bench", "java",
                                                                           "StructuredFirstBatchBench.java")], check=True)
    t0 = time.time()
    proc = subprocess.Popen([*kernel_java(), "-cp", out + os.pathsep + LIB, "StructuredFirstBatchBench"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    first = None
    for line in proc.stdout:
        if first is None and line.startswith("Batch: 0"):
            first = time.time() - t0
    proc.wait(timeout=300)
    return first


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--rate", type=int, default=400_000, help="rows/s of the rate source, above what is processed")
    ap.add_argument("--batches", type=int, default=1000)
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: views,memory,first")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    print(f"machine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}")

    if "first" not in skip:
        plain = [first_output_plain() for _ in range(2)]
        kernel = [first_output_in_kernel() for _ in range(2)]
        second = [first_output_in_kernel(spark_first=True) for _ in range(2)]
        warmed = [first_output_in_kernel(warmed=True) for _ in range(2)]
        print("\n== time to the first micro-batch's output (JavaStructuredNetworkWordCount, console sink)")
        for i, s in enumerate(plain):
            print(f"plain Java program, run {i + 1}: 'Batch: 0' {s:.1f} s after the JVM started")
        for i, (ready, cell, total) in enumerate(kernel):
            print(f"fresh kernel, run {i + 1}: ready {ready:.1f} s; 'Batch: 0' {cell:.1f} s after the cell started, "
                  f"{total:.1f} s after the kernel process started (ratio to plain {total / median(plain):.2f})")
        for i, (ready, cell, total) in enumerate(second):
            print(f"kernel whose first cell was spark.version(), run {i + 1}: 'Batch: 0' {cell:.1f} s after the "
                  "query's cell started")
        for i, (ready, cell, total) in enumerate(warmed):
            print(f"the same once the kernel's warm-up had ended, run {i + 1}: 'Batch: 0' {cell:.1f} s after the "
                  "query's cell started")

    if skip >= {"views", "memory"}:
        return
    km, kc = start_new_kernel(kernel_name="sparkbook", startup_timeout=120)
    pid = km.provisioner.process.pid
    try:
        run(kc, "sc.version()", timeout=300)
        if "views" not in skip:
            runs = views(kc, pid, args.rounds, args.seconds, args.rate)
            print(f"\n== the views' cost: rate source at {args.rate:,} rows/s, {args.seconds} s per run, micro-batches "
                  "back to back; rows/s = rows / time in triggerExecution (from batch 3)")
            fmt = "{:36} {:>12} {:>9} {:>14}"
            print(fmt.format("run", "rows/s", "batches", "CPU ms/batch"))
            for name, rs in runs.items():
                for i, r in enumerate(rs):
                    print(fmt.format(f"round {i + 1}: {name}", f"{r['rows_per_s']:,}", r["batches"],
                                     f"{r['cpu_ms_per_batch']:.0f}"))
            med = {name: median(r["rows_per_s"] for r in rs) for name, rs in runs.items()}
            cpu = {name: median(r["cpu_ms_per_batch"] for r in rs) for name, rs in runs.items()}
            print(f"display(query) / none: rows/s {med['query + display(query)'] / med['query, no display']:.2f}, "
                  f"CPU per micro-batch {cpu['query + display(query)'] - cpu['query, no display']:+.0f} ms")
            print(f"display(ds) / noop: rows/s {med['display(ds) of the aggregation'] / med['aggregation to noop']:.2f}, "
                  f"CPU per micro-batch {cpu['display(ds) of the aggregation'] - cpu['aggregation to noop']:+.0f} ms")
        if "memory" not in skip:
            figures = memory(kc, pid, args.batches, args.factor)
            print("\n== memory: a rate source to noop with display(query), micro-batches back to back")
            print(f"{'micro-batches':>14} {'RSS MB':>8} {'heap after GC MB':>17} {'seconds':>8}")
            for total, rss, used, secs in figures:
                print(f"{total:>14} {rss:>8.0f} {used:>17} {secs:>8.0f}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Where a kernel's first answers go: a fresh kernel runs under Java Flight Recorder while the bench takes marks
from the client's side (process start, kernel_info reply, first `1+1` reply, first Spark result, after 20 s idle);
bench/java/StartupProfile.java then prints, per phase, the Java CPU samples per thread and area of code (javac,
JShell, class loading, Spark, Janino...) and the JIT compilers' and GC's time. With --native, also the JVM's memory
areas once idle (Native Memory Tracking) and the heap's largest classes, the profile of idle RSS.
usage: /usr/bin/python3 bench/startup_profile.py [--native]   (after mvn package and install/install.sh)
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from memory_bench import native_memory, rss_mb  # noqa: E402
from startup_bench import pss_mb  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def now_ms():
    return str(int(time.time() * 1000))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--native", action="store_true")
    ap.add_argument("--idle", type=float, default=20)
    args = ap.parse_args()
    out = tempfile.mkdtemp(prefix="sparkbook-profile-")
    jfr = os.path.join(out, "start.jfr")
    options = "-XX:StartFlightRecording=name=startup,settings=profile"
    if args.native:
        options += " -XX:NativeMemoryTracking=summary"
    java = KernelSpecManager().get_kernel_spec("sparkbook").argv[0]
    km = KernelManager(kernel_name="sparkbook")
    marks = [("process start", now_ms())]
    km.start_kernel(env=dict(os.environ, JDK_JAVA_OPTIONS=options))
    kc = km.client()
    kc.start_channels()
    pid = km.provisioner.process.pid
    try:
        kc.kernel_info(reply=True, timeout=120)
        marks.append(("kernel_info reply", now_ms()))
        kc.execute("1+1", reply=True, timeout=120)
        marks.append(("first 1+1 reply", now_ms()))
        reply = kc.execute("sc.parallelize(List.of(1, 2, 3)).count()", reply=True, timeout=300)
        assert reply["content"]["status"] == "ok", reply["content"]
        marks.append(("first Spark result", now_ms()))
        time.sleep(args.idle)
        marks.append((f"{args.idle:.0f} s idle", now_ms()))
        print(f"RSS {rss_mb(pid):.0f} MB, PSS {pss_mb(pid):.0f} MB after {args.idle:.0f} s idle")
        jcmd = os.path.join(os.path.dirname(java), "jcmd")
        subprocess.run([jcmd, str(pid), "JFR.dump", "name=startup", f"filename={jfr}"], check=True, capture_output=True)
        if args.native:
            print("committed MB per JVM area:", ", ".join(f"{a} {mb:.0f}" for a, mb in
                                                       sorted(native_memory(pid).items(), key=lambda kv: -kv[1]) if mb >= 1))
            hist = subprocess.run([jcmd, str(pid), "GC.class_histogram"], capture_output=True, text=True).stdout
            print("heap's largest classes (live, after a full GC):\n" + "\n".join(hist.splitlines()[:14]))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    subprocess.run([java, os.path.join(HERE, "java", "StartupProfile.java"), jfr, *[f"{n.replace(' ', '_')}={t}" for n, t in marks]],
                   check=True)


if __name__ == "__main__":
    main()

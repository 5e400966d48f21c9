#!/usr/bin/env bash
# Installs the Jupyter kernelspec "sparkbook" (Java (Spark Streaming)).
# usage: install/install.sh [--user | --sys-prefix | --prefix DIR] [--uninstall]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mode=user prefix="" uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --user) mode=user ;;
    --sys-prefix) mode=sys-prefix ;;
    --prefix) mode=prefix; prefix="${2:?--prefix needs a folder}"; shift ;;
    --uninstall) uninstall=1 ;;
    -h|--help) sed -n '2,3p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

python=${PYTHON:-/usr/bin/python3}
case "$mode" in
  user) kernels="${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels" ;;
  sys-prefix) kernels="$("$python" -c 'import sys; print(sys.prefix)')/share/jupyter/kernels" ;;
  prefix) kernels="$prefix/share/jupyter/kernels" ;;
esac
dest="$kernels/sparkbook"

if [ "$uninstall" = 1 ]; then
  rm -rf "$dest"
  echo "Removed the sparkbook kernel from $dest"
  exit 0
fi

jar="$root/kernel/target/sparkbook-kernel.jar"
newer=""
[ -f "$jar" ] && newer=$(find "$root/engine/src/main" "$root/display/src/main" "$root/kernel/src/main" "$root/pom.xml" \
  "$root"/*/pom.xml -newer "$jar" -print -quit 2>/dev/null || true)
if [ ! -f "$jar" ] || [ -n "$newer" ]; then
  echo "Building sparkbook (mvn package)..."
  (cd "$root" && mvn -q -B -DskipTests package)
fi

rm -rf "$dest.tmp" && mkdir -p "$dest.tmp/lib"
cp "$jar" "$dest.tmp/"
cp "$root"/kernel/target/lib/*.jar "$dest.tmp/lib/"
cp "$root/install/logo-64x64.png" "$dest.tmp/" 2>/dev/null || true
# JVM options: Spark's own --add-opens list (harmless elsewhere), the exit guard's security manager, and a
# class-data-sharing archive made on first start for faster starts after that.
"$python" - "$dest.tmp" "$dest" <<'PY'
import json, sys
tmp, dest = sys.argv[1], sys.argv[2]
opens = ["java.base/java.lang", "java.base/java.lang.invoke", "java.base/java.lang.reflect", "java.base/java.io",
         "java.base/java.net", "java.base/java.nio", "java.base/java.util", "java.base/java.util.concurrent",
         "java.base/java.util.concurrent.atomic", "java.base/sun.nio.ch", "java.base/sun.nio.cs",
         "java.base/sun.security.action", "java.base/sun.util.calendar"]
argv = ["java"]
argv += ["--add-opens=%s=ALL-UNNAMED" % o for o in opens]
argv += ["-Djava.security.manager=allow", "-Djdk.reflect.useDirectMethodHandle=false",
         "-Dio.netty.tryReflectionSetAccessible=true",
         "-XX:SharedArchiveFile=%s/sparkbook.jsa" % dest, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
         "-cp", "%s/sparkbook-kernel.jar:%s/lib/*" % (dest, dest),
         "sparkbook.kernel.Main", "{connection_file}"]
spec = {"argv": argv, "display_name": "Java (Spark Streaming)", "language": "java",
        "interrupt_mode": "message", "env": {}, "metadata": {"debugger": False}}
json.dump(spec, open(tmp + "/kernel.json", "w"), indent=2)
PY
rm -rf "$dest" && mkdir -p "$kernels" && mv "$dest.tmp" "$dest"

# A class-data-sharing archive of the classes a first session loads (Warmup: the kernel's start, JShell's first cells,
# Spark's start, a first job, SQL, a DStream, a Structured Streaming query): every kernel maps them from one read-only
# file instead of parsing jars. A minute once here; the first Spark result comes about a quarter sooner after that
# (bench/startup_bench.py), and kernels on one machine share the file's pages.
java_opts=$("$python" -c 'import json,sys; a=json.load(open(sys.argv[1]))["argv"]; print("\n".join(x for x in a[1:a.index("-cp")] if not x.startswith("-XX:SharedArchiveFile") and not x.startswith("-Xshare")))' "$dest/kernel.json")
mapfile -t jopts <<<"$java_opts"
echo "Making the class-data-sharing archive: a first session with Spark, about a minute..."
if java "${jopts[@]}" -XX:ArchiveClassesAtExit="$dest/sparkbook.jsa" -cp "$dest/sparkbook-kernel.jar:$dest/lib/*" \
     sparkbook.kernel.Warmup >/dev/null 2>&1; then
  cds="with a class-data-sharing archive"
else
  rm -f "$dest/sparkbook.jsa"; cds="(no class-data-sharing archive: starts will be slower)"
fi

echo "Installed the sparkbook kernel in $dest $cds"
echo "Start Jupyter with:  jupyter lab   (or: jupyter notebook, jupyter console --kernel sparkbook)"

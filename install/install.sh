#!/usr/bin/env bash
# Installs the Jupyter kernelspec "sparkbook" (Java (Spark Streaming)).
# usage: install/install.sh [--user | --sys-prefix | --prefix DIR] [--uninstall] [--list-jdks]
#   the JDK: $SPARKBOOK_JAVA_HOME, else the best one found (see pick_java); --list-jdks prints the usable ones, best first
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mode=user prefix="" uninstall=0 list_jdks=0
while [ $# -gt 0 ]; do
  case "$1" in
    --user) mode=user ;;
    --sys-prefix) mode=sys-prefix ;;
    --prefix) mode=prefix; prefix="${2:?--prefix needs a folder}"; shift ;;
    --uninstall) uninstall=1 ;;
    --list-jdks) list_jdks=1 ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
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

# The JDK: $SPARKBOOK_JAVA_HOME if set, else the best one here for Spark 4.2: a JDK 25 from 25.0.3 (earlier 25.x are
# deprecated by Spark over a G1 data-corruption report), else 21, else 17. JDK 25 starts faster (an AOT cache) and
# holds Spark's many small objects in less heap (compact object headers).
java_version() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p'; }
rank() {  # higher is better; 0: not a JDK Spark 4.2 runs on
  local v=$1 major minor patch
  IFS=. read -r major minor patch <<<"${v%%[-+]*}"
  case "$major" in
    25) [ "${minor:-0}" -gt 0 ] || [ "${patch:-0}" -ge 3 ] && echo 3 || echo 0 ;;
    21) echo 2 ;;
    17) echo 1 ;;
    *) echo 0 ;;
  esac
}
usable_jdks() {  # "rank java version" per JDK Spark 4.2 runs on, best first, each JDK once
  local j r v
  for j in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$j" ] && [ -x "$j" ] || continue
    j=$(readlink -f "$j")
    v=$(java_version "$j")
    r=$(rank "$v")
    [ "$r" -gt 0 ] && echo "$r $j $v"
  done | sort -u -k2,2 | sort -s -rn -k1,1
}
pick_java() {
  if [ -n "${SPARKBOOK_JAVA_HOME:-}" ]; then
    [ -x "$SPARKBOOK_JAVA_HOME/bin/java" ] || { echo "install.sh: no bin/java in SPARKBOOK_JAVA_HOME=$SPARKBOOK_JAVA_HOME" >&2; exit 2; }
    echo "$SPARKBOOK_JAVA_HOME/bin/java"; return
  fi
  local best
  best=$(usable_jdks | head -1 | cut -d' ' -f2)
  [ -n "$best" ] || { echo "install.sh: no JDK 17, 21 or 25 (>= 25.0.3) found; set SPARKBOOK_JAVA_HOME" >&2; exit 2; }
  echo "$best"
}
if [ "$list_jdks" = 1 ]; then usable_jdks | cut -d' ' -f2-; exit 0; fi
java=$(pick_java)
jdk=$(java_version "$java")
jdk_major=${jdk%%.*}

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

# Every JVM setting of the kernel, in one file a user can read and edit (a java @argument file): install/jvm.options
# with this JDK's lines kept, and the start-up cache's line added once it is made.
"$python" - "$root/install/jvm.options" "$jdk_major" "$jdk" "$dest.tmp/jvm.options" <<'PY'
import re, sys
src, major, version, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
lines = [f"# JVM settings of the sparkbook kernel, for JDK {version} (install/install.sh wrote this file from install/jvm.options).",
         "# Edit and restart the kernel to apply; install.sh rewrites it. One option per line; # starts a comment."]
for line in open(src):
    m = re.match(r"\[jdk (\d+)-(\d*)\]\s*(.*)", line.strip())
    if m:  # a line for some JDKs only: "[jdk 25-] option" or "[jdk 17-24] option"
        lo, hi = int(m.group(1)), int(m.group(2) or 99)
        if lo <= major <= hi:
            lines.append(m.group(3))
    elif not line.startswith("##"):
        lines.append(line.rstrip("\n"))
open(out, "w").write("\n".join(lines) + "\n")
PY
"$python" - "$dest.tmp" "$dest" "$java" "$jdk" <<'PY'
import json, sys
tmp, dest, java, jdk = sys.argv[1:5]
argv = [java, "@%s/jvm.options" % dest, "-cp", "%s/sparkbook-kernel.jar:%s/lib/*" % (dest, dest),
        "sparkbook.kernel.Main", "{connection_file}"]
# Fewer glibc malloc arenas: Spark's many threads otherwise each grow an arena (tens of MB of RSS per kernel).
spec = {"argv": argv, "display_name": "Java (Spark Streaming, JDK %s)" % jdk.split(".")[0], "language": "java",
        "interrupt_mode": "message", "env": {"MALLOC_ARENA_MAX": "2"}, "metadata": {"debugger": False}}
json.dump(spec, open(tmp + "/kernel.json", "w"), indent=2)
PY
rm -rf "$dest" && mkdir -p "$kernels" && mv "$dest.tmp" "$dest"

# The start-up cache, made by a first session (Warmup: the kernel's start, JShell's first cells, Spark's start, a
# first job, SQL, a DStream, a Structured Streaming query): JDK 25 an AOT cache (classes loaded and linked, JEP 483/514),
# JDK 17/21 a class-data-sharing archive. Every kernel maps it read-only, so kernels on one machine share its pages.
# A minute or two once here; starts are quicker after (bench/startup_bench.py).
if [ "$jdk_major" -ge 25 ]; then
  cache="$dest/sparkbook.aot" make_cache="-XX:AOTCacheOutput=$dest/sparkbook.aot" use_cache="-XX:AOTCache=$dest/sparkbook.aot"
else
  cache="$dest/sparkbook.jsa" make_cache="-XX:ArchiveClassesAtExit=$dest/sparkbook.jsa" use_cache="-XX:SharedArchiveFile=$dest/sparkbook.jsa"
fi
echo "Making the start-up cache for JDK $jdk: a first session with Spark, a minute or two..."
if MALLOC_ARENA_MAX=2 "$java" "@$dest/jvm.options" "$make_cache" -cp "$dest/sparkbook-kernel.jar:$dest/lib/*" \
     sparkbook.kernel.Warmup >"$dest/cache-training.log" 2>&1 && [ -s "$cache" ]; then
  printf '# the start-up cache (made at install by a first session; delete this line to run without it)\n%s\n' "$use_cache" >>"$dest/jvm.options"
  rm -f "$dest/cache-training.log"
  cds="on JDK $jdk, with a start-up cache"
else
  rm -f "$cache"; cds="on JDK $jdk (no start-up cache: starts will be slower; see $dest/cache-training.log)"
fi

echo "Installed the sparkbook kernel in $dest $cds"
echo "Start Jupyter with:  jupyter lab   (or: jupyter notebook, jupyter console --kernel sparkbook)"

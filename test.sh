#!/usr/bin/env bash
# Runs every test of sparkbook: the JUnit suites of engine, display and kernel, then the kernel through
# Jupyter's own clients (jupyter_kernel_test, nbclient, jupyter console), then the tutorial notebooks.
# usage: ./test.sh            (CI runs exactly this through .ci/run)
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
bash install/system-deps.sh || exit 1
py=/usr/bin/python3   # Debian's Python, where the Jupyter packages live

passed=0 failed=0
results=()
logs=$(mktemp -d /tmp/sparkbook-test-logs-XXXX)
stage() {  # stage NAME COMMAND...: runs one stage, keeps its output for the count, records its outcome
  local name=$1; shift
  echo; echo "=== $name"
  local t0=$SECONDS log="$logs/$((passed + failed)).log"
  if "$@" 2>&1 | tee "$log"; then passed=$((passed+1)); results+=("ok    $name ($((SECONDS-t0)) s)")
  else failed=$((failed+1)); results+=("FAIL  $name ($((SECONDS-t0)) s)"); fi
}

stage "maven: build and JUnit tests (engine, display, kernel)" mvn -B -q install

# The kernel under test is installed into a private prefix, so the machine's own kernelspecs stay untouched.
jupyter_dir=$(mktemp -d /tmp/sparkbook-test-XXXX)
trap 'rm -rf "$jupyter_dir"' EXIT
export JUPYTER_PATH="$jupyter_dir/share/jupyter" JUPYTER_DATA_DIR="$jupyter_dir/data" JUPYTER_RUNTIME_DIR="$jupyter_dir/runtime"
export JUPYTER_PLATFORM_DIRS=1 PYTHONDONTWRITEBYTECODE=1
stage "install kernelspec" bash install/install.sh --prefix "$jupyter_dir"
stage "protocol: jupyter_kernel_test, protocol tests, malformed messages" $py -m unittest -v tests.protocol.test_kernel_protocol tests.protocol.test_malformed_messages
for t in tests/clients/test_*.py; do
  [ -e "$t" ] || continue
  mod=${t%.py}; mod=${mod//\//.}
  stage "clients: $(basename "$t")" $py -m unittest -v "$mod"
done
stage "cluster: standalone Master and Worker on 127.0.0.1" $py -m unittest -v tests.cluster.test_standalone_cluster
# JupyterLab for the browser test's Lab variant, where pip can install it (the test skips Lab otherwise).
bash install/jupyterlab.sh || echo "JupyterLab could not be installed: the browser test checks classic Notebook only."
stage "browser: a live notebook in headless Chromium" $py -m unittest -v tests.browser.test_live_notebook_in_chromium
if [ -f tests/notebooks/run_notebooks.py ]; then
  stage "notebooks: execute every tutorial with nbclient" $py tests/notebooks/run_notebooks.py notebooks
fi

# The kernel on this machine's other JDK family too (the best one, used above, is JDK 25 where present; 17 or 21
# is the other), so both keep working: the protocol and client suites again against a kernel installed with it.
other_java=$(bash install/install.sh --list-jdks | awk '{ split($2, v, "."); if (NR == 1) best = v[1]; else if (v[1] != best) { print $1; exit } }')
if [ -n "$other_java" ]; then
  other_home=$(dirname "$(dirname "$other_java")")
  other_dir=$(mktemp -d /tmp/sparkbook-test-other-jdk-XXXX)
  trap 'rm -rf "$jupyter_dir" "$other_dir"' EXIT
  export JUPYTER_PATH="$other_dir/share/jupyter"
  jdk_name=$(basename "$other_home")
  stage "install kernelspec on $jdk_name" env SPARKBOOK_JAVA_HOME="$other_home" bash install/install.sh --prefix "$other_dir"
  stage "protocol on $jdk_name" $py -m unittest -v tests.protocol.test_kernel_protocol tests.protocol.test_malformed_messages
  for t in tests/clients/test_*.py; do
    mod=${t%.py}; mod=${mod//\//.}
    stage "clients on $jdk_name: $(basename "$t")" $py -m unittest -v "$mod"
  done
else
  echo "Only one JDK family here: the suites ran on it alone."
fi

echo; echo "=== summary"
printf '%s\n' "${results[@]}"
echo "stages: $passed passed, $failed failed"
$py tests/count_results.py "$root" "$logs"/*.log
[ "$failed" = 0 ]

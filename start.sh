#!/usr/bin/env bash
# From a fresh clone to Jupyter running on notebooks/ with the sparkbook kernel installed.
# usage: ./start.sh [--headless] [--port N] [--classic]
#   --headless  serve on 127.0.0.1 without opening a browser (prints the URL with its token)
#   --classic   use Debian's classic Notebook instead of JupyterLab
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
headless=0 port=8888 classic=0
while [ $# -gt 0 ]; do
  case "$1" in
    --headless) headless=1 ;;
    --port) port="${2:?--port needs a number}"; shift ;;
    --classic) classic=1 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "start.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

bash install/system-deps.sh
bash install/install.sh --user

# JupyterLab 4 from the machine's package index, in a virtualenv of its own; Debian's classic Notebook otherwise.
lab="$root/.venv/bin/jupyter-lab"
if [ "$classic" = 0 ] && ! bash install/jupyterlab.sh; then
  echo "pip could not install JupyterLab here: using Debian's classic Notebook instead." >&2
  classic=1
fi
args=(--notebook-dir="$root/notebooks" --port="$port")
[ "$headless" = 1 ] && args+=(--no-browser --ip=127.0.0.1)
[ "$(id -u)" = 0 ] && args+=(--allow-root)  # containers and CI machines run as root
if [ "$classic" = 1 ]; then
  exec /usr/bin/jupyter-notebook "${args[@]}"
fi
# The kernelspec was installed for the user; the venv's Jupyter finds it there too.
exec "$lab" "${args[@]}"

#!/usr/bin/env bash
# Installs JupyterLab 4 with pip into .venv/ from the machine's configured package index, when it is not there.
# Exits non-zero when pip cannot (start.sh then falls back to Debian's classic Notebook).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$root/.venv/bin/jupyter-lab" ] && exit 0
echo "Installing JupyterLab 4 with pip into .venv ..."
python3 -m venv "$root/.venv"
# No retries: an index this machine cannot reach answers at once, and the next configured one is tried.
PIP_RETRIES=0 PIP_TIMEOUT=10 "$root/.venv/bin/pip" install -q "jupyterlab>=4,<5"

#!/usr/bin/env bash
# Installs the Debian packages sparkbook's build and tests use, when missing: Jupyter's own clients, the
# reference kernel test suite, ipykernel (the benchmark's baseline), Chromium (browser tests) and the JDK's
# sources (javadoc in inspect) and PostgreSQL (the JDBC tests start their own server). Runs apt-get update once
# first, as a fresh machine needs.
set -euo pipefail
packages=(maven python3-jupyter-client python3-nbclient python3-jupyter-kernel-test python3-ipykernel jupyter-notebook
          jupyter-console jupyter-nbconvert python3-nbformat python3-pexpect python3-websocket chromium openjdk-17-source
          postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} ..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

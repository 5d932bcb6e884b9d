#!/usr/bin/env bash
# Installs what the console, the demo and the tests need on a fresh Debian machine:
# the Debian packages that are missing (keytar's libsecret, a Secret Service, D-Bus,
# Chromium for the e2e harness) and node_modules (npm ci, only when missing or stale).
# Idempotent and quiet when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(libsecret-1-dev gnome-keyring dbus chromium)
missing=()
for pkg in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "[setup] installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo_cmd=()
  elif command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo)
  else
    echo "[setup] root is needed to install: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is missing, older than the lock file, or explicitly forced (CI).
stamp=node_modules/.package-lock.json
if [ "${LW_FORCE_NPM_CI:-0}" = 1 ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "[setup] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
# keytar is a native addon built from source here; a half-finished install leaves no .node.
if [ ! -f node_modules/keytar/build/Release/keytar.node ]; then
  echo "[setup] building keytar"
  npm rebuild keytar --loglevel=error
fi

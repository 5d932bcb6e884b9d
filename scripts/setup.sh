#!/usr/bin/env bash
# Installs what the console, the demo and the tests need on a fresh Debian machine:
# the Debian packages that are missing (keytar's libsecret, a Secret Service, D-Bus,
# Chromium for the e2e harness) and node_modules (npm ci, only when missing or stale).
# Idempotent and quiet when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(libsecret-1-dev gnome-keyring dbus)
# The e2e harness takes Chromium from CHROMIUM_PATH when given (CI installs Playwright's).
[ -n "${CHROMIUM_PATH:-}" ] || DEB_PACKAGES+=(chromium)
missing=()
if ! command -v dpkg-query >/dev/null 2>&1; then
  # macOS and Windows (the release workflow): the OS keychain needs no package.
  echo "[setup] not a Debian system: skipping Debian packages (${DEB_PACKAGES[*]})"
  DEB_PACKAGES=()
fi
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

# keytar is built from source by node-gyp, which downloads Node's headers unless it is told
# where they are: point it at the ones the installed Node ships, so this works offline.
use_local_node_headers() {
  local dir
  if dir="$(bash scripts/node-headers.sh)"; then
    if [ -n "$dir" ]; then export npm_config_nodedir="$dir"; fi
  else
    echo "[setup] continuing: node-gyp will try to download the headers (needs internet)" >&2
  fi
}

# npm ci when node_modules is missing, older than the lock file, or explicitly forced (CI).
stamp=node_modules/.package-lock.json
if [ "${LW_FORCE_NPM_CI:-0}" = 1 ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "[setup] npm ci"
  use_local_node_headers
  npm ci --no-audit --no-fund --loglevel=error
fi
# keytar is a native addon built from source here; a half-finished install leaves no .node.
if [ ! -f node_modules/keytar/build/Release/keytar.node ]; then
  echo "[setup] building keytar"
  use_local_node_headers
  npm rebuild keytar --loglevel=error
fi

#!/usr/bin/env bash
# Where node-gyp should take Node's C headers from, so keytar's source build works offline.
#
# keytar is built from source (prebuild-install cannot reach GitHub here), and node-gyp downloads
# the headers of the running Node from nodejs.org unless npm has a `nodedir` or node-gyp has
# them cached. A Node installed from a distribution package or an official tarball usually ships
# them in <prefix>/include/node; this finds them.
#
# Prints a directory to export as npm_config_nodedir (exit 0), prints nothing when npm already
# has what it needs (nodedir configured or headers cached; exit 0), or explains what to install
# (stderr, exit 1).
set -euo pipefail

version="$(node -p 'process.versions.node')"

configured="${npm_config_nodedir:-}"
[[ -n "$configured" ]] || configured="$(npm config get nodedir 2>/dev/null || true)"
if [[ -n "$configured" && "$configured" != "undefined" && "$configured" != "null" ]]; then exit 0; fi

cache_dir="${npm_config_devdir:-${XDG_CACHE_HOME:-$HOME/.cache}/node-gyp}"
if [[ -f "$cache_dir/$version/include/node/node_version.h" ]]; then exit 0; fi

header_version() {
  # "#define NODE_MAJOR_VERSION 20" ... -> 20.20.2
  grep -E '^#define NODE_(MAJOR|MINOR|PATCH)_VERSION ' "$1" | awk '{print $3}' | paste -sd. -
}

prefix="$(cd "$(dirname "$(readlink -f "$(command -v node)")")/.." && pwd)"
header="$prefix/include/node/node_version.h"
if [[ -f "$header" && "$(header_version "$header")" == "$version" ]]; then
  echo "$prefix"
  exit 0
fi

{
  echo "[setup] keytar is built from source, and node-gyp needs the C headers of Node $version."
  if [[ -f "$header" ]]; then
    echo "[setup] $header is for Node $(header_version "$header"), not $version."
  else
    echo "[setup] They are not in $prefix/include/node, so node-gyp would download them from nodejs.org."
  fi
  echo "[setup] Without internet access, install them first:"
  echo "[setup]   Debian/Ubuntu nodejs package: apt-get install libnode-dev (headers in /usr/include/node)"
  echo "[setup]   a Node tarball or nvm: its own include/node (keep the tarball's include/ folder)"
  echo "[setup]   or: npm config set nodedir <folder holding include/node of Node $version>"
} >&2
exit 1

#!/usr/bin/env bash
# Shell-level check that keytar builds offline for a new user (empty HOME, so no ~/.npmrc
# nodedir and no node-gyp header cache), with and without what setup.sh does:
#   1. plain `npm rebuild keytar`            -> must FAIL (node-gyp tries nodejs.org)
#   2. with npm_config_nodedir from scripts/node-headers.sh (what setup.sh exports) -> must build
# Works on a scratch copy of keytar, never on this checkout's node_modules. The network is cut
# with `unshare -n` (needs root); without it the check says so and stops. About 20 s.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

if ! unshare -n true 2>/dev/null; then
  echo "check-offline-keytar: cannot cut the network here (unshare -n needs root); not run." >&2
  exit 2
fi

scratch="$(mktemp -d "${TMPDIR:-/tmp}/keytar-offline.XXXXXXXX")"
trap 'rm -rf -- "$scratch"' EXIT
prepare() {
  rm -rf "$scratch/app" && mkdir -p "$scratch/app/node_modules"
  cp -r "$root/node_modules/keytar" "$root/node_modules/node-addon-api" "$scratch/app/node_modules/"
  rm -rf "$scratch/app/node_modules/keytar/build"
  echo '{"name":"keytar-offline-check","version":"1.0.0","private":true,"dependencies":{"keytar":"7.9.0"}}' >"$scratch/app/package.json"
}
# A new user: empty HOME (no ~/.npmrc, no ~/.cache/node-gyp), no inherited npm settings.
as_new_user() { env -u npm_config_nodedir HOME="$(mktemp -d "$scratch/home.XXXX")" XDG_CACHE_HOME= "$@"; }
built() { [[ -f "$scratch/app/node_modules/keytar/build/Release/keytar.node" ]]; }

prepare
(cd "$scratch/app" && as_new_user unshare -n npm rebuild keytar --loglevel=silent >/dev/null 2>&1) || true
if built; then
  echo "check-offline-keytar: UNEXPECTED: keytar built offline without a nodedir (headers cached somewhere?)" >&2
  exit 1
fi
echo "check-offline-keytar: without setup's nodedir: the offline build fails, as a new user sees it"

prepare
nodedir="$(as_new_user bash scripts/node-headers.sh)" || { echo "check-offline-keytar: node-headers.sh found no headers (see above)" >&2; exit 1; }
(cd "$scratch/app" && as_new_user env npm_config_nodedir="$nodedir" unshare -n npm rebuild keytar --loglevel=error)
built || { echo "check-offline-keytar: FAILED: keytar did not build offline with nodedir=$nodedir" >&2; exit 1; }
node -e 'require(process.argv[1])' "$scratch/app/node_modules/keytar"
echo "check-offline-keytar: with nodedir=$nodedir (setup.sh): keytar builds offline and loads"

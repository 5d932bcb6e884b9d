#!/usr/bin/env bash
# Runs a command where keytar can reach a working Secret Service (OS keyring).
#
#   bash scripts/with-keyring.sh npx vitest run -c vitest.keyring.config.mts
#
# If the current session already has a usable Secret Service (a set+delete probe through keytar
# succeeds), the command runs as it is. Otherwise it runs inside a private D-Bus session with a
# gnome-keyring daemon unlocked by a throwaway password, so nothing prompts and nothing touches
# the user's real keyring. The command's exit code is preserved.
#
# Environment:
#   LW_PRIVATE_KEYRING=1  always use the private session, even when a usable keyring exists.
#   LW_KEEP_HOME=1        keep the current HOME in the private session (default: a fresh
#                         `mktemp -d` HOME, removed afterwards, so no old keyring file exists
#                         and the daemon never asks for its password). With it, the daemon
#                         creates/unlocks ~/.local/share/keyrings/login.keyring with password
#                         "pw"; an existing login keyring with another password stays locked.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: bash scripts/with-keyring.sh <command> [args...]" >&2
  exit 64
fi

# macOS Keychain and Windows Credential Manager exist in every login session (the release
# workflow's runners); what follows is for Linux's Secret Service only.
case "$(uname -s)" in
  Linux) ;;
  *) exec "$@" ;;
esac

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# A real round trip, because an existing bus may still have a locked or missing collection.
keyring_usable() {
  [[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]] || return 1
  command -v node >/dev/null 2>&1 || return 1
  timeout 10 node -e '
    const keytar = require(require.resolve("keytar", { paths: [process.argv[1]] }));
    const service = "ai.langwatch.keyring-probe", account = "probe-" + process.pid;
    keytar.setPassword(service, account, "probe")
      .then(() => keytar.deletePassword(service, account))
      .then(() => process.exit(0), () => process.exit(1));
  ' "$repo_root" >/dev/null 2>&1
}

if [[ -z "${LW_PRIVATE_KEYRING:-}" ]] && keyring_usable; then
  exec "$@"
fi

missing=()
command -v dbus-run-session >/dev/null 2>&1 || missing+=("dbus-run-session (package dbus-daemon)")
command -v gnome-keyring-daemon >/dev/null 2>&1 || missing+=("gnome-keyring-daemon (package gnome-keyring)")
if [[ ${#missing[@]} -gt 0 ]]; then
  {
    echo "with-keyring: no usable Secret Service, and cannot start a private one; missing:"
    printf '  - %s\n' "${missing[@]}"
    echo "Install them with:"
    echo "  sudo apt-get install -y dbus-daemon gnome-keyring libsecret-1-0"
  } >&2
  exit 69
fi

# gnome-keyring-daemon daemonises and outlives the D-Bus session, so each run tags the
# processes it starts with a unique marker and ends exactly those (never others' daemons).
marker="$$-$RANDOM$RANDOM"
export LW_KEYRING_SESSION="$marker"
stop_our_daemons() {
  local environ pid
  for environ in /proc/[0-9]*/environ; do
    pid="${environ#/proc/}"
    pid="${pid%/environ}"
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == gnome-keyring-d* ]] || continue
    if grep -qzxF "LW_KEYRING_SESSION=$marker" "$environ" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
    fi
  done
}

work_dir=""
cleanup() {
  stop_our_daemons
  if [[ -n "$work_dir" ]]; then rm -rf -- "$work_dir"; fi
}
trap cleanup EXIT

if [[ -z "${LW_KEEP_HOME:-}" ]]; then
  work_dir="$(mktemp -d "${TMPDIR:-/tmp}/lw-keyring.XXXXXXXX")"
  export HOME="$work_dir"
  # gnome-keyring keeps its files under XDG_DATA_HOME and its control socket under
  # XDG_RUNTIME_DIR: point both inside the throwaway HOME so a real session is never touched.
  export XDG_DATA_HOME="$work_dir/.local/share"
  export XDG_CONFIG_HOME="$work_dir/.config"
  export XDG_CACHE_HOME="$work_dir/.cache"
  export XDG_RUNTIME_DIR="$work_dir/run"
  mkdir -p -m 0700 "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
fi
# Leave no pointer to an outer bus or keyring for the command to pick up by mistake.
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL SSH_AUTH_SOCK

status=0
# The inner script gets the command as "$@" (with $0 = with-keyring), so any argument,
# spaces and quotes included, reaches the command unchanged.
dbus-run-session -- bash -c '
  daemon_log="$(mktemp)"
  if ! printf "pw" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>"$daemon_log"; then
    echo "with-keyring: gnome-keyring-daemon failed to start:" >&2
    cat "$daemon_log" >&2
    rm -f "$daemon_log"
    exit 70
  fi
  rm -f "$daemon_log"
  exec "$@"
' with-keyring "$@" || status=$?
exit "$status"

# shellcheck shell=bash
# Shared helpers for scripts/infra/*. Source it, do not execute it:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Conventions used by every script in this directory:
#   * progress and errors go to STDERR; STDOUT carries only the result (a path, a URL, an
#     address, export lines), and the result is always the LAST line of stdout;
#   * everything downloaded or built lives under $TS_CACHE (default ~/.cache/taskstream),
#     keyed by version, so a second run only checks that it is there;
#   * everything that runs (pid files, logs, data directories) lives under $TS_RUN
#     (default /tmp/taskstream), never in the repository;
#   * every server binds to 127.0.0.1 only.

set -euo pipefail

TS_CACHE="${TASKSTREAM_CACHE:-$HOME/.cache/taskstream}"
TS_RUN="${TASKSTREAM_RUN_DIR:-/tmp/taskstream}"
# shellcheck disable=SC2034  # used by the scripts that source this file
TS_INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TS_SCRIPT="$(basename "$0")"

# Pinned versions (one place; the README lists them too).
NODE_MAJOR="${NODE_MAJOR:-24}"
DAPR_VERSION="${DAPR_VERSION:-1.18.3}"
HELM_VERSION="${HELM_VERSION:-3.21.4}"
KAFKA_VERSION="${KAFKA_VERSION:-4.1.1}"          # fallback 3.9.1 (see kafka-fetch)
KAFKA_SCALA="${KAFKA_SCALA:-2.13}"
LOG4J_VERSION="${LOG4J_VERSION:-2.24.3}"
PG_MAJOR="${PG_MAJOR:-15}"

log()  { printf '[%s %s] %s\n' "$TS_SCRIPT" "$(date +%H:%M:%S)" "$*" >&2; }
warn() { log "WARNING: $*"; }
die()  { log "ERROR: $*"; exit 1; }

# need <command> <hint>: fail with a clear message when a prerequisite is missing.
need() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is required but not on PATH. $2"
}

# Run a command as root (we are root in CI; use sudo elsewhere when available).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else die "must run as root (or with passwordless sudo) to: $*"
  fi
}

# apt_install <pkg>...: installs Debian packages, non-interactively. Only call it when a
# package is actually missing: `apt-get update` is slow.
apt_install() {
  need apt-get "This script installs Debian packages; install '$*' by hand on this system."
  mkdir -p "$TS_RUN"
  local aptlog
  aptlog="$TS_RUN/apt-$(date +%s)-$$.log"
  log "installing Debian packages: $* (apt-get update + install, log $aptlog)"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update >"$aptlog" 2>&1 \
    || { tail -n 20 "$aptlog" >&2; die "apt-get update failed (log: $aptlog)"; }
  as_root apt-get install -y --no-install-recommends "$@" >>"$aptlog" 2>&1 \
    || { tail -n 20 "$aptlog" >&2; die "apt-get install $* failed (log: $aptlog)"; }
  log "installed: $*"
}

# Go environment: keep the module and build caches inside the taskstream cache too, so that CI
# caching one directory (~/.cache/taskstream) covers everything. Callers may override.
go_env() {
  need go "Install Go >= 1.26.6 (Dapr ${DAPR_VERSION} requires it)."
  export GOMODCACHE="${TS_GOMODCACHE:-$TS_CACHE/go/mod}"
  export GOCACHE="${TS_GOCACHE:-$TS_CACHE/go/build}"
  export GOPATH="${TS_GOPATH:-$TS_CACHE/go/path}"
  export CGO_ENABLED=0
  mkdir -p "$GOMODCACHE" "$GOCACHE" "$GOPATH"
}

# with_lock <name> <cmd...>: serialise concurrent runs of the same provisioning step
# (e.g. up-all and a developer both building Dapr at once).
with_lock() {
  local name="$1"; shift
  mkdir -p "$TS_CACHE/locks"
  local lock="$TS_CACHE/locks/$name.lock"
  exec {TS_LOCK_FD}>"$lock"
  if ! flock -n "$TS_LOCK_FD"; then
    log "another run holds $lock; waiting for it"
    flock "$TS_LOCK_FD"
  fi
  "$@"
}

# port_open <port> [host]: true when something accepts TCP connections there.
port_open() {
  (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null
}

# daemonize <logfile> <pidfile> <cmd...>: start a long-running server detached from the caller:
# own session (setsid: survives the calling CI step / terminal, no Ctrl-C from it), stdin from
# /dev/null, stdout+stderr appended to <logfile>, and every other inherited descriptor closed (a
# lock file, or a pipe of the caller's harness, held open by a daemon would block whoever waits on
# it; `$(kafka-up)` returns because of this). Writes the server's pid to <pidfile>.
daemonize() {
  local logfile="$1" pidfile="$2"; shift 2
  (
    for fd in /proc/self/fd/*; do
      fd="${fd##*/}"
      [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null
    done
    # Not a process-group leader here, so setsid execs (no fork): $! below is the server's pid.
    exec setsid "$@" </dev/null >>"$logfile" 2>&1
  ) &
  echo $! >"$pidfile"
}

# pid_alive <pidfile>: true when the pidfile names a running process.
pid_alive() {
  [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# stop_pid <pidfile> <name> [timeout-seconds]: SIGTERM, wait, then SIGKILL. Removes the pidfile.
stop_pid() {
  local pidfile="$1" name="$2" timeout="${3:-30}" pid i
  if ! pid_alive "$pidfile"; then
    log "$name is not running"
    rm -f "$pidfile"
    return 0
  fi
  pid="$(cat "$pidfile")"
  log "stopping $name (pid $pid, SIGTERM, up to ${timeout}s)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name did not stop within ${timeout}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$pidfile"
  log "$name stopped"
}

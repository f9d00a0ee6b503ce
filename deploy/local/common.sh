# shellcheck shell=bash
# Settings and helpers shared by deploy/local/up and deploy/local/down (sourced, after
# scripts/infra/lib.sh). up records the effective settings in $RUN/settings.env, so down (and a
# second up) find the same ports, namespace and database from the run directory alone.

BASE_PORT="${TASKSTREAM_LOCAL_PORT:-24000}"
RUN="${TASKSTREAM_LOCAL_DIR:-$TS_RUN/local-$BASE_PORT}"
if [ -f "$RUN/settings.env" ]; then
  # shellcheck disable=SC1091
  . "$RUN/settings.env"
fi
BASE_PORT="${SAVED_BASE_PORT:-$BASE_PORT}"
NAMESPACE="${SAVED_NAMESPACE:-${TASKSTREAM_LOCAL_NAMESPACE:-local$BASE_PORT}}"
DB_NAME="${SAVED_DB_NAME:-${TASKSTREAM_LOCAL_DB:-taskstream_local_$BASE_PORT}}"
KAFKA_PORT="${SAVED_KAFKA_PORT:-${KAFKA_PORT:-9092}}"
DAPR_SCHEDULER_PORT="${SAVED_DAPR_SCHEDULER_PORT:-${DAPR_SCHEDULER_PORT:-50006}}"
read -r -a ROLES <<<"${SAVED_ROLES:-${TASKSTREAM_LOCAL_ROLES:-api relay recurrence scheduler notifier audit realtime}}"
TOPIC_PREFIX="$NAMESPACE."
REMINDER_SCHEDULER="${REMINDER_SCHEDULER:-dapr-jobs}"
LOG_LEVEL="${LOG_LEVEL:-info}"
TIMEOUT="${TASKSTREAM_LOCAL_TIMEOUT:-120}"
BASE_URL="http://127.0.0.1:$BASE_PORT"
ALL_ROLES=(api relay recurrence scheduler notifier audit realtime)

[[ "$NAMESPACE" =~ ^[a-z0-9][a-z0-9-]*$ ]] || die "namespace '$NAMESPACE': lower-case letters, digits and dashes only"
[[ "$DB_NAME" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name '$DB_NAME': lower-case letters, digits and _ only"

save_settings() {
  mkdir -p "$RUN"
  {
    echo "SAVED_BASE_PORT=$BASE_PORT"
    echo "SAVED_NAMESPACE=$NAMESPACE"
    echo "SAVED_DB_NAME=$DB_NAME"
    echo "SAVED_KAFKA_PORT=$KAFKA_PORT"
    echo "SAVED_DAPR_SCHEDULER_PORT=$DAPR_SCHEDULER_PORT"
    echo "SAVED_ROLES=\"${ROLES[*]}\""
  } >"$RUN/settings.env"
}

# app_port <role>: the app's port; its daprd listens on +1 (HTTP) and +2 (gRPC).
app_port() {
  local i
  for i in "${!ALL_ROLES[@]}"; do
    if [ "${ALL_ROLES[$i]}" = "$1" ]; then echo $((BASE_PORT + 10 * (i + 1))); return; fi
  done
  die "unknown role '$1' (known: ${ALL_ROLES[*]})"
}

random_token() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | head -c 40; }

# tokens_for <role>: sets APP_API_TOKEN (sidecar → app) and DAPR_API_TOKEN (app → sidecar),
# created once per role and kept in the run directory (a running pair must keep its tokens).
tokens_for() {
  local file="$RUN/tokens/$1.env"
  if [ ! -s "$file" ]; then
    mkdir -p "$RUN/tokens"
    printf 'APP_API_TOKEN=%s\nDAPR_API_TOKEN=%s\n' "$(random_token)" "$(random_token)" >"$file.tmp"
    chmod 600 "$file.tmp"
    mv "$file.tmp" "$file"
  fi
  # shellcheck disable=SC1090
  . "$file"
}

sidecar_running() { pid_alive "$RUN/dapr/daprd-$1.pid"; }

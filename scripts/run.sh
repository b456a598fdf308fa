#!/usr/bin/env bash
# The run command (README.md "Two commands"): builds the application, starts a local Elasticsearch
# for the provider registry with scripts/elasticsearch.sh (data in data/elasticsearch) unless one
# already answers on its port, then runs the application with its embedded engine in the
# foreground (data in data/). When the application ends (Ctrl-C), the Elasticsearch this script
# started is stopped; one that already ran is left running.
#
#   scripts/run.sh [application arguments, e.g. --spring.profiles.active=demo]
#
# Environment: ES_PORT (default 9200), CIVICFLOW_SKIP_BUILD=1 to run the jar already built.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export ES_PORT="${ES_PORT:-9200}"
export ES_NODE="$ROOT/data/elasticsearch"

log() { printf 'run.sh: %s\n' "$*" >&2; }

if [ "${CIVICFLOW_SKIP_BUILD:-}" != 1 ]; then
  log "building (mvn -B -q package -DskipTests)"
  mvn -B -q package -DskipTests
fi

app=""
stop_app() {
  if [ -n "$app" ] && kill -0 "$app" 2>/dev/null; then
    kill -TERM "$app" 2>/dev/null || true
    wait "$app" || true
  fi
}

if scripts/elasticsearch.sh status >/dev/null 2>&1; then
  log "using the Elasticsearch that already answers on 127.0.0.1:$ES_PORT"
else
  scripts/elasticsearch.sh start >/dev/null
  trap 'stop_app; scripts/elasticsearch.sh stop' EXIT
fi
trap 'stop_app; exit 130' INT
trap 'stop_app; exit 143' TERM

# in the background so that this shell can pass Ctrl-C and SIGTERM on and then stop Elasticsearch
# an OutOfMemoryError leaves the engine half-applied in memory: exit and let the journal restore it on restart
java -XX:+ExitOnOutOfMemoryError -jar workers/target/civicflow-app.jar \
  "--civicflow.registry.elasticsearch.url=http://127.0.0.1:$ES_PORT" "$@" &
app=$!
status=0
wait "$app" || status=$?
app=""
exit "$status"

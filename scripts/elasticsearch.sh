#!/usr/bin/env bash
# A real local Elasticsearch for development (scripts/run.sh uses it): the minimal distribution from
# Maven Central (org.elasticsearch.distribution.integ-test-zip:elasticsearch), single node on
# 127.0.0.1, security off, 512 MB heap, data kept in .elasticsearch/node/ at the repository root.
#
#   scripts/elasticsearch.sh install   download and unpack the distribution into .elasticsearch/
#                                      (not needed after a build: it uses workers/target/elasticsearch/)
#   scripts/elasticsearch.sh start     start it (installs first if needed) and print its URL
#   scripts/elasticsearch.sh stop      stop it (the data stays)
#   scripts/elasticsearch.sh status    print whether it runs, its URL and cluster health
#
# Environment: ES_PORT (default 9200), ES_NODE (the node's directory: config, data, logs; default
# .elasticsearch/node), ES_USER (default civicflow-es, used only when run as root: Elasticsearch
# refuses to run as root; created on first use, and directories above the node's that it cannot
# enter get o+x, with a warning), ES_START_TIMEOUT_SECONDS (default 120), JAVA_HOME (default: the java on PATH; Java 17 or newer).
# The node settings match the tests' launcher (workers/src/test/.../ElasticsearchLauncher.java);
# keep the two in step.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="$ROOT/.elasticsearch"
NODE="${ES_NODE:-$BASE/node}"
PORT="${ES_PORT:-9200}"
ES_USER="${ES_USER:-civicflow-es}"
URL="http://127.0.0.1:$PORT"
PID_FILE="$NODE/elasticsearch.pid"
START_TIMEOUT_SECONDS="${ES_START_TIMEOUT_SECONDS:-120}"
STOP_TIMEOUT_SECONDS=60

log() { printf 'elasticsearch.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

es_version() {
  local version
  version="$(sed -n 's:.*<elasticsearch.distribution.version>\(.*\)</elasticsearch.distribution.version>.*:\1:p' \
    "$ROOT/workers/pom.xml" | head -n 1)"
  [ -n "$version" ] || die "no <elasticsearch.distribution.version> in workers/pom.xml"
  printf '%s\n' "$version"
}

# The distribution a build unpacked (mvn package), else the one `install` puts in .elasticsearch/.
es_home() {
  local built
  built="$ROOT/workers/target/elasticsearch/elasticsearch-$(es_version)"
  if [ -f "$built/bin/elasticsearch" ]; then
    printf '%s\n' "$built"
  else
    printf '%s/elasticsearch-%s\n' "$BASE" "$(es_version)"
  fi
}

java_home() {
  if [ -n "${JAVA_HOME:-}" ]; then
    printf '%s\n' "$JAVA_HOME"
  else
    local java
    java="$(command -v java)" || die "no java on PATH; set JAVA_HOME (Java 17 or newer)"
    java="$(readlink -f "$java")"
    dirname "$(dirname "$java")"
  fi
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs "$@" as the Elasticsearch user: as is when not root, else via runuser (or su).
as_es_user() {
  if ! is_root; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u "$ES_USER" -- "$@"
  else
    local quoted
    quoted="$(printf "'%s' " "${@//\'/\'\\\'\'}")"
    su -s /bin/sh "$ES_USER" -c "exec $quoted"
  fi
}

ensure_user() {
  is_root || return 0
  id -u "$ES_USER" >/dev/null 2>&1 && return 0
  log "creating system user $ES_USER (Elasticsearch refuses to run as root)"
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER" \
    || id -u "$ES_USER" >/dev/null 2>&1 \
    || die "could not create user $ES_USER"
}

# Gives others search permission (o+x, never read) on every directory above $1 that lacks it, so
# that the unprivileged user can reach $1 (e.g. a checkout under a 0700 `mktemp -d` directory).
grant_traversal() {
  local dir
  dir="$(dirname "$(readlink -f "$1")")"
  while [ "$dir" != "/" ]; do
    if [ -z "$(find "$dir" -maxdepth 0 -perm -o=x)" ]; then
      log "WARNING: granting others search permission (o+x) on $dir so that $ES_USER can reach $1"
      chmod o+x "$dir"
    fi
    dir="$(dirname "$dir")"
  done
}

health() {
  curl --silent --show-error --max-time "${2:-2}" "$URL/_cluster/health${1:-}" 2>/dev/null
}

is_running() { health >/dev/null; }

cmd_install() {
  local version home
  version="$(es_version)"
  home="$(es_home)"
  if [ -x "$home/bin/elasticsearch" ] || [ -f "$home/bin/elasticsearch" ]; then
    log "already installed: $home"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven"
  mkdir -p "$BASE"
  log "downloading org.elasticsearch.distribution.integ-test-zip:elasticsearch:$version (about 100 MB)"
  mvn -B -q -N -f "$ROOT/pom.xml" dependency:unpack \
    -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$version:zip" \
    -DoutputDirectory="$BASE"
  [ -f "$home/bin/elasticsearch" ] || die "unpacking did not produce $home/bin/elasticsearch"
  log "installed: $home"
}

cmd_start() {
  command -v curl >/dev/null 2>&1 || die "curl not found: apt-get install curl"
  if is_running; then
    log "already running"
    printf '%s\n' "$URL"
    return 0
  fi
  cmd_install
  local home
  home="$(es_home)"
  mkdir -p "$NODE/data" "$NODE/logs" "$NODE/tmp"
  [ -d "$NODE/config" ] || cp -R "$home/config" "$NODE/config"
  ensure_user
  if is_root; then
    chown -R "$ES_USER:" "$NODE"
    grant_traversal "$NODE"
    grant_traversal "$home/bin/elasticsearch"
    # the distribution must be readable by the unprivileged user (every parent needs o+x)
    as_es_user test -r "$home/bin/elasticsearch" \
      || die "user $ES_USER cannot read $home: make the repository readable by other users"
  fi
  rm -f "$PID_FILE"
  log "starting Elasticsearch on $URL (data in $NODE)"
  local started_at=$SECONDS
  # -d: Elasticsearch daemonizes itself once the node is up and writes its pid file
  if ! as_es_user env -u JAVA_HOME -u JAVA_OPTS -u JAVA_TOOL_OPTIONS -u _JAVA_OPTIONS \
    ES_JAVA_HOME="$(java_home)" \
    ES_JAVA_OPTS="-Xms512m -Xmx512m" \
    ES_PATH_CONF="$NODE/config" \
    ES_TMPDIR="$NODE/tmp" \
    CLI_JAVA_OPTS="-Djava.io.tmpdir=$NODE/tmp" \
    /bin/bash "$home/bin/elasticsearch" -d -p "$PID_FILE" \
    -E cluster.name=civicflow \
    -E node.name="civicflow-$PORT" \
    -E network.host=127.0.0.1 \
    -E http.port="$PORT" \
    -E discovery.type=single-node \
    -E xpack.security.enabled=false \
    -E cluster.routing.allocation.disk.threshold_enabled=false \
    -E action.auto_create_index=false \
    -E path.data="$NODE/data" \
    -E path.logs="$NODE/logs" \
    >>"$NODE/console.log" 2>&1; then
    tail -n 40 "$NODE/console.log" >&2 || true
    die "Elasticsearch did not start; full output in $NODE/console.log and $NODE/logs/"
  fi
  while ! health '?wait_for_status=yellow&timeout=1s' 5 >/dev/null; do
    if [ $((SECONDS - started_at)) -ge $START_TIMEOUT_SECONDS ]; then
      tail -n 40 "$NODE/logs/civicflow.log" >&2 || true
      die "no cluster health yellow on $URL within ${START_TIMEOUT_SECONDS}s"
    fi
    sleep 1
  done
  log "started in $((SECONDS - started_at))s"
  printf '%s\n' "$URL"
}

cmd_stop() {
  if [ ! -f "$PID_FILE" ]; then
    if is_running; then
      die "something answers on $URL but $PID_FILE is missing: not started by this script"
    fi
    log "not running"
    return 0
  fi
  local pid waited=0
  pid="$(cat "$PID_FILE")"
  if kill -TERM "$pid" 2>/dev/null; then
    while kill -0 "$pid" 2>/dev/null; do
      if [ $waited -ge $STOP_TIMEOUT_SECONDS ]; then
        log "still running after ${STOP_TIMEOUT_SECONDS}s; killing $pid"
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 1
      waited=$((waited + 1))
    done
  fi
  rm -f "$PID_FILE"
  log "stopped (data kept in $NODE)"
}

cmd_status() {
  local body
  if body="$(health)"; then
    printf 'running %s %s\n' "$URL" "$body"
  else
    printf 'not running (%s)\n' "$URL"
    return 3
  fi
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    printf 'usage: %s {install|start|stop|status}\n' "$0" >&2
    exit 2
    ;;
esac

# Shared helpers for ./platform: paths, profiles, logging, tool installation, process bookkeeping.
# Sourced, not executed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$ROOT/.platform"
CACHE="$WORK/cache"
TOOLS="$WORK/tools"

KAFKA_VERSION=4.4.0
KEYCLOAK_VERSION=26.5.6
MAVEN_VERSION=3.9.12
REALM=sme-credit

log()  { printf '\033[1;34m[platform]\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33m[platform]\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[1;31m[platform]\033[0m %s\n' "$*" >&2; exit 1; }

# A profile is a complete, isolated set of ports and state. "up" is the demo platform on the documented
# default ports; "test" uses other ports so the suite can run while the demo is up.
use_profile() {
  PROFILE="$1"
  STATE="$WORK/$PROFILE"
  case "$PROFILE" in
    up)
      PG_PORT="${PG_PORT:-5433}"
      KAFKA_PORT="${KAFKA_PORT:-9092}"; KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
      KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}"; KEYCLOAK_MANAGEMENT_PORT="${KEYCLOAK_MANAGEMENT_PORT:-9180}"
      MQTT_PORT="${MQTT_PORT:-1883}"
      INGESTION_PORT="${INGESTION_PORT:-8081}"; SCORING_PORT="${SCORING_PORT:-8082}"; LOAN_PORT="${LOAN_PORT:-8083}"
      # Health and metrics: each service's management interface, on a port of its own.
      INGESTION_MANAGEMENT_PORT="${INGESTION_MANAGEMENT_PORT:-9081}"; SCORING_MANAGEMENT_PORT="${SCORING_MANAGEMENT_PORT:-9082}"
      LOAN_MANAGEMENT_PORT="${LOAN_MANAGEMENT_PORT:-9083}"
      ;;
    test)
      PG_PORT="${TEST_PG_PORT:-15433}"
      KAFKA_PORT="${TEST_KAFKA_PORT:-19092}"; KAFKA_CONTROLLER_PORT="${TEST_KAFKA_CONTROLLER_PORT:-19093}"
      MQTT_PORT="${TEST_MQTT_PORT:-11883}"
      KEYCLOAK_PORT="${TEST_KEYCLOAK_PORT:-18180}"; KEYCLOAK_MANAGEMENT_PORT="${TEST_KEYCLOAK_MANAGEMENT_PORT:-19180}"
      ;;
    *) die "unknown profile $PROFILE" ;;
  esac
  KEYCLOAK_URL="http://127.0.0.1:$KEYCLOAK_PORT"
  # The ingestion service's own MQTT account (dev/test only, like the realm's secrets).
  MQTT_INGESTION_USER="${MQTT_INGESTION_USER:-ingestion}"; MQTT_INGESTION_PASSWORD="${MQTT_INGESTION_PASSWORD:-ingestion-mqtt-dev-only}"
  mkdir -p "$STATE/logs" "$STATE/pids"
}

write_env_file() {
  cat > "$STATE/env" <<ENV
# Written by ./platform for the '$PROFILE' profile: source it to point a build or service at this infrastructure.
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
export DB_HOST=127.0.0.1
export DB_PORT=$PG_PORT
export KEYCLOAK_URL=$KEYCLOAK_URL
export MQTT_HOST=127.0.0.1
export MQTT_PORT=$MQTT_PORT
ENV
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root (or sudo) to run: $*"; fi
}

APT_UPDATED=""
apt_install() {
  [ -n "$APT_UPDATED" ] || { log "apt-get update"; as_root apt-get update -qq >/dev/null; APT_UPDATED=1; }
  log "installing Debian packages: $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Debian packages the platform needs beyond a JDK and Maven.
ensure_packages() {
  local missing=()
  command -v curl >/dev/null || missing+=(curl)
  command -v unzip >/dev/null || missing+=(unzip)
  command -v psql >/dev/null || missing+=(postgresql-client)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  # xgboost4j's native library is linked against OpenMP.
  ldconfig -p 2>/dev/null | grep -q 'libgomp.so.1' || missing+=(libgomp1)
  command -v mosquitto >/dev/null || missing+=(mosquitto)
  command -v mosquitto_pub >/dev/null || missing+=(mosquitto-clients)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

# The SME portal's browser test drives a real headless Chromium through Selenium; only './platform test' needs it.
ensure_browser() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

# Quarkus 3.33 wants Maven 3.9+; Debian 12 ships 3.8.7, so fetch the official distribution from Maven Central.
ensure_maven() {
  local v
  v="$(mvn -v 2>/dev/null | sed -n 's/.*Apache Maven \([0-9]*\.[0-9]*\).*/\1/p' | head -1)"
  case "$v" in
    3.9|3.1[0-9]|4.*) MVN=mvn; return ;;
  esac
  command -v mvn >/dev/null || die "Maven is required (apt-get install maven)"
  local home="$TOOLS/apache-maven-$MAVEN_VERSION"
  if [ ! -x "$home/bin/mvn" ]; then
    log "fetching Maven $MAVEN_VERSION from Maven Central (the installed one is ${v:-unknown})"
    mkdir -p "$TOOLS"
    mvn -q -B dependency:copy -Dartifact="org.apache.maven:apache-maven:$MAVEN_VERSION:tar.gz:bin" \
        -DoutputDirectory="$CACHE" >/dev/null || die "could not fetch Maven $MAVEN_VERSION"
    tar -xzf "$CACHE/apache-maven-$MAVEN_VERSION-bin.tar.gz" -C "$TOOLS"
  fi
  MVN="$home/bin/mvn"
}

pid_file() { echo "$STATE/pids/$1.pid"; }

is_running() {
  local f; f="$(pid_file "$1")"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

# Starts a command in its own session so that stopping it also stops the children it spawns.
start_detached() {
  local name="$1"; shift
  setsid "$@" >>"$STATE/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$(pid_file "$name")"
}

stop_detached() {
  local name="$1" f pid
  f="$(pid_file "$name")"
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { warn "$name did not stop in 30 s; killing"; kill -KILL -- "-$pid" 2>/dev/null; }
  fi
  rm -f "$f"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_until DESCRIPTION SECONDS COMMAND...: polls COMMAND every half second.
wait_until() {
  local what="$1" seconds="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
}

http_ok() { curl -sf -o /dev/null --max-time 3 "$1"; }

# './platform simulate live|history ...': the factory simulator against the running platform ('up' profile).
# Options are passed through to the simulator (docs/simulator.md); connection settings come from the profile.

SIMULATOR_JAR="$ROOT/simulator/target/simulator-0.1.0-SNAPSHOT.jar"

# Builds the simulator when its jar is missing or older than its sources, with the modules it uses (-am: nothing is
# taken from a local repository that a fresh machine does not have).
ensure_simulator_built() {
  if [ -f "$SIMULATOR_JAR" ] && [ -z "$(find "$ROOT/simulator/src" "$ROOT/simulator/pom.xml" -newer "$SIMULATOR_JAR" -print -quit)" ]; then
    return
  fi
  ensure_maven
  log "building the simulator"
  "$MVN" -B -q -ntp -f "$ROOT/pom.xml" -pl simulator -am -DskipTests package >"$STATE/logs/simulator-build.log" 2>&1 \
    || die "simulator build failed: see $STATE/logs/simulator-build.log"
}

# Value of --NAME in the arguments, or DEFAULT.
simulator_option() {
  local name="$1" default="$2"; shift 2
  while [ $# -gt 0 ]; do
    if [ "$1" = "--$name" ] && [ $# -gt 1 ]; then echo "$2"; return; fi
    shift
  done
  echo "$default"
}

# MQTT gateways log in per SME: give each simulated SME a broker user gateway-<smeId> (password gateway-<smeId>-secret,
# dev only) allowed to publish only under its own SME, unless it already has one.
ensure_simulated_mqtt_gateways() {
  local count prefix first i sme dir added=0
  count="$(simulator_option smes 20 "$@")"; prefix="$(simulator_option id-prefix sme- "$@")"
  first="$(simulator_option first-id 1001 "$@")"
  dir="$(mosquitto_dir)"
  mosquitto_ready || die "Mosquitto is not running: start the platform with ./platform up"
  for i in $(seq 0 $((count - 1))); do
    sme="$prefix$((first + i))"
    grep -qx "user gateway-$sme" "$dir/acl" && continue
    add_gateway_entry "$sme" "gateway-$sme-secret"
    added=$((added + 1))
  done
  if [ "$added" -gt 0 ]; then
    mosquitto_permissions
    kill -HUP "$(cat "$(pid_file mosquitto)")"
    log "added $added simulated gateways to Mosquitto"
  fi
}

cmd_simulate() {
  local mode="${1:-}"
  case "$mode" in
    live|history) shift ;;
    *) die "usage: ./platform simulate live|history [--option value ...] (see docs/simulator.md)" ;;
  esac
  use_profile up
  ensure_simulator_built
  local extra=()
  [ "$mode" = live ] && [ "$(simulator_option via http "$@")" = mqtt ] && ensure_simulated_mqtt_gateways "$@"
  [ "$mode" = history ] && [ "$(simulator_option out "" "$@")" = "" ] && extra+=(--out "$WORK/simulation/history")
  INGESTION_URL="${INGESTION_URL:-http://127.0.0.1:$INGESTION_PORT}" KEYCLOAK_URL="$KEYCLOAK_URL" \
    KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}" \
    MQTT_HOST="${MQTT_HOST:-127.0.0.1}" MQTT_PORT="$MQTT_PORT" \
    java -Xmx1g -cp "$SIMULATOR_JAR:$ROOT/simulator/target/lib/*" io.smecredit.simulator.Simulator "$mode" "$@" "${extra[@]}"
}

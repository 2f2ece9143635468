# The three services and the demo telemetry feed, as started by './platform up'.

SERVICES=(ingestion scoring loan)

service_port() {
  case "$1" in ingestion) echo "$INGESTION_PORT" ;; scoring) echo "$SCORING_PORT" ;; loan) echo "$LOAN_PORT" ;; esac
}

# Health and metrics are on the management port, not the API port.
service_management_port() {
  case "$1" in
    ingestion) echo "$INGESTION_MANAGEMENT_PORT" ;; scoring) echo "$SCORING_MANAGEMENT_PORT" ;; loan) echo "$LOAN_MANAGEMENT_PORT" ;;
  esac
}

service_ready() { http_ok "http://127.0.0.1:$(service_management_port "$1")/q/health/ready"; }

build_services() {
  local all_running=1 s
  for s in "${SERVICES[@]}"; do is_running "$s" || all_running=""; done
  if [ -n "$all_running" ]; then log "services already running: not rebuilding"; return; fi
  log "building the services (tests skipped; './platform test' runs them)"
  "$MVN" -B -q -ntp -DskipTests package >"$STATE/logs/build.log" 2>&1 || die "build failed: see $STATE/logs/build.log"
}

start_services() {
  local s
  for s in "${SERVICES[@]}"; do
    if is_running "$s"; then log "$s-service already running on $(service_port "$s")"; continue; fi
    mkdir -p "$STATE/$s"
    log "starting $s-service on 127.0.0.1:$(service_port "$s")"
    start_detached "$s" env -C "$STATE/$s" \
        HTTP_PORT="$(service_port "$s")" MANAGEMENT_PORT="$(service_management_port "$s")" \
        KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" DB_HOST=127.0.0.1 DB_PORT="$PG_PORT" KEYCLOAK_URL="$KEYCLOAK_URL" \
        MQTT_HOST=127.0.0.1 MQTT_PORT="$MQTT_PORT" MQTT_USERNAME="$MQTT_INGESTION_USER" MQTT_PASSWORD="$MQTT_INGESTION_PASSWORD" \
        KAFKA_STREAMS_STATE_DIR="$STATE/$s/kafka-streams" \
        java -Xmx384m -jar "$ROOT/$s-service/target/quarkus-app/quarkus-run.jar"
  done
  for s in "${SERVICES[@]}"; do
    wait_until "$s" 180 service_ready "$s" || die "$s-service did not become ready: see $STATE/logs/$s.log"
    log "$s-service ready"
  done
}

stop_services() {
  local s
  for s in loan scoring ingestion; do stop_detached "$s"; done
}

# The SME portal: a web app on its own port, signing owners in through Keycloak and calling loan-service.
portal_port() { echo "${PORTAL_PORT:-8084}"; }
portal_management_port() { echo "${PORTAL_MANAGEMENT_PORT:-9084}"; }

start_portal() {
  if is_running portal; then log "sme-portal already running on $(portal_port)"; return; fi
  if [ ! -f "$ROOT/sme-portal/target/quarkus-app/quarkus-run.jar" ]; then
    log "building the SME portal"
    "$MVN" -B -q -ntp -DskipTests -pl sme-portal -am package >>"$STATE/logs/build.log" 2>&1 \
      || die "portal build failed: see $STATE/logs/build.log"
  fi
  mkdir -p "$STATE/portal"
  log "starting sme-portal on 127.0.0.1:$(portal_port)"
  start_detached portal env -C "$STATE/portal" \
      PORTAL_PORT="$(portal_port)" MANAGEMENT_PORT="$(portal_management_port)" KEYCLOAK_URL="$KEYCLOAK_URL" LOAN_URL="http://127.0.0.1:$LOAN_PORT" \
      java -Xmx256m -jar "$ROOT/sme-portal/target/quarkus-app/quarkus-run.jar"
  wait_until portal 120 http_ok "http://127.0.0.1:$(portal_management_port)/q/health/ready" \
    || die "sme-portal did not become ready: see $STATE/logs/portal.log"
  log "sme-portal ready"
}

stop_portal() { stop_detached portal; }

start_demo_feed() {
  if is_running demo-feed; then log "demo feed already running"; return; fi
  log "starting the demo telemetry feed (sme-001 … sme-005 and 4 peers of each in its cohort, 3 machines each; history: up to ${DEMO_HISTORY_DAYS:-90} days not yet covered)"
  start_detached demo-feed java -Xmx128m \
      -cp "$ROOT/simulator/target/simulator-0.1.0-SNAPSHOT.jar:$ROOT/simulator/target/lib/*" \
      io.smecredit.simulator.LiveFeed --ingestion-url "http://127.0.0.1:$INGESTION_PORT" --keycloak-url "$KEYCLOAK_URL" \
      --smes 5 --peers 4 --machines 3 --interval-seconds 5 --history-days "${DEMO_HISTORY_DAYS:-90}" \
      --state-file "$STATE/demo-feed.covered-until"
}

stop_demo_feed() { stop_detached demo-feed; }

# Banks see an SME's data only with its consent. The demo owners grant bank-a consent through the real API, with
# the demo realm's sme-test password grant (demo realm only), so the printed example works. Skipped for an SME
# whose bank-a consent is still valid, so repeated 'up's do not pile up consents.
grant_demo_consents() {
  local n sme token expires
  expires="$(date -u -d '+180 days' +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -v+180d +%Y-%m-%dT%H:%M:%SZ)"
  for n in 001 002 003 004 005; do
    sme="sme-$n"
    token="$(curl -sf -d grant_type=password -d client_id=sme-test -d "username=owner-$sme" -d "password=demo-$sme" \
        "$KEYCLOAK_URL/realms/$REALM/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')" \
      || { warn "could not sign in as owner-$sme"; continue; }
    if curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$LOAN_PORT/api/v1/me/consents" \
        | grep -o '{[^{}]*}' | grep '"bankId":"bank-a"' | grep -q '"status":"valid"'; then
      continue
    fi
    curl -sf -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"bankId\":\"bank-a\",\"scopes\":[\"credit-report\",\"features-summary\",\"monitoring\"],\"purpose\":\"Demo: working-capital review\",\"expiresAt\":\"$expires\"}" \
        "http://127.0.0.1:$LOAN_PORT/api/v1/me/consents" \
      && log "owner-$sme granted bank-a consent (demo)" || warn "owner-$sme could not grant bank-a consent"
  done
}

# Waits until the demo feed's data has travelled through all services, so the printed example works at once.
wait_for_first_report() {
  local token
  grant_demo_consents
  token="$(curl -sf -d grant_type=client_credentials -d client_id=bank-a -d client_secret=bank-a-secret \
      "$KEYCLOAK_URL/realms/$REALM/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')"
  wait_until "first credit report" 120 curl -sf -o /dev/null -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$LOAN_PORT/api/v1/smes/sme-001/credit-report" \
    || warn "no credit report for sme-001 yet: see $STATE/logs/demo-feed.log"
}

print_summary() {
  wait_for_first_report
  cat <<SUMMARY

SME credit platform is up (demo realm '$REALM': dev-only credentials, see README).

  ingestion-service  http://127.0.0.1:$INGESTION_PORT   Swagger UI http://127.0.0.1:$INGESTION_PORT/q/swagger-ui
  scoring-service    http://127.0.0.1:$SCORING_PORT   Swagger UI http://127.0.0.1:$SCORING_PORT/q/swagger-ui
  loan-service       http://127.0.0.1:$LOAN_PORT   Swagger UI http://127.0.0.1:$LOAN_PORT/q/swagger-ui
  SME portal         http://127.0.0.1:$(portal_port)   (sign in as owner-sme-001 / demo-sme-001)
  health, metrics    /q/health and /q/metrics on the management ports: ingestion http://127.0.0.1:$INGESTION_MANAGEMENT_PORT,
                     scoring :$SCORING_MANAGEMENT_PORT, loan :$LOAN_MANAGEMENT_PORT, portal :$(portal_management_port)
  Keycloak           $KEYCLOAK_URL   (admin console: admin / admin-dev-only)
  Kafka              127.0.0.1:$KAFKA_PORT
  PostgreSQL         127.0.0.1:$PG_PORT   (databases ingestion, scoring, loan)
  demo feed          posting telemetry for sme-001 … sme-005 (and their peers sme-9NNP) every 5 s
  logs               $STATE/logs

Read a credit report as partner bank A (the demo owners of sme-001 … sme-005 granted bank-a consent at start-up;
bank-b has none, so the same call as bank-b is refused with 403):

  TOKEN=\$(curl -s -d grant_type=client_credentials -d client_id=bank-a -d client_secret=bank-a-secret \\
    $KEYCLOAK_URL/realms/$REALM/protocol/openid-connect/token | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  curl -s -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:$LOAN_PORT/api/v1/smes/sme-001/credit-report

Stop everything with ./platform down.
SUMMARY
}

show_status() {
  local name state
  printf '%-12s %-8s %s\n' COMPONENT STATE WHERE
  if pg_running; then state=up; else state=down; fi
  printf '%-12s %-8s %s\n' postgresql "$state" "127.0.0.1:$PG_PORT"
  if kafka_ready; then state=up; else state=down; fi
  printf '%-12s %-8s %s\n' kafka "$state" "127.0.0.1:$KAFKA_PORT"
  if keycloak_ready; then state=up; elif is_running keycloak; then state=starting; else state=down; fi
  printf '%-12s %-8s %s\n' keycloak "$state" "$KEYCLOAK_URL"
  if mosquitto_ready; then state=up; else state=down; fi
  printf '%-12s %-8s %s\n' mosquitto "$state" "127.0.0.1:$MQTT_PORT"
  for name in "${SERVICES[@]}"; do
    if service_ready "$name"; then state=ready; elif is_running "$name"; then state=starting; else state=down; fi
    printf '%-12s %-8s %s\n' "$name" "$state" "http://127.0.0.1:$(service_port "$name")"
  done
  if http_ok "http://127.0.0.1:$(portal_management_port)/q/health/ready"; then state=ready; elif is_running portal; then state=starting; else state=down; fi
  printf '%-12s %-8s %s\n' sme-portal "$state" "http://127.0.0.1:$(portal_port)"
  if is_running demo-feed; then state=up; else state=down; fi
  printf '%-12s %-8s %s\n' demo-feed "$state" "$STATE/logs/demo-feed.log"
}

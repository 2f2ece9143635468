#!/usr/bin/env bash
# Ingestion throughput benchmark — a measurement script, not a test. In one run against the running platform
# ('./platform up'), on this machine:
#   (a) raw Kafka producer throughput to the same broker with Kafka's own perf tool (ProducerPerformance), sending
#       real telemetry event JSON with the ingestion service's producer settings (acks=all, idempotent, lz4, linger 5 ms);
#   (b) end-to-end intake: many concurrent gateways POST batches to /api/v1/telemetry (HTTP → validation → Kafka),
#       the feature engine turns them into vectors on sme.features.v1: intake rate at saturation, end-to-end rate
#       (accepted events / time until the feature engine's lag is back to zero), then feature freshness p50/p95
#       (event accepted → vector on sme.features.v1, read by a consumer) at saturation, at a steady load of half
#       the end-to-end rate, and on a quiet platform.
# Prints events/s for both, their ratio and freshness, and writes the same to .platform/bench/.
#
# Knobs (environment): BENCH_SECONDS (30) BENCH_WARMUP_SECONDS (10) BENCH_GATEWAYS (32) BENCH_BATCH (500)
# BENCH_SMES (200) BENCH_MACHINES (10) BENCH_PROBES (4) BENCH_STEADY_SECONDS (30) RAW_RECORDS (2000000)
# BENCH_HTTP_CLIENT (plain: a lean HTTP/1.1 connection per gateway; jdk: java.net.http, the driver until session 5); INGESTION_URL,
# INGESTION_MANAGEMENT_URL (its health),
# KAFKA_BOOTSTRAP_SERVERS (and KEYCLOAK_PORT) default to the 'up' profile's ports; KAFKA_STREAMS_APPLICATION_ID
# (ingestion-features) names the feature engine whose lag ends the end-to-end measurement, so the script can also
# measure a service started on test ports with its own application id.
set -euo pipefail

source "$(cd "$(dirname "$0")/.." && pwd)/infra/lib/common.sh"
source "$ROOT/infra/lib/simulator.sh"
use_profile up

# Another instance's health is on its own management port, not on the 'up' service's.
[ -n "${INGESTION_URL:-}" ] && [ -z "${INGESTION_MANAGEMENT_URL:-}" ] \
  && die "INGESTION_URL is set: set INGESTION_MANAGEMENT_URL to that instance's management port too"
INGESTION_URL="${INGESTION_URL:-http://127.0.0.1:$INGESTION_PORT}"
INGESTION_MANAGEMENT_URL="${INGESTION_MANAGEMENT_URL:-http://127.0.0.1:$INGESTION_MANAGEMENT_PORT}"
KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}"
KAFKA_LIBS="$CACHE/kafka-$KAFKA_VERSION-libs"
RAW_TOPIC=bench.raw-producer
RAW_RECORDS="${RAW_RECORDS:-2000000}"
OUT="$WORK/bench"
mkdir -p "$OUT"

http_ok "$INGESTION_MANAGEMENT_URL/q/health/ready" || die "the ingestion service at $INGESTION_URL is not ready: start the platform (./platform up)"
[ -f "$KAFKA_LIBS/.complete" ] || die "Kafka's jars are missing in $KAFKA_LIBS: run ./platform up first"
ensure_simulator_built
SIM_CP="$SIMULATOR_JAR:$ROOT/simulator/target/lib/*"

stamp="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
result="$OUT/ingestion-throughput-$(date -u +%Y%m%dT%H%M%SZ).txt"
machine="$(nproc) CPU ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
log "machine: $machine; load average $load_start"

# (a) Raw producer. The payloads are real telemetry events from the simulator, one per line, so compression and
# record sizes match what the intake writes.
payloads="$OUT/payloads.ndjson"
if [ ! -s "$payloads" ]; then
  java -cp "$SIM_CP" io.smecredit.simulator.Simulator history --via none --days 1 --smes 20 --write-events \
      --out "$OUT/payload-history" >/dev/null 2>&1
  zcat "$OUT"/payload-history/telemetry/*.ndjson.gz | head -5000 > "$payloads"
fi
record_size="$(awk '{ total += length($0) } END { printf "%d", total / NR }' "$payloads")"
topics() { java -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" "$@"; }
topics --delete --if-exists --topic "$RAW_TOPIC" >/dev/null 2>&1 || true
topics --create --if-not-exists --topic "$RAW_TOPIC" --partitions 6 --replication-factor 1 >/dev/null
log "(a) raw producer: $RAW_RECORDS records of real event JSON (mean $record_size bytes) to $RAW_TOPIC"
raw_log="$OUT/raw-producer.log"
java -Xmx512m -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.ProducerPerformance --topic "$RAW_TOPIC" \
    --num-records "$RAW_RECORDS" --throughput -1 --payload-file "$payloads" \
    --producer-props bootstrap.servers="$KAFKA_BOOTSTRAP_SERVERS" acks=all enable.idempotence=true linger.ms=5 \
        compression.type=lz4 client.id=bench-raw-producer 2>/dev/null | tee "$raw_log" | tail -1 >&2
raw_rate="$(tail -1 "$raw_log" | sed -E 's/.* records sent, ([0-9.]+) records\/sec.*/\1/')"
raw_p95="$(tail -1 "$raw_log" | sed -E 's/.* ([0-9.]+) ms 95th.*/\1/')"
topics --delete --topic "$RAW_TOPIC" >/dev/null 2>&1 || true

# (b) End to end through the intake.
log "(b) intake: ${BENCH_GATEWAYS:-32} gateways x batches of ${BENCH_BATCH:-500} for ${BENCH_SECONDS:-30} s (after ${BENCH_WARMUP_SECONDS:-10} s warm-up)"
driver_out="$OUT/intake-driver.txt"
INGESTION_URL="$INGESTION_URL" KEYCLOAK_URL="$KEYCLOAK_URL" KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" \
  java -Xmx512m -cp "$SIM_CP" io.smecredit.simulator.Simulator bench-intake \
    --seconds "${BENCH_SECONDS:-30}" --warmup-seconds "${BENCH_WARMUP_SECONDS:-10}" --gateways "${BENCH_GATEWAYS:-32}" \
    --batch "${BENCH_BATCH:-500}" --smes "${BENCH_SMES:-200}" --machines "${BENCH_MACHINES:-10}" \
    --probe-smes "${BENCH_PROBES:-4}" --steady-seconds "${BENCH_STEADY_SECONDS:-30}" \
    --streams-group "${KAFKA_STREAMS_APPLICATION_ID:-ingestion-features}" --http-client "${BENCH_HTTP_CLIENT:-plain}" \
    > "$driver_out"
value() { sed -n "s/^$1=//p" "$driver_out"; }
intake_rate="$(value intake_events_per_s)"; e2e_rate="$(value e2e_events_per_s)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a ~ /^[0-9.]+$/) printf "%.2f", a / b; else print "n/a" }'; }

{
  echo "date:        $stamp"
  echo "machine:     $machine"
  echo "load:        1/5/15-min load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end (other processes share the cores)"
  echo "command:     benchmarks/ingestion-throughput.sh (RAW_RECORDS=$RAW_RECORDS $(value config))"
  printf 'raw producer (ProducerPerformance, acks=all, idempotent, lz4, %s-byte events): %.0f events/s (p95 latency %s ms)\n' \
      "$record_size" "$raw_rate" "$raw_p95"
  echo "intake HTTP → Kafka (202 answers):       $intake_rate events/s   ratio to raw: $(ratio "$intake_rate" "$raw_rate")"
  echo "end to end HTTP → Kafka → features:      $e2e_rate events/s   ratio to raw: $(ratio "$e2e_rate" "$raw_rate")   (feature engine drained in $(value feature_engine_drain_s) s after the load)"
  echo "freshness accepted → feature vector, saturating load:        p50 $(value freshness_load_p50_ms) ms, p95 $(value freshness_load_p95_ms) ms ($(value freshness_load_samples) probes, $(value freshness_load_timeouts) waited > 30 s)"
  echo "freshness accepted → feature vector, steady $(value steady_events_per_s) events/s: p50 $(value freshness_steady_p50_ms) ms, p95 $(value freshness_steady_p95_ms) ms ($(value freshness_steady_samples) probes, $(value freshness_steady_timeouts) waited > 30 s)"
  echo "freshness accepted → feature vector, quiet platform:           p50 $(value freshness_quiet_p50_ms) ms, p95 $(value freshness_quiet_p95_ms) ms ($(value freshness_quiet_samples) probes, $(value freshness_quiet_timeouts) waited > 30 s)"
  echo "freshness sent → feature vector, p95 (steady / quiet):         $(value freshness_steady_from_send_p95_ms) ms / $(value freshness_quiet_from_send_p95_ms) ms"
  echo "requests failed:                         $(value failed_requests); events accepted in total $(value accepted_events_total) of $(value sent_events_total) sent"
} | tee "$result"
log "results saved in $result"

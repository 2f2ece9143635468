#!/usr/bin/env bash
# REST scoring throughput of the scoring service with wrk (Debian: apt-get install -y wrk).
#
#   scoring-service/bench/score-load.sh [--start] [--duration 30s] [--connections 32] [--threads 2]
#
# --start   starts the packaged service (scoring-service/target/quarkus-app, build it first with
#           `mvn -pl scoring-service package -DskipTests`) on SCORING_BENCH_PORT (default 18092) against the test
#           infrastructure (.platform/test/env), waits until it is ready and stops it afterwards. Without --start the
#           script loads an already running service at SCORING_URL (health from SCORING_MANAGEMENT_URL; a started one
#           answers it on SCORING_BENCH_MANAGEMENT_PORT, default 18093).
#
# Runs two scenarios against POST /api/v1/scores (one SME, all 53 dictionary features, reasons included) and
# POST /api/v1/scores/batch (100 SMEs per request), with one access token fetched up front (client credentials of the
# operator client) and reused for every request, as a real client caches its token. Prints wrk's latency
# distribution; copy the numbers into docs/benchmarks.md. Never part of ./platform test.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration=30s
connections=32
threads=2
start=false
while [ $# -gt 0 ]; do
  case "$1" in
    --start) start=true ;;
    --duration) duration="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
if $start && [ -f "$root/.platform/test/env" ]; then
  # shellcheck disable=SC1091
  source "$root/.platform/test/env"
fi
keycloak="${KEYCLOAK_URL:-http://127.0.0.1:18180}"
port="${SCORING_BENCH_PORT:-18092}"
url="${SCORING_URL:-http://127.0.0.1:$port}"
management_port="${SCORING_BENCH_MANAGEMENT_PORT:-18093}"
if ! $start && [ -n "${SCORING_URL:-}" ] && [ -z "${SCORING_MANAGEMENT_URL:-}" ]; then
  echo "SCORING_URL is set: set SCORING_MANAGEMENT_URL to that service's management port too (9082 under ./platform up)" >&2
  exit 2
fi
management_url="${SCORING_MANAGEMENT_URL:-http://127.0.0.1:$management_port}"
client_id="${SCORING_BENCH_CLIENT_ID:-ops}"
client_secret="${SCORING_BENCH_CLIENT_SECRET:-ops-secret}"
work="$(mktemp -d)"
service_pid=""

cleanup() {
  if [ -n "$service_pid" ]; then
    kill "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if $start; then
  jar="$root/scoring-service/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || { echo "build the service first: mvn -pl scoring-service package -DskipTests" >&2; exit 1; }
  HTTP_PORT="$port" MANAGEMENT_PORT="$management_port" java -jar "$jar" > "$work/service.log" 2>&1 &
  service_pid=$!
  echo "started scoring-service (pid $service_pid) on port $port, log $work/service.log"
fi

echo "waiting for $management_url/q/health/ready"
for _ in $(seq 1 180); do
  if curl -fs "$management_url/q/health/ready" >/dev/null 2>&1; then ready=true; break; fi
  sleep 1
done
[ "${ready:-false}" = true ] || { echo "service not ready"; [ -f "$work/service.log" ] && tail -50 "$work/service.log"; exit 1; }

token="$(curl -fs -d grant_type=client_credentials -d "client_id=$client_id" -d "client_secret=$client_secret" \
  "$keycloak/realms/sme-credit/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')"
[ -n "$token" ] || { echo "could not get a token from $keycloak" >&2; exit 1; }

# Request bodies from the model's own feature list: every feature at a mid-range value, some SMEs varied.
features="$(curl -fs -H "Authorization: Bearer $token" "$url/api/v1/models/current")"
python3 - "$features" "$work" <<'PY'
import json, sys, random
current = json.loads(sys.argv[1]); work = sys.argv[2]
random.seed(7)
def sme(i):
    return {"smeId": f"bench-{i}", "features": {f: round(random.uniform(0.0, 1.0), 4) for f in current["features"]}}
json.dump(sme(0), open(f"{work}/single.json", "w"))
json.dump({"items": [sme(i) for i in range(100)]}, open(f"{work}/batch.json", "w"))
PY

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%FT%TZ)"
echo "== model: $(echo "$features" | sed -E 's/.*"modelVersion":"([^"]+)".*/\1/')"
for scenario in single batch; do
  path=/api/v1/scores
  [ "$scenario" = batch ] && path=/api/v1/scores/batch
  echo "== warm-up $scenario"
  SCORE_TOKEN="$token" SCORE_BODY_FILE="$work/$scenario.json" \
    wrk -t"$threads" -c"$connections" -d10s -s "$here/score-post.lua" "$url$path" >/dev/null
  echo "== $scenario: wrk -t$threads -c$connections -d$duration --latency POST $path"
  SCORE_TOKEN="$token" SCORE_BODY_FILE="$work/$scenario.json" \
    wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$here/score-post.lua" "$url$path"
done

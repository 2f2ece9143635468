#!/usr/bin/env bash
# Credit-report benchmark — a measurement script, not a test. In one run against a running loan-service (by default
# the one './platform up' started), with wrk:
#   (1) saturation: the bare JSON endpoint GET /api/v1/ping (no token, no database) and the credit report
#       GET /api/v1/smes/{SME}/credit-report with a real bank token (fetched once and cached, as a bank client
#       would), same connections and duration; prints requests/s, their ratio and p50/p99 latency;
#   (1a) for reference, not the issue's baseline: the cheapest authenticated endpoint, GET /api/v1/bank (the same
#       token verified, the bank named from it, no database), to show what verifying a token costs by itself: the
#       issue's ratio cannot be higher than this one's;
#   (1b) for reference, not the issue's baseline: an ordinary authenticated read with the same token,
#       GET /api/v1/consents (the bank's own consents: token check, one indexed query, no consent check on an SME and
#       no audit record), to show what the report's per-object consent check, query and audit record cost on top of
#       what any authenticated endpoint costs;
#   (2) paced: the credit report at about BENCH_RATE requests/s (wrk's per-connection delay), p50/p99 latency. Each
#       connection waits connections/rate seconds between answer and next request, so the rate reached falls short by
#       the latency's share of that cycle: with 100 connections (100 ms cycle at 1,000/s) a 5 ms latency costs 5 %,
#       where 20 connections (20 ms cycle) lost 20 % and more as latency grew.
# Every credit-report request is a real one: JWT verification, then an audit record committed to the hash chain before
# the answer (group commit: waiting records share one statement that advances the chain's head and inserts them, and
# one commit). The same statement checks, in the database, that the consent is still valid with its scopes and that
# the SME's latest score and features are still those of the report last served to this bank, which is then answered
# again; if not (and for a first read), a PostgreSQL query shared with the requests that arrived meanwhile reads the
# consent, score, 12-month trend and features, and the record is committed after it.
# At the end it prints the service's batching metrics (reports from memory or the database, requests per report query,
# records per commit, commit time, reads whose basis had changed at commit).
#
# Before measuring it makes sure bank-a holds a consent for the SME (granted through the API by the demo owner with
# the demo realm's sme-test password grant) and that the report answers 200.
# The per-bank rate limit (LOAN_RATE_LIMIT_PER_SECOND, default 200/s) must be raised on the service for this run,
# or most requests get 429: start it with LOAN_RATE_LIMIT_PER_SECOND=100000 LOAN_RATE_LIMIT_BURST=100000.
#
# Knobs (environment): LOAN_URL, LOAN_MANAGEMENT_URL (health and metrics), KEYCLOAK_URL (default: the 'up' profile's
# ports), SME_ID (sme-001),
# BENCH_SECONDS (20), BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_RATE (1000), BENCH_PACED_CONNECTIONS (100),
# BENCH_PAUSE_DEMO_FEED (0; 1 = the saturation runs with the demo feed paused by SIGSTOP, and the paced run once with
# the feed running and once paused; resumed by SIGCONT afterwards: on a 2-core machine the feed's pipeline shares the
# cores with the measured service).
set -euo pipefail

REQUESTED_KEYCLOAK_URL="${KEYCLOAK_URL:-}"
source "$(cd "$(dirname "$0")/.." && pwd)/infra/lib/common.sh"
use_profile up

# Another instance's health and metrics are on its own management port, not on the 'up' service's.
[ -n "${LOAN_URL:-}" ] && [ -z "${LOAN_MANAGEMENT_URL:-}" ] && die "LOAN_URL is set: set LOAN_MANAGEMENT_URL to that instance's management port too"
LOAN_URL="${LOAN_URL:-http://127.0.0.1:$LOAN_PORT}"
LOAN_MANAGEMENT_URL="${LOAN_MANAGEMENT_URL:-http://127.0.0.1:$LOAN_MANAGEMENT_PORT}"
KEYCLOAK_URL="${REQUESTED_KEYCLOAK_URL:-$KEYCLOAK_URL}"
SME_ID="${SME_ID:-sme-001}"
SECONDS_PER_RUN="${BENCH_SECONDS:-20}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
RATE="${BENCH_RATE:-1000}"
PACED_CONNECTIONS="${BENCH_PACED_CONNECTIONS:-100}"
OUT="$WORK/bench"
mkdir -p "$OUT"
REPORT_FILE="$OUT/loan-credit-report-$(date -u +%Y%m%dT%H%M%SZ).txt"

command -v wrk >/dev/null || die "wrk is required (apt-get install wrk)"
http_ok "$LOAN_MANAGEMENT_URL/q/health/ready" || die "loan-service at $LOAN_URL is not ready ($LOAN_MANAGEMENT_URL/q/health/ready)"

token_of() { sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }
BANK_TOKEN="$(curl -sf -d grant_type=client_credentials -d client_id=bank-a -d client_secret=bank-a-secret \
  "$KEYCLOAK_URL/realms/$REALM/protocol/openid-connect/token" | token_of)"
REPORT_URL="$LOAN_URL/api/v1/smes/$SME_ID/credit-report"

status="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $BANK_TOKEN" "$REPORT_URL")"
if [ "$status" = 403 ]; then
  owner_token="$(curl -sf -d grant_type=password -d client_id=sme-test -d "username=owner-$SME_ID" \
    -d "password=demo-$SME_ID" "$KEYCLOAK_URL/realms/$REALM/protocol/openid-connect/token" | token_of)"
  expires="$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -v+30d +%Y-%m-%dT%H:%M:%SZ)"
  curl -sf -o /dev/null -H "Authorization: Bearer $owner_token" -H 'Content-Type: application/json' \
    -d "{\"bankId\":\"bank-a\",\"scopes\":[\"credit-report\"],\"purpose\":\"Benchmark\",\"expiresAt\":\"$expires\"}" \
    "$LOAN_URL/api/v1/me/consents"
  status="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $BANK_TOKEN" "$REPORT_URL")"
fi
[ "$status" = 200 ] || die "the credit report of $SME_ID answers $status, not 200"

LUA="$(mktemp --suffix=.lua)"
trap 'rm -f "$LUA"' EXIT
# Per-connection pause that keeps the total near $RATE requests/s; wrk reports the latency of each request. The pause
# is drawn uniformly around its mean: a fixed pause kept the connections in step, so requests came in bursts of one
# per connection and the latency measured was the burst's queue, not the rate's.
MEAN_DELAY_MS=$(( 1000 * PACED_CONNECTIONS / RATE ))
cat > "$LUA" <<LUA
function init(args) math.randomseed(os.time() + math.floor(os.clock() * 1000000)) end
function delay() return math.random(0, 2 * $MEAN_DELAY_MS) end
LUA

run() { # label, wrk args...
  local label="$1"; shift
  echo "== $label" | tee -a "$REPORT_FILE"
  wrk --latency "$@" | tee -a "$REPORT_FILE"
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) vCPU, $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(uname -sr), $(java -version 2>&1 | head -1)"
  echo "target: $LOAN_URL (sme $SME_ID), wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s"
} | tee "$REPORT_FILE"

# Warm-up: JIT, connection pools.
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$LOAN_URL/api/v1/ping" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -H "Authorization: Bearer $BANK_TOKEN" "$LOAN_URL/api/v1/bank" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -H "Authorization: Bearer $BANK_TOKEN" "$REPORT_URL" >/dev/null

pause_feed() { :; }
resume_feed() { :; }
feed_pid=""
if [ "${BENCH_PAUSE_DEMO_FEED:-0}" = 1 ]; then
  if is_running demo-feed; then
    feed_pid="$(cat "$(pid_file demo-feed)")"
    trap 'kill -CONT "$feed_pid" 2>/dev/null; rm -f "$LUA"' EXIT
    pause_feed() { kill -STOP "$feed_pid"; sleep 5; } # and let the pipeline finish the feed's last batch
    resume_feed() { kill -CONT "$feed_pid"; }
  else
    echo "(no demo feed running: nothing to pause)" | tee -a "$REPORT_FILE"
  fi
fi

# The feed's pipeline (ingestion, scoring, Kafka) takes a share of the two cores that varies from second to second:
# with BENCH_PAUSE_DEMO_FEED=1 the three saturation runs, compared with each other, run with it paused.
pause_feed
run "bare JSON endpoint (saturation)" -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "$LOAN_URL/api/v1/ping"
run "token only: the bank's own record (saturation, reference)" -t"$THREADS" -c"$CONNECTIONS" \
  -d"${SECONDS_PER_RUN}s" -H "Authorization: Bearer $BANK_TOKEN" "$LOAN_URL/api/v1/bank"
run "credit report (saturation)" -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" \
  -H "Authorization: Bearer $BANK_TOKEN" "$REPORT_URL"
run "authenticated own-consents list (saturation, reference)" -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" \
  -H "Authorization: Bearer $BANK_TOKEN" "$LOAN_URL/api/v1/consents"
resume_feed
run "credit report (paced at ~$RATE req/s)" -t"$THREADS" -c"$PACED_CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$LUA" \
  -H "Authorization: Bearer $BANK_TOKEN" "$REPORT_URL"
if [ -n "$feed_pid" ]; then
  pause_feed
  run "credit report (paced at ~$RATE req/s, demo feed paused)" -t"$THREADS" -c"$PACED_CONNECTIONS" \
    -d"${SECONDS_PER_RUN}s" -s "$LUA" -H "Authorization: Bearer $BANK_TOKEN" "$REPORT_URL"
  resume_feed
fi

bare="$(grep -A20 '== bare' "$REPORT_FILE" | awk '/Requests\/sec/ {print $2; exit}')"
report="$(grep -A20 '== credit report (saturation)' "$REPORT_FILE" | awk '/Requests\/sec/ {print $2; exit}')"
listed="$(grep -A20 '== authenticated own-consents list' "$REPORT_FILE" | awk '/Requests\/sec/ {print $2; exit}')"
token_only="$(grep -A20 '== token only' "$REPORT_FILE" | awk '/Requests\/sec/ {print $2; exit}')"
{
  echo "== batching during the whole run (loan_report_batch_requests: requests per report query; loan_audit_batch_records: records per commit; _write: seconds; _stale_head: batches chained again after another writer)"
  curl -sf "$LOAN_MANAGEMENT_URL/q/metrics" | grep -E '^loan_(report_reads_total|report_batch_requests|audit_batch_(records|write_seconds|stale_head|failed_basis))(\{|_max|_count|_sum|_total)' || true
} | tee -a "$REPORT_FILE"
echo "throughput ratio credit-report / bare: $(awk -v r="$report" -v b="$bare" 'BEGIN {printf "%.3f", r / b}')" \
  | tee -a "$REPORT_FILE"
echo "for reference, token only / bare: $(awk -v t="$token_only" -v b="$bare" 'BEGIN {printf "%.3f", t / b}');" \
  "credit-report / token only: $(awk -v r="$report" -v t="$token_only" 'BEGIN {printf "%.3f", r / t}')" \
  | tee -a "$REPORT_FILE"
echo "for reference, credit-report / authenticated own-consents list: $(awk -v r="$report" -v l="$listed" \
  'BEGIN {printf "%.3f", r / l}')" | tee -a "$REPORT_FILE"
echo "written to $REPORT_FILE"

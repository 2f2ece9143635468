#!/usr/bin/env bash
# Pure-Java evaluator vs xgboost4j on one 300-tree depth-6 model, all in one JMH run. Not part of the test suite.
# Usage: benchmarks/run-model-benchmarks.sh [extra JMH args, e.g. -wi 1 -w 1 -i 2 -r 1 for a quick directional run]
# Results: benchmarks/target/jmh-model.json, then a comparison table against the issue's targets (also written to
# benchmarks/target/jmh-model-summary.txt). Record them in docs/benchmarks.md.
# BENCH_JVM_ARGS: extra options for the measured JVM, e.g. -XX:+UseTransparentHugePages (see docs/benchmarks.md).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# The build needs Maven 3.9; prefer the one ./platform installs when the system one is older.
BUNDLED_MVN="$(ls -d "$ROOT"/.platform/tools/apache-maven-3.9*/bin/mvn 2>/dev/null | tail -1 || true)"
MVN="${MVN:-${BUNDLED_MVN:-mvn}}"
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  "$MVN" -q -B -ntp -pl benchmarks -am package -DskipTests
fi
CP="benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*"
MACHINE="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $(java -version 2>&1 | head -1); load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
MACHINE="$MACHINE; measured JVM options: ${BENCH_JVM_ARGS:-default (the benchmark sets -Xms1g -Xmx1g)}"
echo "machine: $MACHINE" >&2
java -cp "$CP" org.openjdk.jmh.Main 'io.smecredit.benchmarks.ModelEvaluationBenchmark' \
  -jvmArgsPrepend "-Dbenchmark.model=$ROOT/benchmarks/target/benchmark-model-300x6.json ${BENCH_JVM_ARGS:-}" \
  -rf json -rff benchmarks/target/jmh-model.json "$@"

python3 - "$MACHINE" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY' | tee benchmarks/target/jmh-model-summary.txt
import json, sys
results = json.load(open("benchmarks/target/jmh-model.json"))
by = {}
for r in results:
    name = r["benchmark"].rsplit(".", 1)[1]
    by[(name, r.get("params", {}).get("threads"))] = r["primaryMetric"]

def pct(name, p):
    m = by.get((name, None))
    return m["scorePercentiles"][p] if m else float("nan")

def ratio(a, b):
    return a / b if a == a and b == b and b > 0 else float("nan")

print(f"\nmachine: {sys.argv[1]}; load at end: {sys.argv[2]}")
print("single row and reasons: 1 thread on both sides (xgboost4j nthread=1)\n")
print(f"{'measure':<44}{'pure Java':>12}{'xgb DMatrix':>13}{'xgb inplace':>13}{'ratio':>9}  target")
for label, p in (("single row p50 (us)", "50.0"), ("single row p99 (us)", "99.0")):
    java, dm, ip = pct("singleRowJava", p), pct("singleRowXgboostDMatrix", p), pct("singleRowXgboostInplace", p)
    best = min(dm, ip)
    target = ">= 20x" if p == "50.0" else f"Java p99 < 8 us: {'met' if java < 8 else 'NOT met'}"
    print(f"{label:<44}{java:>12.2f}{dm:>13.2f}{ip:>13.2f}{ratio(best, java):>8.1f}x  {target}")
java_f = pct("singleRowJavaFloats", "50.0")
print(f"{'single row p50, float32 input (us)':<44}{java_f:>12.2f}{'':>13}{'':>13}{ratio(min(pct('singleRowXgboostDMatrix', '50.0'), pct('singleRowXgboostInplace', '50.0')), java_f):>8.1f}x")
threads = sorted({t for (_, t) in by if t is not None}, key=int)
for t in threads:
    def rows(name):
        m = by.get((name, t))
        return m["score"] * 1000 if m else float("nan")
    java, dm, ip = rows("batch1000Java"), rows("batch1000XgboostDMatrix"), rows("batch1000XgboostInplace")
    print(f"{'batch 1,000 rows/s, ' + t + ' thread(s) each side':<44}{java:>12,.0f}{dm:>13,.0f}{ip:>13,.0f}{ratio(java, max(dm, ip)):>8.2f}x  >= 1.3x")
shap50, shap99 = pct("reasonsTreeShapJava", "50.0"), pct("reasonsTreeShapJava", "99.0")
print(f"{'exact reasons (TreeSHAP) per row p50 / p99 (us)':<44}{shap50:>7.0f} /{shap99:>4.0f}{'':>26}{'':>9}  < 200 us: {'met' if shap50 < 200 else 'NOT met'} (p50)")
print("\nratio: single row = best xgboost4j p50 (or p99) / Java; batch = Java rows/s / best xgboost4j rows/s")
PY

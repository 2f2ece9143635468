#!/usr/bin/env bash
# Pure-Java evaluator vs xgboost4j on one 300-tree depth-6 model, all in one JMH run. Not part of the test suite.
# Usage: benchmarks/run-model-benchmarks.sh [extra JMH args, e.g. -f 1 -wi 2 -i 3]
# Results: benchmarks/target/jmh-model.json (and the table printed at the end); record them in docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
MVN="${MVN:-mvn}"
"$MVN" -q -B -ntp -pl benchmarks -am package -DskipTests
CP="benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $(java -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java -cp "$CP" org.openjdk.jmh.Main 'io.smecredit.benchmarks.ModelEvaluationBenchmark' \
  -jvmArgsPrepend "-Dbenchmark.model=$ROOT/benchmarks/target/benchmark-model-300x6.json" \
  -rf json -rff benchmarks/target/jmh-model.json "$@"

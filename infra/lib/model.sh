# ./platform train / evaluate: the credit-model command line on any labelled CSV. Sourced, not executed.

MODEL_MODULE="$ROOT/credit-model"

# Builds the credit-model jar and its runtime dependencies when a source is newer than the jar (or it is missing).
build_model_cli() {
  local jar="$MODEL_MODULE/target/credit-model-0.1.0-SNAPSHOT.jar"
  if [ -f "$jar" ] && [ -d "$MODEL_MODULE/target/lib" ] \
      && [ -z "$(find "$MODEL_MODULE/src/main" "$MODEL_MODULE/pom.xml" "$ROOT/contracts/src/main" -newer "$jar" -print -quit)" ]; then
    return
  fi
  log "building credit-model"
  (cd "$ROOT" && "$MVN" -q -B -ntp -pl credit-model -am package -DskipTests) || die "credit-model did not build"
}

# The CLI prints its own usage and errors; its exit status becomes ours.
run_model_cli() {
  ensure_maven
  ldconfig -p 2>/dev/null | grep -q 'libgomp.so.1' || apt_install libgomp1
  build_model_cli
  # The progress bar redraws one line on a terminal; into a file or pipe it writes a line now and then instead.
  local progress=lines columns=""
  if [ -t 2 ]; then
    progress=terminal
    columns=$(tput cols 2>/dev/null </dev/tty || true)
  fi
  java ${MODEL_JAVA_OPTS:--Xmx4g} -Dprogress.style="$progress" -Dprogress.columns="${columns:-${COLUMNS:-80}}" -cp "$MODEL_MODULE/target/credit-model-0.1.0-SNAPSHOT.jar:$MODEL_MODULE/target/lib/*" \
    io.smecredit.model.cli.CreditModelCli "$@"
}

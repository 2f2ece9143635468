# A real Apache Kafka broker in KRaft mode (combined broker + controller), assembled from the Kafka jars on
# Maven Central (there is no broker package in Debian, and no Docker).

KAFKA_LIBS="$CACHE/kafka-$KAFKA_VERSION-libs"

ensure_kafka() {
  [ -f "$KAFKA_LIBS/.complete" ] && return
  log "resolving Kafka $KAFKA_VERSION jars from Maven Central"
  rm -rf "$KAFKA_LIBS"
  "$MVN" -q -B -f "$ROOT/infra/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
      -Dkafka.version="$KAFKA_VERSION" -DoutputDirectory="$KAFKA_LIBS" >/dev/null || die "could not resolve Kafka jars"
  touch "$KAFKA_LIBS/.complete"
}

kafka_java() { java -Xms128m -Xmx768m -cp "$KAFKA_LIBS/*" "$@"; }

start_kafka() {
  if is_running kafka; then log "Kafka already running on $KAFKA_PORT"; return; fi
  local dir="$STATE/kafka"
  mkdir -p "$dir/data"
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=6
# Topics are created by the services exactly as io.smecredit.contracts.Topics declares them.
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
PROPS
  cat > "$dir/log4j2.yaml" <<'YAML'
Configuration:
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: INFO
      AppenderRef:
        - ref: STDOUT
    Logger:
      - name: kafka
        level: WARN
      - name: org.apache.kafka
        level: WARN
YAML
  if [ ! -f "$dir/data/meta.properties" ]; then
    local cluster_id
    # A base64url id may start with '-', which the storage tool's argument parser takes for an option (about one
    # format in 64 failed that way): draw again until it does not, as Kafka's own random-uuid does.
    cluster_id="-"
    while [ "${cluster_id#-}" != "$cluster_id" ]; do
      cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    done
    log "formatting Kafka storage (cluster $cluster_id)"
    kafka_java -Dlog4j2.configurationFile="$dir/log4j2.yaml" kafka.tools.StorageTool format --standalone \
        -t "$cluster_id" -c "$dir/server.properties" >"$STATE/logs/kafka-format.log" 2>&1 \
      || die "Kafka storage format failed: see $STATE/logs/kafka-format.log"
  fi
  log "starting Kafka on 127.0.0.1:$KAFKA_PORT"
  start_detached kafka java -Xms256m -Xmx768m -XX:+UseG1GC -Dlog4j2.configurationFile="$dir/log4j2.yaml" \
      -Dkafka.logs.dir="$STATE/logs" -cp "$KAFKA_LIBS/*" kafka.Kafka "$dir/server.properties"
}

kafka_ready() { is_running kafka && port_open "$KAFKA_PORT"; }

wait_for_kafka() {
  wait_until "Kafka" 90 kafka_ready || die "Kafka did not become ready: see $STATE/logs/kafka.log"
  log "Kafka ready"
}

stop_kafka() { stop_detached kafka; }

# PostgreSQL from the machine's (or Debian's) server binaries: one throw-away cluster per profile, one database
# and one role per service. Services share no tables.

SERVICE_DATABASES=(ingestion scoring loan)

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

# initdb and postgres refuse to run as root.
as_pg_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_data() { echo "$STATE/postgres"; }

pg_running() { [ -f "$(pg_data)/postmaster.pid" ] && as_pg_user "$(pg_bin)/pg_ctl" -D "$(pg_data)" status >/dev/null 2>&1; }

start_postgres() {
  local bin data; bin="$(pg_bin)"; data="$(pg_data)"
  if pg_running; then log "PostgreSQL already running on $PG_PORT"; return; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initialising PostgreSQL cluster in $data"
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres: "$data" && chmod o+x "$WORK" "$STATE"
    as_pg_user "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$STATE/logs/postgres-init.log" 2>&1 \
      || die "initdb failed: see $STATE/logs/postgres-init.log"
  fi
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  touch "$STATE/logs/postgres.log"; [ "$(id -u)" = 0 ] && chown postgres: "$STATE/logs/postgres.log"
  as_pg_user "$bin/pg_ctl" -D "$data" -w -t 60 -l "$STATE/logs/postgres.log" \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=200" start >/dev/null \
    || die "PostgreSQL did not start: see $STATE/logs/postgres.log"
  local db
  for db in "${SERVICE_DATABASES[@]}"; do
    psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 >/dev/null <<SQL || die "could not create database $db"
SELECT 'CREATE ROLE $db LOGIN PASSWORD ''$db-dev-only''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$db')\gexec
SELECT 'CREATE DATABASE $db OWNER $db' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db')\gexec
SQL
  done
}

stop_postgres() {
  pg_running || return 0
  log "stopping PostgreSQL"
  as_pg_user "$(pg_bin)/pg_ctl" -D "$(pg_data)" -m fast -w stop >/dev/null
}

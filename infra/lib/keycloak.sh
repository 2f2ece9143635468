# The real Keycloak server from its Maven Central distribution, built once for a file-backed dev database and
# started per profile with the demo realm imported from infra/keycloak.

KEYCLOAK_DIST="$CACHE/keycloak-$KEYCLOAK_VERSION"
REALM_FILE="$ROOT/infra/keycloak/$REALM-realm.json"

ensure_keycloak() {
  [ -f "$KEYCLOAK_DIST/.built" ] && return
  log "fetching Keycloak $KEYCLOAK_VERSION from Maven Central"
  "$MVN" -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
      -DoutputDirectory="$CACHE" >/dev/null || die "could not fetch Keycloak"
  rm -rf "$KEYCLOAK_DIST"
  unzip -q "$CACHE/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$CACHE"
  log "building Keycloak (dev-file database, health endpoints on)"
  # A plain 'start' without these build options silently rebuilds with health off.
  "$KEYCLOAK_DIST/bin/kc.sh" build --db=dev-file --health-enabled=true >"$CACHE/keycloak-build.log" 2>&1 \
    || die "Keycloak build failed: see $CACHE/keycloak-build.log"
  touch "$KEYCLOAK_DIST/.built"
}

start_keycloak() {
  if is_running keycloak; then log "Keycloak already running on $KEYCLOAK_PORT"; return; fi
  local home="$STATE/keycloak" realm_hash
  [ -d "$home" ] || cp -a "$KEYCLOAK_DIST" "$home"
  # Import is skipped for an existing realm, so a changed realm file means starting from an empty database.
  realm_hash="$(sha256sum "$REALM_FILE" | cut -c1-16)"
  if [ "$(cat "$home/.realm-hash" 2>/dev/null)" != "$realm_hash" ]; then
    rm -rf "$home/data/h2"
    echo "$realm_hash" > "$home/.realm-hash"
  fi
  mkdir -p "$home/data/import"
  cp "$REALM_FILE" "$home/data/import/"
  log "starting Keycloak on $KEYCLOAK_URL"
  # Dev-only bootstrap admin: this Keycloak serves the demo realm and tests, never real users.
  start_detached keycloak env KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin-dev-only \
      JAVA_OPTS_KC_HEAP="-Xms128m -Xmx512m" \
      "$home/bin/kc.sh" start --optimized --http-enabled=true --http-host=127.0.0.1 \
      --http-port="$KEYCLOAK_PORT" --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
      --hostname="$KEYCLOAK_URL" --import-realm
}

keycloak_ready() {
  is_running keycloak && http_ok "http://127.0.0.1:$KEYCLOAK_MANAGEMENT_PORT/health/ready" \
    && http_ok "$KEYCLOAK_URL/realms/$REALM/.well-known/openid-configuration"
}

wait_for_keycloak() {
  wait_until "Keycloak" 180 keycloak_ready || die "Keycloak did not become ready: see $STATE/logs/keycloak.log"
  log "Keycloak ready"
}

stop_keycloak() { stop_detached keycloak; }

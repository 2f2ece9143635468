package io.smecredit.loan.application.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.application.domain.CreditPolicy;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The credit policy versions put in force, each with its rules for good (the table refuses updates and deletes). */
@ApplicationScoped
public class CreditPolicyRepository {

    /** The rules stored under a version, and since when the version has been in force. */
    public record StoredPolicy(String version, CreditPolicy rules, Instant firstInForce) {
    }

    /**
     * The outcome of registering a version: whether the version was new, and whether the rules already stored under it
     * (when it was not) are the same rules. JSON equality: key order and spacing do not count.
     */
    public record Registration(boolean newVersion, boolean sameRules, Instant firstInForce) {
    }

    // The outer SELECT sees the table as it was before the INSERT in the same statement, so it finds a row only
    // when the version was already there.
    private static final String REGISTER = """
            WITH inserted AS (
                INSERT INTO credit_policy (version, rules, first_in_force) VALUES ($1, $2::jsonb, $3)
                ON CONFLICT (version) DO NOTHING RETURNING first_in_force)
            SELECT false AS new_version, p.rules = $2::jsonb AS same_rules, p.first_in_force
            FROM credit_policy p WHERE p.version = $1
            UNION ALL
            SELECT true, true, first_in_force FROM inserted
            """;

    private final Pool db;
    private final ObjectMapper json;

    public CreditPolicyRepository(Pool db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public Uni<Registration> register(CreditPolicy policy, Instant now) {
        JsonObject rules;
        try {
            // As a JsonObject: a String bound to a jsonb parameter is stored as one JSON string, not as the object.
            rules = new JsonObject(json.writeValueAsString(policy));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Credit policy " + policy.version() + " cannot be written as JSON", e);
        }
        return db.preparedQuery(REGISTER)
                .execute(Tuple.of(policy.version(), rules, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Registration(row.getBoolean("new_version"), row.getBoolean("same_rules"),
                            row.getOffsetDateTime("first_in_force").toInstant());
                });
    }

    public Uni<Optional<StoredPolicy>> byVersion(String version) {
        return db.preparedQuery("SELECT version, rules::text AS rules, first_in_force FROM credit_policy "
                        + "WHERE version = $1")
                .execute(Tuple.of(version))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
    }

    /** Newest first. */
    public Uni<List<StoredPolicy>> all() {
        return db.query("SELECT version, rules::text AS rules, first_in_force FROM credit_policy "
                        + "ORDER BY first_in_force DESC, version")
                .execute()
                .map(rows -> {
                    List<StoredPolicy> policies = new ArrayList<>();
                    rows.forEach(row -> policies.add(stored(row)));
                    return policies;
                });
    }

    private StoredPolicy stored(Row row) {
        String version = row.getString("version");
        try {
            return new StoredPolicy(version, json.readValue(row.getString("rules"), CreditPolicy.class),
                    row.getOffsetDateTime("first_in_force").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored credit policy " + version + " is not a policy", e);
        }
    }
}

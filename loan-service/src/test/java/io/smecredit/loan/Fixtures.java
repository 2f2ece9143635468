package io.smecredit.loan;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Test data written straight into the service's real database, for states the API would need many steps or
 * real time to reach (a consent that has already expired, a score for an SME nobody has a login for).
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    public static String freshSmeId() {
        return "it-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /**
     * Inserts a consent row as the API would have left it; {@code status} is the stored wire name. It was valid from
     * its creation (valid_from set) unless it is a request never approved ({@code received}, {@code rejected}).
     */
    public static UUID consent(String smeId, String bankId, String scopes, String status, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        boolean everValid = !status.equals("received") && !status.equals("rejected");
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO consent (id, sme_id, bank_id, scopes, purpose, status, requested_by, expires_at, "
                        + "created_at, updated_at, valid_from) "
                        + "VALUES (?, ?, ?, ?, 'test fixture', ?, 'sme', ?, ?, ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, smeId);
            s.setString(3, bankId);
            s.setString(4, scopes);
            s.setString(5, status);
            s.setTimestamp(6, Timestamp.from(expiresAt));
            s.setTimestamp(7, Timestamp.from(now));
            s.setTimestamp(8, Timestamp.from(now));
            s.setTimestamp(9, everValid ? Timestamp.from(now) : null);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** Moves a consent to another status (wire name) as the API would, e.g. "revokedBySme". */
    public static void consentStatus(UUID consentId, String status) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE consent SET status = ?, updated_at = now() WHERE id = ?")) {
            s.setString(1, status);
            s.setObject(2, consentId);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("No consent " + consentId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves a consent's expiry, e.g. a few seconds ahead to watch it pass between two requests. */
    public static void consentExpiresAt(UUID consentId, Instant expiresAt) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE consent SET expires_at = ?, updated_at = now() WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(expiresAt));
            s.setObject(2, consentId);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("No consent " + consentId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static UUID validConsent(String smeId, String bankId, String scopes) {
        return consent(smeId, bankId, scopes, "valid", Instant.now().plusSeconds(86_400));
    }

    /** Makes sure a demo SME has some score, without replacing one the real pipeline stored. */
    public static void scoreIfAbsent(String smeId, int score, double pd, String grade, Instant asOf) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO sme_latest_score (sme_id, pd, score, grade, model_version, as_of, updated_at, reasons) "
                        + "VALUES (?, ?, ?, ?, 'xgb-fixture', ?, now(), '[]') ON CONFLICT (sme_id) DO NOTHING")) {
            s.setString(1, smeId);
            s.setDouble(2, pd);
            s.setInt(3, score);
            s.setString(4, grade);
            s.setTimestamp(5, Timestamp.from(asOf));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A latest feature vector as the feature consumer would have stored it. */
    public static void features(String smeId, Instant asOf, String featuresJson) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO sme_latest_features (sme_id, as_of, schema_version, features, updated_at) "
                        + "VALUES (?, ?, " + io.smecredit.contracts.FeatureDictionary.SCHEMA_VERSION + ", ?, now())")) {
            s.setString(1, smeId);
            s.setTimestamp(2, Timestamp.from(asOf));
            s.setString(3, featuresJson);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An early-warning alert for {@code bankId}, as if raised while it monitored the SME; returns its number in the
     * bank's feed. Takes the service's alert lock first, so its number cannot collide with an alert being raised.
     */
    public static long alert(String smeId, String bankId) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(7312001)");
                 PreparedStatement s = c.prepareStatement(
                         "INSERT INTO alert (bank_id, seq, sme_id, type, details, occurred_at, created_at) SELECT ?, "
                                 + "COALESCE(MAX(seq), 0) + 1, ?, 'GRADE_DOWNGRADE', "
                                 + "'{\"previousGrade\":\"B\",\"grade\":\"D\"}', now(), now() FROM alert "
                                 + "WHERE bank_id = ? RETURNING seq")) {
                lock.execute();
                s.setString(1, bankId);
                s.setString(2, smeId);
                s.setString(3, bankId);
                try (var rs = s.executeQuery()) {
                    rs.next();
                    long seq = rs.getLong(1);
                    c.commit();
                    return seq;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An approved application as if {@code bankId} had applied earlier, while it still had consent. */
    public static UUID approvedApplication(String smeId, String bankId) {
        UUID id = UUID.randomUUID();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO credit_application (id, bank_id, sme_id, product, amount, currency, term_months, "
                        + "created_at, decision, limit_amount, price_rate_bps, reasons, inputs, model_version, "
                        + "policy_version, retain_until) VALUES (?, ?, ?, 'WORKING_CAPITAL', 10000, 'EUR', 12, "
                        + "now() - interval '1 day', 'APPROVE', 10000, 550, '[]', '{}', 'xgb-fixture', 'fixture', "
                        + "now() + interval '25 months')")) {
            s.setObject(1, id);
            s.setString(2, bankId);
            s.setString(3, smeId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** The application's disbursement, as reported earlier (while the bank still had consent). */
    public static UUID disbursed(UUID applicationId) {
        UUID eventId = UUID.randomUUID();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO credit_outcome (event_id, application_id, type, outcome_date, amount, recorded_at) "
                        + "VALUES (?, ?, 'DISBURSED', current_date, 10000, now())")) {
            s.setObject(1, eventId);
            s.setObject(2, applicationId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return applicationId;
    }

    /** A latest score as the score consumer would have stored it. */
    public static void score(String smeId, int score, double pd, String grade, Instant asOf) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO sme_latest_score (sme_id, pd, score, grade, model_version, as_of, updated_at, reasons) "
                        + "VALUES (?, ?, ?, ?, 'xgb-fixture', ?, now(), '[]')")) {
            s.setString(1, smeId);
            s.setDouble(2, pd);
            s.setInt(3, score);
            s.setString(4, grade);
            s.setTimestamp(5, Timestamp.from(asOf));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.smecredit.loan.alert.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.alert.domain.WebhookSecretCipher;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * At every startup: seals webhook secrets stored in plaintext by versions before V8 and clears the plaintext, then
 * seals again under the current key every secret sealed under a previous one (a key rotation) or in the format without
 * key ids. The second also runs every housekeeping interval: during a rolling key rotation, a pod still on the old key
 * may seal a bank's new secret under it after the new pods started. Both find nothing once done; each update matches
 * the value it read, so two instances cannot overwrite a secret a bank changed meanwhile.
 */
@ApplicationScoped
public class WebhookSecretSealing {

    private static final Logger LOG = Logger.getLogger(WebhookSecretSealing.class);

    private final Pool db;
    private final WebhookSecretCipher cipher;
    private final Vertx vertx;
    private final Duration interval;
    private long timerId = -1;

    public WebhookSecretSealing(Pool db, WebhookSecretCipher cipher, Vertx vertx,
                                @ConfigProperty(name = "loan.housekeeping.interval") Duration interval) {
        this.db = db;
        this.cipher = cipher;
        this.vertx = vertx;
        this.interval = interval;
    }

    void onStart(@Observes StartupEvent event) {
        sealPlaintextSecrets()
                .invoke(count -> {
                    if (count > 0) {
                        LOG.infof("Encrypted %d webhook secret(s) stored in plaintext", count);
                    }
                })
                .chain(this::sealUnderCurrentKey)
                .subscribe().with(this::logSealedAgain,
                        failure -> LOG.errorf("Webhook secrets could not be encrypted: %s", failure.toString()));
        timerId = vertx.setPeriodic(interval.toMillis(), id -> sealUnderCurrentKey().subscribe().with(
                this::logSealedAgain,
                failure -> LOG.warnf("Webhook secrets could not be sealed again: %s", failure.toString())));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void logSealedAgain(int count) {
        if (count > 0) {
            LOG.infof("Sealed %d webhook secret(s) again under the current key %s", count, cipher.currentKeyId());
        }
    }

    /** Emits how many rows were sealed. */
    public Uni<Integer> sealPlaintextSecrets() {
        return db.query("SELECT bank_id, secret FROM webhook WHERE secret IS NOT NULL").execute().flatMap(rows -> {
            List<Tuple> updates = new ArrayList<>();
            for (Row row : rows) {
                String bankId = row.getString("bank_id");
                String secret = row.getString("secret");
                updates.add(Tuple.of(bankId, cipher.encrypt(bankId, secret), secret));
            }
            return updateEach(
                    "UPDATE webhook SET secret_sealed = $2, secret = NULL WHERE bank_id = $1 AND secret = $3", updates);
        });
    }

    /**
     * Emits how many rows were sealed again under the current key. A secret no configured key opens is left as it is
     * (its deliveries fail, counted and audited, until the bank registers its webhook again) and logged each round.
     */
    public Uni<Integer> sealUnderCurrentKey() {
        return db.query("SELECT bank_id, secret_sealed FROM webhook WHERE secret_sealed IS NOT NULL").execute()
                .flatMap(rows -> {
                    List<Tuple> updates = new ArrayList<>();
                    for (Row row : rows) {
                        String bankId = row.getString("bank_id");
                        String sealed = row.getString("secret_sealed");
                        if (cipher.isSealedUnderCurrentKey(sealed)) {
                            continue;
                        }
                        try {
                            String secret = cipher.decrypt(bankId, sealed);
                            updates.add(Tuple.of(bankId, cipher.encrypt(bankId, secret), sealed));
                        } catch (IllegalStateException e) {
                            LOG.warnf("The webhook secret of %s opens under no configured key, so it stays as it is: %s",
                                    bankId, e.getMessage());
                        }
                    }
                    return updateEach(
                            "UPDATE webhook SET secret_sealed = $2 WHERE bank_id = $1 AND secret_sealed = $3", updates);
                });
    }

    /** Runs the update once per tuple, one after the other; emits how many rows they changed in all. */
    private Uni<Integer> updateEach(String sql, List<Tuple> updates) {
        return Multi.createFrom().iterable(updates)
                .onItem().transformToUniAndConcatenate(t -> db.preparedQuery(sql).execute(t).map(r -> r.rowCount()))
                .collect().asList()
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
    }
}

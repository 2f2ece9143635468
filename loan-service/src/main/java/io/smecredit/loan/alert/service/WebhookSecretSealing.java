package io.smecredit.loan.alert.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smecredit.loan.alert.domain.WebhookSecretCipher;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Seals webhook secrets stored in plaintext by versions before V8 and clears the plaintext. Runs at every startup
 * (it finds nothing once done); the update matches the plaintext it read, so two instances starting together cannot
 * overwrite a secret a bank rotated meanwhile.
 */
@ApplicationScoped
public class WebhookSecretSealing {

    private static final Logger LOG = Logger.getLogger(WebhookSecretSealing.class);

    private final Pool db;
    private final WebhookSecretCipher cipher;

    public WebhookSecretSealing(Pool db, WebhookSecretCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    void onStart(@Observes StartupEvent event) {
        sealPlaintextSecrets().subscribe().with(
                count -> {
                    if (count > 0) {
                        LOG.infof("Encrypted %d webhook secret(s) stored in plaintext", count);
                    }
                },
                failure -> LOG.errorf("Webhook secrets could not be encrypted: %s", failure.toString()));
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
            return Multi.createFrom().iterable(updates)
                    .onItem().transformToUniAndConcatenate(t -> db.preparedQuery(
                                    "UPDATE webhook SET secret_sealed = $2, secret = NULL WHERE bank_id = $1 AND secret = $3")
                            .execute(t).map(r -> r.rowCount()))
                    .collect().asList()
                    .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
        });
    }
}

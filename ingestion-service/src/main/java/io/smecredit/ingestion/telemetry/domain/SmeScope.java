package io.smecredit.ingestion.telemetry.domain;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which SMEs a sender may report for. A gateway is bound to one SME; an event for another SME is refused on its own,
 * the rest of the batch still counts.
 */
public final class SmeScope {

    private final Predicate<String> allows;
    private final RejectionReason reason;
    private final String refusal;

    private SmeScope(Predicate<String> allows, RejectionReason reason, String refusal) {
        this.allows = allows;
        this.reason = reason;
        this.refusal = refusal;
    }

    /** A gateway whose token carries the sme_id claim. */
    public static SmeScope boundTo(String smeId) {
        return new SmeScope(smeId::equals, RejectionReason.FOREIGN_SME, "this gateway is bound to SME '" + smeId + "'");
    }

    /** An MQTT message: the topic names the SME, and its ACL already checked the gateway may publish there. */
    public static SmeScope topicOf(String smeId) {
        return new SmeScope(smeId::equals, RejectionReason.TOPIC_MISMATCH,
                "the message was published on the topic of SME '" + smeId + "'");
    }

    /** A gateway token without sme_id (the demo gateway): only SMEs whose id matches the demo pattern. */
    public static SmeScope demoSmes(Pattern demoSmeIds) {
        return new SmeScope(smeId -> demoSmeIds.matcher(smeId).matches(), RejectionReason.FOREIGN_SME,
                "a gateway without an sme_id claim may only report for demo SMEs (" + demoSmeIds.pattern() + ")");
    }

    public static SmeScope any() {
        return new SmeScope(Objects::nonNull, RejectionReason.FOREIGN_SME, "");
    }

    public boolean allows(String smeId) {
        return allows.test(smeId);
    }

    public RejectionReason reason() {
        return reason;
    }

    public String refusal() {
        return refusal;
    }
}

package io.smecredit.ingestion.telemetry.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.smecredit.contracts.MachineMetrics;
import io.smecredit.contracts.TelemetryEvent;
import io.smecredit.ingestion.telemetry.json.IsoInstantParser;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks every event of a batch on its own and reports all problems of an event at once, so a gateway can fix a
 * bad event in one round trip. Pure: the registry view and the current time are passed in.
 */
public final class TelemetryValidator {

    public ValidatedBatch validate(List<BatchEntry> batch, SmeRegistryView registry, Instant now, SmeScope scope) {
        return validate(batch, registry, now, scope, true);
    }

    /**
     * @param lateWindow whether events older than the late window are refused: always for gateways; not for an
     *                   operator's backfill of history, the only way older telemetry enters the pipeline
     */
    public ValidatedBatch validate(List<BatchEntry> batch, SmeRegistryView registry, Instant now, SmeScope scope,
                                   boolean lateWindow) {
        List<TelemetryEvent> accepted = new ArrayList<>(batch.size());
        List<RejectedEvent> rejected = new ArrayList<>();
        Set<String> acceptedIds = new HashSet<>(batch.size() * 2);
        PlainEventCheck plainCheck = new PlainEventCheck(registry, now, scope, lateWindow);
        int duplicates = 0;
        for (int index = 0; index < batch.size(); index++) {
            BatchEntry entry = batch.get(index);
            if (!entry.readable()) {
                rejected.add(new RejectedEvent(index, null, null,
                        List.of(new Violation("$", RejectionReason.MALFORMED_JSON, entry.unreadable())), entry.payload()));
                continue;
            }
            TelemetryEvent event = entry.fields() == null ? null : plainCheck.accept(entry.fields());
            if (event == null) {
                EventCheck check = new EventCheck(entry.json(), entry.repeatedFields(), registry, now, scope,
                        lateWindow);
                if (!check.violations.isEmpty()) {
                    rejected.add(new RejectedEvent(index, check.textField("eventId"), check.textField("smeId"),
                            check.violations, entry.payload()));
                    continue;
                }
                event = check.event;
            }
            if (!acceptedIds.add(event.smeId() + '\u0000' + event.eventId())) {
                duplicates++;
            } else {
                accepted.add(event);
            }
        }
        return new ValidatedBatch(accepted, duplicates, rejected);
    }

    /**
     * The same rules as {@link EventCheck} for an event the streaming reader found plain, without a JSON tree and
     * without building messages: it only says "valid, here is the event" or "not sure" (null). Every event it does
     * not accept goes through {@link EventCheck}, which decides and names each problem, so outcomes and messages
     * are the tree check's by construction.
     */
    private static final class PlainEventCheck {

        private final SmeRegistryView registry;
        private final SmeScope scope;
        private final Instant latestAllowed;
        private final Instant earliestAllowed;
        private final IsoInstantParser timestamps = new IsoInstantParser();

        PlainEventCheck(SmeRegistryView registry, Instant now, SmeScope scope, boolean lateWindow) {
            this.registry = registry;
            this.scope = scope;
            this.latestAllowed = now.plus(TelemetryLimits.MAX_CLOCK_SKEW);
            this.earliestAllowed = lateWindow ? now.minus(TelemetryLimits.MAX_LATENESS) : null;
        }

        TelemetryEvent accept(EventFields fields) {
            if (!isIdentifier(fields.eventId()) || !isIdentifier(fields.smeId()) || !isIdentifier(fields.machineId())
                    || !scope.allows(fields.smeId())) {
                return null;
            }
            Instant timestamp = timestamps.parse(fields.timestamp());
            if (timestamp == null || timestamp.isAfter(latestAllowed)
                    || earliestAllowed != null && timestamp.isBefore(earliestAllowed)) {
                return null;
            }
            double run = fields.runSeconds();
            double idle = fields.idleSeconds();
            double down = fields.downSeconds();
            double energy = fields.energyKwh();
            if (!isQuantity(run) || !isQuantity(idle) || !isQuantity(down) || !isQuantity(energy)
                    || energy > TelemetryLimits.MAX_ENERGY_KWH_PER_EVENT
                    || fields.unitsProduced() < 0 || fields.unitsProduced() > TelemetryLimits.MAX_UNITS_PER_EVENT
                    || fields.unitsRejected() < 0
                    || run + idle + down > TelemetryLimits.MAX_REPORTING_INTERVAL_SECONDS
                    || fields.unitsRejected() > fields.unitsProduced()) {
                return null;
            }
            if (!registry.isKnownSme(fields.smeId()) || !registry.isKnownMachine(fields.smeId(), fields.machineId())) {
                return null;
            }
            return new TelemetryEvent(fields.eventId(), fields.smeId(), fields.machineId(), timestamp,
                    new MachineMetrics(run, idle, down, fields.unitsProduced(), fields.unitsRejected(), energy));
        }

        private static boolean isIdentifier(String text) {
            return text != null && !text.isBlank() && text.length() <= TelemetryLimits.MAX_EVENT_ID_LENGTH;
        }

        private static boolean isQuantity(double number) {
            return Double.isFinite(number) && number >= 0;
        }
    }

    /** Validation state of one event; collects violations instead of stopping at the first. */
    private static final class EventCheck {

        private final List<Violation> violations = new ArrayList<>();
        private final JsonNode node;
        private final List<String> repeatedFields;
        private TelemetryEvent event;

        EventCheck(JsonNode node, List<String> repeatedFields, SmeRegistryView registry, Instant now, SmeScope scope,
                   boolean lateWindow) {
            this.node = node;
            this.repeatedFields = repeatedFields;
            if (!node.isObject()) {
                violations.add(new Violation("$", RejectionReason.NOT_AN_OBJECT, "event must be a JSON object"));
                return;
            }
            for (String field : repeatedFields) {
                violations.add(new Violation(field, RejectionReason.DUPLICATE_FIELD,
                        "is given more than once; send each field once"));
            }
            String eventId = identifier(node, "eventId", "eventId");
            String smeId = identifier(node, "smeId", "smeId");
            String machineId = identifier(node, "machineId", "machineId");
            if (repeatedFields.contains("smeId") || repeatedFields.contains("machineId")) {
                // Which SME or machine is meant is not known: checking the other one against the scope or the registry
                // would name an SME or machine the sender may not have meant.
                smeId = null;
                machineId = null;
            }
            if (smeId != null && !scope.allows(smeId)) {
                // Checked first and instead of the registry: a gateway learns nothing about other SMEs' registration.
                violations.add(new Violation("smeId", scope.reason(),
                        "events for SME '" + smeId + "' are not accepted here: " + scope.refusal()));
                smeId = null;
            }
            Instant timestamp = timestamp(now, lateWindow);
            MachineMetrics metrics = metrics();
            if (smeId != null && !registry.isKnownSme(smeId)) {
                violations.add(new Violation("smeId", RejectionReason.UNKNOWN_SME,
                        "SME '" + smeId + "' is not registered"));
            } else if (smeId != null && machineId != null && !registry.isKnownMachine(smeId, machineId)) {
                violations.add(new Violation("machineId", RejectionReason.UNKNOWN_MACHINE,
                        "machine '" + machineId + "' is not registered for SME '" + smeId + "'"));
            }
            if (violations.isEmpty()) {
                event = new TelemetryEvent(eventId, smeId, machineId, timestamp, metrics);
            }
        }

        /** The field's text for the rejection and its dead letter; null when absent, not text, or given twice. */
        String textField(String name) {
            if (repeatedFields.contains(name)) {
                return null;
            }
            JsonNode value = node.isObject() ? node.get(name) : null;
            return value != null && value.isTextual() ? value.textValue() : null;
        }

        private String identifier(JsonNode parent, String name, String field) {
            if (repeatedFields.contains(field)) {
                return null;
            }
            JsonNode value = parent.get(name);
            if (value == null || value.isNull()) {
                return reject(field, RejectionReason.MISSING, "is required");
            }
            if (!value.isTextual()) {
                return reject(field, RejectionReason.WRONG_TYPE, "must be a string");
            }
            String text = value.textValue();
            if (text.isBlank()) {
                return reject(field, RejectionReason.BLANK, "must not be blank");
            }
            if (text.length() > TelemetryLimits.MAX_EVENT_ID_LENGTH) {
                return reject(field, RejectionReason.TOO_LONG,
                        "must be at most " + TelemetryLimits.MAX_EVENT_ID_LENGTH + " characters");
            }
            return text;
        }

        private Instant timestamp(Instant now, boolean lateWindow) {
            if (repeatedFields.contains("timestamp")) {
                return null;
            }
            JsonNode value = node.get("timestamp");
            if (value == null || value.isNull()) {
                return reject("timestamp", RejectionReason.MISSING, "is required");
            }
            if (!value.isTextual()) {
                return reject("timestamp", RejectionReason.WRONG_TYPE,
                        "must be an ISO-8601 instant string such as 2025-01-31T10:15:30Z");
            }
            Instant timestamp;
            try {
                timestamp = Instant.parse(value.textValue());
            } catch (DateTimeParseException e) {
                return reject("timestamp", RejectionReason.INVALID_TIMESTAMP,
                        "'" + value.textValue() + "' is not an ISO-8601 instant such as 2025-01-31T10:15:30Z");
            }
            if (timestamp.isAfter(now.plus(TelemetryLimits.MAX_CLOCK_SKEW))) {
                return reject("timestamp", RejectionReason.IN_FUTURE, "is more than "
                        + TelemetryLimits.MAX_CLOCK_SKEW.toMinutes() + " minutes in the future: the service's clock "
                        + "read " + now.truncatedTo(ChronoUnit.SECONDS) + "; check the gateway's clock");
            }
            if (lateWindow && timestamp.isBefore(now.minus(TelemetryLimits.MAX_LATENESS))) {
                return reject("timestamp", RejectionReason.TOO_LATE, "is more than "
                        + TelemetryLimits.MAX_LATENESS.toDays() + " days in the past; events are accepted up to "
                        + TelemetryLimits.MAX_LATENESS.toDays() + " days late");
            }
            return timestamp;
        }

        private MachineMetrics metrics() {
            if (repeatedFields.contains("metrics")) {
                return null;
            }
            JsonNode metrics = node.get("metrics");
            if (metrics == null || metrics.isNull()) {
                return reject("metrics", RejectionReason.MISSING, "is required");
            }
            if (!metrics.isObject()) {
                return reject("metrics", RejectionReason.WRONG_TYPE, "must be a JSON object");
            }
            int before = violations.size();
            Double run = quantity(metrics, "runSeconds");
            Double idle = quantity(metrics, "idleSeconds");
            Double down = quantity(metrics, "downSeconds");
            Long produced = count(metrics, "unitsProduced");
            Long rejectedUnits = count(metrics, "unitsRejected");
            Double energy = quantity(metrics, "energyKwh");
            if (energy != null && energy > TelemetryLimits.MAX_ENERGY_KWH_PER_EVENT) {
                energy = reject("metrics.energyKwh", RejectionReason.TOO_LARGE, "must be at most "
                        + (long) TelemetryLimits.MAX_ENERGY_KWH_PER_EVENT + " per event (10 MW for an hour), got "
                        + energy + "; a meter fault?");
            }
            // Each rule across fields is checked whenever its own fields are valid, so every problem is named at once.
            if (run != null && idle != null && down != null
                    && run + idle + down > TelemetryLimits.MAX_REPORTING_INTERVAL_SECONDS) {
                reject("metrics", RejectionReason.INTERVAL_TOO_LONG,
                        "runSeconds + idleSeconds + downSeconds is " + (run + idle + down) + " but one event covers at most "
                                + (long) TelemetryLimits.MAX_REPORTING_INTERVAL_SECONDS + " seconds");
            }
            if (produced != null && rejectedUnits != null && rejectedUnits > produced) {
                reject("metrics.unitsRejected", RejectionReason.MORE_REJECTED_THAN_PRODUCED,
                        "must not exceed unitsProduced (" + produced + ")");
            }
            // A value is null when it was refused, or given twice (then refused as a whole, and not checked).
            if (violations.size() > before || run == null || idle == null || down == null || produced == null
                    || rejectedUnits == null || energy == null) {
                return null;
            }
            return new MachineMetrics(run, idle, down, produced, rejectedUnits, energy);
        }

        private Double quantity(JsonNode metrics, String name) {
            String field = "metrics." + name;
            if (repeatedFields.contains(field)) {
                return null;
            }
            JsonNode value = metrics.get(name);
            if (value == null || value.isNull()) {
                return reject(field, RejectionReason.MISSING, "is required");
            }
            if (!value.isNumber()) {
                return reject(field, RejectionReason.WRONG_TYPE, "must be a number");
            }
            double number = value.doubleValue();
            if (!Double.isFinite(number)) {
                return reject(field, RejectionReason.NOT_FINITE, "must be a finite number");
            }
            if (number < 0) {
                return reject(field, RejectionReason.NEGATIVE, "must not be negative");
            }
            return number;
        }

        private Long count(JsonNode metrics, String name) {
            String field = "metrics." + name;
            if (repeatedFields.contains(field)) {
                return null;
            }
            JsonNode value = metrics.get(name);
            if (value == null || value.isNull()) {
                return reject(field, RejectionReason.MISSING, "is required");
            }
            if (!value.isNumber()) {
                return reject(field, RejectionReason.WRONG_TYPE, "must be a whole number");
            }
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                long count = value.longValue();
                if (count < 0) {
                    return reject(field, RejectionReason.NEGATIVE, "must not be negative");
                }
                if (count > TelemetryLimits.MAX_UNITS_PER_EVENT) {
                    return tooManyUnits(field, BigDecimal.valueOf(count));
                }
                return count;
            }
            // 1500.0 and 1.5e3 are whole numbers too: many gateways' serialisers write every number as a float.
            BigDecimal number;
            if (value.isIntegralNumber()) {
                number = new BigDecimal(value.bigIntegerValue());
            } else if (value.isDouble() && !Double.isFinite(value.doubleValue())) {
                return reject(field, RejectionReason.NOT_FINITE, "must be a finite whole number");
            } else {
                number = value.decimalValue();
            }
            if (number.signum() < 0) {
                return reject(field, RejectionReason.NEGATIVE, "must not be negative");
            }
            if (number.stripTrailingZeros().scale() > 0) {
                return reject(field, RejectionReason.WRONG_TYPE, "must be a whole number, got " + shown(number));
            }
            if (number.compareTo(BigDecimal.valueOf(TelemetryLimits.MAX_UNITS_PER_EVENT)) > 0) {
                return tooManyUnits(field, number);
            }
            return number.longValueExact();
        }

        private Long tooManyUnits(String field, BigDecimal number) {
            return reject(field, RejectionReason.TOO_LARGE, "must be at most " + TelemetryLimits.MAX_UNITS_PER_EVENT
                    + " per event (about 2,800 a second for an hour), got " + shown(number)
                    + "; a counter fault or wrap-around?");
        }

        /** The number as sent, in scientific notation when long (Jackson caps a number at 1,000 digits). */
        private static String shown(BigDecimal number) {
            BigDecimal stripped = number.stripTrailingZeros();
            return stripped.precision() <= 30 && Math.abs(stripped.scale()) <= 30 ? stripped.toPlainString()
                    : stripped.round(new MathContext(6)).toString();
        }

        private <T> T reject(String field, RejectionReason reason, String message) {
            violations.add(new Violation(field, reason, message));
            return null;
        }
    }
}

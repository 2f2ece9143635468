package io.smecredit.portal.accesslog.domain;

import java.time.Instant;

/**
 * One thing done with the owner's data, in the owner's words.
 *
 * @param byBank true when a bank did it: those are the rows an owner checks first
 */
public record AccessRecord(Instant at, String who, String what, boolean byBank) {
}

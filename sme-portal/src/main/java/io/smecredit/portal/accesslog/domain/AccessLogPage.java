package io.smecredit.portal.accesslog.domain;

import java.util.List;

/**
 * A page of the owner's access log, newest first.
 *
 * @param olderBefore the cursor for the next, older page; null on the last page
 * @param olderThanNewest true when this page is not the newest one (the owner may want to go back to it)
 */
public record AccessLogPage(List<AccessRecord> records, Long olderBefore, boolean olderThanNewest) {

    public static AccessLogPage empty() {
        return new AccessLogPage(List.of(), null, false);
    }
}

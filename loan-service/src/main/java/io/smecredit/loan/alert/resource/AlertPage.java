package io.smecredit.loan.alert.resource;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(description = "A page of the alert feed, oldest first.")
public record AlertPage(
        List<AlertView> alerts,
        @Schema(description = "Pass as 'after' to get the next alerts; unchanged when there were none.", example = "42")
        String nextCursor) {
}

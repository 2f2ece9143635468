package io.smecredit.loan.alert.resource;

import io.smecredit.loan.alert.service.AlertFeed;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(description = "A page of the alert feed, oldest first.")
public record AlertPage(
        List<AlertView> alerts,
        @Schema(description = "Pass as 'after' to get the next alerts; unchanged when there were none.", example = "42")
        String nextCursor) {

    static AlertPage of(AlertFeed.Page page) {
        return new AlertPage(page.alerts().stream().map(AlertView::of).toList(), page.nextCursor());
    }
}

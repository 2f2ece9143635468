package io.smecredit.portal.web;

import io.quarkus.qute.TemplateExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How times read on the pages. All times are UTC and say so, because owners, banks and the loan service may sit in
 * different time zones and an expiry must mean the same instant to all of them.
 */
@TemplateExtension(namespace = "fmt")
public final class Formats {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** {@code {fmt:day(consent.expiresAt)}} → "1 Mar 2027". */
    public static String day(Instant instant) {
        return instant == null ? "—" : DAY.format(instant);
    }

    /** {@code {fmt:moment(record.at)}} → "1 Mar 2027, 14:05 UTC". */
    public static String moment(Instant instant) {
        return instant == null ? "—" : MOMENT.format(instant);
    }

    /** How far away an instant is, in the coarsest unit that is still honest: "in 3 months", "2 days ago". */
    public static String relative(Instant instant, Instant now) {
        if (instant == null) {
            return "";
        }
        Duration distance = Duration.between(now, instant);
        boolean future = !distance.isNegative();
        long seconds = Math.abs(distance.getSeconds());
        String amount;
        if (seconds < 3600) {
            amount = plural(Math.max(1, seconds / 60), "minute");
        } else if (seconds < 86_400) {
            amount = plural(seconds / 3600, "hour");
        } else if (seconds < 60L * 86_400) {
            amount = plural(seconds / 86_400, "day");
        } else {
            amount = plural(seconds / (30L * 86_400), "month");
        }
        return future ? "in " + amount : amount + " ago";
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}

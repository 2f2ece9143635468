package io.smecredit.portal.web;

import io.quarkus.qute.TemplateExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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

    /** {@code {fmt:count(row.times)}} → "1,200". */
    public static String count(int count) {
        return String.format(Locale.ENGLISH, "%,d", count);
    }

    /**
     * Whether two instants read differently as {@link #moment(Instant)}: a run's "first at" line that repeats the
     * row's own time (all within one minute) says nothing.
     */
    public static boolean differentMoments(Instant first, Instant second) {
        return !moment(first).equals(moment(second));
    }

    /**
     * How far away an instant is, in the coarsest unit that is still honest: "in 3 months", "2 days ago". Always in
     * whole units, never rounded up: "in 5 months" means at least five calendar months (UTC) away, so an expiry is
     * never said to be further off than it is. (Counting 30-day months said "in 5 months" for 150 days from
     * 25 November, which is not yet five months.)
     */
    public static String relative(Instant instant, Instant now) {
        if (instant == null) {
            return "";
        }
        boolean future = !instant.isBefore(now);
        Instant earlier = future ? now : instant;
        Instant later = future ? instant : now;
        long seconds = Duration.between(earlier, later).getSeconds();
        long months = ChronoUnit.MONTHS.between(earlier.atZone(ZoneOffset.UTC), later.atZone(ZoneOffset.UTC));
        String amount;
        if (seconds < 3600) {
            amount = plural(Math.max(1, seconds / 60), "minute");
        } else if (seconds < 86_400) {
            amount = plural(seconds / 3600, "hour");
        } else if (months < 2) {
            amount = plural(seconds / 86_400, "day");
        } else {
            amount = plural(months, "month");
        }
        return future ? "in " + amount : amount + " ago";
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}

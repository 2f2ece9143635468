package io.smecredit.simulator.model;

import java.time.MonthDay;
import java.util.Set;

/** The regions of the ingestion registry's seed, each with one regional public holiday besides the national ones. */
public enum Region {

    NORTH("north", MonthDay.of(6, 24)),
    SOUTH("south", MonthDay.of(8, 15)),
    EAST("east", MonthDay.of(11, 1));

    private static final Set<MonthDay> NATIONAL_HOLIDAYS = Set.of(
            MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(10, 3), MonthDay.of(12, 25), MonthDay.of(12, 26));

    private final String code;
    private final MonthDay regionalHoliday;

    Region(String code, MonthDay regionalHoliday) {
        this.code = code;
        this.regionalHoliday = regionalHoliday;
    }

    public String code() {
        return code;
    }

    public boolean isPublicHoliday(MonthDay day) {
        return NATIONAL_HOLIDAYS.contains(day) || regionalHoliday.equals(day);
    }
}

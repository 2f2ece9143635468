package io.smecredit.simulator.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;

/** Which days an SME works and which hours its shifts cover (all in UTC, as the feature engine's days are). */
public final class WorkCalendar {

    /** First hour of the first shift; shifts are 8 hours: 06–14, 14–22, 22–06. */
    public static final int FIRST_SHIFT_START = 6;

    private WorkCalendar() {
    }

    public static boolean isWorkingDay(SmeSpec sme, LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        if (day == DayOfWeek.SUNDAY || (day == DayOfWeek.SATURDAY && !sme.worksSaturdays())) {
            return false;
        }
        MonthDay monthDay = MonthDay.from(date);
        if (sme.region().isPublicHoliday(monthDay)) {
            return false;
        }
        if (sme.industry().closesOverChristmas() && isChristmasShutdown(monthDay)) {
            return false;
        }
        return !(sme.summerShutdown() && date.getMonthValue() == 8 && date.getDayOfMonth() <= 14);
    }

    /** Whether hour {@code hour} (0–23, the hour starting then) falls in one of {@code shifts} shifts. */
    public static boolean inShift(int shifts, int hour) {
        return switch (shifts) {
            case 1 -> hour >= FIRST_SHIFT_START && hour < FIRST_SHIFT_START + 8;
            case 2 -> hour >= FIRST_SHIFT_START && hour < FIRST_SHIFT_START + 16;
            default -> true;
        };
    }

    private static boolean isChristmasShutdown(MonthDay day) {
        return day.isAfter(MonthDay.of(12, 23)) || day.equals(MonthDay.of(1, 1));
    }
}

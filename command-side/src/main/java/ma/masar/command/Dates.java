package ma.masar.command;

import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;

/** Date rules shared by every aggregate: a fact cannot have happened after today. */
public final class Dates {

    private Dates() {
    }

    /** No fact the agency records happened before 1900: an earlier date is a typing error. */
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    public static void notInFuture(LocalDate date, Clock clock) {
        if (date != null && date.isBefore(EARLIEST)) {
            throw new RuleViolation(Rule.DateOutOfRange, "the date " + date + " is before " + EARLIEST,
                    Map.of("date", date.toString()));
        }
        LocalDate today = LocalDate.now(clock);
        if (date != null && date.isAfter(today)) {
            throw new RuleViolation(Rule.DateInFuture, "the date " + date + " is after today (" + today + ")",
                    Map.of("date", date.toString(), "today", today.toString()));
        }
    }

    /** For dates that may lie ahead (an agreement's term): between 1900 and 2100. */
    public static void plausible(LocalDate date) {
        if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))) {
            throw new RuleViolation(Rule.DateOutOfRange, "the date " + date + " is not between " + EARLIEST + " and " + LATEST,
                    Map.of("date", date.toString()));
        }
    }

    /** A date the client may leave out (when a fact happened, by default the day it is recorded): today if absent. */
    public static LocalDate orToday(LocalDate date, Clock clock) {
        return date != null ? date : LocalDate.now(clock);
    }

    /** Age in whole years on a date; the person's birthday counts as reached on the day itself. */
    public static int ageOn(LocalDate dateOfBirth, LocalDate on) {
        return Period.between(dateOfBirth, on).getYears();
    }
}

package ma.masar.query.timeline;

import java.time.Instant;
import java.time.LocalDate;

import ma.masar.time.AgencyTime;

/** Dates of the agency's working day: an event recorded at 00:30 in Casablanca was recorded that day, not the day before. */
final class TimelineClock {

    private TimelineClock() {
    }

    static LocalDate dateOf(Instant instant) {
        return instant.atZone(AgencyTime.ZONE).toLocalDate();
    }
}

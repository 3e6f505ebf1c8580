package ma.masar.query.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Dates of the agency's working day: an event recorded at 00:30 in Casablanca was recorded that day, not the day before. */
final class TimelineClock {

    static final ZoneId MOROCCO = ZoneId.of("Africa/Casablanca");

    private TimelineClock() {
    }

    static LocalDate dateOf(Instant instant) {
        return instant.atZone(MOROCCO).toLocalDate();
    }
}

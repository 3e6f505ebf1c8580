package ma.masar.api.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One fact in a case timeline. {@code occurredOn} is the business date the fact carries, {@code recordedAt} when it
 * was recorded and {@code recordedBy} who recorded it; {@code backdated} says it was recorded more than a day after it
 * happened. A correction names what it {@code corrects}; a corrected entry lists what {@code correctedBy} it.
 * {@code text} is the fact in words, {@code details} the same fact as data.
 */
public record TimelineEntry(String eventId,
                            String type,
                            LocalDate occurredOn,
                            Instant recordedAt,
                            String recordedBy,
                            String centreId,
                            boolean backdated,
                            String corrects,
                            List<String> correctedBy,
                            String text,
                            Map<String, Object> details) {
}

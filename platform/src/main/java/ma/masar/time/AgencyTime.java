package ma.masar.time;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The agency's time: Morocco's. Its working day is Casablanca's, on both sides and in the UI: "no date in the future"
 * means after today there, a worker's centres are her assignments of that day, a follow-up due yesterday there is
 * overdue, an event recorded at 00:30 there was recorded that day.
 * <p>
 * One {@link Clock} in that zone for every runnable, a bean that code takes where it needs today, so that a test can
 * fix the day by declaring its own; {@link #ZONE} for what turns a stored instant into the agency's date.
 */
@AutoConfiguration
public class AgencyTime {

    public static final ZoneId ZONE = ZoneId.of("Africa/Casablanca");

    @Bean
    @ConditionalOnMissingBean
    Clock agencyClock() {
        return Clock.system(ZONE);
    }
}

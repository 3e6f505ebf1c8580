package ma.masar.query.counts;

import ma.masar.query.infra.ProcessingGroups;
import ma.masar.query.infra.ReadModelUpgrade;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.stereotype.Component;

/**
 * A read store whose counts were written before the totals per region existed has counters and no totals: the
 * dashboard would read nothing. Its counts are built again at the start (the reset handler empties them and marks
 * them as built with totals). A new store, or one built with totals, is only marked as such.
 */
@Component
public class CountsTotalsUpgrade extends ReadModelUpgrade {

    private final Counters counters;

    public CountsTotalsUpgrade(Counters counters, EventProcessingConfiguration processing) {
        super(ProcessingGroups.COUNTS, processing);
        this.counters = counters;
    }

    @Override
    protected boolean due() {
        if (counters.withTotals()) {
            return false;
        }
        if (!counters.hasCounters()) {
            counters.markWithTotals();   // built from the first event by this code
            return false;
        }
        return true;
    }

    @Override
    protected String why() {
        return "The counts were written without their totals per region";
    }
}

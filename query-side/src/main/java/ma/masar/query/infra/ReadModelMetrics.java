package ma.masar.query.infra;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon times every event a processor handles or ignores with timers that compute six percentiles in the process
 * (a locked HdrHistogram per record). With four read models that is four timed records per event: in a JFR profile of
 * a rebuild, Micrometer took 16% of the CPU samples, and ingest threads waited on the histograms' locks. The dashboards
 * read the processors' counters, latency and capacity, not these percentiles, so they are not computed for the event
 * processors' timers; their counts and sums stay. The command bus keeps its percentiles.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelMetrics {

    static final String EVENT_PROCESSOR_METERS = "eventProcessor";

    @Bean
    MeterFilter noPercentilesOnEventProcessorTimers() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() == Meter.Type.TIMER && id.getName().startsWith(EVENT_PROCESSOR_METERS)) {
                    return DistributionStatisticConfig.builder().percentiles(new double[0]).build().merge(config);
                }
                return config;
            }
        };
    }
}

package ma.masar.query.infra;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ReadModelMetricsTest {

    @Test
    void eventProcessorTimersCountWithoutPercentilesWhileTheCommandBusKeepsThem() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new ReadModelMetrics().noPercentilesOnEventProcessorTimers());
        Timer processor = Timer.builder("eventProcessor.allTimer").publishPercentiles(0.5, 0.99).register(registry);
        Timer commands = Timer.builder("commandBus.allTimer").publishPercentiles(0.5, 0.99).register(registry);
        processor.record(Duration.ofMillis(3));
        commands.record(Duration.ofMillis(3));

        assertThat(processor.count()).isEqualTo(1);
        assertThat(processor.takeSnapshot().percentileValues()).isEmpty();
        assertThat(commands.takeSnapshot().percentileValues()).hasSize(2);
    }
}

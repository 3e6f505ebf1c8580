package ma.masar.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import ma.masar.api.beneficiary.upcasting.ServiceTypeRenamed;
import ma.masar.query.infra.ProcessingGroups;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * Both sides in one JVM: each side's shared Axon pieces are there once, the query side's dead letters too, and the
 * read store on disk commits after the event store wrote what the processors could read.
 */
@SpringBootTest(classes = MasarApplication.class,
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"masar.data-dir=./target/embedded-wiring-test", "masar.demo.enabled=false"})
class EmbeddedWiringTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void upcasterDeclaredByBothSidesRunsOnce() {
        assertThat(context.getBeansOfType(ServiceTypeRenamed.class)).hasSize(1);
    }

    @Test
    void everyReadModelHasItsDeadLetterQueue() {
        for (String group : ProcessingGroups.ALL) {
            assertThat(processing.deadLetterQueue(group)).as(group).isPresent();
        }
    }

    @Test
    void theReadStoreOnDiskCommitsOnlyAfterTheEventStoreWroteItsEvents() {
        assertThat(context.getBean(PersistentReadStore.class)).extracting("eventsWritten")
                .isSameAs(context.getBean(EventStoreWrittenFirst.class));
    }
}

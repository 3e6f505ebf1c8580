package ma.masar.query.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import com.mongodb.client.model.Filters;
import ma.masar.api.common.Region;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A silently in-memory (or JDBC) token store is a known pitfall: it would make every restart a full rebuild. */
class TokenStoreWiringTest extends QuerySideTest {

    @Autowired
    TokenStore tokenStore;

    @Test
    void everyReadModelKeepsItsTokensInMongoDb() {
        assertThat(tokenStore).isInstanceOf(MongoTokenStore.class);
        for (String group : ProcessingGroups.ALL) {
            assertThat(processing.tokenStore(group)).as(group).isInstanceOf(MongoTokenStore.class);
            assertThat(processing.eventProcessor(group, PooledStreamingEventProcessor.class)).as(group).isPresent();
        }

        Facts facts = facts();
        String beneficiaryId = Facts.newId("b");
        facts.beneficiary(beneficiaryId, Facts.registered(
                beneficiaryId, Facts.person("سارة", "بناني", "Sara", "Bennani", 1995, null),
                Region.ORIENTAL, "Oujda-Angad", LocalDate.of(2010, 1, 5)));
        awaitProjected();

        for (String group : ProcessingGroups.ALL) {
            await("a stored token for " + group, () -> readStore.getCollection("trackingtokens")
                    .countDocuments(Filters.and(Filters.eq("processorName", group), Filters.ne("token", null))) > 0);
        }
    }

    @Test
    void eachReadModelRunsOnePooledProcessorWithTheConfiguredSegments() {
        for (String group : ProcessingGroups.ALL) {
            PooledStreamingEventProcessor processor =
                    processing.eventProcessor(group, PooledStreamingEventProcessor.class).orElseThrow();
            assertThat(processor.isRunning()).as(group).isTrue();
            assertThat(tokenStore.fetchSegments(group)).as(group).containsExactly(0);
        }
    }
}

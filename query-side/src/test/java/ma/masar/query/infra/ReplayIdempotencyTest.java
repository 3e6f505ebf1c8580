package ma.masar.query.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.model.Filters;
import ma.masar.query.QuerySideTest;
import ma.masar.query.ReadStoreSnapshot;
import ma.masar.query.SampleCases;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * After a crash the processor handles again the events whose writes may already be in the read store (the token did
 * not move), and some writes of the batch may be missing. Here every read model handles every event a second time,
 * from the first one, without a reset, after a few documents were lost: the lost ones come back, nothing else changes.
 */
class ReplayIdempotencyTest extends QuerySideTest {

    @Autowired
    TokenStore tokenStore;

    @Test
    void handlingTheSameEventsAgainChangesNothing() {
        SampleCases cases = new SampleCases(facts(), 42);
        cases.openCentres(3);
        cases.signPartnerships(20);
        for (int i = 0; i < 300; i++) {
            cases.recordCase(i);
        }
        awaitProjected();
        // a counter's "applied" stamp is the position of the batch that last wrote it: batches may cut differently
        Set<String> batchDependent = Set.of("applied");
        Map<String, List<String>> before = ReadStoreSnapshot.of(readStore, batchDependent);
        assertThat(before.get("programmeCounts")).isNotEmpty();
        for (String collection : List.of("timeline", "beneficiarySearch", "programmeCounts", "centres", "partners")) {
            Document lost = readStore.getCollection(collection).find().first();
            readStore.getCollection(collection).deleteOne(Filters.eq("_id", lost.get("_id")));
        }

        for (String group : ProcessingGroups.ALL) {
            PooledStreamingEventProcessor processor =
                    processing.eventProcessor(group, PooledStreamingEventProcessor.class).orElseThrow();
            processor.shutDown();
            // back to the first event, as if none of the writes had been acknowledged by a token
            tokenStore.storeToken(eventStore.createTailToken(), group, 0);
            tokenStore.releaseClaim(group, 0);
            processor.start();
        }
        awaitProjected();

        assertThat(ReadStoreSnapshot.of(readStore, batchDependent)).isEqualTo(before);
    }
}

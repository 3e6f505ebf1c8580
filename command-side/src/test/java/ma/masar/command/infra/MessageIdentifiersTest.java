package ma.masar.command.infra;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdentifiersTest {

    private final MessageIdentifiers identifiers = new MessageIdentifiers();

    @Test
    void axonFindsTheFactoryThroughTheServiceFile() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(MessageIdentifiers.class);
    }

    @Test
    void identifiersAreDistinctVersion7Uuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = identifiers.generateIdentifier();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void anIdentifierCarriesItsMillisecondAndSortsAfterThoseOfEarlierMilliseconds() throws InterruptedException {
        long before = System.currentTimeMillis();
        String first = identifiers.generateIdentifier();
        long after = System.currentTimeMillis();
        Thread.sleep(2);
        String second = identifiers.generateIdentifier();

        assertThat(UUID.fromString(first).getMostSignificantBits() >>> 16).isBetween(before, after);
        // as the event store's index compares them: as text
        assertThat(first).isLessThan(second);
    }
}

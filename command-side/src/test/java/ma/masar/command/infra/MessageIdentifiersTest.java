package ma.masar.command.infra;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdentifiersTest {

    @Test
    void axonFindsTheFactoryThroughTheServiceFile() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(MessageIdentifiers.class);
    }

    @Test
    void identifiersAreDistinctVersion4Uuids() {
        MessageIdentifiers identifiers = new MessageIdentifiers();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = identifiers.generateIdentifier();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(seen.add(id)).isTrue();
        }
    }
}

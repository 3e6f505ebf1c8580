package ma.masar.command.infra;

import org.axonframework.common.IdentifierFactory;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers for Axon's messages (commands, events, results): random version-4 UUIDs from each thread's own
 * generator. Axon's default, {@link UUID#randomUUID()}, draws from one shared {@code SecureRandom} behind a lock: a
 * profile of the demo load showed command threads blocked on that lock for 20 s of every 30 s. Message identifiers
 * must be unique, not unguessable (they are no secrets and grant nothing), so a per-thread generator is enough.
 * Found by Axon through {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public class MessageIdentifiers extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}

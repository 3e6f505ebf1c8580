package ma.masar.command.infra;

import org.axonframework.common.IdentifierFactory;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers for Axon's messages (commands, events, results): time-ordered version-7 UUIDs (RFC 9562: the
 * millisecond, then 74 random bits), so that an event's identifier sorts after those of the events stored before it.
 * <ul>
 *   <li><b>Why time-ordered:</b> the embedded event store keeps B-trees by event identifier (the events table's unique
 *   index) and, for an event that belongs to no aggregate such as {@code CaseOpened}, by aggregate identifier too (Axon
 *   stores its identifier there; the events table's and the hash chain's keys). With random identifiers each append
 *   rewrote a leaf of each of those trees somewhere in the file, and H2 then had old chunks to compact; in order, the
 *   appends of a moment share the last leaves. Measured in BENCHMARKS.md, "Event identifiers in time order".</li>
 *   <li><b>Why by hand:</b> Java 17 has no version-7 generator, and Axon's default, {@link UUID#randomUUID()}, draws
 *   from one shared {@code SecureRandom} behind a lock: a profile of the demo load showed command threads blocked on
 *   that lock for 20 s of every 30 s. Message identifiers must be unique, not unguessable (they are no secrets and
 *   grant nothing), so each thread's own generator is enough. Identifiers made in the same millisecond are not
 *   ordered among themselves (RFC 9562 allows it); they still fall in the same leaves.</li>
 * </ul>
 * Found by Axon through {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public class MessageIdentifiers extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return version7(System.currentTimeMillis(), random.nextLong(), random.nextLong());
    }

    /**
     * The version-7 layout: {@code millisecond} in the first 48 bits, then the version, 12 bits of {@code randomA}, the
     * variant and 62 bits of {@code randomB}. Identifiers of later milliseconds sort after, as text too.
     */
    public static String version7(long millisecond, long randomA, long randomB) {
        long high = millisecond << 16 | 0x7000L | (randomA & 0xFFFL);
        long low = randomB & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}

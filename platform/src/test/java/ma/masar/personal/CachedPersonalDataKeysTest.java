package ma.masar.personal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The key cache: bounded, time-limited, and never serving a key after it was destroyed. */
class CachedPersonalDataKeysTest {

    private final EmbeddedPersonalDataKeys store =
            new EmbeddedPersonalDataKeys("jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    private final MutableClock clock = new MutableClock();

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void destroyingThroughTheCacheEvictsAtOnce() {
        CachedPersonalDataKeys keys = new CachedPersonalDataKeys(store, 10, Duration.ofMinutes(1), clock);
        assertThat(keys.keyToEncrypt("b-1")).isPresent();
        assertThat(keys.keyToDecrypt("b-1").present()).isTrue();
        keys.destroy("b-1");
        assertThat(keys.keyToDecrypt("b-1").destroyed()).isTrue();
        assertThat(keys.keyToEncrypt("b-1")).isEmpty();
    }

    @Test
    void aKeyDestroyedElsewhereIsForgottenAfterTheTimeToLive() {
        CachedPersonalDataKeys keys = new CachedPersonalDataKeys(store, 10, Duration.ofMinutes(1), clock);
        keys.keyToEncrypt("b-2");
        store.destroy("b-2"); // by another service
        assertThat(keys.keyToDecrypt("b-2").present()).as("still cached").isTrue();
        clock.advance(Duration.ofSeconds(61));
        assertThat(keys.keyToDecrypt("b-2").destroyed()).isTrue();
    }

    @Test
    void holdsAtMostItsSize() {
        CachedPersonalDataKeys keys = new CachedPersonalDataKeys(store, 2, Duration.ofMinutes(1), clock);
        for (String id : new String[] {"b-3", "b-4", "b-5", "b-6"}) {
            keys.keyToEncrypt(id);
        }
        for (String id : new String[] {"b-3", "b-4", "b-5", "b-6"}) {
            store.destroy(id); // by another service: only what the cache still holds reads as present
        }
        long stillCached = Stream.of("b-3", "b-4", "b-5", "b-6")
                .filter(id -> keys.keyToDecrypt(id).present())
                .count();
        assertThat(stillCached).as("keys served from memory after four went into a cache of two")
                .isLessThanOrEqualTo(2);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2010-06-15T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

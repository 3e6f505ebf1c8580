package ma.masar.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing in the embedded mode (in production, people log in at Keycloak, whose realm has brute
 * force detection on). Failed logins are counted per account and per address: from the {@value #ACCOUNT_FREE}th
 * failure in a row of an account, or the {@value #ADDRESS_FREE}th from one address, further attempts are refused
 * (429, before the password is checked) for 30 seconds, doubling with each further failure up to 15 minutes. A
 * success clears the account's count. Counts are forgotten an hour after the last failure, and kept in memory only
 * (a restart forgets them). An administrator lists the paused accounts and addresses and lifts a pause
 * ({@code /api/security/login-throttle}).
 */
public class LoginThrottle {

    static final int ACCOUNT_FREE = 5;
    static final int ADDRESS_FREE = 20;
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(30);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(15);

    /** What is counted: an account (user name, lower case) or an address. */
    public enum Kind { ACCOUNT, ADDRESS }

    /** One account or address with failures: how many in a row, the last, and until when it is paused (or null). */
    public record Failures(Kind kind, String key, int failures, Instant lastFailure, Instant pausedUntil) {
    }

    private final Cache<String, Failures> failures = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).maximumSize(100_000).build();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must still wait before trying this account from this address, if at all. */
    public Optional<Duration> pause(String username, String address) {
        Instant now = clock.instant();
        Instant until = later(pausedUntil(Kind.ACCOUNT, normal(username)), pausedUntil(Kind.ADDRESS, address));
        return until != null && until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    public void failed(String username, String address) {
        count(Kind.ACCOUNT, normal(username), ACCOUNT_FREE);
        count(Kind.ADDRESS, address, ADDRESS_FREE);
    }

    public void succeeded(String username) {
        failures.invalidate(id(Kind.ACCOUNT, normal(username)));
    }

    /** Every account and address with failures, paused ones first. */
    public List<Failures> list() {
        List<Failures> all = new ArrayList<>(failures.asMap().values());
        all.sort(Comparator.comparing((Failures f) -> f.pausedUntil() == null)
                .thenComparing(Failures::lastFailure, Comparator.reverseOrder()));
        return all;
    }

    /** Lifts the pause of an account or address and forgets its failures; false when it had none. */
    public boolean release(Kind kind, String key) {
        String id = id(kind, kind == Kind.ACCOUNT ? normal(key) : key);
        boolean had = failures.getIfPresent(id) != null;
        failures.invalidate(id);
        return had;
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        failed(event.getAuthentication().getName(), address(event.getAuthentication()));
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        succeeded(event.getAuthentication().getName());
    }

    private void count(Kind kind, String key, int free) {
        if (key == null || key.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        failures.asMap().compute(id(kind, key), (id, before) -> {
            int count = before == null ? 1 : before.failures() + 1;
            Instant until = null;
            if (count >= free) {
                long doublings = Math.min(count - free, 5); // 30 s · 2^5 = 16 min, beyond the longest pause
                Duration pause = FIRST_PAUSE.multipliedBy(1L << doublings);
                until = now.plus(pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause);
            }
            return new Failures(kind, key, count, now, until);
        });
    }

    private Instant pausedUntil(Kind kind, String key) {
        if (key == null) {
            return null;
        }
        Failures known = failures.getIfPresent(id(kind, key));
        return known == null ? null : known.pausedUntil();
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
    }

    private static String id(Kind kind, String key) {
        return kind + "|" + key;
    }

    private static String normal(String username) {
        return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
    }

    static Map<String, Object> retryAfter(Duration wait) {
        return Map.of("retryAfterSeconds", Math.max(1, wait.toSeconds()));
    }
}

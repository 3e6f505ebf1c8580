package ma.masar.access;

import org.axonframework.messaging.MetaData;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The person behind a request: who they are, their roles and, for a social worker, the centres they work in.
 * The identity provider (or the embedded mode's list of people) says who she is and her roles; where she works comes
 * from her assignments, recorded as events ({@code ma.masar.api.staff}) and read by each side as of the day: the
 * command side in the command's own unit of work ({@code CentreScope}), the query side from her event stream. A
 * command only says that its sender is held to centres ({@link #META_SCOPED}); events keep only {@code userId}.
 *
 * @param centres the centres a social worker works in today, once resolved from her assignments; {@link #ALL_CENTRES}
 *                means every centre (configured service accounts of tests and load tools; no demo person has it)
 */
public record Actor(String userId, Set<Role> roles, Set<String> centres) {

    public static final String ALL_CENTRES = "*";
    /** Command metadata set by the sender: this person is held to the centres of her assignments. */
    public static final String META_SCOPED = "centreScoped";
    /**
     * Command metadata set by the command side itself, in the command's unit of work, from the sender's assignments
     * (never taken from the sender): her centres on the command's day, comma-separated.
     */
    public static final String META_CENTRES = "workerCentres";

    public Actor {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        centres = Set.copyOf(centres);
    }

    public static Actor of(String userId, Collection<Role> roles, Collection<String> centres) {
        return new Actor(userId, Set.copyOf(roles), new LinkedHashSet<>(centres));
    }

    /** The same person working in {@code centres} (her assignments as of today); {@link #ALL_CENTRES} is kept. */
    public Actor withCentres(Set<String> assigned) {
        return centres.contains(ALL_CENTRES) ? this : new Actor(userId, roles, assigned);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** A social worker who is not also an auditor and not assigned to every centre. */
    public boolean limitedToCentres() {
        return has(Role.SOCIAL_WORKER) && !has(Role.AUDITOR) && !centres.contains(ALL_CENTRES);
    }

    public boolean worksIn(String centreId) {
        return !limitedToCentres() || centres.contains(centreId);
    }

    /**
     * The reach of a social worker of {@code centres} over a case, one rule for both sides: the case is or was
     * enrolled in one of her centres, or she registered the person and no centre holds the case yet.
     *
     * @param caseCentres the centres of every enrolment of the case, ended ones included
     */
    public static boolean follows(Set<String> centres, String userId, Collection<String> caseCentres,
                                  String registeredBy) {
        if (caseCentres.stream().anyMatch(centres::contains)) {
            return true;
        }
        return caseCentres.isEmpty() && userId != null && userId.equals(registeredBy);
    }

    /**
     * The command metadata that lets the command side apply the centre scope: only that she is held to centres; which
     * ones the command side reads from her assignments itself.
     */
    public MetaData scopeMetaData() {
        return limitedToCentres() ? MetaData.with(META_SCOPED, "true") : MetaData.emptyInstance();
    }

    public static boolean scoped(MetaData metaData) {
        return "true".equals(String.valueOf(metaData.get(META_SCOPED)));
    }

    /**
     * The centres a command's sender is limited to, as the command side's centre scope resolved them, or {@code null}
     * when the sender is not limited.
     */
    public static Set<String> scopeOf(MetaData metaData) {
        Object centres = metaData.get(META_CENTRES);
        if (centres == null) {
            return null;
        }
        return Arrays.stream(centres.toString().split(",")).filter(c -> !c.isBlank())
                     .collect(Collectors.toUnmodifiableSet());
    }
}

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
 * Commands carry it as metadata so that the command side can hold a social worker to their centres
 * ({@link #META_CENTRES}); events keep only {@code userId}.
 *
 * @param centres the centres a social worker is assigned to; {@link #ALL_CENTRES} means every centre (service
 *                accounts of tests and load tools; no demo person has it)
 */
public record Actor(String userId, Set<Role> roles, Set<String> centres) {

    public static final String ALL_CENTRES = "*";
    /** Command metadata: the centres a social worker is limited to, comma-separated; absent when not limited. */
    public static final String META_CENTRES = "workerCentres";

    public Actor {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        centres = Set.copyOf(centres);
    }

    public static Actor of(String userId, Collection<Role> roles, Collection<String> centres) {
        return new Actor(userId, Set.copyOf(roles), new LinkedHashSet<>(centres));
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

    /** The command metadata that lets the command side apply the centre scope. */
    public MetaData scopeMetaData() {
        return limitedToCentres() ? MetaData.with(META_CENTRES, String.join(",", centres)) : MetaData.emptyInstance();
    }

    /** The centres a command's sender is limited to, or {@code null} when the sender is not limited. */
    public static Set<String> scopeOf(MetaData metaData) {
        Object centres = metaData.get(META_CENTRES);
        if (centres == null) {
            return null;
        }
        return Arrays.stream(centres.toString().split(",")).filter(c -> !c.isBlank())
                     .collect(Collectors.toUnmodifiableSet());
    }
}

package ma.masar.api.query;

import java.time.Instant;
import java.util.Set;

/**
 * The caseload of a social worker of {@code centres}, optionally narrowed to one centre, programme or enrolment
 * status ({@code ACTIVE} unless said; {@code ANY} for every status), sorted by {@code sort} ({@code attention},
 * {@code name}, {@code lastFact}, {@code due}, {@code enrolledOn}). Changes are counted after {@code since}. At most {@code limit} cases are listed; the
 * counts cover them all.
 */
public record FindCaseload(Set<String> centres, String centre, String programme, String status, String sort,
                           int quietWeeks, Instant since, int limit) {
}

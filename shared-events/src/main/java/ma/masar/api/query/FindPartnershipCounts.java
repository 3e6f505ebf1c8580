package ma.masar.api.query;

/**
 * Partnership agreements signed in {@code year} (all years when null) and the distinct partners with an agreement
 * signed in or before it.
 */
public record FindPartnershipCounts(Integer year) {
}

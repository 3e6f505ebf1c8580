package ma.masar.api.query;

/** Follow-up and referral counts per centre; referrals made in {@code year} (all years when null). */
public record FindFollowUpCounts(Integer year) {
}

package ma.masar.api.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * For managers, without personal data: per centre, the follow-ups open and overdue today, and the referrals made in
 * {@code year} by partner kind with their outcomes (and those still unanswered past their deadline).
 */
public record FollowUpCounts(Integer year, LocalDate today, List<CentreRow> centres, Totals total) {

    public record CentreRow(String centreId, String nameAr, String nameFr, long openFollowUps, long overdueFollowUps,
                            Map<String, ReferralTally> referralsByPartnerKind) {
    }

    /** Referrals to one kind of partner: made, then answered so far, and past their deadline unanswered. */
    public record ReferralTally(long referred, long accepted, long refused, long serviceDelivered, long overdue) {
    }

    public record Totals(long openFollowUps, long overdueFollowUps, Map<String, ReferralTally> referralsByPartnerKind) {
    }
}

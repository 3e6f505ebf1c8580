package ma.masar.api.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A social worker's caseload: the cases of her centres (by default those with an active enrolment there), with what
 * needs her attention: follow-ups and referral answers overdue, cases quiet for {@code quietWeeks} weeks (no fact
 * dated since {@code quietSince}), and cases that changed since her previous visit ({@code previousVisit}).
 * {@code centres} counts per centre over all the cases of that centre the filters let through but the centre filter;
 * {@code total} counts every case listed or not, {@code cases} lists the first ones in the order asked.
 */
public record Caseload(LocalDate today, int quietWeeks, LocalDate quietSince, Instant previousVisit,
                       int total, int changed, int quiet, int overdue,
                       List<CentreLoad> centres, List<Case> cases) {

    public record CentreLoad(String centreId, String nameAr, String nameFr, int cases, int overdueFollowUps,
                             int overdueReferrals, int quiet, int changed) {
    }

    /** One case of the caseload. Names are absent once the person's data is erased. */
    public record Case(String beneficiaryId, String givenNameAr, String familyNameAr, String givenNameLatin,
                       String familyNameLatin, boolean erased, List<Placement> enrolments, LocalDate lastFactOn,
                       Instant lastChangeAt, String lastChange, boolean changed, boolean quiet, int openFollowUps,
                       int overdueFollowUps, LocalDate nextDueOn, int overdueReferrals) {
    }

    public record Placement(String enrolmentId, String centreId, String programme, String status, LocalDate enrolledOn) {
    }
}

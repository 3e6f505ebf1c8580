package ma.masar.query.caseload;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.masar.access.Actor;
import ma.masar.query.access.StaffScope;
import ma.masar.access.Role;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.query.Caseload;
import ma.masar.api.query.EnrolmentStatus;
import ma.masar.api.query.FindCaseload;
import ma.masar.api.query.FindFollowUpCounts;
import ma.masar.api.query.FollowUpCounts;
import ma.masar.query.infra.BadQueryParameter;
import ma.masar.query.infra.QueryAnswers;
import ma.masar.query.infra.QueryParameters;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The caseload of the social worker who asks (under {@code /api/beneficiaries}, whose access rules it shares: social
 * workers and auditors pass, and only a worker with centres has a caseload), and the managers' follow-up counts
 * (under {@code /api/stats}, no personal data).
 */
@RestController
@Tag(name = "Caseload", description = "A social worker's cases, follow-ups due and referrals awaiting an answer")
public class CaseloadController {

    static final int MAX_QUIET_WEEKS = 520;
    static final int MAX_LISTED = 5000;

    private final QueryGateway queries;
    private final CaseloadVisits visits;
    private final StaffScope staff;
    private final int defaultQuietWeeks;

    public CaseloadController(QueryGateway queries, CaseloadVisits visits, StaffScope staff,
                              @Value("${masar.caseload.quiet-weeks:8}") int defaultQuietWeeks) {
        this.staff = staff;
        this.queries = queries;
        this.visits = visits;
        this.defaultQuietWeeks = defaultQuietWeeks;
    }

    @GetMapping(path = "/api/beneficiaries/caseload", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "My caseload: the cases of my centres, what is overdue, quiet, or changed since my last visit",
            description = "status ACTIVE (default), COMPLETED, WITHDRAWN, DISCHARGED, MOVED_TO_APPRENTICESHIP or ANY; "
                    + "sort attention (default: overdue, changed, quiet first), name, lastFact, due, enrolledOn; "
                    + "quietWeeks: a case with no fact dated in that many weeks is quiet (default "
                    + "masar.caseload.quiet-weeks). Each call is a visit: 'changed' counts what changed since the "
                    + "previous visit (readings less than 30 minutes apart are one visit), or since 'since' if given. "
                    + "limit: at most that many cases listed (all are counted).")
    public Caseload caseload(@RequestParam(required = false) String centre,
                             @RequestParam(required = false) String programme,
                             @RequestParam(required = false) String status,
                             @RequestParam(required = false) String sort,
                             @RequestParam(required = false) Integer quietWeeks,
                             @RequestParam(required = false) String since,
                             @RequestParam(required = false) Integer limit) {
        Actor actor = staff.current().orElseThrow(() -> new AccessDeniedException("no one"));
        if (!actor.has(Role.SOCIAL_WORKER) || actor.centres().contains(Actor.ALL_CENTRES) && centre == null) {
            throw new AccessDeniedException("a caseload is a social worker's, for her centres");
        }
        Set<String> centres = new LinkedHashSet<>(actor.centres());
        if (centre != null && !actor.worksIn(centre)) {
            throw new AccessDeniedException("not one of your centres");
        }
        if (centres.contains(Actor.ALL_CENTRES)) {
            centres = Set.of(centre);
        }
        ProgrammeType programmeType = QueryParameters.optionalEnum("programme", programme, ProgrammeType.class);
        String statusName = status == null || status.isBlank() ? EnrolmentStatus.ACTIVE.name()
                : CaseloadQueries.ANY.equals(status) ? status
                : QueryParameters.optionalEnum("status", status, EnrolmentStatus.class).name();
        if (sort != null && !Set.of("attention", "name", "lastFact", "due", "enrolledOn").contains(sort)) {
            throw new BadQueryParameter("sort", "sort must be attention, name, lastFact, due or enrolledOn");
        }
        int weeks = quietWeeks == null ? defaultQuietWeeks : quietWeeks;
        if (weeks < 1 || weeks > MAX_QUIET_WEEKS) {
            throw new BadQueryParameter("quietWeeks", "quietWeeks must be between 1 and " + MAX_QUIET_WEEKS);
        }
        int listed = limit == null ? MAX_LISTED : limit;
        if (listed < 1 || listed > MAX_LISTED) {
            throw new BadQueryParameter("limit", "limit must be between 1 and " + MAX_LISTED);
        }
        Instant previousVisit = visits.visit(actor.userId(), Instant.now());
        Instant from = previousVisit;
        if (since != null && !since.isBlank()) {
            try {
                from = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw new BadQueryParameter("since", "since must be an instant such as 2010-06-01T08:00:00Z");
            }
        }
        return QueryAnswers.await(queries.query(new FindCaseload(centres, centre,
                        programmeType == null ? null : programmeType.name(), statusName, sort, weeks, from, listed),
                ResponseTypes.instanceOf(Caseload.class)));
    }

    @GetMapping(path = "/api/stats/follow-ups", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Follow-ups open and overdue per centre; referrals of a year by centre and partner kind, with outcomes",
            description = "No name, no case: counts only. A follow-up or referral counts under the centre of the "
                    + "case's latest active enrolment when it was scheduled or made.")
    public FollowUpCounts followUps(@RequestParam(required = false) Integer year) {
        return QueryAnswers.await(queries.query(new FindFollowUpCounts(QueryParameters.optionalYear("year", year)),
                ResponseTypes.instanceOf(FollowUpCounts.class)));
    }
}

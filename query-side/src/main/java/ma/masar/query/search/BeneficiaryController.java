package ma.masar.query.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.masar.access.Actor;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.audit.CaseOpened;
import ma.masar.api.query.BeneficiaryPage;
import ma.masar.api.query.BeneficiarySummary;
import ma.masar.api.query.EnrolmentStatus;
import ma.masar.api.query.FindBeneficiary;
import ma.masar.api.query.FindLikelyMatches;
import ma.masar.api.query.LikelyMatches;
import ma.masar.api.query.SearchBeneficiaries;
import ma.masar.query.access.CaseAccess;
import ma.masar.query.access.StaffScope;
import ma.masar.query.infra.NotFound;
import ma.masar.query.infra.QueryAnswers;
import ma.masar.query.infra.QueryParameters;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/beneficiaries", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Beneficiary search")
public class BeneficiaryController {

    private final QueryGateway queries;

    private final CaseAccess access;
    private final StaffScope staff;

    public BeneficiaryController(QueryGateway queries, CaseAccess access, StaffScope staff) {
        this.staff = staff;
        this.queries = queries;
        this.access = access;
    }

    @GetMapping("/{beneficiaryId}")
    @Operation(summary = "Who a beneficiary is: names, national ID, where she lives, her enrolments",
            description = "Recorded as an opening of the case (CaseOpened, view PERSON). A social worker reads the "
                    + "cases of her centres, another only with a reason (else 403 OutsideYourCentres).")
    public BeneficiarySummary person(@PathVariable String beneficiaryId,
                                     @Parameter(description = "why a social worker opens a case outside her centres")
                                     @RequestParam(required = false) String reason) {
        return access.open(beneficiaryId, CaseOpened.View.PERSON, reason, () -> {
            BeneficiarySummary person = QueryAnswers.await(queries.query(new FindBeneficiary(beneficiaryId),
                    ResponseTypes.instanceOf(BeneficiarySummary.class)));
            if (person == null) {
                throw new NotFound("No beneficiary " + beneficiaryId);
            }
            return person;
        });
    }

    @GetMapping("/likely-matches")
    @Operation(summary = "Before registering: who may already be registered as this person, and why",
            description = "People whose whole name in one script is the same name however it is spelt, born within "
                    + "two years of birthYear when given, ranked by closeness of the name then birth year, sex and "
                    + "region; at most 10. Each comes with its reasons (SAME_NAME, SAME_NAME_SPELT_OTHERWISE with the "
                    + "parts that meet, SAME_BIRTH_YEAR, NEAR_BIRTH_YEAR, SAME_SEX, SAME_REGION). A social worker "
                    + "sees the names of the cases she follows only; others are listed without names (followed: "
                    + "false). Registering anyway: send the ids listed in the registration's notTheSameAs.")
    public LikelyMatches likelyMatches(@RequestParam(required = false) String givenNameAr,
                                       @RequestParam(required = false) String familyNameAr,
                                       @RequestParam(required = false) String givenNameLatin,
                                       @RequestParam(required = false) String familyNameLatin,
                                       @RequestParam(required = false) Integer birthYear,
                                       @RequestParam(required = false) String sex,
                                       @RequestParam(required = false) String region) {
        Actor actor = staff.current().orElseThrow(); // her centres from her assignments
        FindLikelyMatches query = new FindLikelyMatches(
                QueryParameters.optionalText(givenNameAr), QueryParameters.optionalText(familyNameAr),
                QueryParameters.optionalText(givenNameLatin), QueryParameters.optionalText(familyNameLatin),
                QueryParameters.optionalYear("birthYear", birthYear),
                QueryParameters.optionalEnum("sex", sex, Sex.class),
                QueryParameters.optionalEnum("region", region, Region.class),
                actor.limitedToCentres() ? actor.centres() : null, actor.userId());
        return QueryAnswers.await(queries.query(query, ResponseTypes.instanceOf(LikelyMatches.class)));
    }

    @GetMapping
    @Operation(summary = "Find beneficiaries by name (Arabic or Latin, word prefixes, however the name is spelt), "
            + "national ID, region, centre, programme, enrolment status; a name search is ranked by closeness, then "
            + "birth year and sex, and also lists likely duplicates")
    public BeneficiaryPage search(@Parameter(description = "name words") @RequestParam(required = false) String q,
                                  @RequestParam(required = false) String nationalId,
                                  @RequestParam(required = false) String region,
                                  @RequestParam(required = false) String centre,
                                  @RequestParam(required = false) String programme,
                                  @RequestParam(required = false) String status,
                                  @Parameter(description = "ranks the closest birth years first; narrows likely "
                                          + "duplicates to people born within a year")
                                  @RequestParam(required = false) Integer birthYear,
                                  @Parameter(description = "ranks people of this sex first (MALE, FEMALE)")
                                  @RequestParam(required = false) String sex,
                                  @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size) {
        // a social worker finds the cases of their centres only (and those they registered that no centre holds yet)
        Actor actor = staff.current().orElseThrow();
        SearchBeneficiaries query = new SearchBeneficiaries(
                QueryParameters.optionalText(q),
                QueryParameters.optionalText(nationalId),
                QueryParameters.optionalEnum("region", region, Region.class),
                QueryParameters.optionalText(centre),
                QueryParameters.optionalEnum("programme", programme, ProgrammeType.class),
                QueryParameters.optionalEnum("status", status, EnrolmentStatus.class),
                QueryParameters.optionalYear("birthYear", birthYear),
                QueryParameters.page(page),
                QueryParameters.size(size, 20, QueryParameters.MAX_PAGE_SIZE),
                actor.limitedToCentres() ? actor.centres() : null,
                actor.userId(),
                QueryParameters.optionalEnum("sex", sex, Sex.class));
        return QueryAnswers.await(queries.query(query, ResponseTypes.instanceOf(BeneficiaryPage.class)));
    }
}

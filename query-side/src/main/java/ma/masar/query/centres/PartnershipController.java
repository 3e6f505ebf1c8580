package ma.masar.query.centres;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.masar.api.query.FindPartnerships;
import ma.masar.api.query.PartnershipSummary;
import ma.masar.query.infra.BadQueryParameter;
import ma.masar.query.infra.QueryAnswers;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The agency's partnership agreements, for everyone who works with them: the partners a social worker may refer a
 * person to (those in force, for her centres), and the agreements an administrator amends or ends. No personal data.
 */
@RestController
@RequestMapping(path = "/api/partnerships", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Partnerships", description = "Partnership agreements with communes, public bodies, NGOs and companies")
public class PartnershipController {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final int MAX_CENTRES = 100;

    private final QueryGateway queries;

    public PartnershipController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Partnership agreements by partner name; with centre (repeatable), those naming one of these "
            + "centres or none (all centres); with inForceOn (a date), those in force that day")
    public List<PartnershipSummary> partnerships(@RequestParam(name = "centre", required = false) List<String> centres,
                                                 @RequestParam(required = false) String inForceOn) {
        List<String> centreIds = centres == null ? List.of()
                : centres.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).toList();
        if (centreIds.size() > MAX_CENTRES || !centreIds.stream().allMatch(c -> ID.matcher(c).matches())) {
            throw new BadQueryParameter("centre", "centre is a centre id, given at most " + MAX_CENTRES + " times");
        }
        return QueryAnswers.await(queries.query(new FindPartnerships(centreIds, date(inForceOn)),
                                                ResponseTypes.multipleInstancesOf(PartnershipSummary.class)));
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadQueryParameter("inForceOn", "inForceOn is a date like 2010-06-30");
        }
    }
}

package ma.masar.query.counts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.query.FindPartnershipCounts;
import ma.masar.api.query.FindProgrammeCounts;
import ma.masar.api.query.PartnershipCounts;
import ma.masar.api.query.ProgrammeCounts;
import ma.masar.query.infra.LiveStreams;
import ma.masar.query.infra.QueryAnswers;
import ma.masar.query.infra.QueryParameters;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/stats")
@Tag(name = "Statistics", description = "Programme counts, centres and partnerships, for monitoring and evaluation")
public class StatsController {

    private final QueryGateway queries;

    public StatsController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/programmes", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Enrolments that started in a year, per programme and region; centres open per type")
    public ProgrammeCounts programmes(@RequestParam(required = false) Integer year,
                                      @RequestParam(required = false) String region,
                                      @RequestParam(required = false) String province,
                                      @RequestParam(required = false) String centre,
                                      @RequestParam(required = false) String programme) {
        return QueryAnswers.await(queries.query(programmeQuery(year, region, province, centre, programme),
                                                ResponseTypes.instanceOf(ProgrammeCounts.class)));
    }

    @GetMapping(path = "/partnerships", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Partnership agreements signed in a year and partners so far, per partner type")
    public PartnershipCounts partnerships(@RequestParam(required = false) Integer year) {
        return QueryAnswers.await(queries.query(
                new FindPartnershipCounts(QueryParameters.optionalYear("year", year)),
                ResponseTypes.instanceOf(PartnershipCounts.class)));
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Programme counts now, then again whenever they change (Server-Sent Events named 'counts')")
    public SseEmitter stream(@RequestParam(required = false) Integer year,
                             @RequestParam(required = false) String region,
                             @RequestParam(required = false) String province,
                             @RequestParam(required = false) String centre,
                             @RequestParam(required = false) String programme) {
        return LiveStreams.stream(queries.subscriptionQuery(programmeQuery(year, region, province, centre, programme),
                                                            ResponseTypes.instanceOf(ProgrammeCounts.class),
                                                            ResponseTypes.instanceOf(ProgrammeCounts.class)),
                                  "counts");
    }

    private static FindProgrammeCounts programmeQuery(Integer year, String region, String province, String centre,
                                                      String programme) {
        return new FindProgrammeCounts(QueryParameters.optionalYear("year", year),
                                       QueryParameters.optionalEnum("region", region, Region.class),
                                       QueryParameters.optionalText(province),
                                       QueryParameters.optionalText(centre),
                                       QueryParameters.optionalEnum("programme", programme, ProgrammeType.class));
    }
}

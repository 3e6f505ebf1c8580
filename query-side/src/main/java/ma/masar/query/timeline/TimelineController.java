package ma.masar.query.timeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import ma.masar.api.audit.CaseOpened;
import ma.masar.api.query.CaseTimeline;
import ma.masar.api.query.FindCaseTimeline;
import ma.masar.query.access.CaseAccess;
import ma.masar.query.infra.LiveStreams;
import ma.masar.query.infra.NotFound;
import ma.masar.query.infra.QueryAnswers;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/beneficiaries/{beneficiaryId}/timeline")
@Tag(name = "Case timeline", description = "Every fact of a case in order, in Arabic or French")
public class TimelineController {

    private final QueryGateway queries;
    private final CaseAccess access;

    public TimelineController(QueryGateway queries, CaseAccess access) {
        this.queries = queries;
        this.access = access;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A beneficiary's case timeline (language from ?lang=ar|fr, else Accept-Language, else Arabic)",
            description = "Every read is recorded (CaseOpened). A social worker opens a case outside their centres "
                    + "only with a reason; without one the answer is 403 OutsideYourCentres.")
    public CaseTimeline timeline(@PathVariable String beneficiaryId,
                                 @Parameter(description = "ar or fr") @RequestParam(required = false) String lang,
                                 @Parameter(description = "why a social worker opens a case outside their centres")
                                 @RequestParam(required = false) String reason,
                                 HttpServletRequest request) {
        return access.open(beneficiaryId, CaseOpened.View.TIMELINE, reason,
                () -> existing(query(beneficiaryId, lang, request)));
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The timeline now, then again each time it changes (Server-Sent Events named 'timeline')")
    public SseEmitter stream(@PathVariable String beneficiaryId,
                             @RequestParam(required = false) String lang,
                             @RequestParam(required = false) String reason,
                             HttpServletRequest request) {
        FindCaseTimeline query = query(beneficiaryId, lang, request);
        access.open(beneficiaryId, CaseOpened.View.TIMELINE, reason, () -> streamable(query));
        return LiveStreams.stream(queries.subscriptionQuery(query,
                                                            ResponseTypes.instanceOf(CaseTimeline.class),
                                                            ResponseTypes.instanceOf(CaseTimeline.class)),
                                  "timeline");
    }

    /** A case recorded a moment ago streams its timeline as the read model fills it, instead of a 404. */
    private CaseTimeline streamable(FindCaseTimeline query) {
        CaseTimeline timeline = QueryAnswers.await(queries.query(query, ResponseTypes.instanceOf(CaseTimeline.class)));
        if (timeline.entries().isEmpty() && !access.recorded(query.beneficiaryId())) {
            throw new NotFound("No case timeline for beneficiary " + query.beneficiaryId());
        }
        return timeline;
    }

    private CaseTimeline existing(FindCaseTimeline query) {
        CaseTimeline timeline = QueryAnswers.await(queries.query(query, ResponseTypes.instanceOf(CaseTimeline.class)));
        if (timeline.entries().isEmpty()) {
            throw new NotFound("No case timeline for beneficiary " + query.beneficiaryId());
        }
        return timeline;
    }

    private static FindCaseTimeline query(String beneficiaryId, String lang, HttpServletRequest request) {
        return new FindCaseTimeline(beneficiaryId, TimelineLanguage.choose(lang, request.getLocales()).code());
    }
}

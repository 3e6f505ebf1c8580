package ma.masar.query.centres;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.Region;
import ma.masar.api.query.CentreOccupancy;
import ma.masar.api.query.CentrePage;
import ma.masar.api.query.FindCentreOccupancy;
import ma.masar.api.query.FindCentres;
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
@RequestMapping(path = "/api/centres", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Centres", description = "Centres and their occupancy against capacity")
public class CentreController {

    private static final int MAX_PAGE_SIZE = 500;

    private final QueryGateway queries;

    public CentreController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Centres, by region and type (region and type are codes, e.g. CASABLANCA_SETTAT, KINDERGARTEN)")
    public CentrePage centres(@RequestParam(required = false) String region,
                              @RequestParam(required = false) String type,
                              @RequestParam(required = false) Integer page,
                              @RequestParam(required = false) Integer size) {
        FindCentres query = new FindCentres(QueryParameters.optionalEnum("region", region, Region.class),
                                            QueryParameters.optionalEnum("type", type, CentreType.class),
                                            QueryParameters.page(page),
                                            QueryParameters.size(size, 100, MAX_PAGE_SIZE));
        return QueryAnswers.await(queries.query(query, ResponseTypes.instanceOf(CentrePage.class)));
    }

    @GetMapping("/{centreId}/occupancy")
    @Operation(summary = "Seats taken and free at a centre")
    public CentreOccupancy occupancy(@PathVariable String centreId) {
        return QueryAnswers.await(queries.query(new FindCentreOccupancy(centreId),
                                                ResponseTypes.optionalInstanceOf(CentreOccupancy.class)))
                           .orElseThrow(() -> new NotFound("No centre " + centreId));
    }
}

package ma.masar.query.readiness;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Statistics", description = "Programme counts, centres and partnerships, for monitoring and evaluation")
public class CatchUpController {

    private final ReadModelsCatchUp catchUp;

    public CatchUpController(ReadModelsCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @GetMapping(path = "/api/stats/catching-up", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Whether the read models have caught up with the events stored before the start (ready), "
            + "whether they are behind those recorded since (behind: more than 2 s, as after a bulk import), and how "
            + "far each is; figures are partial until ready and while behind")
    public ReadModelsCatchUp.Progress catchingUp() {
        return catchUp.report();
    }
}

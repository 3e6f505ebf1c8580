package ma.masar.query.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.masar.query.infra.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Starts read-model rebuilds ({@link ReadModelRebuilds}) and shows their progress. */
@RestController
@RequestMapping("/api/audit/rebuilds")
@Tag(name = "Audit")
public class RebuildController {

    private final ReadModelRebuilds rebuilds;

    public RebuildController(ReadModelRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    public record StartRebuild(String readModel) {
    }

    @PostMapping
    @Operation(summary = "Rebuild a read model (timeline, search, counts, centres) beside the live one, which keeps "
                         + "serving until the rebuilt one takes over; 409 while one runs for that read model")
    public ResponseEntity<Map<String, Object>> start(@RequestBody StartRebuild request) {
        ReadModelRebuilds.Rebuild rebuild = rebuilds.start(request == null ? null : request.readModel());
        return ResponseEntity.accepted()
                             .location(URI.create("/api/audit/rebuilds/" + rebuild.id()))
                             .body(Map.of("rebuildId", rebuild.id()));
    }

    @GetMapping("/{rebuildId}")
    @Operation(summary = "A rebuild's state and progress: events done and to do, rate and time left")
    public Map<String, Object> progress(@PathVariable String rebuildId) {
        ReadModelRebuilds.Rebuild rebuild = rebuilds.find(rebuildId)
                                                    .orElseThrow(() -> new NotFound("No rebuild " + rebuildId));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("rebuildId", rebuild.id());
        view.put("readModel", rebuild.readModel());
        view.put("state", rebuild.state());
        view.put("eventsDone", rebuild.done());
        view.put("eventsTotal", rebuild.total());
        view.put("eventsPerSecond", Math.round(rebuild.eventsPerSecond()));
        view.put("secondsLeft", rebuild.secondsLeft());
        if (rebuild.error() != null) {
            view.put("error", rebuild.error());
        }
        return view;
    }
}

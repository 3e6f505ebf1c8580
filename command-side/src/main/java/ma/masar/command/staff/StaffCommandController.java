package ma.masar.command.staff;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import ma.masar.api.staff.AssignStaffToCentre;
import ma.masar.api.staff.EndStaffAssignment;
import ma.masar.command.web.Submission;
import ma.masar.command.web.Submissions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static ma.masar.command.web.Text.ID;

/** An administrator records where a person works: an assignment to a centre from a date, and its end. */
@RestController
@RequestMapping("/api/staff")
@Tag(name = "Staff", description = "Who works in which centre, from when to when (administrators)")
class StaffCommandController {

    /** A login name as identity providers allow it (Keycloak: letters, digits, . _ - @). */
    static final String STAFF_ID = "^[A-Za-z0-9._@-]{1,64}$";

    private final Submissions submissions;

    StaffCommandController(Submissions submissions) {
        this.submissions = submissions;
    }

    record AssignRequest(@NotBlank @Pattern(regexp = ID) String centreId, @NotNull LocalDate from) {
    }

    @PostMapping("/{staffId}/assignments")
    @Operation(summary = "Assign a person (her login name) to a centre from a date: her centre scope from that day")
    ResponseEntity<Object> assign(@PathVariable @Pattern(regexp = STAFF_ID) String staffId,
                                  @Valid @RequestBody AssignRequest request, Submission submission) {
        return submissions.send(submission, List.of(staffId, request),
                () -> new AssignStaffToCentre(staffId, request.centreId(), request.from()),
                () -> ResponseEntity.created(URI.create("/api/staff/" + staffId + "/assignments")).body(
                        Map.of("staffId", staffId, "centreId", request.centreId(), "from", request.from().toString())));
    }

    record EndRequest(@NotNull LocalDate on) {
    }

    @PostMapping("/{staffId}/assignments/{centreId}/end")
    @Operation(summary = "End a person's open assignment to a centre: from that day the centre is outside her scope")
    ResponseEntity<Object> end(@PathVariable @Pattern(regexp = STAFF_ID) String staffId,
                               @PathVariable @Pattern(regexp = ID) String centreId,
                               @Valid @RequestBody EndRequest request, Submission submission) {
        return submissions.noContent(submission, List.of(staffId, centreId, request), () ->
                new EndStaffAssignment(staffId, centreId, request.on()));
    }
}

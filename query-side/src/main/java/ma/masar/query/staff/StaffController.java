package ma.masar.query.staff;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.masar.api.staff.FindStaff;
import ma.masar.api.staff.FindStaffAssignments;
import ma.masar.api.staff.StaffView;
import ma.masar.query.infra.NotFound;
import ma.masar.query.infra.QueryAnswers;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Who works where (administrators, auditors): everyone with an assignment, and one person's assignment history. */
@RestController
@RequestMapping(path = "/api/staff", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Staff", description = "Who works in which centre, from when to when, and who recorded it")
public class StaffController {

    private final QueryGateway queries;

    public StaffController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Everyone with an assignment recorded: her centres today and all her assignments")
    public List<StaffView> staff() {
        return QueryAnswers.await(queries.query(new FindStaff(), ResponseTypes.multipleInstancesOf(StaffView.class)));
    }

    @GetMapping("/{staffId}/assignments")
    @Operation(summary = "One person's assignments, first to last, with who recorded each start and end, and when")
    public StaffView assignments(@PathVariable String staffId) {
        return QueryAnswers.await(queries.query(new FindStaffAssignments(staffId),
                                                ResponseTypes.optionalInstanceOf(StaffView.class)))
                           .orElseThrow(() -> new NotFound("No assignment recorded for this person"));
    }
}

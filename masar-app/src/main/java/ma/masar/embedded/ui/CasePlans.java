package ma.masar.embedded.ui;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/** The case page's plan, as {@code @casePlans.of(view)} in the templates: today is the agency's ({@code AgencyTime}). */
@Component("casePlans")
public class CasePlans {

    private final Clock clock;

    CasePlans(Clock clock) {
        this.clock = clock;
    }

    public CasePlanView of(CaseView view) {
        return CasePlanView.of(view, LocalDate.now(clock));
    }
}

package ma.masar.embedded.ui;

import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneId;

/** The case page's plan, as {@code @casePlans.of(view)} in the templates: today is Casablanca's. */
@Component("casePlans")
public class CasePlans {

    private static final ZoneId MOROCCO = ZoneId.of("Africa/Casablanca");

    public CasePlanView of(CaseView view) {
        return CasePlanView.of(view, LocalDate.now(MOROCCO));
    }
}

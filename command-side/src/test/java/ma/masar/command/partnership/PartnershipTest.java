package ma.masar.command.partnership;

import ma.masar.api.common.Rule;
import ma.masar.api.partnership.AmendPartnership;
import ma.masar.api.partnership.EndPartnership;
import ma.masar.api.partnership.PartnerType;
import ma.masar.api.partnership.PartnershipAmended;
import ma.masar.api.partnership.PartnershipEnded;
import ma.masar.api.partnership.PartnershipSigned;
import ma.masar.api.partnership.SignPartnership;
import ma.masar.time.AgencyTime;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.hamcrest.Matchers.startsWith;

class PartnershipTest {

    private static final LocalDate START = LocalDate.of(2010, 1, 1);
    private AggregateTestFixture<Partnership> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Partnership.class);
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2010-06-15T10:00:00Z"), AgencyTime.ZONE));
    }

    private static SignPartnership sign(BigDecimal amount, LocalDate endsOn) {
        return new SignPartnership("pa-1", "commune-sefrou", "Commune de Sefrou", PartnerType.COMMUNE,
                "Alphabétisation des femmes", amount, START, endsOn, List.of("cef-1"), LocalDate.of(2009, 12, 20));
    }

    private static PartnershipSigned signed() {
        return new PartnershipSigned("pa-1", "commune-sefrou", "Commune de Sefrou", PartnerType.COMMUNE,
                "Alphabétisation des femmes", new BigDecimal("150000"), START, LocalDate.of(2012, 12, 31),
                List.of("cef-1"), LocalDate.of(2009, 12, 20));
    }

    @Test
    void signsAnAgreement() {
        fixture.givenNoPriorActivity()
                .when(sign(new BigDecimal("150000"), LocalDate.of(2012, 12, 31)))
                .expectEvents(signed());
    }

    @Test
    void refusesAnAgreementThatEndsBeforeItStarts() {
        fixture.givenNoPriorActivity()
                .when(sign(new BigDecimal("150000"), LocalDate.of(2009, 12, 31)))
                .expectExceptionMessage(startsWith(Rule.PartnershipEndsBeforeStart.name()))
                .expectNoEvents();
    }

    @Test
    void refusesANegativeAmount() {
        fixture.givenNoPriorActivity()
                .when(sign(new BigDecimal("-1"), LocalDate.of(2012, 12, 31)))
                .expectExceptionMessage(startsWith(Rule.AmountNegative.name()))
                .expectNoEvents();
    }

    @Test
    void amendsThenEndsAndAnEndedAgreementChangesNoMore() {
        AmendPartnership amend = new AmendPartnership("pa-1", "Alphabétisation et couture", new BigDecimal("200000"),
                LocalDate.of(2013, 6, 30), List.of("cef-1", "cef-2"), LocalDate.of(2010, 3, 1), "second centre");
        fixture.given(signed())
                .when(amend)
                .expectEvents(new PartnershipAmended("pa-1", "Alphabétisation et couture", new BigDecimal("200000"),
                        LocalDate.of(2013, 6, 30), List.of("cef-1", "cef-2"), LocalDate.of(2010, 3, 1), "second centre"));
        fixture.given(signed(), new PartnershipEnded("pa-1", LocalDate.of(2010, 5, 1), "objectives met"))
                .when(amend)
                .expectExceptionMessage(startsWith(Rule.PartnershipAlreadyEnded.name()))
                .expectNoEvents();
        fixture.given(signed())
                .when(new EndPartnership("pa-1", LocalDate.of(2010, 5, 1), "objectives met"))
                .expectEvents(new PartnershipEnded("pa-1", LocalDate.of(2010, 5, 1), "objectives met"));
    }
}

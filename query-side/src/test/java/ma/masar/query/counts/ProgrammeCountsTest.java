package ma.masar.query.counts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.api.beneficiary.CompletionOutcome;
import ma.masar.api.beneficiary.DischargeReason;
import ma.masar.api.beneficiary.DischargedFromInstitution;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.EnrolmentCompleted;
import ma.masar.api.beneficiary.EnrolmentWithdrawn;
import ma.masar.api.beneficiary.MovedToApprenticeship;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.WithdrawalReason;
import ma.masar.api.centre.CentreClosed;
import ma.masar.api.centre.CentreConvertedToApprenticeship;
import ma.masar.api.centre.CentreOpened;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.partnership.PartnerType;
import ma.masar.api.partnership.PartnershipSigned;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ProgrammeCountsTest extends QuerySideTest {

    private static final java.util.concurrent.atomic.AtomicInteger YEARS =
            new java.util.concurrent.atomic.AtomicInteger((int) (Math.abs(System.nanoTime()) % 30));

    @Autowired
    private CountsTotalsUpgrade upgrade;
    @Autowired
    private Counters counters;
    private Facts facts;

    @BeforeEach
    void newFacts() {
        facts = facts();
    }

    @Test
    void countsEnrolmentsByHowTheyEnd() {
        String centre = Facts.newId("cef");
        Placement first = enrol(centre, ProgrammeType.EDUCATION_TRAINING, LocalDate.of(2010, 9, 1));
        Placement second = enrol(centre, ProgrammeType.EDUCATION_TRAINING, LocalDate.of(2010, 9, 2));
        Placement third = enrol(centre, ProgrammeType.EDUCATION_TRAINING, LocalDate.of(2010, 9, 3));
        enrol(centre, ProgrammeType.EDUCATION_TRAINING, LocalDate.of(2010, 9, 4));
        enrol(centre, ProgrammeType.EDUCATION_TRAINING, LocalDate.of(2011, 1, 10));
        facts.beneficiary(beneficiaryOf(first), new EnrolmentCompleted(
                beneficiaryOf(first), first, CompletionOutcome.JOB, LocalDate.of(2011, 6, 30)));
        facts.beneficiary(beneficiaryOf(second), new EnrolmentWithdrawn(
                beneficiaryOf(second), second, WithdrawalReason.MARRIAGE, LocalDate.of(2010, 12, 1)));
        String socialCare = Facts.newId("eps");
        Placement care = enrol(socialCare, ProgrammeType.SOCIAL_CARE, LocalDate.of(2010, 2, 1));
        facts.beneficiary(beneficiaryOf(care), new DischargedFromInstitution(
                beneficiaryOf(care), care, DischargeReason.RETURNED_TO_FAMILY, LocalDate.of(2010, 8, 1)));
        awaitProjected();

        JsonNode in2010 = get("/api/stats/programmes?year=2010&centre=" + centre).json();
        assertThat(tally(in2010.get("total"))).containsExactly(4L, 2L, 1L, 1L, 0L, 0L);
        assertThat(in2010.at("/programmes/0/programme").asText()).isEqualTo("EDUCATION_TRAINING");
        assertThat(in2010.at("/programmes/0/byRegion/0/region").asText()).isEqualTo("CASABLANCA_SETTAT");

        JsonNode allYears = get("/api/stats/programmes?centre=" + centre).json();
        assertThat(tally(allYears.get("total"))).containsExactly(5L, 3L, 1L, 1L, 0L, 0L);

        JsonNode discharged = get("/api/stats/programmes?year=2010&centre=" + socialCare).json();
        assertThat(tally(discharged.get("total"))).containsExactly(1L, 0L, 0L, 0L, 1L, 0L);
        assertThat(third).isNotNull();
    }

    @Test
    void aMoveToApprenticeshipEndsTheOrientationAndStartsAnApprenticeship() {
        String orientationCentre = Facts.newId("cfp");
        String apprenticeshipCentre = Facts.newId("cfa");
        String province = "Province-" + Facts.newId("p");
        Placement orientation = enrol(orientationCentre, ProgrammeType.VOCATIONAL_ORIENTATION,
                                      LocalDate.of(2009, 10, 1), province);
        Placement apprenticeship = Facts.placement("a-" + beneficiaryOf(orientation), apprenticeshipCentre,
                                                   ProgrammeType.APPRENTICESHIP, Region.CASABLANCA_SETTAT, province,
                                                   LocalDate.of(2010, 2, 1));
        facts.beneficiary(beneficiaryOf(orientation), new MovedToApprenticeship(
                beneficiaryOf(orientation), orientation, apprenticeship, "Garage Atlas", LocalDate.of(2010, 2, 1)));
        awaitProjected();

        JsonNode orientation2009 = get("/api/stats/programmes?year=2009&province=" + province).json();
        assertThat(tally(orientation2009.get("total"))).containsExactly(1L, 0L, 0L, 0L, 0L, 1L);
        JsonNode apprenticeship2010 = get("/api/stats/programmes?year=2010&province=" + province
                                                  + "&programme=APPRENTICESHIP").json();
        assertThat(tally(apprenticeship2010.get("total"))).containsExactly(1L, 1L, 0L, 0L, 0L, 0L);
    }

    @Test
    void countsCentresOpenAtTheEndOfTheYear() {
        String province = "Province-" + Facts.newId("p");
        String kept = openCentre(CentreType.EDUCATION_TRAINING_CENTRE, province, LocalDate.of(2008, 9, 1));
        openCentre(CentreType.EDUCATION_TRAINING_CENTRE, province, LocalDate.of(2010, 9, 1));
        String closed = openCentre(CentreType.EDUCATION_TRAINING_CENTRE, province, LocalDate.of(2009, 9, 1));
        facts.centre(closed, new CentreClosed(closed, LocalDate.of(2011, 7, 1), "fin de convention"));
        String familiarisation = openCentre(CentreType.VOCATIONAL_FAMILIARISATION_CENTRE, province,
                                            LocalDate.of(2005, 1, 1));
        facts.centre(familiarisation, new CentreConvertedToApprenticeship(familiarisation, LocalDate.of(2010, 3, 1)));
        awaitProjected();

        assertThat(kept).isNotNull();
        assertThat(centresOpen(2009, province)).containsExactlyInAnyOrder(
                "EDUCATION_TRAINING_CENTRE=2", "VOCATIONAL_FAMILIARISATION_CENTRE=1");
        assertThat(centresOpen(2010, province)).containsExactlyInAnyOrder(
                "EDUCATION_TRAINING_CENTRE=3", "VOCATIONAL_FAMILIARISATION_CENTRE=0", "APPRENTICESHIP_CENTRE=1");
        assertThat(centresOpen(2011, province)).contains("EDUCATION_TRAINING_CENTRE=2", "APPRENTICESHIP_CENTRE=1");
    }

    @Test
    void countsAgreementsPerYearAndEachPartnerOnce() {
        int year = 2030 + (int) (Math.abs(System.nanoTime()) % 50);
        String commune = Facts.newId("partner");
        String ngo = Facts.newId("partner");
        sign(commune, PartnerType.COMMUNE, LocalDate.of(year, 3, 1));
        sign(commune, PartnerType.COMMUNE, LocalDate.of(year, 5, 1));
        sign(ngo, PartnerType.FOREIGN_NGO, LocalDate.of(year + 1, 2, 1));
        awaitProjected();

        JsonNode first = get("/api/stats/partnerships?year=" + year).json();
        assertThat(first.get("agreementsSigned").asLong()).isEqualTo(2);
        JsonNode second = get("/api/stats/partnerships?year=" + (year + 1)).json();
        assertThat(second.get("agreementsSigned").asLong()).isEqualTo(1);
        assertThat(second.get("partners").asLong() - first.get("partners").asLong()).isEqualTo(1);
    }

    @Test
    void theCountryAndItsRegionsAddUpWhatTheirCentresCount() {
        int year = aYearOfItsOwn();
        String casablanca = Facts.newId("cef");
        String souss = Facts.newId("cef");
        enrol(casablanca, ProgrammeType.EDUCATION_TRAINING, LocalDate.of(year, 2, 1), Region.CASABLANCA_SETTAT);
        Placement ended = enrol(casablanca, ProgrammeType.EDUCATION_TRAINING, LocalDate.of(year, 3, 1),
                                Region.CASABLANCA_SETTAT);
        enrol(souss, ProgrammeType.EDUCATION_TRAINING, LocalDate.of(year, 4, 1), Region.SOUSS_MASSA);
        enrol(souss, ProgrammeType.PRESCHOOL, LocalDate.of(year, 5, 1), Region.SOUSS_MASSA);
        facts.beneficiary(beneficiaryOf(ended), new EnrolmentWithdrawn(
                beneficiaryOf(ended), ended, WithdrawalReason.MARRIAGE, LocalDate.of(year, 6, 1)));
        openCentre(CentreType.EDUCATION_TRAINING_CENTRE, "Agadir", LocalDate.of(year, 1, 1));
        awaitProjected();

        // the country: each region's totals, as each centre's counters add up
        JsonNode country = get("/api/stats/programmes?year=" + year).json();
        assertThat(tally(country.get("total"))).containsExactly(4L, 3L, 0L, 1L, 0L, 0L);
        assertThat(tally(country.get("total"))).isEqualTo(sum(
                tally(get("/api/stats/programmes?year=" + year + "&centre=" + casablanca).json().get("total")),
                tally(get("/api/stats/programmes?year=" + year + "&centre=" + souss).json().get("total"))));
        JsonNode training = country.at("/programmes/0");
        assertThat(training.get("programme").asText()).isEqualTo("EDUCATION_TRAINING");
        assertThat(training.at("/byRegion/0/region").asText()).isEqualTo("CASABLANCA_SETTAT");
        assertThat(tally(training.at("/byRegion/0/tally"))).containsExactly(2L, 1L, 0L, 1L, 0L, 0L);
        // a region, and a programme in it
        JsonNode souss2 = get("/api/stats/programmes?year=" + year + "&region=SOUSS_MASSA&programme=PRESCHOOL")
                .json();
        assertThat(tally(souss2.get("total"))).containsExactly(1L, 1L, 0L, 0L, 0L, 0L);
        // centres open at the end of the year, from the totals per type and region
        assertThat(country.get("centresOpen").toString()).contains("\"EDUCATION_TRAINING_CENTRE\"");
        assertThat(country.at("/centresOpen/0/open").asLong()).isEqualTo(1);
    }

    @Test
    void aStoreCountedBeforeTheTotalsIsCountedAgainWithThemAtTheStart() {
        int year = aYearOfItsOwn();
        String centre = Facts.newId("cef");
        enrol(centre, ProgrammeType.SOCIAL_CARE, LocalDate.of(year, 2, 1), Region.ORIENTAL);
        enrol(centre, ProgrammeType.SOCIAL_CARE, LocalDate.of(year, 3, 1), Region.ORIENTAL);
        awaitProjected();
        // as a store written before the totals: counters, no totals, no mark
        readStore.getCollection(Counters.PROGRAMME_TOTALS).drop();
        readStore.getCollection(Counters.CENTRE_TOTALS).drop();
        readStore.getCollection(Counters.SHAPES).drop();
        assertThat(tally(get("/api/stats/programmes?year=" + year).json().get("total")))
                .containsExactly(0L, 0L, 0L, 0L, 0L, 0L);

        upgrade.upgrade();
        awaitProjected();

        assertThat(tally(get("/api/stats/programmes?year=" + year).json().get("total")))
                .containsExactly(2L, 2L, 0L, 0L, 0L, 0L);
        assertThat(tally(get("/api/stats/programmes?year=" + year + "&centre=" + centre).json().get("total")))
                .containsExactly(2L, 2L, 0L, 0L, 0L, 0L);
        // marked: the next start leaves the counts as they are
        assertThat(counters.withTotals()).isTrue();
    }

    /** Counts of a year no other test writes in (the read store is shared), before any centre of the other tests. */
    private static int aYearOfItsOwn() {
        return 1950 + YEARS.getAndIncrement();
    }

    private static List<Long> sum(List<Long> first, List<Long> second) {
        return java.util.stream.IntStream.range(0, first.size()).mapToObj(i -> first.get(i) + second.get(i)).toList();
    }

    private Placement enrol(String centreId, ProgrammeType programme, LocalDate on, Region region) {
        String beneficiaryId = Facts.newId("b");
        Placement placement = Facts.placement("e|" + beneficiaryId, centreId, programme, region, "Province", on);
        facts.beneficiary(beneficiaryId, new EnrolledInProgramme(beneficiaryId, placement, null));
        return placement;
    }

    private Placement enrol(String centreId, ProgrammeType programme, LocalDate on) {
        return enrol(centreId, programme, on, "Casablanca");
    }

    private Placement enrol(String centreId, ProgrammeType programme, LocalDate on, String province) {
        String beneficiaryId = Facts.newId("b");
        Placement placement = Facts.placement("e|" + beneficiaryId, centreId, programme, Region.CASABLANCA_SETTAT,
                                              province, on);
        facts.beneficiary(beneficiaryId, new EnrolledInProgramme(beneficiaryId, placement, null));
        return placement;
    }

    private static String beneficiaryOf(Placement placement) {
        return placement.enrolmentId().substring(placement.enrolmentId().indexOf('|') + 1).replace("a-", "");
    }

    private String openCentre(CentreType type, String province, LocalDate openedOn) {
        String centreId = Facts.newId("c");
        facts.centre(centreId, new CentreOpened(centreId, type, "مركز", "Centre", Region.SOUSS_MASSA, province, 30,
                                                Operator.agency(), null, openedOn));
        return centreId;
    }

    private void sign(String partnerId, PartnerType type, LocalDate signedOn) {
        String partnershipId = Facts.newId("conv");
        facts.record("Partnership", partnershipId, new PartnershipSigned(
                partnershipId, partnerId, "Partenaire", type, "Alphabétisation", BigDecimal.valueOf(100000),
                signedOn, signedOn.plusYears(3), List.of(), signedOn));
    }

    private List<String> centresOpen(int year, String province) {
        JsonNode counts = get("/api/stats/programmes?year=" + year + "&region=SOUSS_MASSA&province=" + province).json();
        return java.util.stream.StreamSupport.stream(counts.get("centresOpen").spliterator(), false)
                                             .map(c -> c.get("type").asText() + "=" + c.get("open").asLong())
                                             .toList();
    }

    private static List<Long> tally(JsonNode tally) {
        return List.of(tally.get("enrolled").asLong(), tally.get("active").asLong(), tally.get("completed").asLong(),
                       tally.get("withdrawn").asLong(), tally.get("discharged").asLong(),
                       tally.get("movedToApprenticeship").asLong());
    }
}

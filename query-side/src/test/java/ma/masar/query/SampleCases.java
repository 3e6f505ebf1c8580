package ma.masar.query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.CaseNoteAdded;
import ma.masar.api.beneficiary.CompletionOutcome;
import ma.masar.api.beneficiary.DischargeReason;
import ma.masar.api.beneficiary.DischargedFromInstitution;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.EnrolmentCompleted;
import ma.masar.api.beneficiary.EnrolmentWithdrawn;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.MovedToApprenticeship;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.RegistrationCorrected;
import ma.masar.api.beneficiary.ServiceDelivered;
import ma.masar.api.beneficiary.ServiceType;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.beneficiary.WithdrawalReason;
import ma.masar.api.centre.CentreCapacityChanged;
import ma.masar.api.centre.CentreClosed;
import ma.masar.api.centre.CentreConvertedToApprenticeship;
import ma.masar.api.centre.CentreOpened;
import ma.masar.api.centre.SeatReleased;
import ma.masar.api.centre.SeatTaken;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.partnership.PartnerType;
import ma.masar.api.partnership.PartnershipSigned;

/**
 * A seeded mix of everything the read models project: centres opening, changing capacity, converting and closing;
 * people registered (some corrected), enrolled, served, noted, and ending their enrolments every way there is;
 * partnerships signed. Facts are recorded in the order the command side would record them.
 */
public final class SampleCases {

    private static final String[] GIVEN_AR = {"فاطمة", "خديجة", "أمينة", "سعاد", "نادية", "يوسف", "محمد", "إبراهيم"};
    private static final String[] GIVEN_LATIN = {"Fatima", "Khadija", "Amina", "Souad", "Nadia", "Youssef",
                                                 "Mohamed", "Ibrahim"};
    private static final String[] FAMILY_AR = {"العمراني", "بناني", "التازي", "الإدريسي", "الفاسي", "بنعلي"};
    private static final String[] FAMILY_LATIN = {"El Amrani", "Bennani", "Tazi", "Idrissi", "Fassi", "Benali"};
    private static final ProgrammeType[] PROGRAMMES = {ProgrammeType.EDUCATION_TRAINING, ProgrammeType.SOCIAL_CARE,
                                                       ProgrammeType.PRESCHOOL, ProgrammeType.CITIZEN_HOUSE,
                                                       ProgrammeType.VOCATIONAL_ORIENTATION};

    private final Facts facts;
    private final Random random;
    private final String run;
    private final List<Centre> centres = new ArrayList<>();
    private long recorded;

    public SampleCases(Facts facts, long seed) {
        this.facts = facts;
        this.random = new Random(seed);
        this.run = Long.toString(seed, 36);
    }

    /** How many facts were recorded so far. */
    public long recorded() {
        return recorded;
    }

    public void openCentres(int perProgramme) {
        for (ProgrammeType programme : PROGRAMMES) {
            for (int i = 0; i < perProgramme; i++) {
                openCentre(programme.centreType(), 10_000);
            }
        }
        for (int i = 0; i < perProgramme; i++) {
            openCentre(CentreType.APPRENTICESHIP_CENTRE, 10_000);
        }
        Centre converted = openCentre(CentreType.VOCATIONAL_FAMILIARISATION_CENTRE, 10_000);
        record("Centre", converted.id, new CentreConvertedToApprenticeship(converted.id, LocalDate.of(2010, 1, 2)));
        converted.type = CentreType.APPRENTICESHIP_CENTRE;
        Centre closed = openCentre(CentreType.CITIZEN_HOUSE, 10);
        record("Centre", closed.id, new CentreCapacityChanged(closed.id, 10, 12, LocalDate.of(2010, 1, 3)));
        record("Centre", closed.id, new CentreClosed(closed.id, LocalDate.of(2010, 6, 30), "fin de convention"));
        centres.remove(closed);
    }

    public void signPartnerships(int agreements) {
        for (int i = 0; i < agreements; i++) {
            String partnershipId = "conv-" + run + "-" + i;
            PartnerType type = PartnerType.values()[random.nextInt(PartnerType.values().length)];
            LocalDate signedOn = LocalDate.of(2009 + random.nextInt(2), 1 + random.nextInt(12), 1);
            record("Partnership", partnershipId, new PartnershipSigned(
                    partnershipId, "partner-" + run + "-" + type + "-" + random.nextInt(agreements / 2 + 1),
                    "Partenaire", type, "Alphabétisation", BigDecimal.valueOf(50_000), signedOn,
                    signedOn.plusYears(2), List.of(), signedOn));
        }
    }

    /** One person's case, from registration to however the enrolment ends (or not). */
    public void recordCase(int number) {
        String id = "b-" + run + "-" + number;
        int birthYear = 1975 + random.nextInt(30);
        Region region = Region.values()[random.nextInt(Region.values().length)];
        PersonalData personal = new PersonalData(pick(GIVEN_AR), pick(FAMILY_AR), pick(GIVEN_LATIN),
                                                 pick(FAMILY_LATIN), LocalDate.of(birthYear, 1 + random.nextInt(12), 1),
                                                 "N" + run + number, "Douar " + number, null);
        String registration = record("Beneficiary", id, new BeneficiaryRegistered(
                id, personal, random.nextBoolean() ? Sex.FEMALE : Sex.MALE, birthYear, region, "Province " + region,
                HouseholdSituation.POOR_HOUSEHOLD, LocalDate.of(2010, 1, 1).plusDays(random.nextInt(300))));
        if (random.nextInt(10) == 0) {
            record("Beneficiary", id, new RegistrationCorrected(id, registration, personal, Sex.FEMALE, birthYear,
                                                                region, "Province " + region,
                                                                HouseholdSituation.SINGLE_PARENT, "vérification"));
        }
        ProgrammeType programme = PROGRAMMES[random.nextInt(PROGRAMMES.length)];
        Centre centre = centreFor(programme.centreType());
        LocalDate enrolledOn = LocalDate.of(2009 + random.nextInt(2), 1 + random.nextInt(12), 1 + random.nextInt(28));
        Placement placement = new Placement("e-" + id, centre.id, programme, centre.region, centre.province,
                                            enrolledOn);
        record("Beneficiary", id, new EnrolledInProgramme(id, placement, null));
        takeSeat(centre, placement, id, enrolledOn);
        if (random.nextInt(3) == 0) {
            record("Beneficiary", id, new ServiceDelivered(id, "s-" + id, placement, ServiceType.LITERACY_CLASS,
                                                           enrolledOn.plusDays(7)));
        }
        if (random.nextInt(4) == 0) {
            record("Beneficiary", id, new CaseNoteAdded(id, "n-" + id, "Suivi régulier.", enrolledOn.plusDays(14)));
        }
        LocalDate endedOn = enrolledOn.plusMonths(6);
        switch (random.nextInt(5)) {
            case 0 -> {
                record("Beneficiary", id, new EnrolmentCompleted(id, placement, CompletionOutcome.CERTIFICATE, endedOn));
                releaseSeat(centre, placement, id, endedOn);
            }
            case 1 -> {
                record("Beneficiary", id, new EnrolmentWithdrawn(id, placement, WithdrawalReason.FAMILY, endedOn));
                releaseSeat(centre, placement, id, endedOn);
            }
            case 2 -> {
                if (programme == ProgrammeType.SOCIAL_CARE) {
                    record("Beneficiary", id, new DischargedFromInstitution(id, placement,
                                                                            DischargeReason.RETURNED_TO_FAMILY,
                                                                            endedOn));
                    releaseSeat(centre, placement, id, endedOn);
                } else if (programme == ProgrammeType.VOCATIONAL_ORIENTATION) {
                    Centre apprenticeshipCentre = centreFor(CentreType.APPRENTICESHIP_CENTRE);
                    Placement apprenticeship = new Placement("a-" + id, apprenticeshipCentre.id,
                                                             ProgrammeType.APPRENTICESHIP, apprenticeshipCentre.region,
                                                             apprenticeshipCentre.province, endedOn);
                    record("Beneficiary", id, new MovedToApprenticeship(id, placement, apprenticeship,
                                                                        "Atelier Atlas", endedOn));
                    releaseSeat(centre, placement, id, endedOn);
                    takeSeat(apprenticeshipCentre, apprenticeship, id, endedOn);
                }
            }
            default -> {
                // still active
            }
        }
    }

    private Centre openCentre(CentreType type, int capacity) {
        Region region = Region.values()[random.nextInt(Region.values().length)];
        Centre centre = new Centre("c-" + run + "-" + centres.size(), type, region, "Province " + region, capacity);
        centres.add(centre);
        record("Centre", centre.id, new CentreOpened(centre.id, type, "مركز " + centres.size(),
                                                     "Centre " + centres.size(), region, centre.province, capacity,
                                                     Operator.agency(), null, LocalDate.of(2005, 1, 1)));
        return centre;
    }

    private void takeSeat(Centre centre, Placement placement, String beneficiaryId, LocalDate on) {
        centre.occupied++;
        record("Centre", centre.id, new SeatTaken(centre.id, placement.enrolmentId(), beneficiaryId,
                                                  placement.programme(), on, centre.occupied, centre.capacity));
    }

    private void releaseSeat(Centre centre, Placement placement, String beneficiaryId, LocalDate on) {
        centre.occupied--;
        record("Centre", centre.id, new SeatReleased(centre.id, placement.enrolmentId(), beneficiaryId, on,
                                                     centre.occupied, centre.capacity));
    }

    private Centre centreFor(CentreType type) {
        List<Centre> candidates = centres.stream().filter(centre -> centre.type == type).toList();
        return candidates.get(random.nextInt(candidates.size()));
    }

    private String record(String aggregateType, String aggregateId, Object payload) {
        recorded++;
        return facts.record(aggregateType, aggregateId, payload);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static final class Centre {
        private final String id;
        private CentreType type;
        private final Region region;
        private final String province;
        private final int capacity;
        private int occupied;

        private Centre(String id, CentreType type, Region region, String province, int capacity) {
            this.id = id;
            this.type = type;
            this.region = region;
            this.province = province;
            this.capacity = capacity;
        }
    }
}

package ma.masar.embedded.demo;

import ma.masar.api.beneficiary.AddCaseNote;
import ma.masar.api.followup.FollowUpKind;
import ma.masar.api.followup.ScheduleFollowUp;
import ma.masar.api.beneficiary.CompleteEnrolment;
import ma.masar.api.beneficiary.CompletionOutcome;
import ma.masar.api.beneficiary.DischargeFromInstitution;
import ma.masar.api.beneficiary.DischargeReason;
import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.MoveToApprenticeship;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.RecordService;
import ma.masar.api.beneficiary.RegisterBeneficiary;
import ma.masar.api.beneficiary.ServiceType;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.beneficiary.WithdrawFromEnrolment;
import ma.masar.api.beneficiary.WithdrawalReason;
import ma.masar.api.centre.ConvertToApprenticeshipCentre;
import ma.masar.api.centre.OpenCentre;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.staff.AssignStaffToCentre;
import ma.masar.api.partnership.PartnerType;
import ma.masar.api.partnership.SignPartnership;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A plausible 2010 population as commands: centres, then each person's case as a short sequence
 * (register, enrol, perhaps a service, a note, a move to apprenticeship, a completion or a withdrawal),
 * then partnership agreements. Deterministic for a seed; at scale 1 the 2010 counts equal the agency's
 * published figures exactly (every person is enrolled once in 2010 in the programme they are counted in).
 * <p>
 * Longer than 300 lines on purpose: one seeded random stream draws the whole population in a fixed order (centres,
 * people, agreements), and the plan reads top to bottom as the 2010 figures it reproduces; splitting it would scatter
 * the order of the draws that makes a seed give the same population. Its names are {@link DemoNames}.
 */
final class DemoPopulation {

    static final LocalDate YEAR_START = LocalDate.of(2010, 1, 1);
    static final LocalDate YEAR_END = LocalDate.of(2010, 12, 31);

    /**
     * The demo's social worker (login {@code worker}) and where she works from the 2009-10 season: education and
     * training (CEF), a kindergarten (JE), a vocational-familiarisation centre (CFP) and an apprenticeship centre
     * (CFA), so that every story of the design, orientation then apprenticeship included, runs with her login. The
     * first centre of each kind exists at any scale; the second CEF from scale 0.0015.
     */
    static final String DEMO_WORKER = "worker";
    static final List<String> DEMO_WORKER_CENTRES = List.of("CEF-0001", "CEF-0002", "JE-0001", "CFP-0001", "CFA-0001");
    static final LocalDate SEASON_START = LocalDate.of(2009, 9, 1);

    record CentrePlan(String centreId, ProgrammeType programme, Geography.Place place, String province,
                      List<Object> commands) {
    }

    /** One person's commands, sent in order; different people are sent concurrently. */
    record CasePlan(List<Object> commands) {
    }

    private final double scale;
    private final Random random;
    private final List<CentrePlan> centres = new ArrayList<>();
    private final List<List<CentrePlan>> centresByProgramme = new ArrayList<>();
    private int nationalIdSequence = 100_000;

    DemoPopulation(double scale, long seed) {
        this.scale = scale;
        this.random = new Random(seed);
        planCentres();
    }

    List<CentrePlan> centres() {
        return centres;
    }

    /** The demo worker's assignments, one command each (a centre missing at a tiny scale refuses only its own). */
    List<Object> staffAssignments() {
        return DEMO_WORKER_CENTRES.stream()
                .filter(centreId -> centres.stream().anyMatch(c -> c.centreId().equals(centreId)))
                .<Object>map(centreId -> new AssignStaffToCentre(DEMO_WORKER, centreId, SEASON_START))
                .toList();
    }

    int people() {
        return Population2010.PROGRAMMES.stream().mapToInt(p -> Population2010.scaled(p.people(), scale)).sum();
    }

    // ---- centres

    private void planCentres() {
        for (Population2010.Programme programme : Population2010.PROGRAMMES) {
            int count = Population2010.scaled(programme.centres(), scale);
            int people = Population2010.scaled(programme.people(), scale);
            if (programme.programme() == ProgrammeType.APPRENTICESHIP) {
                people += Population2010.scaled(Population2010.MOVED_TO_APPRENTICESHIP, scale);
            }
            // people are spread round-robin: a centre holds at most ceil(people / centres) at once
            int capacity = (people + count - 1) / count + 5 + random.nextInt(10);
            List<CentrePlan> plans = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                plans.add(centre(programme, i, capacity));
            }
            centres.addAll(plans);
            centresByProgramme.add(plans);
        }
    }

    private CentrePlan centre(Population2010.Programme programme, int n, int capacity) {
        Geography.Place place = Geography.pick(random);
        String province = place.provinces().get(random.nextInt(place.provinces().size()));
        String centreId = DemoNames.prefix(programme.centreType()) + "-" + String.format("%04d", n);
        LocalDate openedOn = day(LocalDate.of(1985, 1, 1), LocalDate.of(2009, 6, 30));
        boolean converted = programme.centreType() == CentreType.APPRENTICESHIP_CENTRE;
        CentreType openedAs = converted ? CentreType.VOCATIONAL_FAMILIARISATION_CENTRE : programme.centreType();
        Operator operator = random.nextInt(4) == 0
                ? new Operator(Operator.OperatorKind.PARTNER, "Association " + province) : Operator.agency();
        String authorisation = openedAs == CentreType.SOCIAL_CARE_INSTITUTION
                ? "14-05/" + openedOn.getYear() + "/" + n : null;
        List<Object> commands = new ArrayList<>();
        commands.add(new OpenCentre(centreId, openedAs, DemoNames.nameAr(programme.centreType(), province, n),
                DemoNames.nameFr(programme.centreType(), province, n), place.region(), province, capacity, operator,
                authorisation, openedOn));
        if (converted) {
            // most familiarisation centres became apprenticeship centres before 2010
            commands.add(new ConvertToApprenticeshipCentre(centreId,
                    day(openedOn.isAfter(LocalDate.of(2007, 1, 1)) ? openedOn : LocalDate.of(2007, 1, 1),
                            LocalDate.of(2009, 9, 1))));
        }
        return new CentrePlan(centreId, programme.programme(), place, province, commands);
    }

    // ---- people

    /** Calls {@code sink} with each person's plan, programme by programme, centres round-robin. */
    void forEachCase(java.util.function.Consumer<CasePlan> sink) {
        int movesLeft = Population2010.scaled(Population2010.MOVED_TO_APPRENTICESHIP, scale);
        List<CentrePlan> apprenticeshipCentres = centresByProgramme.get(Population2010.PROGRAMMES.size() - 1);
        int apprenticeshipRoundRobin = 0;
        for (int p = 0; p < Population2010.PROGRAMMES.size(); p++) {
            Population2010.Programme programme = Population2010.PROGRAMMES.get(p);
            List<CentrePlan> plans = centresByProgramme.get(p);
            int people = Population2010.scaled(programme.people(), scale);
            for (int i = 0; i < people; i++) {
                CentrePlan centre = plans.get(i % plans.size());
                CentrePlan moveTo = null;
                if (programme.programme() == ProgrammeType.VOCATIONAL_ORIENTATION && movesLeft > 0
                        && i % 5 == 0) {
                    moveTo = apprenticeshipCentres.get(apprenticeshipRoundRobin++ % apprenticeshipCentres.size());
                    movesLeft--;
                }
                sink.accept(person(programme.programme(), centre, moveTo));
            }
        }
    }

    private CasePlan person(ProgrammeType programme, CentrePlan centre, CentrePlan moveTo) {
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        LocalDate enrolledOn = day(YEAR_START, LocalDate.of(2010, 10, 31));
        Sex sex = programme == ProgrammeType.EDUCATION_TRAINING || random.nextBoolean() ? Sex.FEMALE : Sex.MALE;
        int age = ageFor(programme);
        LocalDate dateOfBirth = enrolledOn.minusYears(age).minusDays(1 + random.nextInt(360));
        Names.Name given = Names.pick(sex == Sex.FEMALE ? Names.FEMALE : Names.MALE, random);
        Names.Name family = Names.pick(Names.FAMILY, random);
        String nationalId = age >= 18 && random.nextInt(10) < 6
                ? Geography.NATIONAL_ID_PREFIX.get(centre.place().region()) + (nationalIdSequence++) : null;
        LocalDate registeredOn = enrolledOn.minusDays(random.nextInt(15));
        List<Object> commands = new ArrayList<>();
        commands.add(new RegisterBeneficiary(id, new PersonalData(given.arabic(), family.arabic(), given.latin(),
                family.latin(), dateOfBirth, nationalId, null, programme == ProgrammeType.DISABILITY_SUPPORT
                ? "motor" : null), sex, centre.place().region(), centre.province(), household(programme, age),
                registeredOn));
        String enrolmentId = id + "-1";
        commands.add(new EnrolInProgramme(id, enrolmentId, centre.centreId(), programme, enrolledOn,
                programme == ProgrammeType.APPRENTICESHIP ? "Atelier " + Names.pick(Names.FAMILY, random).latin() : null));
        if (random.nextInt(8) == 0) {
            commands.add(new RecordService(id, id + "-s1", enrolmentId, serviceFor(programme),
                    day(enrolledOn, YEAR_END)));
        }
        if (random.nextInt(20) == 0) {
            commands.add(new AddCaseNote(id, id + "-n1", NOTES.get(random.nextInt(NOTES.size())),
                    day(enrolledOn, YEAR_END)));
        }
        followUp(id, commands);
        if (moveTo != null) {
            commands.add(new MoveToApprenticeship(id, enrolmentId, id + "-2", moveTo.centreId(),
                    "Atelier " + Names.pick(Names.FAMILY, random).latin(), day(enrolledOn, YEAR_END)));
            return new CasePlan(commands);
        }
        int outcome = random.nextInt(100);
        LocalDate endedOn = day(enrolledOn, YEAR_END);
        switch (programme) {
            case EDUCATION_TRAINING, APPRENTICESHIP, PRESCHOOL -> {
                if (outcome < 30) {
                    commands.add(new CompleteEnrolment(id, enrolmentId,
                            outcome < 20 ? CompletionOutcome.CERTIFICATE : CompletionOutcome.JOB, endedOn));
                } else if (outcome < 37) {
                    commands.add(new WithdrawFromEnrolment(id, enrolmentId, withdrawal(), endedOn));
                }
            }
            case SOCIAL_CARE -> {
                if (outcome < 6) {
                    commands.add(new DischargeFromInstitution(id, enrolmentId, DischargeReason.RETURNED_TO_FAMILY, endedOn));
                }
            }
            default -> {
                if (outcome < 5) {
                    commands.add(new WithdrawFromEnrolment(id, enrolmentId, withdrawal(), endedOn));
                }
            }
        }
        return new CasePlan(commands);
    }

    /**
     * About one case in twelve gets a follow-up planned today, some already overdue, so that a worker's caseload
     * shows some. Chosen from the case id, not the random generator: the rest of the population stays as it was.
     */
    private static void followUp(String id, List<Object> commands) {
        int pick = Math.floorMod(id.hashCode(), 96);
        if (pick % 12 != 0) {
            return;
        }
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Africa/Casablanca"));
        FollowUpKind kind = FollowUpKind.values()[pick / 12 % FollowUpKind.values().length];
        LocalDate scheduledOn = today.minusDays(21);
        LocalDate dueOn = pick < 48 ? today.minusDays(3 + pick / 12) : today.plusDays(pick / 12);
        commands.add(new ScheduleFollowUp(id, id + "-f1", kind, FOLLOW_UPS.get(pick / 12 % FOLLOW_UPS.size()), dueOn,
                "worker", scheduledOn));
    }

    private static final List<String> FOLLOW_UPS = List.of("Visite à domicile pour faire le point",
            "Appeler la famille pour la reprise des cours", "Compléter le dossier administratif",
            "Entretien de suivi avec la bénéficiaire");

    private int ageFor(ProgrammeType programme) {
        return switch (programme) {
            case EDUCATION_TRAINING -> 15 + random.nextInt(26);
            case SOCIAL_CARE -> random.nextBoolean() ? 6 + random.nextInt(12) : 62 + random.nextInt(27);
            case PRESCHOOL -> 3 + random.nextInt(3);
            case CITIZEN_HOUSE -> 14 + random.nextInt(17);
            case DISABILITY_SUPPORT -> 6 + random.nextInt(30);
            case VOCATIONAL_ORIENTATION -> 15 + random.nextInt(3);
            case APPRENTICESHIP -> 15 + random.nextInt(8);
        };
    }

    private HouseholdSituation household(ProgrammeType programme, int age) {
        if (programme == ProgrammeType.SOCIAL_CARE) {
            return age >= 60 ? HouseholdSituation.ELDERLY_WITHOUT_SUPPORT
                    : random.nextBoolean() ? HouseholdSituation.ORPHAN : HouseholdSituation.ABANDONED_CHILD;
        }
        if (programme == ProgrammeType.EDUCATION_TRAINING && random.nextInt(5) == 0) {
            return HouseholdSituation.WOMAN_IN_DIFFICULTY;
        }
        return random.nextInt(4) == 0 ? HouseholdSituation.SINGLE_PARENT : HouseholdSituation.POOR_HOUSEHOLD;
    }

    private static ServiceType serviceFor(ProgrammeType programme) {
        return switch (programme) {
            case EDUCATION_TRAINING -> ServiceType.LITERACY_CLASS;
            case VOCATIONAL_ORIENTATION, APPRENTICESHIP -> ServiceType.VOCATIONAL_MODULE;
            case SOCIAL_CARE, DISABILITY_SUPPORT -> ServiceType.CARE;
            default -> ServiceType.HEALTH_EDUCATION_SESSION;
        };
    }

    private WithdrawalReason withdrawal() {
        WithdrawalReason[] reasons = WithdrawalReason.values();
        return reasons[random.nextInt(reasons.length)];
    }

    private static final List<String> NOTES = List.of(
            "Entretien avec la famille : situation stable.",
            "زيارة منزلية: الأسرة متعاونة.",
            "Orientation vers le centre de santé le plus proche.",
            "متابعة الحضور: انتظام جيد.");

    // ---- partnerships

    List<SignPartnership> partnerships() {
        int partners = Population2010.scaled(Population2010.PARTNERS_IN_ALL, scale);
        int signedIn2010 = Math.min(partners, Population2010.scaled(Population2010.AGREEMENTS_SIGNED_IN_2010, scale));
        List<SignPartnership> agreements = new ArrayList<>();
        for (int partner = 0; partner < partners; partner++) {
            PartnerType type = partnerType();
            boolean in2010 = partner < signedIn2010;
            LocalDate signedOn = in2010 ? day(YEAR_START, YEAR_END) : day(LocalDate.of(2000, 1, 1), LocalDate.of(2009, 12, 31));
            LocalDate startsOn = signedOn.plusDays(random.nextInt(60));
            String centreId = centres.get(random.nextInt(centres.size())).centreId();
            agreements.add(new SignPartnership("PA-" + String.format("%05d", partner + 1),
                    "PARTNER-" + String.format("%05d", partner + 1), DemoNames.partnerName(type, partner), type,
                    DemoNames.SUBJECTS.get(random.nextInt(DemoNames.SUBJECTS.size())),
                    BigDecimal.valueOf(20_000L + random.nextInt(480) * 1000L),
                    startsOn, startsOn.plusYears(1 + random.nextInt(3)), List.of(centreId), signedOn));
        }
        return agreements;
    }

    private PartnerType partnerType() {
        int r = random.nextInt(100);
        if (r < 40) return PartnerType.COMMUNE;
        if (r < 55) return PartnerType.PUBLIC_INSTITUTION;
        if (r < 90) return PartnerType.NATIONAL_NGO;
        if (r < 95) return PartnerType.FOREIGN_NGO;
        return PartnerType.PRIVATE_COMPANY;
    }

    private LocalDate day(LocalDate from, LocalDate to) {
        long span = to.toEpochDay() - from.toEpochDay();
        return span <= 0 ? from : from.plusDays(random.nextLong(span + 1));
    }
}

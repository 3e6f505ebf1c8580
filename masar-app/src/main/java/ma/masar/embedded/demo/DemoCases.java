package ma.masar.embedded.demo;

import ma.masar.api.beneficiary.AddCaseNote;
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
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.followup.FollowUpKind;
import ma.masar.api.followup.ScheduleFollowUp;
import ma.masar.command.infra.MessageIdentifiers;
import ma.masar.embedded.demo.DemoPopulation.CentrePlan;
import ma.masar.time.AgencyTime;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static ma.masar.embedded.demo.DemoPopulation.YEAR_END;
import static ma.masar.embedded.demo.DemoPopulation.YEAR_START;

/**
 * One person's 2010 case as commands, sent in order: registered, enrolled in the programme they are counted in, perhaps
 * a service, a note or a follow-up, then a move to apprenticeship, a completion, a withdrawal or a discharge, at rates
 * plausible for the programme (age, household, the service it gives). Draws from the population's random stream, so
 * that a seed gives the same people in the same order ({@link DemoPopulation}).
 */
final class DemoCases {

    /** One person's commands, sent in order; different people are sent concurrently. */
    record CasePlan(List<Object> commands) {
    }

    private final Random random;
    private int nationalIdSequence = 100_000;

    DemoCases(Random random) {
        this.random = random;
    }

    /**
     * The case of one person of this programme, enrolled in {@code centre}, moved to {@code moveTo} if not null;
     * {@code order} is her place in the order the load records people ({@link #idInOrder}).
     */
    CasePlan of(long order, ProgrammeType programme, CentrePlan centre, CentrePlan moveTo) {
        String id = idInOrder(order, random.nextLong(), random.nextLong());
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
        LocalDate today = LocalDate.now(AgencyTime.ZONE);
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

    /**
     * A person's id: the layout of a version-7 UUID (RFC 9562), whose 48-bit millisecond is her place in the load's
     * order counted from 2010-01-01 (not a clock: the same seed gives the same ids), and the rest of it random. So
     * people recorded together have ids that sort together, as the identifiers of people registered one after
     * another do, and the read models keyed by person (timelines, caseload cases) and the event store's index by
     * aggregate add to the same few pages of their B-trees instead of to pages anywhere in them. Two draws of the
     * random stream, as before, so the rest of the population is unchanged, but for which cases get a follow-up
     * ({@link #followUp} chooses them from the id).
     */
    static String idInOrder(long order, long firstDraw, long secondDraw) {
        return MessageIdentifiers.version7(ORDER_EPOCH_MILLIS + order, firstDraw, secondDraw);
    }

    /** 2010-01-01T00:00:00Z, the demo year's first millisecond. */
    private static final long ORDER_EPOCH_MILLIS = 1_262_304_000_000L;

    private LocalDate day(LocalDate from, LocalDate to) {
        return DemoPopulation.day(random, from, to);
    }
}

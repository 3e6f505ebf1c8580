package ma.masar.embedded.demo;

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

/**
 * A plausible 2010 population as commands: centres, then each person's case ({@link DemoCases}: register, enrol,
 * perhaps a service, a note, a move to apprenticeship, a completion or a withdrawal), then partnership agreements.
 * Deterministic for a seed; at scale 1 the 2010 counts equal the agency's published figures exactly (every person is
 * enrolled once in 2010 in the programme they are counted in). One seeded random stream draws the whole population
 * in a fixed order (centres, people, agreements): the cases draw from it too, as each person comes. Its names are
 * {@link DemoNames}.
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

    private final double scale;
    private final Random random;
    private final List<CentrePlan> centres = new ArrayList<>();
    private final List<List<CentrePlan>> centresByProgramme = new ArrayList<>();
    private final DemoCases cases;

    DemoPopulation(double scale, long seed) {
        this.scale = scale;
        this.random = new Random(seed);
        this.cases = new DemoCases(random);
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

    /** {@link #forEachCase(int, java.util.function.Consumer)} with ids in the order of the loader's default groups. */
    void forEachCase(java.util.function.Consumer<DemoCases.CasePlan> sink) {
        forEachCase(DemoDataLoader.DEFAULT_GROUP_SIZE, sink);
    }

    /**
     * Calls {@code sink} with each person's plan, programme by programme, centres round-robin. The people's ids sort in
     * the order a load records them when it sends {@code groupSize} plans of one centre together ({@link
     * DemoDataLoader}): a centre's group fills every {@code groupSize} rounds of the round-robin, so the order is the
     * round of groups, then the centre, then the place in the group.
     */
    void forEachCase(int groupSize, java.util.function.Consumer<DemoCases.CasePlan> sink) {
        int movesLeft = Population2010.scaled(Population2010.MOVED_TO_APPRENTICESHIP, scale);
        List<CentrePlan> apprenticeshipCentres = centresByProgramme.get(Population2010.PROGRAMMES.size() - 1);
        int apprenticeshipRoundRobin = 0;
        long firstOfProgramme = 0;
        for (int p = 0; p < Population2010.PROGRAMMES.size(); p++) {
            Population2010.Programme programme = Population2010.PROGRAMMES.get(p);
            List<CentrePlan> plans = centresByProgramme.get(p);
            int people = Population2010.scaled(programme.people(), scale);
            long round = (long) plans.size() * groupSize;
            for (int i = 0; i < people; i++) {
                CentrePlan centre = plans.get(i % plans.size());
                CentrePlan moveTo = null;
                if (programme.programme() == ProgrammeType.VOCATIONAL_ORIENTATION && movesLeft > 0
                        && i % 5 == 0) {
                    moveTo = apprenticeshipCentres.get(apprenticeshipRoundRobin++ % apprenticeshipCentres.size());
                    movesLeft--;
                }
                int inCentre = i / plans.size();
                long order = firstOfProgramme + inCentre / groupSize * round
                             + (long) (i % plans.size()) * groupSize + inCentre % groupSize;
                sink.accept(cases.of(order, programme.programme(), centre, moveTo));
            }
            firstOfProgramme += people == 0 ? 0 : ((people - 1) / plans.size() / groupSize + 1) * round;
        }
    }

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
        return day(random, from, to);
    }

    /** A day from {@code from} to {@code to}, both included, drawn from the population's one random stream. */
    static LocalDate day(Random random, LocalDate from, LocalDate to) {
        long span = to.toEpochDay() - from.toEpochDay();
        return span <= 0 ? from : from.plusDays(random.nextLong(span + 1));
    }
}

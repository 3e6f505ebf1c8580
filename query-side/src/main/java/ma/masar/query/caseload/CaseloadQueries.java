package ma.masar.query.caseload;

import ma.masar.api.query.Caseload;
import ma.masar.api.query.FindCaseload;
import ma.masar.api.query.FindFollowUpCounts;
import ma.masar.api.query.FollowUpCounts;
import ma.masar.query.centres.CentreDocuments;
import ma.masar.query.centres.CentreDocuments.CentreName;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static ma.masar.query.caseload.CaseloadDocuments.CASES;
import static ma.masar.query.caseload.CaseloadDocuments.CENTRES;
import static ma.masar.query.caseload.CaseloadDocuments.PARTNERS;
import static ma.masar.query.caseload.CaseloadDocuments.STATS;

/**
 * Answers the caseload and the managers' follow-up counts. A caseload is two reads by {@code _id}: the worker's
 * centres' rosters, then their cases ({@code $in}); everything else (filters, sorting, overdue, quiet, changed) is
 * worked out in memory from those documents, against today in Casablanca.
 */
@Component
public class CaseloadQueries {

    static final String ANY = "ANY";

    private final CaseloadDocuments documents;
    private final CentreDocuments centres;
    private final Clock clock;

    public CaseloadQueries(CaseloadDocuments documents, CentreDocuments centres, Clock clock) {
        this.documents = documents;
        this.centres = centres;
        this.clock = clock;
    }

    @QueryHandler
    public Caseload handle(FindCaseload query) {
        LocalDate today = LocalDate.now(clock);
        LocalDate quietSince = today.minusWeeks(query.quietWeeks());
        Set<String> onRosters = new LinkedHashSet<>();
        for (Document centre : documents.byIds(CENTRES, query.centres())) {
            onRosters.addAll(centre.get("cases", new Document()).keySet());
        }
        List<Document> summaries = documents.byIds(CASES, onRosters);
        Map<String, CentreName> names = centres.namesOf(query.centres());
        Map<String, int[]> perCentre = new LinkedHashMap<>();
        query.centres().stream().sorted().forEach(centreId -> perCentre.put(centreId, new int[5]));

        List<Caseload.Case> cases = new ArrayList<>();
        int changed = 0;
        int quiet = 0;
        int overdue = 0;
        for (Document document : summaries) {
            if (document.getString("mergedInto") != null) {
                continue; // the person is counted once, as the record she was merged into
            }
            Caseload.Case c = caseOf(document, query, today, quietSince);
            Set<String> placedIn = new LinkedHashSet<>();
            c.enrolments().forEach(p -> placedIn.add(p.centreId()));
            if (placedIn.isEmpty()) {
                continue; // no enrolment of hers that the filters let through
            }
            for (String centreId : placedIn) {
                int[] counts = perCentre.get(centreId);
                counts[0]++;
                counts[1] += c.overdueFollowUps();
                counts[2] += c.overdueReferrals();
                counts[3] += c.quiet() ? 1 : 0;
                counts[4] += c.changed() ? 1 : 0;
            }
            if (query.centre() != null && !placedIn.contains(query.centre())) {
                continue;
            }
            cases.add(c);
            changed += c.changed() ? 1 : 0;
            quiet += c.quiet() ? 1 : 0;
            overdue += c.overdueFollowUps() + c.overdueReferrals() > 0 ? 1 : 0;
        }
        cases.sort(order(query.sort()));
        int total = cases.size();
        List<Caseload.Case> listed = cases.size() > query.limit() ? List.copyOf(cases.subList(0, query.limit())) : cases;
        List<Caseload.CentreLoad> loads = new ArrayList<>();
        perCentre.forEach((centreId, counts) -> {
            CentreName name = names.get(centreId);
            loads.add(new Caseload.CentreLoad(centreId, name == null ? null : name.arabic(),
                    name == null ? null : name.french(), counts[0], counts[1], counts[2], counts[3], counts[4]));
        });
        return new Caseload(today, query.quietWeeks(), quietSince, query.since(), total, changed, quiet,
                overdue, loads, listed);
    }

    private static Caseload.Case caseOf(Document document, FindCaseload query, LocalDate today, LocalDate quietSince) {
        List<Caseload.Placement> placements = new ArrayList<>();
        Document enrolments = document.get("enrolments", new Document());
        for (String enrolmentId : enrolments.keySet()) {
            Document e = enrolments.get(enrolmentId, Document.class);
            String status = e.getString("status");
            boolean wanted = query.centres().contains(e.getString("centreId"))
                    && (query.programme() == null || query.programme().equals(e.getString("programme")))
                    && (ANY.equals(query.status()) || query.status().equals(status));
            if (wanted) {
                placements.add(new Caseload.Placement(enrolmentId, e.getString("centreId"), e.getString("programme"),
                        status, LocalDate.parse(e.getString("enrolledOn"))));
            }
        }
        placements.sort(Comparator.comparing(Caseload.Placement::enrolledOn).reversed());
        int open = 0;
        int overdueFollowUps = 0;
        LocalDate nextDue = null;
        Document followUps = document.get("followUps", new Document());
        for (String id : followUps.keySet()) {
            Document f = followUps.get(id, Document.class);
            if ("OPEN".equals(f.getString("status"))) {
                LocalDate due = LocalDate.parse(f.getString("dueOn"));
                open++;
                overdueFollowUps += due.isBefore(today) ? 1 : 0;
                nextDue = nextDue == null || due.isBefore(nextDue) ? due : nextDue;
            }
        }
        int overdueReferrals = 0;
        Document referrals = document.get("referrals", new Document());
        for (String id : referrals.keySet()) {
            if (overdue(referrals.get(id, Document.class), today)) {
                overdueReferrals++;
            }
        }
        String lastFact = document.getString("lastFactOn");
        LocalDate lastFactOn = lastFact == null ? null : LocalDate.parse(lastFact);
        Instant lastChangeAt = document.getDate("lastChangeAt") == null ? null
                : document.getDate("lastChangeAt").toInstant();
        Document names = document.get("names", new Document());
        return new Caseload.Case(document.getString("_id"), names.getString("givenNameAr"),
                names.getString("familyNameAr"), names.getString("givenNameLatin"), names.getString("familyNameLatin"),
                document.getBoolean("erased", false), placements, lastFactOn, lastChangeAt,
                document.getString("lastChange"),
                query.since() != null && lastChangeAt != null && lastChangeAt.isAfter(query.since()),
                lastFactOn == null || lastFactOn.isBefore(quietSince), open, overdueFollowUps, nextDue,
                overdueReferrals);
    }

    /** A referral past its response deadline with no answer from the partner. */
    private static boolean overdue(Document referral, LocalDate today) {
        String respondBy = referral.getString("respondBy");
        return respondBy != null && referral.getString("outcome") == null && LocalDate.parse(respondBy).isBefore(today);
    }

    private static Comparator<Caseload.Case> order(String sort) {
        Comparator<Caseload.Case> byName = Comparator.comparing(
                (Caseload.Case c) -> (nullToEmpty(c.familyNameLatin()) + " " + nullToEmpty(c.givenNameLatin()))
                        .toLowerCase())
                .thenComparing(Caseload.Case::beneficiaryId);
        return switch (sort == null ? "attention" : sort) {
            case "name" -> byName;
            case "lastFact" -> Comparator.comparing(Caseload.Case::lastFactOn,
                    Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(byName);
            case "due" -> Comparator.comparing(Caseload.Case::nextDueOn,
                    Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(byName);
            case "enrolledOn" -> Comparator.comparing((Caseload.Case c) -> c.enrolments().get(0).enrolledOn())
                    .reversed().thenComparing(byName);
            default -> Comparator.comparing((Caseload.Case c) -> -(c.overdueFollowUps() + c.overdueReferrals()))
                    .thenComparing(c -> !c.changed())
                    .thenComparing(c -> !c.quiet())
                    .thenComparing(byName);
        };
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    // ---- the managers' counts

    @QueryHandler
    public FollowUpCounts handle(FindFollowUpCounts query) {
        LocalDate today = LocalDate.now(clock);
        Map<String, String> kinds = new HashMap<>();
        for (Document partner : documents.collection(PARTNERS).find()) {
            kinds.put(partner.getString("_id"), partner.getString("kind"));
        }
        List<Document> stats = documents.collection(STATS).find().into(new ArrayList<>());
        Map<String, CentreName> names = centres.namesOf(stats.stream().map(s -> s.getString("_id")).toList());
        List<FollowUpCounts.CentreRow> rows = new ArrayList<>();
        long open = 0;
        long overdue = 0;
        Map<String, long[]> total = new TreeMap<>();
        for (Document centre : stats) {
            Document openFollowUps = centre.get("openFollowUps", new Document());
            long centreOverdue = openFollowUps.values().stream()
                    .filter(due -> LocalDate.parse(due.toString()).isBefore(today)).count();
            Map<String, long[]> byKind = new TreeMap<>();
            Document referrals = centre.get("referrals", new Document());
            for (Object value : referrals.values()) {
                Document referral = (Document) value;
                if (query.year() != null
                        && LocalDate.parse(referral.getString("referredOn")).getYear() != query.year()) {
                    continue;
                }
                String kind = kinds.getOrDefault(referral.getString("partnershipId"), "UNKNOWN");
                tally(byKind.computeIfAbsent(kind, k -> new long[5]), referral, today);
                tally(total.computeIfAbsent(kind, k -> new long[5]), referral, today);
            }
            if (openFollowUps.isEmpty() && byKind.isEmpty()) {
                continue;
            }
            CentreName name = names.get(centre.getString("_id"));
            rows.add(new FollowUpCounts.CentreRow(centre.getString("_id"), name == null ? null : name.arabic(),
                    name == null ? null : name.french(), openFollowUps.size(), centreOverdue, tallies(byKind)));
            open += openFollowUps.size();
            overdue += centreOverdue;
        }
        rows.sort(Comparator.comparing(FollowUpCounts.CentreRow::overdueFollowUps).reversed()
                .thenComparing(FollowUpCounts.CentreRow::centreId));
        return new FollowUpCounts(query.year(), today, rows, new FollowUpCounts.Totals(open, overdue, tallies(total)));
    }

    private static void tally(long[] counts, Document referral, LocalDate today) {
        counts[0]++;
        String outcome = referral.getString("outcome");
        if ("ACCEPTED".equals(outcome)) {
            counts[1]++;
        } else if ("REFUSED".equals(outcome)) {
            counts[2]++;
        } else if ("SERVICE_DELIVERED".equals(outcome)) {
            counts[3]++;
        }
        counts[4] += overdue(referral, today) ? 1 : 0;
    }

    private static Map<String, FollowUpCounts.ReferralTally> tallies(Map<String, long[]> counts) {
        Map<String, FollowUpCounts.ReferralTally> tallies = new TreeMap<>();
        counts.forEach((kind, c) -> tallies.put(kind, new FollowUpCounts.ReferralTally(c[0], c[1], c[2], c[3], c[4])));
        return tallies;
    }
}

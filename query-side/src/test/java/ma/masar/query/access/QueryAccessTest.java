package ma.masar.query.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.centre.CentreOpened;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.staff.StaffAssignedToCentre;
import ma.masar.api.staff.StaffAssignmentEnded;
import ma.masar.api.staff.StaffStream;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import ma.masar.time.AgencyTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may read what on the query side: every endpoint as no one and as each role; a social worker held to the cases
 * of her centres unless she states a reason; every opening of a case recorded and listed for auditors; and no
 * personal data in anything a manager can read. worker-a works in CENTRE-A (src/test/resources/config/masar-query.yml).
 */
class QueryAccessTest extends QuerySideTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PEOPLE = List.of("anonymous", "worker-a", "auditor", "manager", "admin");

    private String inA;
    private String inB;
    private String centreB;
    private String surnameA;
    private String nationalIdA;

    record Reply(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError(body, e);
            }
        }
    }

    @BeforeEach
    void twoCasesInTwoCentres() {
        Facts facts = facts();
        String centreA = "CENTRE-A";
        centreB = "CENTRE-B-" + Facts.newId("c");
        for (String centre : List.of(centreA, centreB)) {
            if (centre.equals(centreA) && get("/api/centres/CENTRE-A/occupancy").status() == 200) {
                continue;
            }
            facts.centre(centre, new CentreOpened(centre, CentreType.EDUCATION_TRAINING_CENTRE, "مركز", "Centre",
                    Region.FES_MEKNES, "Sefrou", 30, Operator.agency(), null, LocalDate.of(2005, 9, 1)));
        }
        inA = Facts.newId("b");
        inB = Facts.newId("b");
        surnameA = "Zerhouni" + inA.substring(2, 8).replaceAll("[^a-z]", "x");
        nationalIdA = "ZA" + Math.abs(inA.hashCode());
        facts.beneficiary(inA, Facts.registered(inA, Facts.person("سلمى", "الزرهوني", "Salma", surnameA, 1990,
                nationalIdA), Region.FES_MEKNES, "Sefrou", LocalDate.of(2010, 1, 5)));
        facts.beneficiary(inA, new EnrolledInProgramme(inA, Facts.placement(inA + "-e", centreA,
                ProgrammeType.EDUCATION_TRAINING, Region.FES_MEKNES, "Sefrou", LocalDate.of(2010, 2, 1)), null));
        facts.beneficiary(inB, Facts.registered(inB, Facts.person("هند", "البقالي", "Hind", surnameA, 1991,
                "ZB" + Math.abs(inB.hashCode())), Region.FES_MEKNES, "Sefrou", LocalDate.of(2010, 1, 6)));
        facts.beneficiary(inB, new EnrolledInProgramme(inB, Facts.placement(inB + "-e", centreB,
                ProgrammeType.EDUCATION_TRAINING, Region.FES_MEKNES, "Sefrou", LocalDate.of(2010, 2, 1)), null));
        awaitProjected();
    }

    private Reply call(String user, String method, String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(20)).header("Accept-Language", "fr");
            if (!"anonymous".equals(user)) {
                request.header("Authorization", basic(user));
            }
            request.method(method, method.equals("POST")
                    ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
            if (method.equals("POST")) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = http().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyEndpointAnswersEachRoleAsTheTableSays() {
        String timeline = "/api/beneficiaries/" + inA + "/timeline";
        // endpoint -> the people who get past access control (everyone else signed in: 403; no one: 401)
        Map<String, List<String>> table = new LinkedHashMap<>();
        table.put("GET " + timeline, List.of("worker-a", "auditor"));
        table.put("GET /api/beneficiaries/" + inA, List.of("worker-a", "auditor"));
        table.put("GET /api/beneficiaries?q=" + surnameA, List.of("worker-a", "auditor"));
        table.put("GET /api/stats/programmes?year=2010", List.of("worker-a", "auditor", "manager", "admin"));
        table.put("GET /api/stats/partnerships", List.of("worker-a", "auditor", "manager", "admin"));
        table.put("GET /api/stats/follow-ups?year=2010", List.of("worker-a", "auditor", "manager", "admin"));
        table.put("GET /api/beneficiaries/caseload", List.of("worker-a"));
        table.put("GET /api/centres", List.of("worker-a", "auditor", "manager", "admin"));
        table.put("GET /api/centres/CENTRE-A/occupancy", List.of("worker-a", "auditor", "manager", "admin"));
        table.put("GET /api/partnerships", List.of("worker-a", "auditor", "manager", "admin"));
        table.put("GET /api/audit/events?limit=5", List.of("auditor"));
        table.put("GET /api/audit/export?format=jsonl&beneficiaryId=" + inA, List.of("auditor"));
        table.put("GET /api/audit/beneficiaries/" + inA, List.of("auditor"));
        table.put("GET /api/audit/dead-letters", List.of("auditor", "admin"));
        table.put("POST /api/audit/rebuilds", List.of("auditor"));
        table.put("POST /api/audit/dead-letters/none/none/retry", List.of("admin"));
        table.put("GET /actuator/metrics", List.of("admin"));
        table.put("GET /api/staff", List.of("auditor", "admin"));
        table.put("GET /api/staff/worker-a/assignments", List.of("auditor", "admin"));

        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, List<String>> row : table.entrySet()) {
            String method = row.getKey().substring(0, row.getKey().indexOf(' '));
            String path = row.getKey().substring(method.length() + 1);
            for (String user : PEOPLE) {
                Reply reply = call(user, method, path);
                int expected = user.equals("anonymous") ? 401 : row.getValue().contains(user) ? 0 : 403;
                boolean ok = expected == 0 ? reply.status() != 401 && reply.status() != 403
                        : reply.status() == expected && reply.contentType().contains("application/problem+json");
                if (!ok) {
                    wrong.add(user + " " + row.getKey() + " -> " + reply.status());
                }
                if (user.equals("manager") && reply.status() == 200) {
                    assertThat(reply.body()).as("a manager reads no personal data: " + path)
                            .doesNotContain(surnameA, nationalIdA, "Salma", "سلمى", "Hay Mohammadi");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(call("anonymous", "GET", "/actuator/health").status()).isIn(200, 503);
    }

    @Test
    void aSocialWorkerReadsTheCasesOfHerCentresAndOthersOnlyWithAReasonThatAuditorsSee() {
        // her centre's case
        Reply hers = call("worker-a", "GET", "/api/beneficiaries/" + inA + "/timeline?lang=fr");
        assertThat(hers.status()).isEqualTo(200);

        // another centre's case: refused, and told how to open it
        Reply refused = call("worker-a", "GET", "/api/beneficiaries/" + inB + "/timeline");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("rule").asText()).isEqualTo("OutsideYourCentres");
        assertThat(refused.json().get("reasonRequired").asBoolean()).isTrue();
        assertThat(refused.body()).doesNotContain("Hind", surnameA);
        assertThat(call("worker-a", "GET", "/api/beneficiaries/" + inB).status()).isEqualTo(403);
        Reply herPerson = call("worker-a", "GET", "/api/beneficiaries/" + inA);
        assertThat(herPerson.json().get("familyNameLatin").asText()).isEqualTo(surnameA);
        assertThat(herPerson.json().get("nationalId").asText()).isEqualTo(nationalIdA);

        // the search finds hers, not the other with the same family name
        Reply search = call("worker-a", "GET", "/api/beneficiaries?q=" + surnameA);
        assertThat(search.status()).isEqualTo(200);
        List<String> found = new ArrayList<>();
        search.json().get("items").forEach(item -> found.add(item.get("beneficiaryId").asText()));
        assertThat(found).contains(inA).doesNotContain(inB);
        Reply auditorSearch = call("auditor", "GET", "/api/beneficiaries?q=" + surnameA);
        List<String> auditorFound = new ArrayList<>();
        auditorSearch.json().get("items").forEach(item -> auditorFound.add(item.get("beneficiaryId").asText()));
        assertThat(auditorFound).contains(inA, inB);

        // breaking the glass: with a reason she reads it, and may refresh it for a while without restating it
        String reason = "Transfert annoncé par le centre de Sefrou";
        Reply opened = call("worker-a", "GET", "/api/beneficiaries/" + inB + "/timeline?reason="
                + URLEncoder.encode(reason, StandardCharsets.UTF_8));
        assertThat(opened.status()).isEqualTo(200);
        assertThat(call("worker-a", "GET", "/api/beneficiaries/" + inB + "/timeline").status()).isEqualTo(200);

        // the auditors see who opened which case, and why when it was outside her centres
        JsonNode reads = call("auditor", "GET", "/api/audit/events?type=CaseOpened&beneficiaryId=" + inB + "&limit=50")
                .json().get("events");
        List<JsonNode> byWorker = new ArrayList<>();
        reads.forEach(read -> {
            if ("worker-a".equals(read.get("userId").asText())) {
                byWorker.add(read.get("payload"));
            }
        });
        assertThat(byWorker).hasSize(1); // the refused reads opened nothing; the refreshes are the same opening
        assertThat(byWorker.get(0).get("outsideCentres").asBoolean()).isTrue();
        assertThat(byWorker.get(0).get("reason").asText()).isEqualTo(reason);
        assertThat(byWorker.get(0).get("view").asText()).isEqualTo("TIMELINE");
        JsonNode ownReads = call("auditor", "GET", "/api/audit/events?type=CaseOpened&beneficiaryId=" + inA)
                .json().get("events");
        assertThat(ownReads).anySatisfy(read -> {
            assertThat(read.get("userId").asText()).isEqualTo("worker-a");
            assertThat(read.get("payload").get("view").asText()).isEqualTo("TIMELINE");
            assertThat(read.get("payload").get("outsideCentres").asBoolean()).isFalse();
        }).anySatisfy(read -> {
            assertThat(read.get("userId").asText()).isEqualTo("worker-a");
            assertThat(read.get("payload").get("view").asText()).isEqualTo("PERSON");
        });
    }

    /**
     * A person a social worker registered a moment ago is hers before the search read model has seen her: the page
     * she is sent to after registering must not ask her for a reason to open her own case (the case's own events
     * decide when the read model says no). A case registered by someone else a moment ago stays outside.
     */
    @Test
    void aPersonSheRegisteredAMomentAgoIsHersBeforeTheReadModelHasSeenHer() {
        Facts facts = facts();
        String hers = Facts.newId("registered-now");
        facts.record("Beneficiary", hers, Facts.registered(hers, Facts.person("ليلى", "التازي", "Layla", "Tazi", 1993,
                null), Region.ORIENTAL, "Oujda", LocalDate.of(2010, 3, 1)), Instant.now(), "worker-b");
        Reply opened = call("worker-b", "GET", "/api/beneficiaries/" + hers + "/timeline?lang=fr");
        assertThat(opened.status()).as(opened.body()).isIn(200, 404);

        String others = Facts.newId("registered-by-another");
        facts.record("Beneficiary", others, Facts.registered(others, Facts.person("نوال", "الفاسي", "Nawal", "Fassi",
                1994, null), Region.ORIENTAL, "Oujda", LocalDate.of(2010, 3, 1)), Instant.now(), "worker-7");
        Reply refused = call("worker-b", "GET", "/api/beneficiaries/" + others + "/timeline?lang=fr");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("rule").asText()).isEqualTo("OutsideYourCentres");
    }

    /**
     * Issue 18 on the query side: worker-b has no configured centre. Assigned to centre B (an event in her stream),
     * she reads its case and finds it at once, before any read model has seen the assignment; the assignment ended
     * today, the next read is refused. Administrators and auditors see her assignments and who recorded them.
     */
    @Test
    void anAssignmentOpensHerCentresCasesAtOnceAndItsEndClosesThem() {
        Facts facts = facts();
        String stream = StaffStream.of("worker-b");
        LocalDate today = LocalDate.now(AgencyTime.ZONE);
        assertThat(call("worker-b", "GET", "/api/beneficiaries/" + inB + "/timeline").status()).isEqualTo(403);

        facts.record("StaffMember", stream, new StaffAssignedToCentre("worker-b", centreB, today), Instant.now(), "admin");
        assertThat(call("worker-b", "GET", "/api/beneficiaries/" + inB + "/timeline?lang=fr").status())
                .as("read from her stream, not from a read model that may lag").isEqualTo(200);
        assertThat(call("worker-b", "GET", "/api/beneficiaries/" + inB).json().get("givenNameLatin").asText())
                .isEqualTo("Hind");
        List<String> found = new ArrayList<>();
        call("worker-b", "GET", "/api/beneficiaries?q=" + surnameA).json().get("items")
                .forEach(item -> found.add(item.get("beneficiaryId").asText()));
        assertThat(found).contains(inB).doesNotContain(inA);
        assertThat(call("worker-b", "GET", "/api/beneficiaries/" + inA).status()).isEqualTo(403);

        facts.record("StaffMember", stream, new StaffAssignmentEnded("worker-b", centreB, today), Instant.now(), "admin");
        Reply ended = call("worker-b", "GET", "/api/beneficiaries/" + inB + "/timeline");
        assertThat(ended.status()).isEqualTo(403);
        assertThat(ended.json().get("rule").asText()).isEqualTo("OutsideYourCentres");
        assertThat(call("worker-b", "GET", "/api/beneficiaries/" + inB).status()).isEqualTo(403);

        awaitProjected();
        JsonNode history = call("auditor", "GET", "/api/staff/worker-b/assignments").json();
        assertThat(history.get("centresToday")).isEmpty();
        assertThat(history.get("assignments")).singleElement().satisfies(a -> {
            assertThat(a.get("centreId").asText()).isEqualTo(centreB);
            assertThat(a.get("from").asText()).isEqualTo(today.toString());
            assertThat(a.get("endsOn").asText()).isEqualTo(today.toString());
            assertThat(a.get("assignedBy").asText()).isEqualTo("admin");
            assertThat(a.get("endedBy").asText()).isEqualTo("admin");
            assertThat(a.get("assignedAt").asText()).isNotBlank();
        });
        assertThat(call("admin", "GET", "/api/staff").json()).anySatisfy(person ->
                assertThat(person.get("staffId").asText()).isEqualTo("worker-b"));
        assertThat(call("worker-b", "GET", "/api/staff/worker-b/assignments").status()).isEqualTo(403);
        assertThat(call("admin", "GET", "/api/staff/nobody-here/assignments").status()).isEqualTo(404);
    }

    @Test
    void anAuditorsAsOfViewIsRecordedToo() {
        assertThat(call("auditor", "GET", "/api/audit/beneficiaries/" + inA).status()).isEqualTo(200);
        JsonNode reads = call("auditor", "GET", "/api/audit/events?type=CaseOpened&beneficiaryId=" + inA)
                .json().get("events");
        assertThat(reads).anySatisfy(read -> {
            assertThat(read.get("userId").asText()).isEqualTo("auditor");
            assertThat(read.get("payload").get("view").asText()).isEqualTo("AS_OF");
        });
    }

    private List<JsonNode> openingsBy(String user, String beneficiaryId) {
        JsonNode reads = call("auditor", "GET", "/api/audit/events?type=CaseOpened&beneficiaryId=" + beneficiaryId
                + "&limit=100").json().get("events");
        List<JsonNode> by = new ArrayList<>();
        reads.forEach(read -> {
            if (user.equals(read.get("userId").asText())) {
                by.add(read.get("payload"));
            }
        });
        return by;
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A reason is recorded for auditors and exported: hidden, reordering or line-breaking characters are refused. */
    @Test
    void aReasonThatIsNotRealTextIsRefusedAndOpensNothing() {
        for (String bad : List.of("\u200B\u200B\u200B\u200B", "abc\u0000def", "Motif \u202Eesrever", "ligne\r\nautre",
                "\u0640\u0640\u0640", "ab", "!!!!!!", "x".repeat(501))) {
            Reply refused = call("worker-a", "GET", "/api/beneficiaries/" + inB + "/timeline?reason=" + encoded(bad));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("parameter").asText()).isEqualTo("reason");
        }
        assertThat(openingsBy("worker-a", inB)).isEmpty();
        // spaces are made one and trimmed; what is stored is plain text
        assertThat(call("worker-a", "GET", "/api/beneficiaries/" + inB + "/timeline?reason="
                + encoded("  Suivi   demandé\u00A0par la famille ")).status()).isEqualTo(200);
        assertThat(openingsBy("worker-a", inB)).singleElement()
                .satisfies(read -> assertThat(read.get("reason").asText()).isEqualTo("Suivi demandé par la famille"));
    }

    /** The reason given on one view covers the other views of the case for a while, and is recorded on each of them. */
    @Test
    void aReasonCoveringOtherViewsIsRecordedOnEachOpening() {
        String reason = "Signalement du centre voisin";
        assertThat(call("worker-a", "GET", "/api/beneficiaries/" + inB + "/timeline?reason=" + encoded(reason))
                .status()).isEqualTo(200);
        assertThat(call("worker-a", "GET", "/api/beneficiaries/" + inB).status()).isEqualTo(200);
        List<JsonNode> openings = openingsBy("worker-a", inB);
        assertThat(openings).hasSize(2).allSatisfy(read -> {
            assertThat(read.get("outsideCentres").asBoolean()).isTrue();
            assertThat(read.get("reason").asText()).isEqualTo(reason);
        });
        assertThat(openings).extracting(read -> read.get("view").asText()).containsExactlyInAnyOrder("TIMELINE", "PERSON");
    }

    /** Only a case that exists and is shown leaves an opening: refused, made-up and malformed requests leave none. */
    @Test
    void anOpeningIsRecordedOnlyForACaseThatIsShown() {
        String madeUp = Facts.newId("b");
        String reason = "Vérification d'un signalement";
        assertThat(call("worker-a", "GET", "/api/beneficiaries/" + madeUp + "?reason=" + encoded(reason)).status())
                .isEqualTo(404);
        assertThat(call("worker-a", "GET", "/api/beneficiaries/" + madeUp + "/timeline?reason=" + encoded(reason))
                .status()).isEqualTo(404);
        assertThat(call("auditor", "GET", "/api/audit/beneficiaries/" + madeUp).status()).isEqualTo(404);
        assertThat(call("auditor", "GET", "/api/audit/beneficiaries/" + inA + "/diff?from=2010-01-01&to=later").status())
                .isEqualTo(400);
        assertThat(call("auditor", "GET", "/api/audit/beneficiaries/" + inA + "/diff?from=2010-06-01&to=2010-01-01")
                .status()).isEqualTo(400);
        assertThat(call("auditor", "GET", "/api/audit/beneficiaries/" + inA + "?asOf=yesterday").status())
                .isEqualTo(400);
        assertThat(openingsBy("worker-a", madeUp)).isEmpty();
        assertThat(openingsBy("auditor", madeUp)).isEmpty();
        assertThat(openingsBy("auditor", inA)).isEmpty();
    }
}

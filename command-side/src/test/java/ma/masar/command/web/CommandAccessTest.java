package ma.masar.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.masar.api.centre.OpenCentre;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.Region;
import ma.masar.command.CommandTestApplication;
import ma.masar.command.TestUsers;
import ma.masar.time.AgencyTime;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may send which command: every command endpoint called as no one and as each role, and a social worker held to
 * the cases of her centres. worker-a works in CENTRE-A only (src/test/resources/config/masar-command.yml).
 */
class CommandAccessTest {

    private static final List<String> PEOPLE = List.of("anonymous", "worker-a", "auditor", "manager", "admin");
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();
    private static ConfigurableApplicationContext app;
    private static String base;
    private static JdbcTemplate jdbc;

    record Reply(int status, JsonNode body) {
    }

    @BeforeAll
    static void start() throws Exception {
        app = CommandTestApplication.start(CommandTestApplication.freshDataDir());
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        jdbc = app.getBean(JdbcTemplate.class);
        CommandGateway commands = app.getBean(CommandGateway.class);
        for (String centre : List.of("CENTRE-A", "CENTRE-B", "CENTRE-X")) {
            commands.sendAndWait(new OpenCentre(centre, CentreType.EDUCATION_TRAINING_CENTRE, "مركز", "Centre " + centre,
                    Region.FES_MEKNES, "Sefrou", 50, Operator.agency(), null, LocalDate.of(2005, 9, 1)));
        }
        commands.sendAndWait(new OpenCentre("ORIENTATION-B", CentreType.VOCATIONAL_FAMILIARISATION_CENTRE, "مركز",
                "Orientation B", Region.FES_MEKNES, "Sefrou", 50, Operator.agency(), null, LocalDate.of(2005, 9, 1)));
        commands.sendAndWait(new OpenCentre("APPRENTICESHIP-A", CentreType.APPRENTICESHIP_CENTRE, "مركز",
                "Apprenticeship A", Region.FES_MEKNES, "Sefrou", 50, Operator.agency(), null, LocalDate.of(2005, 9, 1)));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Reply post(String user, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("Accept-Language", "fr")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!"anonymous".equals(user)) {
            request.header("Authorization", TestUsers.basic(user));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isEmpty() ? null : json.readTree(response.body()));
    }

    static String register(String user) throws Exception {
        Reply reply = post(user, "/api/beneficiaries", CommandApiTest.personJson(null));
        assertThat(reply.status()).isEqualTo(201);
        return reply.body().get("beneficiaryId").asText();
    }

    static String enrol(String user, String beneficiaryId, String centreId) throws Exception {
        Reply reply = post(user, "/api/beneficiaries/" + beneficiaryId + "/enrolments", enrolment(centreId));
        assertThat(reply.status()).as(reply.body() == null ? "" : reply.body().toString()).isEqualTo(201);
        return reply.body().get("enrolmentId").asText();
    }

    static String enrolment(String centreId) {
        return "{\"centreId\":\"" + centreId + "\",\"programme\":\"EDUCATION_TRAINING\",\"enrolledOn\":\"2010-02-01\"}";
    }

    static long storedEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    /** Every command about a case, each with a body the case's own rules could judge, by path. */
    static Map<String, String> caseCommands(String beneficiaryId, String enrolmentId, String apprenticeshipCentre) {
        String b = "/api/beneficiaries/" + beneficiaryId;
        String e = b + "/enrolments/" + enrolmentId;
        Map<String, String> commands = new LinkedHashMap<>();
        commands.put(b + "/corrections", "{\"correctedEventId\":\"x\",\"reason\":\"typo\",\"person\":"
                + CommandApiTest.personJson(null) + "}");
        commands.put(b + "/enrolments", enrolment("CENTRE-A"));
        commands.put(b + "/services", "{\"enrolmentId\":\"" + enrolmentId + "\",\"type\":\"CARE\",\"deliveredOn\":\"2010-03-01\"}");
        commands.put(b + "/notes", "{\"text\":\"Visite\",\"writtenOn\":\"2010-03-01\"}");
        commands.put(e + "/apprenticeship", "{\"apprenticeshipCentreId\":\"" + apprenticeshipCentre
                + "\",\"hostCompany\":\"Atlas\",\"contractDate\":\"2010-05-01\"}");
        commands.put(e + "/discharge", "{\"reason\":\"OTHER\",\"dischargedOn\":\"2010-06-01\"}");
        commands.put(e + "/completion", "{\"outcome\":\"CERTIFICATE\",\"completedOn\":\"2010-06-01\"}");
        commands.put(e + "/withdrawal", "{\"reason\":\"FAMILY\",\"withdrawnOn\":\"2010-06-01\"}");
        commands.put(b + "/consents", "{\"scope\":\"REFERRAL\",\"purpose\":\"Orientation\",\"givenOn\":\"2010-03-01\"}");
        commands.put(b + "/consents/REFERRAL/withdrawal", "{\"withdrawnOn\":\"2010-04-01\"}");
        commands.put(b + "/referrals", "{\"partnershipId\":\"p-unknown\",\"purpose\":\"Soins\",\"referredOn\":\"2010-03-02\"}");
        commands.put(b + "/follow-ups", "{\"kind\":\"HOME_VISIT\",\"what\":\"Visite\",\"dueOn\":\"2010-04-01\",\"scheduledOn\":\"2010-03-01\"}");
        commands.put(b + "/follow-ups/f-unknown/completion", "{\"doneOn\":\"2010-03-05\"}");
        commands.put(b + "/follow-ups/f-unknown/cancellation", "{\"cancelledOn\":\"2010-03-05\"}");
        commands.put(b + "/referrals/r-unknown/deadline", "{\"respondBy\":\"2010-04-01\"}");
        commands.put(b + "/referrals/r-unknown/outcome", "{\"outcome\":\"ACCEPTED\",\"outcomeOn\":\"2010-03-05\"}");
        return commands;
    }

    @Test
    void everyCommandEndpointAnswersEachRoleAsTheTableSays() throws Exception {
        String person = register(TestUsers.CLERK);
        String enrolmentId = enrol(TestUsers.CLERK, person, "CENTRE-A");
        Map<String, String> caseCommands = new LinkedHashMap<>();
        caseCommands.put("/api/beneficiaries", CommandApiTest.personJson(null));
        caseCommands.putAll(caseCommands(person, enrolmentId, "CENTRE-A"));
        Map<String, String> adminCommands = new LinkedHashMap<>();
        adminCommands.put("/api/centres", """
                {"type":"KINDERGARTEN","nameAr":"روض","nameFr":"Jardin","region":"FES_MEKNES","province":"Sefrou",
                 "capacity":20,"operatorKind":"AGENCY","openedOn":"2009-09-01"}""");
        adminCommands.put("/api/centres/CENTRE-X/capacity", "{\"capacity\":60,\"effectiveOn\":\"2010-01-01\"}");
        adminCommands.put("/api/centres/CENTRE-X/conversion", "{\"convertedOn\":\"2010-01-01\"}");
        adminCommands.put("/api/partnerships", """
                {"partnerId":"commune-sefrou","partnerName":"Commune de Sefrou","partnerType":"COMMUNE",
                 "subject":"Alphabétisation","amountMad":1000,"startsOn":"2010-01-01","endsOn":"2012-12-31",
                 "centreIds":["CENTRE-X"],"signedOn":"2009-12-20"}""");
        adminCommands.put("/api/partnerships/p-unknown/amendments", "{\"subject\":\"Alpha\",\"amountMad\":1,"
                + "\"endsOn\":\"2013-01-01\",\"centreIds\":[],\"amendedOn\":\"2010-03-01\",\"reason\":\"r\"}");
        adminCommands.put("/api/partnerships/p-unknown/end", "{\"endedOn\":\"2010-06-01\",\"reason\":\"done\"}");
        adminCommands.put("/api/beneficiaries/" + register(TestUsers.CLERK) + "/erasure",
                "{\"legalGround\":\"CONSENT_WITHDRAWN\",\"requestReference\":\"CNDP-1\"}");
        adminCommands.put("/api/staff/someone/assignments", "{\"centreId\":\"CENTRE-X\",\"from\":\"2010-01-01\"}");
        adminCommands.put("/api/staff/someone/assignments/CENTRE-X/end", "{\"on\":\"2010-06-01\"}");
        adminCommands.put("/api/centres/CENTRE-X/closure", "{\"closedOn\":\"2010-01-01\",\"reason\":\"merged\"}");

        List<String> wrong = new ArrayList<>();
        check(caseCommands, "worker-a", wrong);
        check(adminCommands, "admin", wrong);
        assertThat(wrong).isEmpty();
    }

    /** The one allowed person gets past access (any answer but 401/403); no one gets 401; everyone else 403. */
    private static void check(Map<String, String> commands, String allowed, List<String> wrong) throws Exception {
        for (Map.Entry<String, String> command : commands.entrySet()) {
            for (String user : PEOPLE) {
                long before = storedEvents();
                Reply reply = post(user, command.getKey(), command.getValue());
                boolean ok = switch (user) {
                    case "anonymous" -> reply.status() == 401;
                    default -> user.equals(allowed) ? reply.status() != 401 && reply.status() != 403
                                                    : reply.status() == 403;
                };
                if (reply.status() == 401 || reply.status() == 403) {
                    ok &= storedEvents() == before && reply.body() != null && reply.body().has("title");
                }
                if (!ok) {
                    wrong.add(user + " POST " + command.getKey() + " -> " + reply.status());
                }
            }
        }
    }

    @Test
    void aSocialWorkerChangesOnlyTheCasesOfHerCentres() throws Exception {
        // hers: registered by her, enrolled by her into her centre
        String hers = register("worker-a");
        assertThat(post("worker-a", "/api/beneficiaries/" + hers + "/notes",
                "{\"text\":\"Première visite\",\"writtenOn\":\"2010-01-11\"}").status()).isEqualTo(201);
        long before = storedEvents();
        Reply elsewhere = post("worker-a", "/api/beneficiaries/" + hers + "/enrolments", enrolment("CENTRE-B"));
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.body().get("rule").asText()).isEqualTo("OutsideYourCentres");
        assertThat(storedEvents()).isEqualTo(before);
        String enrolmentId = enrol("worker-a", hers, "CENTRE-A");
        assertThat(post("worker-a", "/api/beneficiaries/" + hers + "/enrolments/" + enrolmentId + "/completion",
                "{\"outcome\":\"CERTIFICATE\",\"completedOn\":\"2010-06-01\"}").status()).isEqualTo(204);

        // another centre's case: no note, no service, no ending, nothing stored
        String theirs = register(TestUsers.CLERK);
        String theirEnrolment = enrol(TestUsers.CLERK, theirs, "CENTRE-B");
        before = storedEvents();
        for (String path : List.of("/notes", "/enrolments/" + theirEnrolment + "/withdrawal", "/follow-ups")) {
            String body = path.equals("/notes") ? "{\"text\":\"x\",\"writtenOn\":\"2010-03-01\"}"
                    : path.equals("/follow-ups") ? "{\"kind\":\"PHONE_CALL\",\"what\":\"x\",\"dueOn\":\"2010-04-01\"}"
                    : "{\"reason\":\"FAMILY\",\"withdrawnOn\":\"2010-06-01\"}";
            Reply refused = post("worker-a", "/api/beneficiaries/" + theirs + path, body);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.body().get("rule").asText()).isEqualTo("OutsideYourCentres");
            assertThat(refused.body().get("title").asText()).contains("centres");
        }
        assertThat(storedEvents()).isEqualTo(before);

        // she may take the person into her own centre only by stating why (see takingOverACase...)
        post(TestUsers.CLERK, "/api/beneficiaries/" + theirs + "/enrolments/" + theirEnrolment + "/completion",
                "{\"outcome\":\"CERTIFICATE\",\"completedOn\":\"2010-06-01\"}");
        assertThat(post("worker-a", "/api/beneficiaries/" + theirs + "/enrolments", enrolment("CENTRE-A")).status())
                .isEqualTo(403);
        Reply takenOver = post("worker-a", "/api/beneficiaries/" + theirs + "/enrolments",
                takeOver("CENTRE-A", "EDUCATION_TRAINING", "La personne se présente au centre"));
        assertThat(takenOver.status()).isEqualTo(201);
        assertThat(post("worker-a", "/api/beneficiaries/" + theirs + "/notes",
                "{\"text\":\"Accueillie\",\"writtenOn\":\"2010-06-02\"}").status()).isEqualTo(201);

        // a person registered by someone else and enrolled nowhere is not hers
        String notYet = register(TestUsers.CLERK);
        assertThat(post("worker-a", "/api/beneficiaries/" + notYet + "/notes",
                "{\"text\":\"x\",\"writtenOn\":\"2010-03-01\"}").status()).isEqualTo(403);
        assertThat(Set.of(hers, theirs, notYet)).hasSize(3);
    }

    /**
     * Issue 18: where a worker works is an administrator's assignment, an event, and counts at once. worker-b has no
     * configured centre: refused first; assigned to CENTRE-B, she enrols a person there and records a note without a
     * restart; the assignment ended today, her next command on that case is refused and stores nothing.
     */
    @Test
    void anAssignmentCountsAtOnceAndItsEndRefusesAtOnce() throws Exception {
        String today = java.time.LocalDate.now(AgencyTime.ZONE).toString();
        String person = register("worker-b");
        long before = storedEvents();
        Reply notYet = post("worker-b", "/api/beneficiaries/" + person + "/enrolments", enrolment("CENTRE-B"));
        assertThat(notYet.status()).isEqualTo(403);
        assertThat(notYet.body().get("rule").asText()).isEqualTo("OutsideYourCentres");
        assertThat(storedEvents()).isEqualTo(before);

        // only an administrator assigns; a worker cannot assign herself
        String assignment = "{\"centreId\":\"CENTRE-B\",\"from\":\"" + today + "\"}";
        assertThat(post("worker-b", "/api/staff/worker-b/assignments", assignment).status()).isEqualTo(403);
        assertThat(post("auditor", "/api/staff/worker-b/assignments", assignment).status()).isEqualTo(403);
        assertThat(post("anonymous", "/api/staff/worker-b/assignments", assignment).status()).isEqualTo(401);
        assertThat(storedEvents()).isEqualTo(before);
        Reply assigned = post("admin", "/api/staff/worker-b/assignments", assignment);
        assertThat(assigned.status()).as(String.valueOf(assigned.body())).isEqualTo(201);
        assertThat(storedEvents()).isEqualTo(before + 1);

        String enrolmentId = enrol("worker-b", person, "CENTRE-B");
        assertThat(post("worker-b", "/api/beneficiaries/" + person + "/notes",
                "{\"text\":\"Première visite\",\"writtenOn\":\"2010-02-02\"}").status()).isEqualTo(201);
        assertThat(enrolmentId).isNotBlank();

        // the rules of an assignment, in the administrator's language, nothing stored
        before = storedEvents();
        Reply overlapping = post("admin", "/api/staff/worker-b/assignments", assignment);
        assertThat(overlapping.status()).isEqualTo(409);
        assertThat(overlapping.body().get("rule").asText()).isEqualTo("StaffAssignmentOverlaps");
        assertThat(overlapping.body().get("title").asText()).contains("déjà affectée");
        Reply early = post("admin", "/api/staff/worker-b/assignments/CENTRE-B/end", "{\"on\":\"2000-01-01\"}");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.body().get("rule").asText()).isEqualTo("AssignmentEndsBeforeStart");
        Reply closedNowhere = post("admin", "/api/staff/worker-b/assignments", "{\"centreId\":\"NO-SUCH\",\"from\":\"" + today + "\"}");
        assertThat(closedNowhere.body().get("rule").asText()).isEqualTo("CentreNotFound");
        assertThat(post("admin", "/api/staff/worker-b/assignments", "{\"centreId\":\"CENTRE-B\"}").status())
                .isEqualTo(400);
        assertThat(storedEvents()).isEqualTo(before);

        // ended today: from this very command on, the case is outside her centres
        assertThat(post("admin", "/api/staff/worker-b/assignments/CENTRE-B/end", "{\"on\":\"" + today + "\"}").status())
                .isEqualTo(204);
        before = storedEvents();
        Reply after = post("worker-b", "/api/beneficiaries/" + person + "/notes",
                "{\"text\":\"Deuxième visite\",\"writtenOn\":\"2010-02-03\"}");
        assertThat(after.status()).isEqualTo(403);
        assertThat(after.body().get("rule").asText()).isEqualTo("OutsideYourCentres");
        assertThat(post("worker-b", "/api/beneficiaries/" + register("worker-b") + "/enrolments", enrolment("CENTRE-B"))
                .status()).as("no enrolment into a centre she left").isEqualTo(403);
        assertThat(storedEvents()).as("only the second registration").isEqualTo(before + 1);
        Reply notOpen = post("admin", "/api/staff/worker-b/assignments/CENTRE-B/end", "{\"on\":\"" + today + "\"}");
        assertThat(notOpen.status()).isEqualTo(404);
        assertThat(notOpen.body().get("rule").asText()).isEqualTo("StaffAssignmentNotFound");
    }

    /** The command's own metadata cannot widen a worker's scope: the centres are read from her assignments. */
    @Test
    void aSenderCannotNameHerOwnCentres() throws Exception {
        CommandGateway commands = app.getBean(CommandGateway.class);
        String person = register(TestUsers.CLERK);
        enrol(TestUsers.CLERK, person, "CENTRE-A");
        long before = storedEvents();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> commands.sendAndWait(
                        org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage(
                                new ma.masar.api.beneficiary.AddCaseNote(person, "n-1", "x", LocalDate.of(2010, 3, 1)))
                        .andMetaData(Map.of("userId", "worker-b", ma.masar.access.Actor.META_SCOPED, "true",
                                ma.masar.access.Actor.META_CENTRES, "CENTRE-A,CENTRE-B,CENTRE-X"))))
                .hasMessageContaining("OutsideYourCentres");
        assertThat(storedEvents()).isEqualTo(before);
    }

    static String takeOver(String centreId, String programme, String reason) throws Exception {
        return json.writeValueAsString(Map.of("centreId", centreId, "programme", programme,
                "enrolledOn", "2010-07-01", "takeOverReason", reason));
    }

    static List<String> takeOvers(String beneficiaryId) {
        return jdbc.queryForList("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE '%CaseTakenOver' ORDER BY sequenceNumber", byte[].class, beneficiaryId)
                .stream().map(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    /**
     * A case another centre follows cannot be reached by any command of hers, whatever its body: the scope is checked
     * before every other rule, so the answer is 403 for a body that would break a rule too (nothing about the case
     * leaks), and nothing is stored. Enrolling the person into her own centre is taking the case over: only with a
     * stated reason, recorded as CaseTakenOver with her name; the same for receiving a youth in apprenticeship.
     */
    @Test
    void takingOverACaseOfAnotherCentreNeedsAStatedReasonThatIsRecorded() throws Exception {
        String theirs = register(TestUsers.CLERK);
        String theirEnrolment = enrol(TestUsers.CLERK, theirs, "CENTRE-B");
        String b = "/api/beneficiaries/" + theirs;
        String e = b + "/enrolments/" + theirEnrolment;
        // the enrolment among them: already active in this programme elsewhere, so without the scope first it
        // would answer 409 and tell her so
        Map<String, String> every = caseCommands(theirs, theirEnrolment, "APPRENTICESHIP-A");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> command : every.entrySet()) {
            long before = storedEvents();
            Reply reply = post("worker-a", command.getKey(), command.getValue());
            if (reply.status() != 403 || !"OutsideYourCentres".equals(reply.body().path("rule").asText())
                    || reply.body().has("arguments") && reply.body().get("arguments").size() > 1
                    || storedEvents() != before) {
                wrong.add(command.getKey() + " -> " + reply.status() + " " + reply.body());
            }
        }
        assertThat(wrong).isEmpty();
        // and she is told, in her language, how to take the person in: with a reason
        assertThat(post("worker-a", b + "/enrolments", enrolment("CENTRE-A")).body().get("detail").asText())
                .contains("motif").doesNotContain(theirs);

        // a stated reason takes it over (the active enrolment elsewhere is then a rule she may be told of)
        Reply stillActive = post("worker-a", b + "/enrolments",
                takeOver("CENTRE-A", "EDUCATION_TRAINING", "Elle se présente à notre centre"));
        assertThat(stillActive.status()).isEqualTo(409);
        assertThat(stillActive.body().get("rule").asText()).isEqualTo("AlreadyActiveInProgramme");
        assertThat(takeOvers(theirs)).isEmpty();
        post(TestUsers.CLERK, e + "/completion", "{\"outcome\":\"CERTIFICATE\",\"completedOn\":\"2010-06-01\"}");

        long before = storedEvents();
        for (String noReason : List.of("\u200B\u200B\u200B", "ab", "Motif\u202Ecaché", "ligne\nsuivante", "\u0640\u0640\u0640\u064E")) {
            Reply refused = post("worker-a", b + "/enrolments", takeOver("CENTRE-A", "EDUCATION_TRAINING", noReason));
            assertThat(refused.status()).as(noReason).isIn(400, 403);
        }
        assertThat(storedEvents()).isEqualTo(before);

        Reply taken = post("worker-a", b + "/enrolments",
                takeOver("CENTRE-A", "EDUCATION_TRAINING", "  Elle se présente   à notre centre "));
        assertThat(taken.status()).isEqualTo(201);
        assertThat(takeOvers(theirs)).singleElement().asString()
                .contains("\"reason\":\"Elle se présente à notre centre\"").contains("\"centreId\":\"CENTRE-A\"");
        String metaData = jdbc.queryForList("SELECT metaData FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                + "AND payloadType LIKE '%CaseTakenOver'", byte[].class, theirs).stream()
                .map(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).findFirst().orElseThrow();
        assertThat(metaData).contains("\"userId\":\"worker-a\"");
        // from then on the case is hers: no reason, no second take-over record
        assertThat(post("worker-a", b + "/notes", "{\"text\":\"Accueillie\",\"writtenOn\":\"2010-07-02\"}").status())
                .isEqualTo(201);
        assertThat(takeOvers(theirs)).hasSize(1);
    }

    /** Receiving a youth from another centre's vocational orientation into her apprenticeship centre is a take-over. */
    @Test
    void receivingAYouthInApprenticeshipFromAnotherCentreIsATakeOver() throws Exception {
        Reply registered = post(TestUsers.CLERK, "/api/beneficiaries", CommandApiTest.personJson(null)
                .replace("\"1992-04-12\"", "\"1993-04-12\"").replace("FEMALE", "MALE"));
        String youth = registered.body().get("beneficiaryId").asText();
        Reply oriented = post(TestUsers.CLERK, "/api/beneficiaries/" + youth + "/enrolments",
                "{\"centreId\":\"ORIENTATION-B\",\"programme\":\"VOCATIONAL_ORIENTATION\",\"enrolledOn\":\"2009-09-15\"}");
        assertThat(oriented.status()).as(oriented.body().toString()).isEqualTo(201);
        String move = "/api/beneficiaries/" + youth + "/enrolments/" + oriented.body().get("enrolmentId").asText()
                + "/apprenticeship";
        long before = storedEvents();
        assertThat(post("worker-a", move, "{\"apprenticeshipCentreId\":\"APPRENTICESHIP-A\",\"hostCompany\":\"Atlas\","
                + "\"contractDate\":\"2010-05-01\"}").status()).isEqualTo(403);
        assertThat(post("worker-a", move, "{\"apprenticeshipCentreId\":\"CENTRE-B\",\"hostCompany\":\"Atlas\","
                + "\"contractDate\":\"2010-05-01\",\"takeOverReason\":\"Contrat signé chez Atlas\"}").status())
                .isEqualTo(403);
        assertThat(storedEvents()).isEqualTo(before);
        Reply moved = post("worker-a", move, "{\"apprenticeshipCentreId\":\"APPRENTICESHIP-A\",\"hostCompany\":\"Atlas\","
                + "\"contractDate\":\"2010-05-01\",\"takeOverReason\":\"Contrat signé chez Atlas\"}");
        assertThat(moved.status()).as(moved.body().toString()).isEqualTo(201);
        assertThat(takeOvers(youth)).singleElement().asString().contains("APPRENTICESHIP-A");
    }
}

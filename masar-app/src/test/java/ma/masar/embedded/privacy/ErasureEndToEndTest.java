package ma.masar.embedded.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import ma.masar.embedded.MasarApplication;
import ma.masar.embedded.TestUsers;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole embedded application, as an administrator erases a person: Zineb is registered with her ID number,
 * address and a disability, enrolled, given a note and a referral; then erased. Her personal data must then be
 * nowhere: not in the timeline, the search, the event log or its export, the as-of view, the rebuilt read models,
 * the read store's raw documents, nor the event store's raw rows; and the counts stay as they were. Salma, registered
 * beside her, stays readable, and is encrypted in the raw rows too.
 */
class ErasureEndToEndTest {

    private static final String[] ZINEB = {"Zineb", "Ouazzani", "زينب", "الوزاني", "ZK778899", "Derb Lalla Amina 27",
            "surdité partielle", "craint le retour chez son oncle", "foyer Dar Al Amane", "1991-07-23"};
    private static final String[] SALMA = {"Salma", "Berrada", "BJ441122", "suivie pour une rééducation"};
    private static final List<String> READ_MODELS = List.of("timeline", "search", "counts", "centres");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String base;

    @Test
    void anErasedPersonsDataIsNowhereAndTheCountsStay() throws Exception {
        Path dataDir = Files.createTempDirectory("masar-erasure-");
        String zineb;
        String salma;
        JsonNode countsBefore;
        try (ConfigurableApplicationContext app = start(dataDir)) {
            String centre = post("/api/centres", """
                    {"type":"EDUCATION_TRAINING_CENTRE","nameAr":"مركز التربية والتكوين فاس","nameFr":"CEF Fès",
                     "region":"FES_MEKNES","province":"Fès","capacity":40,"operatorKind":"AGENCY","openedOn":"2009-09-01"}""",
                    null).json().get("centreId").asText();
            String partnership = post("/api/partnerships", """
                    {"partnerId":"assoc-amane","partnerName":"Association Amane","partnerType":"NATIONAL_NGO",
                     "subject":"Hébergement","amountMad":0,"startsOn":"2010-01-01","endsOn":"2012-12-31",
                     "centreIds":[],"signedOn":"2009-12-20"}""", null).json().get("partnershipId").asText();
            zineb = register("""
                    {"givenNameAr":"زينب","familyNameAr":"الوزاني","givenNameLatin":"Zineb","familyNameLatin":"Ouazzani",
                     "dateOfBirth":"1991-07-23","sex":"FEMALE","nationalId":"ZK778899","address":"Derb Lalla Amina 27",
                     "disability":"surdité partielle","region":"FES_MEKNES","province":"Fès",
                     "household":"WOMAN_IN_DIFFICULTY","registeredOn":"2010-01-11"}""");
            salma = register("""
                    {"givenNameAr":"سلمى","familyNameAr":"برادة","givenNameLatin":"Salma","familyNameLatin":"Berrada",
                     "dateOfBirth":"1990-02-02","sex":"FEMALE","nationalId":"BJ441122","region":"FES_MEKNES",
                     "province":"Fès","household":"POOR_HOUSEHOLD","registeredOn":"2010-01-12"}""");
            for (String person : List.of(zineb, salma)) {
                assertThat(post("/api/beneficiaries/" + person + "/enrolments", "{\"centreId\":\"" + centre
                        + "\",\"programme\":\"EDUCATION_TRAINING\",\"enrolledOn\":\"2010-02-01\"}", null).status())
                        .isEqualTo(201);
            }
            post("/api/beneficiaries/" + zineb + "/notes",
                    "{\"text\":\"Zineb craint le retour chez son oncle.\",\"writtenOn\":\"2010-02-10\"}", null);
            post("/api/beneficiaries/" + salma + "/notes",
                    "{\"text\":\"Salma est suivie pour une rééducation.\",\"writtenOn\":\"2010-02-10\"}", null);

            // a referral needs her consent: refused without it, in the caller's language, and nothing stored
            Response refused = post("/api/beneficiaries/" + zineb + "/referrals", "{\"partnershipId\":\"" + partnership
                    + "\",\"purpose\":\"foyer Dar Al Amane\",\"referredOn\":\"2010-02-12\"}", "ar");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("rule").asText()).isEqualTo("ConsentRequired");
            assertThat(refused.json().get("title").asText()).isEqualTo("موافقة الشخص مطلوبة");
            assertThat(post("/api/beneficiaries/" + zineb + "/consents",
                    "{\"scope\":\"REFERRAL\",\"purpose\":\"orientation vers un hébergement\",\"givenOn\":\"2010-02-11\"}",
                    null).status()).isEqualTo(204);
            assertThat(post("/api/beneficiaries/" + zineb + "/referrals", "{\"partnershipId\":\"" + partnership
                    + "\",\"purpose\":\"foyer Dar Al Amane\",\"referredOn\":\"2010-02-12\"}", null).status())
                    .isEqualTo(201);

            JsonNode before = await("her timeline with the note and the referral", () -> timeline(zineb),
                    t -> t.toString().contains("craint le retour") && t.toString().contains("Dar Al Amane"));
            int entries = before.get("entries").size();
            await("her in the search", () -> get("/api/beneficiaries?q=Ouazzani", null).body(),
                    body -> body.contains(zineb));
            countsBefore = await("both enrolments in the counts", this::counts,
                    c -> c.toString().contains("EDUCATION_TRAINING") && enrolled(c, "EDUCATION_TRAINING") == 2);

            Response erased = post("/api/beneficiaries/" + zineb + "/erasure",
                    "{\"legalGround\":\"CONSENT_WITHDRAWN\",\"requestReference\":\"DEM-2010-017\",\"erasedOn\":\"2010-03-01\"}",
                    null);
            assertThat(erased.status()).as(erased.body()).isEqualTo(204);

            // the live read models blank what they held
            JsonNode after = await("the erasure on her timeline", () -> timeline(zineb),
                    t -> t.toString().contains("PersonalDataErased"));
            assertThat(after.get("entries")).hasSize(entries + 1);
            assertNowhere("the live timeline", after.toString());
            await("her gone from the name search", () -> get("/api/beneficiaries?q=Ouazzani", null).body(),
                    body -> !body.contains(zineb));

            for (String readModel : READ_MODELS) {
                rebuild(readModel);
            }
            assertErasedEverywhere(app, zineb, salma, entries + 1);
            assertThat(counts()).as("the counts after the rebuilds").isEqualTo(countsBefore);

            // refused from now on: a second erasure, a note; nothing stored
            Response second = post("/api/beneficiaries/" + zineb + "/erasure",
                    "{\"legalGround\":\"CNDP_ORDER\",\"requestReference\":\"DEM-2010-018\"}", "fr");
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.json().get("rule").asText()).isEqualTo("BeneficiaryErased");
            assertThat(second.json().get("title").asText()).isEqualTo("Les données de cette personne ont été effacées");
            assertThat(post("/api/beneficiaries/" + zineb + "/notes", "{\"text\":\"encore une note\"}", null).status())
                    .isEqualTo(409);
            assertThat(get("/api/audit/events?beneficiaryId=" + zineb + "&limit=500", null).json().get("events"))
                    .hasSize(6);
        }

        // every read model rebuilt from the event store at a start (the read store removed, as after its loss)
        try (ConfigurableApplicationContext app = start(dataDir, "--masar.embedded-mongo.rebuild-at-start=true")) {
            await("the counts rebuilt at start", this::counts, countsBefore::equals);
            await("her timeline rebuilt at start", () -> timeline(zineb),
                    t -> t.get("entries").size() == 6);
            await("Salma's note rebuilt at start", () -> timeline(salma).toString(), t -> t.contains("rééducation"));
            assertErasedEverywhere(app, zineb, salma, 6);
        }
    }

    private void assertErasedEverywhere(ConfigurableApplicationContext app, String zineb, String salma,
                                        int timelineEntries) throws Exception {
        JsonNode timeline = timeline(zineb);
        assertThat(timeline.get("entries")).hasSize(timelineEntries);
        assertNowhere("the timeline", timeline.toString());
        assertThat(timeline.toString()).contains("Note de suivi : (effacé)", "DEM-2010-017");
        assertNowhere("the timeline in Arabic", get("/api/beneficiaries/" + zineb + "/timeline?lang=ar", null).body());

        assertThat(get("/api/beneficiaries?q=Ouazzani", null).body()).doesNotContain(zineb);
        assertThat(get("/api/beneficiaries?q=" + enc("زينب"), null).body()).doesNotContain(zineb);
        assertThat(get("/api/beneficiaries?nationalId=ZK778899", null).body()).doesNotContain(zineb);
        String byBirthYear = get("/api/beneficiaries?region=FES_MEKNES&birthYear=1991&size=100", null).body();
        assertThat(byBirthYear).as("the case is still found by what is not personal").contains(zineb);
        assertNowhere("the search", byBirthYear);

        String log = get("/api/audit/events?beneficiaryId=" + zineb + "&limit=500", null).body();
        // her own stream: registered, enrolled, note, consent, referral, erased; none edited or removed
        assertThat(json.readTree(log).get("events")).hasSize(6);
        assertNowhere("the event log", log);
        assertThat(log).contains("PersonalDataErased", "CONSENT_WITHDRAWN", "EDUCATION_TRAINING");
        assertNowhere("the whole event log", get("/api/audit/events?limit=500", null).body());
        assertNowhere("the JSON Lines export", get("/api/audit/export?format=jsonl", null).body());
        assertNowhere("the CSV export", get("/api/audit/export?format=csv", null).body());
        assertNowhere("the case as of today", get("/api/audit/beneficiaries/" + zineb, null).body());

        // Salma is untouched
        assertThat(timeline(salma).toString()).contains("Salma est suivie pour une rééducation.");
        assertThat(get("/api/beneficiaries?q=Berrada", null).body()).contains(salma, "BJ441122");

        // the read store's raw documents, every database and collection
        MongoClient mongo = app.getBean(MongoClient.class);
        for (String database : mongo.listDatabaseNames()) {
            MongoDatabase db = mongo.getDatabase(database);
            for (String collection : db.listCollectionNames()) {
                for (Document document : db.getCollection(collection).find()) {
                    assertNowhere("read store " + database + "." + collection, document.toJson());
                }
            }
        }

        // the event store's raw rows: payloads and metadata of every event and snapshot
        int rows = 0;
        try (Connection connection = app.getBean(DataSource.class).getConnection();
             Statement statement = connection.createStatement()) {
            for (String table : List.of("DomainEventEntry", "SnapshotEventEntry")) {
                try (ResultSet row = statement.executeQuery("SELECT payloadType, payload, metaData FROM " + table)) {
                    while (row.next()) {
                        rows++;
                        String raw = new String(row.getBytes(2), StandardCharsets.UTF_8) + " "
                                + new String(row.getBytes(3), StandardCharsets.UTF_8);
                        assertNowhere("stored " + row.getString(1), raw);
                        for (String value : SALMA) {
                            assertThat(raw).as("Salma's data is encrypted too in " + row.getString(1))
                                    .doesNotContain(value);
                        }
                    }
                }
            }
        }
        assertThat(rows).isGreaterThan(10);
    }

    private static void assertNowhere(String where, String text) {
        for (String value : ZINEB) {
            assertThat(text).as("'%s' in %s", value, where).doesNotContain(value);
        }
    }

    private void rebuild(String readModel) throws Exception {
        Response started = post("/api/audit/rebuilds", "{\"readModel\":\"" + readModel + "\"}", null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("rebuildId").asText();
        JsonNode done = await("the rebuild of " + readModel, () -> get("/api/audit/rebuilds/" + id, null).json(),
                p -> !"RUNNING".equals(p.path("state").asText()));
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("DONE");
    }

    private ConfigurableApplicationContext start(Path dataDir, String... more) {
        List<String> args = new ArrayList<>(List.of("--masar.data-dir=" + dataDir, "--server.port=0",
                "--masar.demo.enabled=false"));
        args.addAll(TestUsers.args());
        args.addAll(List.of(more));
        ConfigurableApplicationContext app = SpringApplication.run(MasarApplication.class, args.toArray(String[]::new));
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        return app;
    }

    private String register(String person) throws Exception {
        Response response = post("/api/beneficiaries", person, null);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("beneficiaryId").asText();
    }

    private JsonNode timeline(String beneficiaryId) {
        return get("/api/beneficiaries/" + beneficiaryId + "/timeline?lang=fr", null).json();
    }

    private JsonNode counts() {
        return get("/api/stats/programmes?year=2010", null).json().get("programmes");
    }

    private static int enrolled(JsonNode programmes, String programme) {
        for (JsonNode p : programmes) {
            if (programme.equals(p.get("programme").asText())) {
                return p.get("tally").get("enrolled").asInt();
            }
        }
        return 0;
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private <T> T await(String what, java.util.function.Supplier<T> value, Predicate<T> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = value.get();
                if (wanted.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                // not there yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Timed out waiting for " + what + "; last seen: " + last);
    }

    private Response get(String path, String language) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), language);
    }

    private Response post(String path, String body, String language) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)), language);
    }

    private Response send(HttpRequest.Builder request, String language) {
        request.header("Authorization", TestUsers.basic());
        if (language != null) {
            request.header("Accept-Language", language);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Response(int status, String contentType, String body, ObjectMapper mapper) {
        JsonNode json() {
            try {
                return mapper.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("Not JSON: " + body, e);
            }
        }
    }
}

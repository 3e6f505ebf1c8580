package ma.masar.embedded.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: an administrator imports an existing register from CSV files. Every row goes through the API's
 * validation and the aggregates' rules; refused rows are reported by line with the rule, in the administrator's
 * language, and do not stop the others; running the same file again stores nothing twice.
 */
class RegisterImportTest {

    private static final Duration DONE = Duration.ofMinutes(2);

    private static InProcessMasar app;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        app = InProcessMasar.start("import");
        api = app.api;
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aRegisterIsImportedRowByRowThroughTheRulesAndARerunStoresNothingTwice() throws Exception {
        ApiClient.Reply existing = api.post("/api/beneficiaries", """
                {"givenNameAr":"سلمى","familyNameAr":"بناني","givenNameLatin":"Salma","familyNameLatin":"Bennani",
                 "dateOfBirth":"1990-02-03","sex":"FEMALE","nationalId":"AB123456","region":"FES_MEKNES",
                 "province":"Fès","household":"POOR_HOUSEHOLD"}""", null);
        assertThat(existing.status()).as(existing.toString()).isEqualTo(201);
        String people = """
                sourceId,givenNameAr,familyNameAr,givenNameLatin,familyNameLatin,dateOfBirth,sex,nationalId,address,disability,region,province,household,registeredOn
                R-1,فاطمة,آيت باها,Fatima,Ait Baha,1991-04-12,FEMALE,,,,SOUSS_MASSA,Agadir,POOR_HOUSEHOLD,2009-09-14
                R-2,يوسف,العلوي,Youssef,Alaoui,1994-01-30,MALE,,,,FES_MEKNES,Fès,POOR_HOUSEHOLD,2009-10-02
                R-3,خديجة,بناني,Khadija,Bennani,1988-07-05,FEMALE,,"Derb Sidi Bouloukat, Marrakech",,MARRAKECH_SAFI,Marrakech,POOR_HOUSEHOLD,
                R-4,,العمراني,Nadia,Amrani,1992-03-03,X,,,,ORIENTAL,Oujda,POOR_HOUSEHOLD,
                R-5,سلمى,بناني,Salma,Bennani,1990-02-03,FEMALE,AB123456,,,FES_MEKNES,Fès,POOR_HOUSEHOLD,
                """;
        JsonNode first = imported("/api/imports/people", people);
        assertThat(first.path("rows").asInt()).isEqualTo(5);
        assertThat(first.path("imported").asInt()).isEqualTo(3);
        assertThat(first.path("refused").asInt()).isEqualTo(2);
        Map<Integer, JsonNode> refusals = byLine(first);
        assertThat(refusals.keySet()).containsExactly(5, 6);
        assertThat(refusals.get(5).path("rule").asText()).isEqualTo("InvalidFields");
        assertThat(texts(refusals.get(5).path("fields"))).containsExactly("givenNameAr", "sex");
        assertThat(refusals.get(5).path("title").asText()).isEqualTo("Champs invalides ou manquants");
        assertThat(refusals.get(6).path("rule").asText()).isEqualTo("NationalIdAlreadyRegistered");
        assertThat(refusals.get(6).path("sourceId").asText()).isEqualTo("R-5");
        // the report names lines, rules and fields, never what a row says about a person
        assertThat(first.toString()).doesNotContain("Nadia", "Amrani", "AB123456", "Bouloukat");

        JsonNode again = imported("/api/imports/people", people);
        assertThat(again.path("imported").asInt()).isZero();
        assertThat(again.path("alreadyThere").asInt()).isEqualTo(3);
        assertThat(again.path("refused").asInt()).isEqualTo(2);
        assertThat(api.read("/api/audit/events?limit=100&type=BeneficiaryRegistered").path("events")).hasSize(4);

        String centre = api.post("/api/centres", """
                {"type":"EDUCATION_TRAINING_CENTRE","nameAr":"مركز التربية والتكوين أكادير","nameFr":"CEF Agadir",
                 "region":"SOUSS_MASSA","province":"Agadir","capacity":1,"openedOn":"2005-01-01"}""", null)
                .text("centreId");
        String enrolments = """
                sourceId,personSourceId,centreId,programme,enrolledOn,hostCompany
                E-1,R-1,%1$s,EDUCATION_TRAINING,2009-09-15,
                E-2,R-2,%1$s,EDUCATION_TRAINING,2009-10-05,
                E-3,R-3,%1$s,EDUCATION_TRAINING,2009-11-23,
                E-4,R-404,%1$s,EDUCATION_TRAINING,2009-11-23,
                """.formatted(centre);
        JsonNode enrolled = imported("/api/imports/enrolments", enrolments);
        // one seat: of the two women one is enrolled, the other finds the centre full; the man is refused by the rule
        // of education and training centres; the person the register does not hold is not found
        assertThat(enrolled.path("imported").asInt()).isEqualTo(1);
        assertThat(enrolled.path("refused").asInt()).isEqualTo(3);
        assertThat(byLine(enrolled).values()).extracting(refusal -> refusal.path("rule").asText())
                .containsExactlyInAnyOrder("CentreIsFull", "EducationCentresTakeGirlsAndWomen", "NotFound");
        assertThat(byLine(enrolled).get(3).path("rule").asText()).isEqualTo("EducationCentresTakeGirlsAndWomen");
        JsonNode enrolledAgain = imported("/api/imports/enrolments", enrolments);
        assertThat(enrolledAgain.path("alreadyThere").asInt()).isEqualTo(1);
        assertThat(enrolledAgain.path("imported").asInt()).isZero();
        assertThat(api.read("/api/audit/events?limit=100&type=EnrolledInProgramme").path("events")).hasSize(1);
    }

    @Test
    void aFileWithoutTheColumnsOfItsKindIsRefusedWholeAndStoresNothing() throws Exception {
        ApiClient.Reply refused = api.postCsv("/api/imports/people", "sourceId,name\nR-9,Someone\n", "ar");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("type")).endsWith("/UnusableImportFile");
        assertThat(refused.text("title")).isEqualTo("ملف غير صالح للاستيراد");
        assertThat(refused.text("detail")).contains("missing [givenNameAr", "unknown [name]");
    }

    private static JsonNode imported(String path, String csv) throws IOException {
        ApiClient.Reply started = api.postCsv(path, csv, "fr");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String location = started.raw().headers().firstValue("Location").orElseThrow();
        Eventually.equals("import " + location + " ended", true,
                () -> api.readOrMissing(location).path("endedAt").isTextual(), DONE);
        JsonNode report = api.read(location);
        assertThat(report.path("done").asInt()).isEqualTo(report.path("rows").asInt());
        assertThat(report.path("percent").asInt()).isEqualTo(100);
        return report;
    }

    private static Map<Integer, JsonNode> byLine(JsonNode report) {
        Map<Integer, JsonNode> lines = new TreeMap<>();
        report.path("refusals").forEach(refusal -> lines.put(refusal.path("line").asInt(), refusal));
        return lines;
    }

    private static List<String> texts(JsonNode array) {
        return ApiClient.list(array).stream().map(JsonNode::asText).toList();
    }
}

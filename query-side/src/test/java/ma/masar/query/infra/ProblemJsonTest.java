package ma.masar.query.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.query.QuerySideTest;
import org.junit.jupiter.api.Test;

/** Bad parameters answer 400 with problem JSON that names the parameter; nothing personal is echoed back. */
class ProblemJsonTest extends QuerySideTest {

    @Test
    void aYearThatIsNotANumberIsABadRequest() {
        assertProblem(get("/api/stats/programmes?year=abc"), 400, "year");
        assertProblem(get("/api/stats/partnerships?year=20x0"), 400, "year");
        assertProblem(get("/api/stats/programmes?year=1810"), 400, "year");
    }

    @Test
    void anUnknownCodeIsABadRequestThatListsTheKnownOnes() {
        JsonNode problem = assertProblem(get("/api/stats/programmes?region=ATLANTIS"), 400, "region");
        assertThat(problem.get("detail").asText()).contains("CASABLANCA_SETTAT");
        assertProblem(get("/api/beneficiaries?programme=KNITTING"), 400, "programme");
        assertProblem(get("/api/beneficiaries?status=HAPPY"), 400, "status");
        assertProblem(get("/api/centres?type=CASTLE"), 400, "type");
    }

    @Test
    void pagesHaveLimits() {
        assertProblem(get("/api/beneficiaries?size=1000"), 400, "size");
        assertProblem(get("/api/beneficiaries?page=-1"), 400, "page");
    }

    @Test
    void theTimelineSpeaksArabicOrFrenchOnly() {
        assertProblem(get("/api/beneficiaries/someone/timeline?lang=de"), 400, "lang");
    }

    private static JsonNode assertProblem(Response response, int status, String parameter) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("parameter").asText()).isEqualTo(parameter);
        assertThat(problem.get("title").asText()).isNotBlank();
        return problem;
    }
}

package ma.masar.query.centres;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.api.partnership.PartnerType;
import ma.masar.api.partnership.PartnershipAmended;
import ma.masar.api.partnership.PartnershipEnded;
import ma.masar.api.partnership.PartnershipSigned;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partnership agreements a social worker picks a partner from: as amended, those naming her centres or none,
 * in force on the day asked (not yet started, past their end or ended early: left out).
 */
class PartnershipListTest extends QuerySideTest {

    @Test
    void listsTheAgreementsInForceForTheCentresAsked() {
        Facts facts = facts();
        String centre = Facts.newId("c");
        String mark = Facts.newId("p");
        String allCentres = sign(facts, "A " + mark, List.of(), "2009-01-01", null);
        String hers = sign(facts, "B " + mark, List.of("elsewhere"), "2009-01-01", "2012-12-31");
        facts.record("Partnership", hers, new PartnershipAmended(hers, "Hébergement et soins", null,
                LocalDate.of(2012, 12, 31), List.of("elsewhere", centre), LocalDate.of(2009, 6, 1), "extension"));
        String elsewhere = sign(facts, "C " + mark, List.of("elsewhere"), "2009-01-01", null);
        String ended = sign(facts, "D " + mark, List.of(), "2009-01-01", null);
        facts.record("Partnership", ended, new PartnershipEnded(ended, LocalDate.of(2010, 3, 1), "fin du projet"));
        String later = sign(facts, "E " + mark, List.of(centre), "2011-01-01", null);
        awaitProjected();

        assertThat(names("/api/partnerships?centre=" + centre + "&inForceOn=2010-06-30", mark))
                .containsExactly("A " + mark, "B " + mark);
        assertThat(names("/api/partnerships?centre=" + centre + "&inForceOn=2010-02-01", mark))
                .containsExactly("A " + mark, "B " + mark, "D " + mark);
        assertThat(names("/api/partnerships?centre=" + centre + "&inForceOn=2013-01-01", mark))
                .containsExactly("A " + mark, "E " + mark);
        assertThat(names("/api/partnerships", mark)).containsExactly("A " + mark, "B " + mark, "C " + mark,
                "D " + mark, "E " + mark);

        JsonNode amended = find(get("/api/partnerships?centre=" + centre).json(), hers);
        assertThat(amended.get("subject").asText()).isEqualTo("Hébergement et soins");
        assertThat(amended.get("partnerType").asText()).isEqualTo("NATIONAL_NGO");
        assertThat(amended.get("centreIds").toString()).contains(centre);
        assertThat(find(get("/api/partnerships").json(), ended).get("endedOn").asText()).isEqualTo("2010-03-01");
        assertThat(elsewhere).isNotNull();
        assertThat(later).isNotNull();
        assertThat(allCentres).isNotNull();
    }

    @Test
    void aDateThatIsNoneIsABadRequest() {
        Response response = get("/api/partnerships?inForceOn=30/06/2010");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private static String sign(Facts facts, String partnerName, List<String> centres, String startsOn, String endsOn) {
        String id = Facts.newId("pa");
        facts.record("Partnership", id, new PartnershipSigned(id, "partner-" + id, partnerName,
                PartnerType.NATIONAL_NGO, "Hébergement", BigDecimal.ZERO, LocalDate.parse(startsOn),
                endsOn == null ? null : LocalDate.parse(endsOn), centres, LocalDate.parse(startsOn)));
        return id;
    }

    private List<String> names(String path, String mark) {
        List<String> names = new ArrayList<>();
        get(path).json().forEach(p -> {
            if (p.get("partnerName").asText().endsWith(mark)) {
                names.add(p.get("partnerName").asText());
            }
        });
        return names;
    }

    private static JsonNode find(JsonNode list, String partnershipId) {
        for (JsonNode p : list) {
            if (partnershipId.equals(p.get("partnershipId").asText())) {
                return p;
            }
        }
        throw new AssertionError("no " + partnershipId + " in " + list);
    }
}

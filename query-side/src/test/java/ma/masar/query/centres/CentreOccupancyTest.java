package ma.masar.query.centres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.api.centre.CentreCapacityChanged;
import ma.masar.api.centre.CentreClosed;
import ma.masar.api.centre.CentreConvertedToApprenticeship;
import ma.masar.api.centre.CentreOpened;
import ma.masar.api.centre.SeatReleased;
import ma.masar.api.centre.SeatTaken;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import org.junit.jupiter.api.Test;

class CentreOccupancyTest extends QuerySideTest {

    @Test
    void showsOccupancyAgainstCapacityAsTheSeatEventsSayIt() {
        Facts facts = facts();
        String centreId = Facts.newId("kg");
        facts.centre(centreId, new CentreOpened(centreId, CentreType.KINDERGARTEN, "روض الأطفال النور",
                                                "Jardin d’enfants Ennour", Region.MARRAKECH_SAFI, "Safi", 3,
                                                new Operator(Operator.OperatorKind.PARTNER, "Association Ennour"),
                                                null, LocalDate.of(2009, 9, 1)));
        facts.centre(centreId, new SeatTaken(centreId, "e1", "b1", ProgrammeType.PRESCHOOL,
                                             LocalDate.of(2010, 9, 1), 1, 3));
        facts.centre(centreId, new SeatTaken(centreId, "e2", "b2", ProgrammeType.PRESCHOOL,
                                             LocalDate.of(2010, 9, 1), 2, 3));
        facts.centre(centreId, new SeatTaken(centreId, "e3", "b3", ProgrammeType.PRESCHOOL,
                                             LocalDate.of(2010, 9, 2), 3, 3));
        facts.centre(centreId, new SeatReleased(centreId, "e2", "b2", LocalDate.of(2010, 12, 1), 2, 3));
        facts.centre(centreId, new CentreCapacityChanged(centreId, 3, 5, LocalDate.of(2011, 1, 1)));
        awaitProjected();

        JsonNode occupancy = get("/api/centres/" + centreId + "/occupancy").json();
        assertThat(occupancy.get("capacity").asInt()).isEqualTo(5);
        assertThat(occupancy.get("occupied").asInt()).isEqualTo(2);
        assertThat(occupancy.get("free").asInt()).isEqualTo(3);
        assertThat(occupancy.get("rate").asDouble()).isEqualTo(0.4);
        assertThat(occupancy.get("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void listsCentresByRegionAndTypeWithTheirStatus() {
        Facts facts = facts();
        String province = "Province-" + Facts.newId("p");
        String familiarisation = open(facts, CentreType.VOCATIONAL_FAMILIARISATION_CENTRE, "B centre", province);
        String closed = open(facts, CentreType.CITIZEN_HOUSE, "A centre", province);
        open(facts, CentreType.CITIZEN_HOUSE, "C centre", province);
        facts.centre(familiarisation, new CentreConvertedToApprenticeship(familiarisation, LocalDate.of(2010, 1, 1)));
        facts.centre(closed, new CentreClosed(closed, LocalDate.of(2010, 6, 30), "local vétuste"));
        awaitProjected();

        JsonNode region = get("/api/centres?region=DRAA_TAFILALET&size=500").json();
        List<String> names = new ArrayList<>();
        region.get("items").forEach(centre -> {
            if (province.equals(centre.get("province").asText())) {
                names.add(centre.get("nameFr").asText() + ":" + centre.get("type").asText() + ":"
                                  + centre.get("status").asText() + ":" + centre.get("converted").asBoolean());
            }
        });
        assertThat(names).containsExactly("A centre:CITIZEN_HOUSE:CLOSED:false",
                                          "B centre:APPRENTICESHIP_CENTRE:OPEN:true",
                                          "C centre:CITIZEN_HOUSE:OPEN:false");

        JsonNode apprenticeship = get("/api/centres?region=draa_tafilalet&type=APPRENTICESHIP_CENTRE").json();
        List<String> ids = new ArrayList<>();
        apprenticeship.get("items").forEach(centre -> ids.add(centre.get("centreId").asText()));
        assertThat(ids).contains(familiarisation).doesNotContain(closed);
    }

    @Test
    void anUnknownCentreIsNotFound() {
        Response response = get("/api/centres/no-such-centre/occupancy");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private static String open(Facts facts, CentreType type, String name, String province) {
        String centreId = Facts.newId("c");
        facts.centre(centreId, new CentreOpened(centreId, type, "مركز", name, Region.DRAA_TAFILALET, province, 20,
                                                Operator.agency(), null, LocalDate.of(2008, 1, 1)));
        return centreId;
    }
}

package ma.masar.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ma.masar.api.beneficiary.Sex;
import ma.masar.api.query.SearchBeneficiaries;
import ma.masar.query.search.NameKeyLookup.Candidate;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class RankingTest {

    @Test
    void theFirstPagesAreThoseOfTheWholeOrder() {
        Random random = new Random(5);
        SearchBeneficiaries query = new SearchBeneficiaries("fatima alaoui", null, null, null, null, null, 1990, 0, 20,
                                                            null, null, Sex.FEMALE);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            candidates.add(candidate(
                    "b-" + i, new int[] {random.nextInt(4), random.nextInt(4)},
                    random.nextInt(10) == 0 ? null : 1980 + random.nextInt(20),
                    random.nextBoolean() ? "FEMALE" : "MALE",
                    random.nextInt(20) == 0 ? null : "name" + random.nextInt(300)));
        }
        List<Candidate> all = Ranking.first(candidates, query, candidates.size());
        for (int count : List.of(1, 20, 40, 1_999)) {
            assertThat(Ranking.first(candidates, query, count)).as("the first %d", count)
                                                               .containsExactlyElementsOf(all.subList(0, count));
        }
        assertThat(Ranking.first(candidates, query, 0)).isEmpty();
        // the closest spelling first, then the birth year nearest 1990
        assertThat(all.get(0).closeness()).isEqualTo(6);
        assertThat(all.get(0).card().getInteger("y")).isEqualTo(1990);
    }

    private static Candidate candidate(String id, int[] quality, Integer born, String sex, String sortName) {
        Candidate candidate = new Candidate(id, quality.length, sortName);
        System.arraycopy(quality, 0, candidate.quality(), 0, quality.length);
        candidate.card(new Document("y", born).append("x", sex));
        return candidate;
    }
}

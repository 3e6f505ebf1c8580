package ma.masar.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.query.SearchBeneficiaries;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long a name search takes on the embedded stand-in (mongo-java-server, memory backend, over its socket) with
 * {@code -Dmasar.search.people=50000} people named from the demo lists, each enrolled in one of 200 centres. Not part
 * of a plain build:
 * {@code ./mvnw -o -B -pl query-side -am verify -Dtest=NameSearchLatencyTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dmasar.search.people=50000}.
 */
@EnabledIfSystemProperty(named = "masar.search.people", matches = "\\d+")
class NameSearchLatencyTest {

    // the demo lists (masar-app .../demo/Names.java): Arabic, Latin
    private static final String[][] FEMALE = {{"فاطمة", "Fatima"}, {"خديجة", "Khadija"}, {"مريم", "Meryem"},
            {"زينب", "Zineb"}, {"عائشة", "Aicha"}, {"نادية", "Nadia"}, {"سعاد", "Souad"}, {"حفصة", "Hafsa"},
            {"إيمان", "Imane"}, {"سلمى", "Salma"}, {"هاجر", "Hajar"}, {"أسماء", "Asmae"}, {"نعيمة", "Naima"},
            {"رشيدة", "Rachida"}, {"لبنى", "Loubna"}, {"ياسمين", "Yasmine"}, {"كوثر", "Kaoutar"}, {"حليمة", "Halima"}};
    private static final String[][] MALE = {{"محمد", "Mohamed"}, {"يوسف", "Youssef"}, {"أحمد", "Ahmed"},
            {"عمر", "Omar"}, {"ياسين", "Yassine"}, {"حمزة", "Hamza"}, {"إدريس", "Driss"}, {"مصطفى", "Mustapha"},
            {"عبد الله", "Abdellah"}, {"إسماعيل", "Ismail"}, {"أيوب", "Ayoub"}, {"رضوان", "Redouane"},
            {"سعيد", "Said"}, {"الحسن", "El Hassan"}, {"بلال", "Bilal"}};
    private static final String[][] FAMILY = {{"العلوي", "El Alaoui"}, {"الإدريسي", "El Idrissi"},
            {"بناني", "Bennani"}, {"التازي", "Tazi"}, {"الفاسي", "El Fassi"}, {"برادة", "Berrada"},
            {"الشرقاوي", "Cherkaoui"}, {"أمزيان", "Amzian"}, {"أوعلي", "Ouali"}, {"الحسني", "El Hassani"},
            {"بوزيد", "Bouzid"}, {"الصنهاجي", "Sanhaji"}, {"أيت بها", "Ait Baha"}, {"المرابط", "Mrabet"},
            {"القادري", "Kadiri"}, {"الزياني", "Ziani"}, {"بلحاج", "Belhaj"}, {"الوزاني", "Ouazzani"},
            {"أخياط", "Akhiat"}, {"الرحماني", "Rahmani"}};
    /** What people type: the names as registered, other spellings, Arabic, one word, with a birth year. */
    private static final List<String> SEARCHES = List.of(
            "Fatma El Alaoui", "Fatima Alaoui", "فاطمة العلوي", "Abdallah Ait Baha", "عبدالله ايت بها",
            "Youssef Bennani", "Yusuf Benani", "Khadija Cherkaoui", "خديجه الشرقاوي", "Elhassan Ouazzani",
            "Driss Tazi", "Idriss Et-Tazi", "Mustafa Kadiri", "Meryem Amzian", "Maryam Amzian", "Hamza Belhaj",
            "Aitbaha", "Sanhaji", "Souad", "Bouzid Said", "Ismail Mrabet", "Smail El Mrabet", "Naima Akhiat",
            "Rachida El Idrissi", "Kaoutar Rahmani", "Lahcen Ziani", "Bilal El Hassani", "أيوب الفاسي",
            "Imane Berrada", "Salma Ouali");

    @Test
    void measuresNameSearches() throws Exception {
        int people = Integer.getInteger("masar.search.people");
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoDatabase database = client.getDatabase("latency");
            BeneficiaryDocuments documents = new BeneficiaryDocuments(database);
            documents.ensureIndexes();
            long[] writeNanos = new long[2];
            long loadStart = System.nanoTime();
            load(documents, people, writeNanos);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            SearchQueries queries = new SearchQueries(documents, new NameKeyLookup(documents));
            Random random = new Random(7);

            for (int i = 0; i < 200; i++) {
                search(queries, random);
            }
            int runs = 1000;
            long[] nanos = new long[runs];
            long[] scopedNanos = new long[runs / 4];
            long found = 0;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                found += search(queries, random);
                nanos[i] = System.nanoTime() - start;
            }
            for (int i = 0; i < scopedNanos.length; i++) {
                long start = System.nanoTime();
                scopedSearch(queries, random);
                scopedNanos[i] = System.nanoTime() - start;
            }
            // for comparison: one scan of the people's documents, what a filter the stand-in cannot index costs
            long[] scanNanos = new long[20];
            for (int i = 0; i < scanNanos.length; i++) {
                long start = System.nanoTime();
                documents.collection().countDocuments(Filters.regex(BeneficiaryDocuments.NAME_KEYS, "^f:fatma"));
                scanNanos[i] = System.nanoTime() - start;
            }
            String load = Files.readString(Path.of("/proc/loadavg")).trim();
            System.out.printf(Locale.ROOT, "%n%d people loaded in %.1f s (people's documents %.1f s, name keys %.1f s); "
                                           + "%d name key entries%n", people, loadSeconds, writeNanos[0] / 1e9,
                              writeNanos[1] / 1e9, documents.nameKeyEntries().countDocuments());
            System.out.printf(Locale.ROOT, "name search (auditor, %d searches, %.0f people found on average): "
                                           + "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", runs,
                              found / (double) runs, percentile(nanos, 50), percentile(nanos, 95),
                              percentile(nanos, 99), percentile(nanos, 100));
            System.out.printf(Locale.ROOT, "name search (social worker of 3 centres, %d searches): p50 %.1f ms, "
                                           + "p99 %.1f ms%n", scopedNanos.length, percentile(scopedNanos, 50),
                              percentile(scopedNanos, 99));
            System.out.printf(Locale.ROOT, "one scan of the people's documents: p50 %.1f ms%n",
                              percentile(scanNanos, 50));
            System.out.printf(Locale.ROOT, "load average while measuring: %s (%d processors)%n", load,
                              Runtime.getRuntime().availableProcessors());
            assertThat(found).isPositive();
        } finally {
            server.shutdownNow();
        }
    }

    private static long search(SearchQueries queries, Random random) {
        String name = SEARCHES.get(random.nextInt(SEARCHES.size()));
        Integer birthYear = random.nextBoolean() ? 1950 + random.nextInt(60) : null;
        return queries.handle(new SearchBeneficiaries(name, null, null, null, null, null, birthYear, 0, 20))
                      .total();
    }

    private static void scopedSearch(SearchBeneficiaries query, SearchQueries queries) {
        queries.handle(query);
    }

    private static void scopedSearch(SearchQueries queries, Random random) {
        String name = SEARCHES.get(random.nextInt(SEARCHES.size()));
        int centre = random.nextInt(198);
        scopedSearch(new SearchBeneficiaries(name, null, null, null, null, null, null, 0, 20,
                                             Set.of(centre(centre), centre(centre + 1), centre(centre + 2)),
                                             "worker-1"), queries);
    }

    private static void load(BeneficiaryDocuments documents, int people, long[] writeNanos) {
        Random random = new Random(17);
        Region[] regions = Region.values();
        List<Document> chunk = new ArrayList<>();
        NameKeyWrites keys = new NameKeyWrites(documents.nameKeyEntries());
        for (int i = 0; i < people; i++) {
            String id = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            Sex sex = random.nextBoolean() ? Sex.FEMALE : Sex.MALE;
            String[] given = (sex == Sex.FEMALE ? FEMALE : MALE)[random.nextInt(sex == Sex.FEMALE ? FEMALE.length
                                                                                               : MALE.length)];
            String[] family = FAMILY[random.nextInt(FAMILY.length)];
            int birthYear = 1950 + random.nextInt(60);
            PersonalData personal = new PersonalData(given[0], family[0], given[1], family[1],
                                                     LocalDate.of(birthYear, 1 + random.nextInt(12), 1), null,
                                                     "Hay Mohammadi", null);
            Region region = regions[random.nextInt(regions.length)];
            Document person = new Document("_id", id);
            BeneficiaryDocuments.registered(person, personal, sex, birthYear, region, "Province");
            person.put(BeneficiaryDocuments.REGISTERED_BY, "worker-" + random.nextInt(50));
            String centre = centre(random.nextInt(200));
            keys.add(id, i, NameKeyEntries.centreKey(centre));
            BeneficiaryDocuments.enrolled(person, new Placement("e-" + id, centre,
                                                                ProgrammeType.EDUCATION_TRAINING, region, "Province",
                                                                LocalDate.of(2010, 1, 4)));
            chunk.add(person);
            keys.add(id, i, BeneficiaryDocuments.nameKeys(personal), BeneficiaryDocuments.sortName(personal),
                     NameKeyEntries.card(personal, sex, birthYear, region));
            if (chunk.size() == 1000 || i == people - 1) {
                long start = System.nanoTime();
                documents.collection().insertMany(chunk);
                long inserted = System.nanoTime();
                keys.write();
                writeNanos[0] += inserted - start;
                writeNanos[1] += System.nanoTime() - inserted;
                chunk.clear();
            }
        }
    }

    private static String centre(int number) {
        return String.format(Locale.ROOT, "CEF-%04d", number);
    }

    private static double percentile(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}

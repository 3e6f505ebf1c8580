package ma.masar.embedded.demo;

import ma.masar.api.common.Region;

import java.util.List;
import java.util.Map;
import java.util.Random;

/** Regions with a few of their provinces and prefectures, and a weight close to their population share. */
final class Geography {

    record Place(Region region, List<String> provinces, int weight) {
    }

    static final List<Place> PLACES = List.of(
            new Place(Region.CASABLANCA_SETTAT, List.of("Casablanca", "Settat", "El Jadida", "Berrechid", "Mohammedia"), 20),
            new Place(Region.RABAT_SALE_KENITRA, List.of("Rabat", "Salé", "Kénitra", "Khémisset", "Sidi Kacem"), 13),
            new Place(Region.MARRAKECH_SAFI, List.of("Marrakech", "Safi", "Essaouira", "El Kelâa des Sraghna", "Al Haouz"), 13),
            new Place(Region.FES_MEKNES, List.of("Fès", "Meknès", "Taza", "Sefrou", "Ifrane"), 12),
            new Place(Region.TANGER_TETOUAN_AL_HOCEIMA, List.of("Tanger-Assilah", "Tétouan", "Al Hoceïma", "Larache", "Chefchaouen"), 10),
            new Place(Region.SOUSS_MASSA, List.of("Agadir Ida-Outanane", "Inezgane-Aït Melloul", "Taroudant", "Tiznit"), 8),
            new Place(Region.ORIENTAL, List.of("Oujda-Angad", "Nador", "Berkane", "Taourirt", "Figuig"), 7),
            new Place(Region.BENI_MELLAL_KHENIFRA, List.of("Béni Mellal", "Khénifra", "Khouribga", "Azilal"), 7),
            new Place(Region.DRAA_TAFILALET, List.of("Errachidia", "Ouarzazate", "Zagora", "Tinghir", "Midelt"), 5),
            new Place(Region.GUELMIM_OUED_NOUN, List.of("Guelmim", "Tan-Tan", "Sidi Ifni", "Assa-Zag"), 2),
            new Place(Region.LAAYOUNE_SAKIA_EL_HAMRA, List.of("Laâyoune", "Boujdour", "Tarfaya"), 2),
            new Place(Region.DAKHLA_OUED_ED_DAHAB, List.of("Oued Ed-Dahab", "Aousserd"), 1));

    static final Map<Region, String> NATIONAL_ID_PREFIX = Map.ofEntries(
            Map.entry(Region.CASABLANCA_SETTAT, "BE"), Map.entry(Region.RABAT_SALE_KENITRA, "AB"),
            Map.entry(Region.MARRAKECH_SAFI, "EE"), Map.entry(Region.FES_MEKNES, "C"),
            Map.entry(Region.TANGER_TETOUAN_AL_HOCEIMA, "K"), Map.entry(Region.SOUSS_MASSA, "J"),
            Map.entry(Region.ORIENTAL, "F"), Map.entry(Region.BENI_MELLAL_KHENIFRA, "I"),
            Map.entry(Region.DRAA_TAFILALET, "U"), Map.entry(Region.GUELMIM_OUED_NOUN, "JK"),
            Map.entry(Region.LAAYOUNE_SAKIA_EL_HAMRA, "SH"), Map.entry(Region.DAKHLA_OUED_ED_DAHAB, "VA"));

    private static final int TOTAL_WEIGHT = PLACES.stream().mapToInt(Place::weight).sum();

    private Geography() {
    }

    static Place pick(Random random) {
        int r = random.nextInt(TOTAL_WEIGHT);
        for (Place place : PLACES) {
            r -= place.weight();
            if (r < 0) {
                return place;
            }
        }
        return PLACES.get(0);
    }
}

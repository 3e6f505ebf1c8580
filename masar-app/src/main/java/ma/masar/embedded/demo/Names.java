package ma.masar.embedded.demo;

import java.util.List;
import java.util.Random;

/** Common Moroccan names in Arabic script with their usual Latin spelling. */
final class Names {

    record Name(String arabic, String latin) {
    }

    static final List<Name> FEMALE = List.of(
            new Name("فاطمة", "Fatima"), new Name("خديجة", "Khadija"), new Name("مريم", "Meryem"),
            new Name("زينب", "Zineb"), new Name("عائشة", "Aicha"), new Name("نادية", "Nadia"),
            new Name("سعاد", "Souad"), new Name("حفصة", "Hafsa"), new Name("إيمان", "Imane"),
            new Name("سلمى", "Salma"), new Name("هاجر", "Hajar"), new Name("أسماء", "Asmae"),
            new Name("نعيمة", "Naima"), new Name("رشيدة", "Rachida"), new Name("لبنى", "Loubna"),
            new Name("ياسمين", "Yasmine"), new Name("كوثر", "Kaoutar"), new Name("حليمة", "Halima"));

    static final List<Name> MALE = List.of(
            new Name("محمد", "Mohamed"), new Name("يوسف", "Youssef"), new Name("أحمد", "Ahmed"),
            new Name("عمر", "Omar"), new Name("ياسين", "Yassine"), new Name("حمزة", "Hamza"),
            new Name("إدريس", "Driss"), new Name("مصطفى", "Mustapha"), new Name("عبد الله", "Abdellah"),
            new Name("إسماعيل", "Ismail"), new Name("أيوب", "Ayoub"), new Name("رضوان", "Redouane"),
            new Name("سعيد", "Said"), new Name("الحسن", "El Hassan"), new Name("بلال", "Bilal"));

    static final List<Name> FAMILY = List.of(
            new Name("العلوي", "El Alaoui"), new Name("الإدريسي", "El Idrissi"), new Name("بناني", "Bennani"),
            new Name("التازي", "Tazi"), new Name("الفاسي", "El Fassi"), new Name("برادة", "Berrada"),
            new Name("الشرقاوي", "Cherkaoui"), new Name("أمزيان", "Amzian"), new Name("أوعلي", "Ouali"),
            new Name("الحسني", "El Hassani"), new Name("بوزيد", "Bouzid"), new Name("الصنهاجي", "Sanhaji"),
            new Name("أيت بها", "Ait Baha"), new Name("المرابط", "Mrabet"), new Name("القادري", "Kadiri"),
            new Name("الزياني", "Ziani"), new Name("بلحاج", "Belhaj"), new Name("الوزاني", "Ouazzani"),
            new Name("أخياط", "Akhiat"), new Name("الرحماني", "Rahmani"));

    private Names() {
    }

    static Name pick(List<Name> names, Random random) {
        return names.get(random.nextInt(names.size()));
    }
}

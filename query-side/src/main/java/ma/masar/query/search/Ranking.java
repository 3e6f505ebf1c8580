package ma.masar.query.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import ma.masar.api.query.SearchBeneficiaries;
import ma.masar.query.search.NameKeyLookup.Candidate;

/**
 * The order of a name search's results, on the cards: the closest spelling first (the very word, then the same name
 * spelt otherwise, then a word begun), then the birth year nearest the one searched, the sex searched, and family then
 * given name. Each candidate's place is worked out once, not at each comparison, and only the first ones asked for are
 * put in order: at the full population a family name finds about 14,000 people for a page of 20, and sorting them
 * all, reading the cards at each comparison, was an eighth of a search's time (BENCHMARKS.md).
 */
record Ranking(Candidate candidate, int closeness, int birthGap, int otherSex, String sortName) {

    private static final Comparator<Ranking> ORDER = Comparator.comparingInt((Ranking r) -> -r.closeness)
            .thenComparingInt(Ranking::birthGap)
            .thenComparingInt(Ranking::otherSex)
            .thenComparing(Ranking::sortName, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(r -> r.candidate.id());

    static Ranking of(Candidate candidate, SearchBeneficiaries query) {
        int birthGap = 0;
        if (query.birthYear() != null) {
            Integer born = candidate.card().getInteger("y");
            birthGap = born == null ? Integer.MAX_VALUE : Math.abs(born - query.birthYear());
        }
        int otherSex = query.sex() == null || query.sex().name().equals(candidate.card().getString("x")) ? 0 : 1;
        return new Ranking(candidate, candidate.closeness(), birthGap, otherSex, candidate.sortName());
    }

    /** The first {@code count} candidates in order (all of them when there are fewer). */
    static List<Candidate> first(List<Candidate> candidates, SearchBeneficiaries query, int count) {
        if (count <= 0) {
            return new ArrayList<>();
        }
        List<Ranking> first;
        if (count >= candidates.size()) {
            first = new ArrayList<>(candidates.size());
            candidates.forEach(candidate -> first.add(of(candidate, query)));
        } else {
            PriorityQueue<Ranking> kept = new PriorityQueue<>(count + 1, ORDER.reversed());
            for (Candidate candidate : candidates) {
                Ranking ranking = of(candidate, query);
                if (kept.size() < count) {
                    kept.add(ranking);
                } else if (ORDER.compare(ranking, kept.peek()) < 0) {
                    kept.poll();
                    kept.add(ranking);
                }
            }
            first = new ArrayList<>(kept);
        }
        first.sort(ORDER);
        List<Candidate> ordered = new ArrayList<>(first.size());
        first.forEach(ranking -> ordered.add(ranking.candidate()));
        return ordered;
    }
}

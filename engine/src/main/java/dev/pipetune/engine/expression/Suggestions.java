package dev.pipetune.engine.expression;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean" suggestions: the known name nearest to a misspelt one, if it is a likely typo. */
final class Suggestions {

    private static final int LARGEST_DISTANCE = 2;

    private Suggestions() {
    }

    /**
     * The candidate closest to a misspelt name.
     *
     * @param misspelt the unknown name, in lower case
     * @param candidates the known names, in lower case
     * @return the candidate with the smallest edit distance (ties: alphabetically first), if within 1 edit for names
     *     under 6 characters and 2 edits otherwise; else empty
     */
    static Optional<String> closest(String misspelt, Collection<String> candidates) {
        int limit = Math.min(LARGEST_DISTANCE, Math.max(1, misspelt.length() / 3));
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        return candidates.stream()
                .map(candidate -> new Candidate(candidate, distance.apply(misspelt, candidate)))
                .filter(candidate -> candidate.distance() >= 0)
                .min(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name))
                .map(Candidate::name);
    }

    private record Candidate(String name, int distance) {
    }
}

package dev.pipetune.engine.pipeline;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Suggests the known name closest to a misspelt one, for "did you mean" hints. */
final class NearestName {

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private NearestName() {
    }

    /**
     * Returns the candidate closest to {@code name}, if it is close enough to be a likely typo: within a third of
     * the name's length (at least 2 edits), or sharing a prefix or suffix of 4 characters.
     */
    static Optional<String> of(String name, Collection<String> candidates) {
        int allowed = Math.max(2, name.length() / 3);
        return candidates.stream()
                .filter(candidate -> DISTANCE.apply(name, candidate) <= allowed || sharesAffix(name, candidate))
                .min(Comparator.comparingInt((String candidate) -> DISTANCE.apply(name, candidate)));
    }

    /** Returns {@code "; did you mean 'x'?"} or an empty string. */
    static String hint(String name, Collection<String> candidates) {
        return of(name, candidates).map(nearest -> "; did you mean '" + nearest + "'?").orElse("");
    }

    private static boolean sharesAffix(String name, String candidate) {
        int length = 4;
        return name.length() >= length && candidate.length() >= length
                && (name.regionMatches(true, 0, candidate, 0, length)
                        && Math.abs(name.length() - candidate.length()) <= 3);
    }
}

package dev.pipetune.profiler.rules;

/** Turns a measured badness into a score whose band matches thresholds. */
public final class Scores {

    private Scores() {
    }

    /**
     * Scores a value for which larger is worse: below {@code infoAt} it scores 0 to 24 (OK), from {@code infoAt} to
     * below {@code warningAt} 25 to 74 (INFO), from {@code warningAt} 75 upwards, reaching 100 at twice
     * {@code warningAt}'s distance from {@code infoAt}.
     *
     * @param value the measured badness, e.g. how far a utilization falls short of its target
     * @param infoAt where INFO starts
     * @param warningAt where WARNING starts, above {@code infoAt}
     * @return the score, 0 to 100
     * @throws IllegalArgumentException when the thresholds are not increasing
     */
    public static int ramp(double value, double infoAt, double warningAt) {
        if (!(warningAt > infoAt)) {
            throw new IllegalArgumentException("warningAt must exceed infoAt: " + infoAt + ", " + warningAt);
        }
        if (Double.isNaN(value)) {
            return 0;
        }
        double width = warningAt - infoAt;
        if (value < infoAt) {
            double start = infoAt - width;
            return (int) Math.max(0, Math.min(24, Math.floor(24 * (value - start) / width)));
        }
        if (value < warningAt) {
            return (int) Math.min(74, 25 + Math.floor(49 * (value - infoAt) / width));
        }
        return (int) Math.min(100, 75 + Math.floor(25 * (value - warningAt) / width));
    }

    /**
     * Scores a value for which smaller is worse, mirroring {@link #ramp}: at or above {@code infoBelow} it is OK, below
     * {@code warningBelow} it is a warning.
     *
     * @param value the measured value, e.g. a utilization
     * @param infoBelow values below this are at least INFO
     * @param warningBelow values below this are WARNING; less than {@code infoBelow}
     * @return the score, 0 to 100
     */
    public static int rampDown(double value, double infoBelow, double warningBelow) {
        return ramp(-value, -infoBelow, -warningBelow);
    }
}

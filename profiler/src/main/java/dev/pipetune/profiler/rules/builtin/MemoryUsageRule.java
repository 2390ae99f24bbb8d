package dev.pipetune.profiler.rules.builtin;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.recording.ProgressSnapshot;
import dev.pipetune.profiler.recording.Recording;
import dev.pipetune.profiler.rules.Evidence;
import dev.pipetune.profiler.rules.Fix;
import dev.pipetune.profiler.rules.Rule;
import dev.pipetune.profiler.rules.RuleContext;
import dev.pipetune.profiler.rules.RuleResult;
import dev.pipetune.profiler.rules.RunMeasures;
import dev.pipetune.profiler.rules.Scores;
import dev.pipetune.profiler.rules.TimeRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Success metric "Memory Usage &lt; 80% peak": the highest of three fractions over the run: the process's resident
 * memory of the machine's memory, the system's used memory of its total, and the blocks in flight of the run's
 * memory budget.
 */
public final class MemoryUsageRule implements Rule {

    /**
     * The thresholds, as fractions of capacity.
     *
     * @param infoFromFraction a peak from this is INFO
     * @param warningFromFraction a peak from this is a WARNING
     */
    public record Thresholds(double infoFromFraction, double warningFromFraction) {
        /** The seed's target: WARNING from 80%; INFO from 65%. */
        public static final Thresholds DEFAULTS = new Thresholds(0.65, 0.8);
    }

    private final Thresholds thresholds;

    /** Creates the rule with the default thresholds. */
    public MemoryUsageRule() {
        this(Thresholds.DEFAULTS);
    }

    /**
     * Creates the rule.
     *
     * @param thresholds the thresholds
     */
    public MemoryUsageRule(Thresholds thresholds) {
        this.thresholds = requireNonNull(thresholds, "thresholds");
    }

    @Override
    public String id() {
        return "memory-usage";
    }

    @Override
    public String name() {
        return "Memory usage";
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        List<Evidence> peaks = peakFractions(context.recording());
        if (peaks.isEmpty()) {
            return RuleResult.notApplicable(this, "the recording has no memory samples and no memory budget");
        }
        Evidence worst = peaks.getFirst();
        int score = Scores.ramp(worst.value(), thresholds.infoFromFraction(), thresholds.warningFromFraction());
        Optional<Fix> fix = score >= 25 ? Optional.of(MemoryFixes.reduceMemory(context)) : Optional.empty();
        return RuleResult.scored(this, score, String.format(Locale.ROOT, "peak memory %.0f%% of capacity (%s; "
                + "target below %.0f%%)", worst.value() * 100, worst.subject(), thresholds.warningFromFraction() * 100),
                "The seed's success metric: memory should stay below 80% of its capacity at the peak, leaving room "
                        + "for bursts. Capacity is the machine's memory for the process and the system, and the "
                        + "run's object-store budget for the blocks in flight.", peaks, fix);
    }

    /** Returns the peak fractions of capacity, largest first. */
    static List<Evidence> peakFractions(Recording recording) {
        List<Evidence> peaks = new ArrayList<>();
        long machine = recording.environment().memoryBytes();
        RunMeasures.Series rss = RunMeasures.series(recording.samples(), "process.rss");
        if (!rss.isEmpty() && machine > 0) {
            peaks.add(peak("peak process memory of machine memory", rss.max() / machine, "process.rss",
                    rss.timeOfMax()));
        }
        RunMeasures.Series used = RunMeasures.series(recording.samples(), "memory.system.used");
        RunMeasures.Series available = RunMeasures.series(recording.samples(), "memory.system.available");
        if (!used.isEmpty()) {
            double capacity = !available.isEmpty() && available.size() == used.size()
                    ? used.values()[0] + available.values()[0] : machine;
            if (capacity > 0) {
                peaks.add(peak("peak system memory in use", used.max() / capacity, "memory.system.used",
                        used.timeOfMax()));
            }
        }
        long budget = recording.run().memoryBudgetBytes();
        if (budget > 0 && !recording.progress().isEmpty()) {
            ProgressSnapshot top = recording.progress().stream()
                    .max(Comparator.comparingLong(ProgressSnapshot::objectStoreBytes)).orElseThrow();
            peaks.add(peak("peak blocks in flight of the memory budget", top.objectStoreBytes() / (double) budget,
                    "object store", top.timeMillis()));
        }
        peaks.sort(Comparator.comparingDouble(Evidence::value).reversed());
        return peaks;
    }

    private static Evidence peak(String label, double fraction, String subject, long atMillis) {
        return new Evidence(label, fraction, "fraction", subject, Optional.of(new TimeRange(atMillis, atMillis)));
    }
}

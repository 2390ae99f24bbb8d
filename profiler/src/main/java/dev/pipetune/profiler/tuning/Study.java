package dev.pipetune.profiler.tuning;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.recording.PipelineSource;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A finished sweep, self-contained: the pipeline, the axes, how the trials ran, every trial with its measurements and
 * feasibility, the baseline (the pipeline as given, measured on the final sample) and the best feasible trial of the
 * final rung. Saved and reopened with {@link StudyFiles}.
 *
 * @param formatVersion the study format's version
 * @param created when the study finished
 * @param pipeline the pipeline file's name and text, and the overrides the study started from
 * @param axes the swept settings
 * @param options strategy, final sample fraction, repeats, warm-ups, halving factor
 * @param constraints what made a trial infeasible
 * @param sampleFractions the share of the input each rung read, first rung first (one entry for a grid)
 * @param baseline the pipeline as given, measured on the final sample
 * @param trials the sweep's trials, in the order they ran
 * @param bestTrial the number of the best feasible trial of the final rung (highest median throughput); 0 when no
 *     swept trial was feasible
 * @param totalTrialSeconds wall time of all runs: the study's warm-up, the trials and the baseline
 * @param proposals the measured proposals of the four levels, by level; empty unless asked for
 */
public record Study(int formatVersion, Instant created, PipelineSource pipeline, List<SweepAxis> axes,
        TuningOptions options, Constraints constraints, List<Double> sampleFractions, Trial baseline,
        List<Trial> trials, int bestTrial, double totalTrialSeconds, List<Proposal> proposals) {

    /** The study format this version writes. */
    public static final int FORMAT_VERSION = 1;

    /** Copies the lists and rejects nulls. */
    public Study {
        requireNonNull(created, "created");
        requireNonNull(pipeline, "pipeline");
        requireNonNull(options, "options");
        requireNonNull(constraints, "constraints");
        requireNonNull(baseline, "baseline");
        axes = List.copyOf(axes);
        sampleFractions = List.copyOf(sampleFractions);
        trials = List.copyOf(trials);
        proposals = List.copyOf(proposals);
    }

    /**
     * Makes a study of proposals without a sweep: no axes and no trials, the proposals' shared baseline (not measured
     * when there are no proposals).
     *
     * @param pipeline the pipeline file's name and text
     * @param options how the proposals were measured
     * @param constraints what made a run infeasible
     * @param proposals the measured proposals
     * @return the study
     */
    public static Study ofProposals(PipelineSource pipeline, TuningOptions options, Constraints constraints,
            List<Proposal> proposals) {
        Trial baseline = proposals.isEmpty()
                ? new Trial(0, TrialConfiguration.BASELINE, 0, options.sampleFraction(), false, "not measured",
                        List.of(), Noise.NONE, 0)
                : proposals.getFirst().before();
        double seconds = baseline.trialSeconds() + proposals.stream().mapToDouble(proposal -> proposal.after()
                .trialSeconds()).sum();
        return new Study(FORMAT_VERSION, Instant.now(), pipeline, List.of(), options, constraints,
                List.of(options.sampleFraction()), baseline, List.of(), 0, seconds, proposals);
    }

    /**
     * Returns this study with measured proposals.
     *
     * @param measured the measured proposals
     * @return the study
     */
    public Study withProposals(List<Proposal> measured) {
        return new Study(formatVersion, created, pipeline, axes, options, constraints, sampleFractions, baseline,
                trials, bestTrial, totalTrialSeconds, measured);
    }

    /** Returns the best feasible trial of the final rung, if any. */
    public Optional<Trial> best() {
        return trials.stream().filter(trial -> trial.number() == bestTrial).findFirst();
    }

    /** Returns the best trial's median throughput over the baseline's; empty without a best or a baseline. */
    public Optional<Double> speedup() {
        return best().filter(best -> baseline.feasible() && baseline.medianThroughput() > 0)
                .map(best -> best.medianThroughput() / baseline.medianThroughput());
    }

    /** Returns the wall time of the swept trials, without the study's warm-up and the baseline. */
    public double sweepSeconds() {
        return trials.stream().mapToDouble(Trial::trialSeconds).sum();
    }

    /**
     * Picks the best feasible trial among some: the highest median throughput.
     *
     * @param candidates trials
     * @return the best, if any is feasible
     */
    static Optional<Trial> bestOf(List<Trial> candidates) {
        return candidates.stream().filter(Trial::feasible).max(Comparator.comparingDouble(Trial::medianThroughput));
    }
}

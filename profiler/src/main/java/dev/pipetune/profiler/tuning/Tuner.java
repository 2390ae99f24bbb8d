package dev.pipetune.profiler.tuning;

import static java.util.Objects.requireNonNull;

import dev.pipetune.profiler.recording.PipelineSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs a study: first {@code warmupRuns} unmeasured runs of the pipeline as given on the first rung's sample (so the
 * JVM's compiler has warmed up before trial 1), then the trials of a sweep one at a time (parallel trials would
 * distort each other's throughput), each with warm-ups and repeats, by grid or successive halving, then the baseline
 * on the final sample. A trial that fails, runs out of memory or breaks a constraint is recorded as infeasible and the
 * study goes on.
 *
 * <p>Successive halving with n configurations and factor η has {@code r = max(1, ceil(log_η n))} rungs; rung k
 * (from 0) reads {@code F / η^(r-1-k)} of the input, F being the final sample fraction, and each rung but the last
 * keeps the best {@code ceil(count / η)} configurations (infeasible ones rank last).
 */
public final class Tuner {

    private final TrialRunner runner;
    private final Constraints constraints;
    private final TrialListener listener;
    private final Clock clock;

    /**
     * Creates a tuner.
     *
     * @param runner runs and measures one run
     * @param constraints what makes a trial infeasible
     * @param listener hears about each trial
     * @param clock measures the trials' wall time
     */
    public Tuner(TrialRunner runner, Constraints constraints, TrialListener listener, Clock clock) {
        this.runner = requireNonNull(runner, "runner");
        this.constraints = requireNonNull(constraints, "constraints");
        this.listener = requireNonNull(listener, "listener");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Runs the study.
     *
     * @param pipeline the pipeline file (name, text, the overrides every trial starts from)
     * @param axes the swept settings, at least one
     * @param options strategy, sample, repeats, warm-ups
     * @return the study
     * @throws InterruptedException if the thread is interrupted
     */
    public Study tune(PipelineSource pipeline, List<SweepAxis> axes, TuningOptions options)
            throws InterruptedException {
        requireNonNull(pipeline, "pipeline");
        requireNonNull(options, "options");
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one --sweep axis");
        }
        TrialConfiguration base = baseConfiguration(pipeline);
        List<TrialConfiguration> configurations = TrialConfiguration.grid(axes).stream().map(base::with).toList();
        List<Double> fractions = fractions(options, configurations.size());
        long warmupStart = clock.millis();
        for (int run = 0; run < options.warmupRuns(); run++) {
            runner.run(pipeline.text(), base, fractions.getFirst());
        }
        double warmupSeconds = (clock.millis() - warmupStart) / 1000.0;
        List<Trial> trials = new ArrayList<>();
        List<TrialConfiguration> remaining = configurations;
        for (int rung = 0; rung < fractions.size(); rung++) {
            List<Trial> rungTrials = new ArrayList<>();
            for (TrialConfiguration configuration : remaining) {
                Trial trial = trial(trials.size() + 1, pipeline.text(), configuration, rung, fractions.get(rung),
                        options);
                trials.add(trial);
                rungTrials.add(trial);
            }
            if (rung < fractions.size() - 1) {
                int keep = Math.ceilDiv(remaining.size(), options.eta());
                remaining = rungTrials.stream().sorted(ranking()).limit(keep).map(Trial::configuration).toList();
            }
        }
        double finalFraction = fractions.getLast();
        Trial baseline = trial(0, pipeline.text(), base, fractions.size() - 1, finalFraction, options);
        int lastRung = fractions.size() - 1;
        Optional<Trial> best = Study.bestOf(trials.stream().filter(trial -> trial.rung() == lastRung).toList());
        double total = warmupSeconds + trials.stream().mapToDouble(Trial::trialSeconds).sum()
                + baseline.trialSeconds();
        return new Study(Study.FORMAT_VERSION, clock.instant(), pipeline, axes, options, constraints, fractions,
                baseline, trials, best.map(Trial::number).orElse(0), total, List.of());
    }

    /**
     * Measures one configuration: warm-ups, then repeats, stopping at the first failure or broken constraint.
     *
     * @param number the trial's number
     * @param pipelineText the pipeline's text
     * @param configuration the settings
     * @param rung the halving rung
     * @param sampleFraction the share of the input
     * @param options warm-ups and repeats
     * @return the trial
     * @throws InterruptedException if the thread is interrupted
     */
    public Trial trial(int number, String pipelineText, TrialConfiguration configuration, int rung,
            double sampleFraction, TuningOptions options) throws InterruptedException {
        listener.trialStarted(number, configuration, rung, sampleFraction);
        Measuring trial = new Measuring(pipelineText, configuration, sampleFraction);
        for (int run = 0; run < options.warmupRuns(); run++) {
            trial.runOnce(false);
        }
        for (int run = 0; run < options.repeats(); run++) {
            trial.runOnce(true);
        }
        Trial finished = trial.finish(number, rung);
        listener.trialFinished(finished);
        return finished;
    }

    /**
     * Measures two pipelines against each other with interleaved runs (before, after, before, after, ...), so that a
     * machine whose speed drifts during the comparison affects both sides alike: warm-ups of both first, then the
     * repeats in alternation.
     *
     * @param before the first side (usually the pipeline as given)
     * @param after the second side (an edit of it)
     * @param options warm-ups and repeats of each side
     * @return both sides' trials, each with its own runs; a failed or constraint-breaking side stops running
     * @throws InterruptedException if the thread is interrupted
     */
    public Comparison compare(Side before, Side after, TuningOptions options) throws InterruptedException {
        requireNonNull(before, "before");
        requireNonNull(after, "after");
        listener.trialStarted(before.number(), before.configuration(), 0, before.sampleFraction());
        listener.trialStarted(after.number(), after.configuration(), 0, after.sampleFraction());
        Measuring first = new Measuring(before.pipelineText(), before.configuration(), before.sampleFraction());
        Measuring second = new Measuring(after.pipelineText(), after.configuration(), after.sampleFraction());
        for (int run = 0; run < options.warmupRuns(); run++) {
            first.runOnce(false);
            second.runOnce(false);
        }
        for (int run = 0; run < options.repeats(); run++) {
            first.runOnce(true);
            second.runOnce(true);
        }
        Comparison comparison = new Comparison(first.finish(before.number(), 0), second.finish(after.number(), 0));
        listener.trialFinished(comparison.before());
        listener.trialFinished(comparison.after());
        return comparison;
    }

    /**
     * One side of a {@link #compare comparison}.
     *
     * @param number the trial number it gets
     * @param pipelineText the pipeline's text
     * @param configuration the settings changed on top of it
     * @param sampleFraction the share of the input it reads
     */
    public record Side(int number, String pipelineText, TrialConfiguration configuration, double sampleFraction) {
        /** Rejects nulls. */
        public Side {
            requireNonNull(pipelineText, "pipelineText");
            requireNonNull(configuration, "configuration");
        }
    }

    /**
     * Two trials measured with interleaved runs.
     *
     * @param before the first side
     * @param after the second side
     */
    public record Comparison(Trial before, Trial after) {
        /** Rejects nulls. */
        public Comparison {
            requireNonNull(before, "before");
            requireNonNull(after, "after");
        }
    }

    /** The runs of one trial so far; stops running at the first failure or broken constraint. */
    private final class Measuring {

        private final String pipelineText;
        private final TrialConfiguration configuration;
        private final double sampleFraction;
        private final List<RunMeasurement> runs = new ArrayList<>();
        private String reason = "";
        private long millis;

        Measuring(String pipelineText, TrialConfiguration configuration, double sampleFraction) {
            this.pipelineText = pipelineText;
            this.configuration = configuration;
            this.sampleFraction = sampleFraction;
        }

        void runOnce(boolean measured) throws InterruptedException {
            if (!reason.isEmpty()) {
                return;
            }
            long start = clock.millis();
            RunOutcome outcome = runner.run(pipelineText, configuration, sampleFraction);
            millis += clock.millis() - start;
            switch (outcome) {
                case RunOutcome.Failed failed -> reason = failed.outOfMemory() ? "out of memory: " + failed.reason()
                        : failed.reason();
                case RunOutcome.Measured run -> {
                    Optional<String> violation = constraints.violation(run.measurement());
                    violation.ifPresent(broken -> reason = broken);
                    if (measured || violation.isPresent()) {
                        runs.add(run.measurement());
                    }
                }
            }
        }

        Trial finish(int number, int rung) {
            Noise noise = runs.isEmpty() ? Noise.NONE : Noise.of(runs.stream()
                    .mapToDouble(RunMeasurement::throughputRowsPerSecond).toArray());
            return new Trial(number, configuration, rung, sampleFraction, reason.isEmpty(), reason, runs, noise,
                    millis / 1000.0);
        }
    }

    /**
     * Returns the sample fraction of each rung.
     *
     * @param options the strategy, final fraction and factor
     * @param configurations how many configurations the first rung runs
     * @return one fraction for a grid; for halving, growing by η up to the final fraction
     */
    static List<Double> fractions(TuningOptions options, int configurations) {
        if (options.strategy() == Strategy.GRID) {
            return List.of(options.sampleFraction());
        }
        int rungs = 1;
        for (long reach = options.eta(); reach < configurations; reach *= options.eta()) {
            rungs++;
        }
        if (configurations <= 1) {
            rungs = 1;
        }
        List<Double> fractions = new ArrayList<>();
        for (int rung = 0; rung < rungs; rung++) {
            fractions.add(options.sampleFraction() / Math.pow(options.eta(), rungs - 1 - rung));
        }
        return fractions;
    }

    private static Comparator<Trial> ranking() {
        return Comparator.comparing(Trial::feasible).reversed()
                .thenComparing(Comparator.comparingDouble(Trial::medianThroughput).reversed());
    }

    private static TrialConfiguration baseConfiguration(PipelineSource pipeline) {
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (String override : pipeline.overrides()) {
            int equals = override.indexOf('=');
            settings.put(override.substring(0, equals), override.substring(equals + 1));
        }
        return new TrialConfiguration(settings);
    }
}

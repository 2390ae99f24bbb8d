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
        long start = clock.millis();
        List<RunMeasurement> runs = new ArrayList<>();
        String reason = "";
        for (int run = 0; run < options.warmupRuns() + options.repeats() && reason.isEmpty(); run++) {
            RunOutcome outcome = runner.run(pipelineText, configuration, sampleFraction);
            switch (outcome) {
                case RunOutcome.Failed failed -> reason = failed.outOfMemory() ? "out of memory: " + failed.reason()
                        : failed.reason();
                case RunOutcome.Measured measured -> {
                    Optional<String> violation = constraints.violation(measured.measurement());
                    if (violation.isPresent()) {
                        reason = violation.get();
                    }
                    if (run >= options.warmupRuns() || violation.isPresent()) {
                        runs.add(measured.measurement());
                    }
                }
            }
        }
        Noise noise = runs.isEmpty() ? Noise.NONE : Noise.of(runs.stream()
                .mapToDouble(RunMeasurement::throughputRowsPerSecond).toArray());
        Trial trial = new Trial(number, configuration, rung, sampleFraction, reason.isEmpty(), reason, runs, noise,
                (clock.millis() - start) / 1000.0);
        listener.trialFinished(trial);
        return trial;
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

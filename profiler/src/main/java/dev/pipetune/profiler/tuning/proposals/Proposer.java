package dev.pipetune.profiler.tuning.proposals;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.profiler.tuning.Noise;
import dev.pipetune.profiler.tuning.Proposal;
import dev.pipetune.profiler.tuning.RowsDigest;
import dev.pipetune.profiler.tuning.RunOutcome;
import dev.pipetune.profiler.tuning.SampleInspector;
import dev.pipetune.profiler.tuning.Study;
import dev.pipetune.profiler.tuning.Trial;
import dev.pipetune.profiler.tuning.TrialConfiguration;
import dev.pipetune.profiler.tuning.Tuner;
import dev.pipetune.profiler.tuning.TuningOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the proposals of the four levels for a pipeline and measures each edit alone against the pipeline as given,
 * on the same sample with the same warm-ups and repeats, the runs of both sides interleaved (so that a machine whose
 * speed drifts affects both alike). A source conversion is run on the sampled input first (into a temporary folder,
 * removed afterwards), so both sides read the same rows.
 *
 * <p>Where the pipeline's text is not enough, the proposer looks at the sample first: {@link AggregationFinder} runs
 * pipeline prefixes to recognise hand-written aggregations, and {@link StarvedGpuFinder} records a baseline run to
 * find GPU steps starved by their input; the other proposals come from {@link ProposalFinder}.
 */
public final class Proposer {

    private final Tuner tuner;
    private final ConversionRunner conversions;
    private final RowsChecker rows;
    private final SampleInspector inspector;
    private final PathExpander paths;
    private final int gpus;
    private final Path scratch;

    /** Runs a conversion pipeline on a sample of its input, keeping what it writes. */
    @FunctionalInterface
    public interface ConversionRunner {
        /**
         * Runs the conversion.
         *
         * @param pipelineText the conversion pipeline, whose write names its target folder
         * @param sampleFraction the share of the input to convert
         * @return the run's outcome
         * @throws InterruptedException if the thread is interrupted
         */
        RunOutcome convert(String pipelineText, double sampleFraction) throws InterruptedException;
    }

    /** Runs a pipeline without a sink on a sample and returns its rows' digest. */
    @FunctionalInterface
    public interface RowsChecker {
        /**
         * Runs the pipeline.
         *
         * @param pipelineText a pipeline that ends without a write
         * @param sampleFraction the share of the input to read
         * @return the digest of its rows; empty when it cannot run
         * @throws InterruptedException if the thread is interrupted
         */
        Optional<RowsDigest> digest(String pipelineText, double sampleFraction) throws InterruptedException;
    }

    /**
     * Creates a proposer.
     *
     * @param tuner measures the trials (its runner, constraints and listener)
     * @param conversions runs source conversions
     * @param rows checks that an edit gives the same rows, where the edit's equivalence cannot be seen statically
     * @param inspector looks at the rows of pipeline prefixes (to find hand-written aggregations) and records a
     *     baseline run (to find GPU steps starved by their input); {@link SampleInspector#NONE} skips those
     * @param paths how the pipeline's paths expand (to read a Parquet input's columns)
     * @param gpus the GPUs detected, for GPU steps' concurrency
     * @param scratch where conversions write; must exist
     */
    public Proposer(Tuner tuner, ConversionRunner conversions, RowsChecker rows, SampleInspector inspector,
            PathExpander paths, int gpus, Path scratch) {
        this.tuner = requireNonNull(tuner, "tuner");
        this.conversions = requireNonNull(conversions, "conversions");
        this.rows = requireNonNull(rows, "rows");
        this.inspector = requireNonNull(inspector, "inspector");
        this.paths = requireNonNull(paths, "paths");
        this.gpus = gpus;
        this.scratch = requireNonNull(scratch, "scratch");
    }

    /**
     * Finds and measures the proposals.
     *
     * @param text the pipeline file's text
     * @param format its syntax
     * @param fileName its name, for messages
     * @param study a sweep of it, whose best settings give the level 2 and 3 proposals; empty for none
     * @param options warm-ups and repeats of each measurement; its sample fraction is the sample of all of them
     * @return the proposals by level, then in the order found
     * @throws InvalidPipelineException if the pipeline is invalid
     * @throws IOException if a conversion's folder cannot be made or removed
     * @throws InterruptedException if the thread is interrupted
     */
    public List<Proposal> propose(String text, PipelineFormat format, String fileName, Optional<Study> study,
            TuningOptions options) throws InvalidPipelineException, IOException, InterruptedException {
        double fraction = options.sampleFraction();
        ProposalFinder finder = new ProposalFinder(text, format, fileName, paths, gpus);
        List<Candidate> candidates = new ArrayList<>(new AggregationFinder(new PipelineEdits(text, format, fileName),
                finder.pipeline(), inspector, fraction).candidates());
        candidates.addAll(finder.candidates(study));
        candidates.addAll(new StarvedGpuFinder(finder.pipeline(), inspector, fraction).candidates(text));
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<Proposal> proposals = new ArrayList<>();
        int number = 1;
        Tuner.Side before = new Tuner.Side(0, text, TrialConfiguration.BASELINE, fraction);
        for (Candidate candidate : candidates) {
            if (candidate.check().isPresent() && !sameRows(candidate.check().get(), fraction)) {
                continue;
            }
            Tuner.Comparison measured;
            String preparation = "";
            if (candidate.conversion().isPresent()) {
                Candidate.Conversion conversion = candidate.conversion().get();
                preparation = conversion.userPipelineText();
                measured = converted(before, number, conversion, fraction, options);
            } else {
                measured = tuner.compare(before, new Tuner.Side(number, candidate.pipelineText(),
                        candidate.settings(), fraction), options);
            }
            proposals.add(new Proposal(candidate.level(), candidate.title(), candidate.explanation(),
                    candidate.changes(), candidate.settings(), candidate.pipelineText(), preparation,
                    measured.before(), measured.after()));
            number++;
        }
        proposals.sort(Comparator.comparingInt(Proposal::level));
        return List.copyOf(proposals);
    }

    /** Runs the edited side first: an edit that cannot run (a class without a batch form) costs one run only. */
    private boolean sameRows(Candidate.SameRows check, double fraction) throws InterruptedException {
        Optional<RowsDigest> edited = rows.digest(check.edited(), fraction);
        return edited.isPresent() && edited.equals(rows.digest(check.original(), fraction));
    }

    /**
     * Converts the sampled input, then compares the pipeline as given on the sample with the edited pipeline over all
     * of the converted sample (the same rows).
     */
    private Tuner.Comparison converted(Tuner.Side before, int number, Candidate.Conversion conversion,
            double fraction, TuningOptions options) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory(scratch, "converted-");
        Path target = folder.resolve("input");
        try {
            String quotedTarget = target.toAbsolutePath().toString().replace("'", "''");
            RunOutcome outcome = conversions.convert(conversion.pipelineText().replace(Candidate.CONVERTED,
                    quotedTarget), fraction);
            if (outcome instanceof RunOutcome.Failed failed) {
                Trial notRun = new Trial(number, TrialConfiguration.BASELINE, 0, fraction, false,
                        "the conversion failed: " + failed.reason(), List.of(), Noise.NONE, 0);
                return new Tuner.Comparison(tuner.trial(0, before.pipelineText(), before.configuration(), 0,
                        fraction, options), notRun);
            }
            Tuner.Comparison measured = tuner.compare(before, new Tuner.Side(number,
                    conversion.measuredText().replace(Candidate.CONVERTED, quotedTarget), TrialConfiguration.BASELINE,
                    1), options);
            Trial after = measured.after();
            return new Tuner.Comparison(measured.before(), new Trial(after.number(), after.configuration(),
                    after.rung(), fraction, after.feasible(), after.infeasibleReason(), after.runs(),
                    after.throughput(), after.trialSeconds()));
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}

package dev.pipetune.profiler.tuning.proposals;

import static java.util.Objects.requireNonNull;

import static dev.pipetune.profiler.tuning.proposals.PipelineEdits.renameStep;
import static dev.pipetune.profiler.tuning.proposals.PipelineEdits.stepOptions;
import static dev.pipetune.profiler.tuning.proposals.PipelineEdits.truncate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pipetune.engine.io.FileListing;
import dev.pipetune.engine.io.parquet.ParquetReader;
import dev.pipetune.engine.pipeline.Compression;
import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.PathExpander;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.tuning.Study;
import dev.pipetune.profiler.tuning.Trial;
import dev.pipetune.profiler.tuning.TrialConfiguration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the proposals worth measuring for a pipeline from its text and a sweep, level by level: the source format and
 * filtering {@code flat_map}s (level 1), {@code map} steps whose class has a batch form and the batch sizes a sweep
 * found best (level 2), the resources a sweep found best and {@code concurrency} = GPUs for GPU steps (level 3), and
 * column pruning, the write codec and the output format (level 4).
 */
final class ProposalFinder {

    private static final PipelineReader READER = new PipelineReader();

    private final String text;
    private final PipelineFormat format;
    private final String fileName;
    private final Pipeline pipeline;
    private final PathExpander paths;
    private final int gpus;
    private final PipelineEdits edits;

    ProposalFinder(String text, PipelineFormat format, String fileName, PathExpander paths, int gpus)
            throws InvalidPipelineException {
        this.text = requireNonNull(text, "text");
        this.format = requireNonNull(format, "format");
        this.fileName = requireNonNull(fileName, "fileName");
        this.paths = requireNonNull(paths, "paths");
        this.gpus = gpus;
        this.pipeline = READER.read(text, format, fileName, "pipeline");
        this.edits = new PipelineEdits(text, format, fileName);
    }

    /** Returns the pipeline the text describes. */
    Pipeline pipeline() {
        return pipeline;
    }

    /** Returns the candidates, level 1 first; {@code study} gives the sweep's best settings. */
    List<Candidate> candidates(Optional<Study> study) throws InvalidPipelineException {
        List<Candidate> candidates = new ArrayList<>();
        sourceToParquet().ifPresent(candidates::add);
        candidates.addAll(filteringFlatMaps());
        candidates.addAll(rowMapsAsBatches());
        Optional<Trial> best = study.flatMap(Study::best);
        best.flatMap(trial -> fromSweep(trial, 2, Set.of("batch_size"), "batch size")).ifPresent(candidates::add);
        best.flatMap(trial -> fromSweep(trial, 3, Set.of("num_cpus", "num_gpus", "concurrency"), "resources"))
                .ifPresent(candidates::add);
        gpuConcurrency().ifPresent(candidates::add);
        columnPruning().ifPresent(candidates::add);
        candidates.addAll(codecs());
        sinkToParquet().ifPresent(candidates::add);
        return candidates;
    }

    /** Level 1: a CSV or JSON source read as Parquet instead, after a one-time conversion. */
    private Optional<Candidate> sourceToParquet() throws InvalidPipelineException {
        Step.Read source = pipeline.source();
        if (!(source instanceof Step.ReadCsv) && !(source instanceof Step.ReadJson)) {
            return Optional.empty();
        }
        String kind = source.kind().fileName();
        String converted = source.paths().getFirst().replaceAll("[/\\\\]+$", "") + "_parquet";
        String measured = edited(tree -> renameStep(tree, 0, "read_parquet", Candidate.CONVERTED));
        String userText = edited(tree -> renameStep(tree, 0, "read_parquet", converted));
        String conversion = conversionText(source, "@CONVERTED@");
        String userConversion = conversionText(source, converted);
        return Optional.of(new Candidate(1, kind + " -> read_parquet",
                "Parquet is columnar, compressed and typed: no text parsing, and only the needed columns are read. "
                        + "Convert the input once (pipetune run on the conversion pipeline below), then read the "
                        + "Parquet copy.",
                List.of("pipeline[0]: " + kind + " -> read_parquet, paths: " + converted), TrialConfiguration.BASELINE,
                userText, Optional.of(new Candidate.Conversion(conversion, measured, userConversion)),
                Optional.empty()));
    }

    /**
     * Level 1: a {@code flat_map} whose row function may only filter becomes a {@code filter} with the same function
     * (which keeps a row when the function returns any row, and keeps it unchanged, without rebuilding vectors). Java
     * functions cannot be read, so the candidate carries a check: the pipeline up to that step must give the same rows
     * both ways on the sample.
     */
    private List<Candidate> filteringFlatMaps() throws InvalidPipelineException {
        List<Candidate> candidates = new ArrayList<>();
        for (int index = 1; index < pipeline.steps().size(); index++) {
            if (!(pipeline.steps().get(index) instanceof Step.FlatMap flatMap)) {
                continue;
            }
            int step = index;
            String edited = edited(tree -> renameStep(tree, step, "filter", null));
            String originalPrefix = edits.prefix(step);
            String editedPrefix = edited(tree -> {
                renameStep(tree, step, "filter", null);
                truncate(tree, step);
            });
            String place = "pipeline[" + step + "]";
            candidates.add(new Candidate(1, place + ": flat_map " + flatMap.fn() + " only filters -> filter",
                    "On the sample the function returned each row unchanged or nothing, so it is a predicate: as a "
                            + "filter it keeps or drops rows without turning them back into Arrow vectors.",
                    List.of(place + ": flat_map -> filter (same fn and fn_kwargs)"), TrialConfiguration.BASELINE,
                    edited, Optional.empty(), Optional.of(new Candidate.SameRows(originalPrefix, editedPrefix))));
        }
        return candidates;
    }

    /**
     * Level 2: a {@code map} whose Java class also offers a batch form (it implements {@code BatchFunction} next to
     * {@code RowFunction}) becomes a {@code map_batches} with the same function, arguments and resources. Which
     * interfaces a class implements is known only once it is loaded, so the candidate carries a check: the edited
     * prefix must run, which it does only with a batch form, and give the same rows as the original on the sample.
     */
    private List<Candidate> rowMapsAsBatches() throws InvalidPipelineException {
        List<Candidate> candidates = new ArrayList<>();
        for (int index = 1; index < pipeline.steps().size(); index++) {
            if (!(pipeline.steps().get(index) instanceof Step.MapRows map) || map.fn().javaClassName().isEmpty()) {
                continue;
            }
            int step = index;
            String place = "pipeline[" + step + "]";
            candidates.add(new Candidate(2, place + ": map " + map.fn() + " -> map_batches",
                    "The function's class implements BatchFunction as well as RowFunction, and on the sample its "
                            + "batch form gave the same rows: map_batches hands it whole Arrow batches instead of "
                            + "boxing every value of every row into a map and building the vectors back.",
                    List.of(place + ": map -> map_batches (same fn, fn_kwargs and resources)"),
                    TrialConfiguration.BASELINE, edited(tree -> renameStep(tree, step, "map_batches", null)),
                    Optional.empty(), Optional.of(new Candidate.SameRows(edits.prefix(step), edited(tree -> {
                        renameStep(tree, step, "map_batches", null);
                        truncate(tree, step);
                    })))));
        }
        return candidates;
    }

    /** Levels 2 and 3: the sweep's best values of some keys. */
    private Optional<Candidate> fromSweep(Trial best, int level, Set<String> keys, String what) {
        Map<String, String> settings = new LinkedHashMap<>();
        best.configuration().settings().forEach((address, value) -> {
            if (keys.contains(address.substring(address.lastIndexOf('.') + 1)) && changes(address, value)) {
                settings.put(address, value);
            }
        });
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        TrialConfiguration configuration = new TrialConfiguration(settings);
        return Optional.of(new Candidate(level, what + " from the sweep: " + configuration.label(),
                "Trial #" + best.number() + " was the best feasible one of the sweep; these are its " + what
                        + " settings alone.",
                settings.entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue()).toList(),
                configuration, text));
    }

    /** Returns whether setting {@code address} to {@code value} changes the pipeline (it may say so already). */
    private boolean changes(String address, String value) {
        try {
            JsonNode original = READER.parseTree(text, format, fileName);
            JsonNode changed = original.deepCopy();
            READER.bind(changed, new TrialConfiguration(Map.of(address, value)).overrides(), fileName, "pipeline");
            READER.bind(original, List.of(), fileName, "pipeline");
            return !changed.equals(original);
        } catch (InvalidPipelineException invalid) {
            return false;
        }
    }

    /** Level 3: GPU steps get as many actors as there are GPUs. */
    private Optional<Candidate> gpuConcurrency() {
        if (gpus < 1) {
            return Optional.empty();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (int index = 0; index < pipeline.steps().size(); index++) {
            if (pipeline.steps().get(index) instanceof Step.FunctionStep step
                    && step.resources().numGpus().orElse(0) > 0) {
                int perTask = (int) Math.max(1, Math.floor(step.resources().numGpus().getAsDouble()));
                int actors = Math.max(1, gpus / perTask);
                boolean same = step.resources().concurrency().map(concurrency -> concurrency.maximum() == actors)
                        .orElse(false);
                if (!same) {
                    settings.put(pipeline.label(index) + ".concurrency", Integer.toString(actors));
                }
            }
        }
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        TrialConfiguration configuration = new TrialConfiguration(settings);
        return Optional.of(new Candidate(3, "GPU steps: concurrency = GPUs (" + configuration.label() + ")",
                "Each GPU step gets one actor per GPU (" + gpus + " detected), so every GPU has work.",
                List.copyOf(configuration.settings().keySet()), configuration, text));
    }

    /** Level 4: read only the columns some step uses. */
    private Optional<Candidate> columnPruning() throws InvalidPipelineException {
        if (!(pipeline.source() instanceof Step.ReadParquet parquet) || parquet.includePaths()) {
            return Optional.empty();
        }
        Optional<List<String>> available = parquet.columns().or(() -> fileColumns(parquet));
        if (available.isEmpty()) {
            return Optional.empty();
        }
        List<String> used = ColumnUsage.usedColumns(pipeline, available.get());
        if (used.size() == available.get().size() || used.isEmpty()) {
            return Optional.empty();
        }
        List<String> unused = available.get().stream().filter(column -> !used.contains(column)).toList();
        String edited = edited(tree -> {
            ArrayNode columns = stepOptions(tree, 0).putArray("columns");
            used.forEach(columns::add);
        });
        return Optional.of(new Candidate(4, "column pruning: read " + used.size() + " of " + available.get().size()
                + " columns", "No step after the read uses " + String.join(", ", unused) + " (found by "
                + "analysing the expressions, groupby keys and column selections downstream), so the read can skip "
                + "them.", List.of("pipeline[0].read_parquet.columns: [" + String.join(", ", used) + "]"),
                TrialConfiguration.BASELINE, edited));
    }

    /** Level 4: the other Parquet codecs of the write. */
    private List<Candidate> codecs() {
        List<Candidate> candidates = new ArrayList<>();
        if (!(pipeline.steps().getLast() instanceof Step.WriteParquet write)) {
            return candidates;
        }
        Compression current = write.compression().orElse(Compression.SNAPPY);
        String address = pipeline.label(pipeline.steps().size() - 1) + ".compression";
        for (Compression codec : List.of(Compression.SNAPPY, Compression.ZSTD, Compression.NONE)) {
            if (codec != current) {
                TrialConfiguration settings = new TrialConfiguration(Map.of(address, codec.fileName()));
                candidates.add(new Candidate(4, "compression codec " + codec.fileName() + " instead of "
                        + current.fileName(),
                        "The write's codec trades CPU time for file size; this measures " + codec.fileName() + ".",
                        List.of(address + ": " + codec.fileName()), settings, text));
            }
        }
        return candidates;
    }

    /** Level 4: Parquet output instead of CSV or JSON lines. */
    private Optional<Candidate> sinkToParquet() throws InvalidPipelineException {
        Step last = pipeline.steps().getLast();
        if (!(last instanceof Step.WriteCsv) && !(last instanceof Step.WriteJson)) {
            return Optional.empty();
        }
        int index = pipeline.steps().size() - 1;
        String edited = edited(tree -> renameStep(tree, index, "write_parquet", null));
        return Optional.of(new Candidate(4, last.kind().fileName() + " -> write_parquet",
                "Parquet output is columnar and compressed: less to encode and write than text, and faster for "
                        + "whoever reads it next (if they can read Parquet).",
                List.of("pipeline[" + index + "]: " + last.kind().fileName() + " -> write_parquet"),
                TrialConfiguration.BASELINE, edited));
    }

    private Optional<List<String>> fileColumns(Step.ReadParquet parquet) {
        try {
            List<Path> roots = parquet.paths().stream().map(paths::expand).toList();
            List<Path> files = FileListing.expand(roots, Set.of("parquet"));
            if (files.isEmpty()) {
                return Optional.empty();
            }
            try (ParquetReader reader = ParquetReader.open(files.getFirst())) {
                return Optional.of(reader.columnNames());
            }
        } catch (IOException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    private String conversionText(Step.Read source, String target) {
        StringBuilder conversion = new StringBuilder("name: convert-to-parquet\npipeline:\n  - ")
                .append(source.kind().fileName()).append(": {paths: [");
        conversion.append(String.join(", ", source.paths().stream().map(ProposalFinder::quoted).toList()));
        return conversion.append("]}\n  - write_parquet: {path: ").append(quoted(target))
                .append(", compression: snappy}\n").toString();
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private String edited(PipelineEdits.TreeEdit edit) throws InvalidPipelineException {
        return edits.edited(edit);
    }
}

package dev.pipetune.profiler.tuning.proposals;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipetune.engine.pipeline.Aggregate;
import dev.pipetune.engine.pipeline.FunctionReference;
import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.profiler.tuning.SampleInspector;
import dev.pipetune.profiler.tuning.SampleRows;
import dev.pipetune.profiler.tuning.TrialConfiguration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Level 1: a function step ({@code map_batches}, {@code map} or {@code flat_map}) that aggregates by hand becomes
 * the engine's {@code groupby} with {@code aggregate}. Java functions cannot be read, so the finder looks at what the
 * step does on the sample: it runs the pipeline up to the step and up to its end, and calls the step an aggregation
 * when
 * <ul>
 *   <li>it gives at most half as many rows as it receives, and at most {@value #MAXIMUM_GROUPS};</li>
 *   <li>some of its output columns keep an input column's name and their values are unique per output row: the
 *       keys;</li>
 *   <li>the engine's own {@code groupby} of the step's input by those keys, computing every aggregation it has
 *       ({@code count()}, and {@code count}, {@code sum}, {@code mean}, {@code min}, {@code max}, {@code std} of each
 *       numeric column), gives the same keys, and each other output column equals one of those aggregations for
 *       every key (integers exactly, floating point within a relative {@value #RELATIVE_TOLERANCE}, integers only
 *       matching integers).</li>
 * </ul>
 * Then the edited pipeline, with that {@code groupby} (each aggregation named as the function's output column), must
 * give the same rows as the original up to the step, compared key by key in any order with the same tolerance. A
 * function that aggregates each batch followed by a step that combines the partial results (a {@code groupby} that
 * sums partial sums and counts, say) is found the same way, the pair of steps being replaced by one {@code groupby}.
 */
final class AggregationFinder {

    /** The most output rows (groups) an aggregation may have for the finder to compare them. */
    static final int MAXIMUM_GROUPS = 100_000;

    /** How far apart two floating-point results may be, relative to the larger, and still be the same. */
    static final double RELATIVE_TOLERANCE = 1e-9;

    private static final String CANDIDATE_PREFIX = "pipetune_candidate_";
    private static final int MAXIMUM_KEY_SETS = 8;
    private static final List<Aggregate.Function> PER_COLUMN = List.of(Aggregate.Function.SUM,
            Aggregate.Function.MEAN, Aggregate.Function.MIN, Aggregate.Function.MAX, Aggregate.Function.COUNT,
            Aggregate.Function.STD);

    private final PipelineEdits edits;
    private final Pipeline pipeline;
    private final SampleInspector inspector;
    private final double fraction;

    /**
     * Creates a finder.
     *
     * @param edits edits of the pipeline's text
     * @param pipeline the pipeline
     * @param inspector runs pipeline prefixes on the sample
     * @param fraction the sample's share of the input
     */
    AggregationFinder(PipelineEdits edits, Pipeline pipeline, SampleInspector inspector, double fraction) {
        this.edits = requireNonNull(edits, "edits");
        this.pipeline = requireNonNull(pipeline, "pipeline");
        this.inspector = requireNonNull(inspector, "inspector");
        this.fraction = fraction;
    }

    /**
     * Returns the candidates, already checked on the sample.
     *
     * @return one candidate per hand-written aggregation found
     * @throws InvalidPipelineException if an edit is invalid
     * @throws InterruptedException if the thread is interrupted
     */
    List<Candidate> candidates() throws InvalidPipelineException, InterruptedException {
        List<Candidate> candidates = new ArrayList<>();
        List<Step> steps = pipeline.steps();
        int first = 1;
        while (first < steps.size()) {
            if (!isJavaFunctionStep(steps.get(first))) {
                first++;
                continue;
            }
            boolean pair = first + 1 < steps.size() && (steps.get(first + 1) instanceof Step.GroupBy
                    || isJavaFunctionStep(steps.get(first + 1)));
            Optional<Candidate> found = pair ? aggregation(first, first + 1) : Optional.empty();
            if (found.isPresent()) {
                candidates.add(found.get());
                first += 2;
                continue;
            }
            aggregation(first, first).ifPresent(candidates::add);
            first++;
        }
        return candidates;
    }

    /** A step that calls a Java class: built-ins are known not to aggregate (and models are costly to run). */
    private static boolean isJavaFunctionStep(Step step) {
        return (step instanceof Step.MapBatches || step instanceof Step.MapRows || step instanceof Step.FlatMap)
                && functionOf(step).startsWith(FunctionReference.JAVA_PREFIX);
    }

    /** Whether the steps {@code first} to {@code last} aggregate the rows entering {@code first}. */
    private Optional<Candidate> aggregation(int first, int last) throws InvalidPipelineException,
            InterruptedException {
        Optional<SampleRows> produced = inspector.rows(edits.prefix(last), fraction, MAXIMUM_GROUPS + 1);
        if (produced.isEmpty() || !produced.get().complete() || produced.get().rows().isEmpty()) {
            return Optional.empty();
        }
        SampleRows output = produced.get();
        Optional<SampleRows> received = inspector.rows(edits.prefix(first - 1), fraction, 0);
        if (received.isEmpty() || output.totalRows() * 2 > received.get().totalRows()) {
            return Optional.empty();
        }
        List<SampleRows.Column> input = received.get().columns();
        List<String> shared = output.columns().stream().map(SampleRows.Column::name)
                .filter(name -> input.stream().anyMatch(column -> column.name().equals(name))).toList();
        int tried = 0;
        List<List<String>> tooFine = new ArrayList<>();
        for (List<String> keys : subsets(shared)) {
            if (tried >= MAXIMUM_KEY_SETS) {
                break;
            }
            if (!unique(output, keys) || tooFine.stream().anyMatch(keys::containsAll)) {
                continue;
            }
            tried++;
            List<Aggregate> candidates = candidateAggregates(input, keys);
            Optional<SampleRows> grouped = groupedByEngine(first, keys, candidates, output.totalRows());
            if (grouped.isPresent() && grouped.get().totalRows() > output.totalRows()) {
                tooFine.add(keys);
            }
            if (grouped.isEmpty() || !grouped.get().complete() || grouped.get().totalRows() != output.totalRows()) {
                continue;
            }
            Optional<List<Aggregate>> explained = explain(output, grouped.get(), keys, candidates);
            if (explained.isPresent()) {
                return proposal(first, last, keys, explained.get(), output);
            }
        }
        return Optional.empty();
    }

    /** Runs the pipeline up to the step before {@code first}, then the engine's groupby. */
    private Optional<SampleRows> groupedByEngine(int first, List<String> keys, List<Aggregate> aggregates,
            long expectedRows) throws InvalidPipelineException, InterruptedException {
        String grouped = edits.edited(tree -> {
            PipelineEdits.truncate(tree, first - 1);
            PipelineEdits.steps(tree).add(groupBy(PipelineEdits.steps(tree), Optional.empty(), keys, aggregates));
        });
        return inspector.rows(grouped, fraction, (int) Math.min(expectedRows, MAXIMUM_GROUPS));
    }

    /** {@code count()}, and every aggregation of every numeric input column that is not a key. */
    private static List<Aggregate> candidateAggregates(List<SampleRows.Column> input, List<String> keys) {
        List<Aggregate> candidates = new ArrayList<>();
        candidates.add(new Aggregate(Aggregate.Function.COUNT, Optional.empty(), CANDIDATE_PREFIX + 0));
        for (SampleRows.Column column : input) {
            if (column.numeric() && !keys.contains(column.name())) {
                for (Aggregate.Function function : PER_COLUMN) {
                    candidates.add(new Aggregate(function, Optional.of(column.name()),
                            CANDIDATE_PREFIX + candidates.size()));
                }
            }
        }
        return candidates;
    }

    /**
     * Finds for each non-key output column the first candidate aggregation of the engine's groupby (one row per key,
     * as many as the output's) that equals it for every key.
     */
    private static Optional<List<Aggregate>> explain(SampleRows output, SampleRows engine, List<String> keys,
            List<Aggregate> candidates) {
        Map<List<Object>, List<Object>> byKey = byKey(engine, keys);
        int[] outputKeys = positions(output, keys);
        List<List<Object>> matched = new ArrayList<>();
        for (List<Object> row : output.rows()) {
            List<Object> engineRow = byKey.get(pick(row, outputKeys));
            if (engineRow == null) {
                return Optional.empty();
            }
            matched.add(engineRow);
        }
        List<Aggregate> found = new ArrayList<>();
        for (int column = 0; column < output.columns().size(); column++) {
            String name = output.columns().get(column).name();
            if (keys.contains(name)) {
                continue;
            }
            Optional<Aggregate> same = sameColumn(output, column, engine, matched, candidates);
            if (same.isEmpty()) {
                return Optional.empty();
            }
            Optional<Aggregate> named = renamed(same.get(), name);
            if (named.isEmpty()) {
                return Optional.empty();
            }
            found.add(named.get());
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found);
    }

    private static Optional<Aggregate> sameColumn(SampleRows output, int column, SampleRows engine,
            List<List<Object>> matched, List<Aggregate> candidates) {
        for (Aggregate candidate : candidates) {
            int position = engine.indexOf(candidate.outputName());
            boolean same = true;
            for (int row = 0; row < output.rows().size() && same; row++) {
                same = sameValue(output.rows().get(row).get(column), matched.get(row).get(position));
            }
            if (same) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The candidate aggregation named as the output column, if a pipeline file can name it so. */
    private static Optional<Aggregate> renamed(Aggregate candidate, String name) {
        String call = candidate.function().fileName() + "(" + candidate.column().orElse("") + ")";
        try {
            Aggregate parsed = Aggregate.parse(call.equals(name) ? call : call + " as " + name);
            return parsed.outputName().equals(name) ? Optional.of(parsed) : Optional.empty();
        } catch (IllegalArgumentException notAName) {
            return Optional.empty();
        }
    }

    /** Builds the candidate: the steps replaced by the groupby, checked to give the same rows on the sample. */
    private Optional<Candidate> proposal(int first, int last, List<String> keys, List<Aggregate> aggregates,
            SampleRows output) throws InvalidPipelineException, InterruptedException {
        Optional<String> name = pipeline.steps().get(first).name();
        String edited = edits.edited(tree -> replace(tree, first, last, name, keys, aggregates));
        String editedPrefix = edits.edited(tree -> {
            replace(tree, first, last, name, keys, aggregates);
            PipelineEdits.truncate(tree, first);
        });
        Optional<SampleRows> checked = inspector.rows(editedPrefix, fraction, MAXIMUM_GROUPS + 1);
        if (checked.isEmpty() || !sameRows(output, checked.get(), keys)) {
            return Optional.empty();
        }
        Step step = pipeline.steps().get(first);
        String function = step.kind().fileName() + " " + functionOf(step);
        String place = "pipeline[" + first + "]";
        String what = first == last ? place + ": " + function
                : place + " and [" + last + "] steps: " + function + " + " + pipeline.steps().get(last).kind()
                        .fileName();
        String groupBy = "groupby {key: [" + String.join(", ", keys) + "], aggregate: ["
                + String.join(", ", aggregates.stream().map(Aggregate::toText).toList()) + "]}";
        String explanation = (first == last ? "On the sample the function gave one row per distinct "
                : "On the sample the function's partial results, combined by the next step, gave one row per "
                        + "distinct ") + String.join(", ", keys) + " (" + output.totalRows() + " rows), and each other "
                + "column equals the engine's own aggregation of the step's input, so the engine's hash aggregation "
                + "can do it: columnar, in parallel per block, without converting rows for a user function. The "
                + "edited pipeline gave the same rows on the sample (compared by key, floating point within a "
                + "relative 1e-9).";
        return Optional.of(new Candidate(1, what + " aggregates by hand -> groupby", explanation,
                List.of(place + (first == last ? "" : " to [" + last + "]") + ": " + groupBy),
                TrialConfiguration.BASELINE, edited));
    }

    private static String functionOf(Step step) {
        return switch (step) {
            case Step.MapBatches batches -> batches.fn().toString();
            case Step.MapRows map -> map.fn().toString();
            case Step.FlatMap flatMap -> flatMap.fn().toString();
            default -> "";
        };
    }

    private static void replace(JsonNode tree, int first, int last,
            Optional<String> name, List<String> keys, List<Aggregate> aggregates) {
        ArrayNode steps = PipelineEdits.steps(tree);
        steps.set(first, groupBy(steps, name, keys, aggregates));
        for (int removed = last; removed > first; removed--) {
            steps.remove(removed);
        }
    }

    private static ObjectNode groupBy(ArrayNode steps, Optional<String> name, List<String> keys,
            List<Aggregate> aggregates) {
        ObjectNode step = steps.objectNode();
        ObjectNode options = step.putObject("groupby");
        name.ifPresent(stepName -> options.put("name", stepName));
        ArrayNode keyList = options.putArray("key");
        keys.forEach(keyList::add);
        ArrayNode aggregateList = options.putArray("aggregate");
        aggregates.forEach(aggregate -> aggregateList.add(aggregate.toText()));
        return step;
    }

    /** Whether two sets of rows have the same columns and, key by key, the same values. */
    static boolean sameRows(SampleRows expected, SampleRows actual, List<String> keys) {
        if (!actual.complete() || expected.totalRows() != actual.totalRows()
                || expected.columns().size() != actual.columns().size()) {
            return false;
        }
        int[] positions = new int[expected.columns().size()];
        for (int column = 0; column < positions.length; column++) {
            positions[column] = actual.indexOf(expected.columns().get(column).name());
            if (positions[column] < 0) {
                return false;
            }
        }
        Map<List<Object>, List<Object>> byKey = byKey(actual, keys);
        int[] expectedKeys = positions(expected, keys);
        for (List<Object> row : expected.rows()) {
            List<Object> other = byKey.get(pick(row, expectedKeys));
            if (other == null) {
                return false;
            }
            for (int column = 0; column < positions.length; column++) {
                if (!sameValue(row.get(column), other.get(positions[column]))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether two values are the same result: equal, or both floating point within the relative tolerance (NaN
     * equals NaN). An integer never equals a floating-point number: replacing one by the other would change the
     * column's type.
     */
    static boolean sameValue(Object expected, Object actual) {
        if (expected instanceof Double left && actual instanceof Double right) {
            if (left.isNaN() || right.isNaN() || left.isInfinite() || right.isInfinite()) {
                return left.equals(right);
            }
            return Math.abs(left - right) <= RELATIVE_TOLERANCE * Math.max(Math.abs(left), Math.abs(right));
        }
        return expected == null ? actual == null : expected.equals(actual);
    }

    private static boolean unique(SampleRows rows, List<String> keys) {
        int[] positions = positions(rows, keys);
        return rows.rows().stream().map(row -> pick(row, positions)).distinct().count() == rows.rows().size();
    }

    private static Map<List<Object>, List<Object>> byKey(SampleRows rows, List<String> keys) {
        int[] positions = positions(rows, keys);
        Map<List<Object>, List<Object>> byKey = new HashMap<>();
        for (List<Object> row : rows.rows()) {
            byKey.put(pick(row, positions), row);
        }
        return byKey;
    }

    private static int[] positions(SampleRows rows, List<String> names) {
        return names.stream().mapToInt(rows::indexOf).toArray();
    }

    private static List<Object> pick(List<Object> row, int[] positions) {
        List<Object> key = new ArrayList<>(positions.length);
        for (int position : positions) {
            key.add(row.get(position));
        }
        return Collections.unmodifiableList(key);
    }

    /** The non-empty subsets of some names, smallest first, each in the names' order. */
    private static List<List<String>> subsets(List<String> names) {
        int count = Math.min(names.size(), 10);
        List<List<String>> subsets = new ArrayList<>();
        for (int mask = 1; mask < 1 << count; mask++) {
            int bits = mask;
            subsets.add(IntStream.range(0, count).filter(bit -> (bits & 1 << bit) != 0).mapToObj(names::get)
                    .toList());
        }
        subsets.sort(Comparator.comparingInt(List::size));
        return subsets;
    }
}

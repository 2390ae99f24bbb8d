package dev.pipetune.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the syntax tree of a pipeline file into a {@link Pipeline}: the top level, the context and the order of
 * steps. Each step's own options are read by {@link StepBinder}.
 */
final class PipelineBinder {

    /** The keys of a pipeline file's top level. */
    static final List<String> TOP_LEVEL_KEYS = List.of("name", "description", "context", "pipeline");
    /** The keys of {@code context}. */
    static final List<String> CONTEXT_KEYS = List.of("target_max_block_size", "eager_free", "enable_progress_bars",
            "enable_operator_progress_bars", "enable_auto_log_stats", "max_errored_blocks", "resource_limits",
            "allow_cpu_fallback");
    /** The keys of {@code context.resource_limits}. */
    static final List<String> RESOURCE_LIMIT_KEYS = List.of("cpu", "gpu", "object_store_memory");

    private final Problems problems;

    PipelineBinder(Problems problems) {
        this.problems = problems;
    }

    Optional<Pipeline> bind(JsonNode tree, String defaultName) {
        if (!tree.isObject()) {
            problems.error("", "a pipeline file must be a mapping with 'pipeline:' (a list of steps) and optionally "
                    + "'name:' and 'context:', got " + MappingReader.describe(tree));
            return Optional.empty();
        }
        MappingReader root = MappingReader.of(tree, "", problems, TOP_LEVEL_KEYS);
        String name = root.string("name").orElse(defaultName);
        String description = root.string("description").orElse("");
        DataContext context = context(tree.get("context"));
        List<Optional<Step>> steps = steps(tree.get("pipeline"));
        if (problems.hasErrors() || steps.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Pipeline(name, description, context,
                steps.stream().map(Optional::orElseThrow).toList()));
    }

    private DataContext context(JsonNode node) {
        MappingReader context = MappingReader.of(node, "context", problems, CONTEXT_KEYS);
        DataContext defaults = DataContext.DEFAULTS;
        return new DataContext(
                context.size("target_max_block_size").orElse(defaults.targetMaxBlockSize()),
                context.bool("eager_free", defaults.eagerFree()),
                context.bool("enable_progress_bars", defaults.enableProgressBars()),
                context.bool("enable_operator_progress_bars", defaults.enableOperatorProgressBars()),
                context.bool("enable_auto_log_stats", defaults.enableAutoLogStats()),
                context.integerAtLeast("max_errored_blocks", -1, "an integer, -1 (no limit) or more")
                        .orElse(defaults.maxErroredBlocks()),
                resourceLimits(node == null ? null : node.get("resource_limits")),
                context.bool("allow_cpu_fallback", defaults.allowCpuFallback()));
    }

    private ResourceLimits resourceLimits(JsonNode node) {
        MappingReader limits = MappingReader.of(node, "context.resource_limits", problems, RESOURCE_LIMIT_KEYS);
        return new ResourceLimits(limits.positiveNumber("cpu"),
                limits.integerAtLeast("gpu", 0, "an integer, 0 or more"),
                limits.size("object_store_memory"));
    }

    private List<Optional<Step>> steps(JsonNode node) {
        if (node == null || node.isNull()) {
            problems.error("", "missing required key 'pipeline' (the list of steps)");
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.error("pipeline", "must be a non-empty list of steps, got " + MappingReader.describe(node));
            return List.of();
        }
        StepBinder binder = new StepBinder(problems);
        List<Optional<Step>> steps = new ArrayList<>();
        List<Optional<StepKind>> kinds = new ArrayList<>();
        for (int index = 0; index < node.size(); index++) {
            StepBinder.Bound bound = binder.bind(node.get(index), index);
            steps.add(bound.step());
            kinds.add(bound.kind());
        }
        checkOrder(kinds);
        checkNames(steps);
        return steps;
    }

    private void checkOrder(List<Optional<StepKind>> kinds) {
        kinds.getFirst().filter(kind -> kind.role() != StepKind.Role.SOURCE).ifPresent(kind ->
                problems.error("pipeline[0]", "a pipeline must start with a read step (read_parquet, read_csv, "
                        + "read_json or read_binary_files), got " + kind.fileName()));
        for (int index = 1; index < kinds.size(); index++) {
            final int position = index;
            kinds.get(index).filter(kind -> kind.role() == StepKind.Role.SOURCE).ifPresent(kind ->
                    problems.error("pipeline[" + position + "]", "only the first step may read; "
                            + kind.fileName() + " cannot follow other steps"));
        }
        for (int index = 0; index < kinds.size() - 1; index++) {
            Optional<StepKind> kind = kinds.get(index);
            if (kind.isPresent() && kind.get().role() == StepKind.Role.SINK) {
                problems.error("pipeline[" + (index + 1) + "]", "no step may follow " + kind.get().fileName()
                        + " at pipeline[" + index + "]; it ends the pipeline");
                return;
            }
        }
    }

    private void checkNames(List<Optional<Step>> steps) {
        Map<String, Integer> firstUse = new HashMap<>();
        for (int index = 0; index < steps.size(); index++) {
            Optional<Step> step = steps.get(index);
            Optional<String> name = step.flatMap(Step::name);
            if (name.isEmpty()) {
                continue;
            }
            Integer earlier = firstUse.putIfAbsent(name.get(), index);
            if (earlier != null) {
                problems.error("pipeline[" + index + "]." + step.get().kind().fileName() + ".name",
                        "step name '" + name.get() + "' is already used by pipeline[" + earlier + "]");
            }
        }
    }
}

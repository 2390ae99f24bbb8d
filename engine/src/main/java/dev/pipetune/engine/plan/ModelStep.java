package dev.pipetune.engine.plan;

import dev.pipetune.engine.execution.ActorFactory;
import dev.pipetune.engine.execution.ResourceBudget;
import dev.pipetune.engine.inference.InferenceRuntime;
import dev.pipetune.engine.inference.SentenceEmbedding;
import dev.pipetune.engine.inference.SentenceEmbeddingOptions;
import dev.pipetune.engine.inference.TorchModel;
import dev.pipetune.engine.inference.TorchModelOptions;
import dev.pipetune.engine.pipeline.BuiltinFunction;
import dev.pipetune.engine.pipeline.Resources;
import dev.pipetune.engine.pipeline.Step;
import dev.pipetune.engine.udf.BatchFunctionClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A {@code map_batches} step whose {@code fn} is a model built-in ({@code torch_model}, {@code sentence_embedding}):
 * its arguments checked against the input's schema and the file system, one model instance per actor, each opened on
 * the devices its actor holds, with intra-op threads from {@code num_cpus}.
 *
 * @param actors builds one opened instance per actor
 * @param resources the step's resources
 */
record ModelStep(ActorFactory actors, Resources resources) {

    /**
     * Plans a model step.
     *
     * @param builtin the model built-in
     * @param map the step
     * @param location the step's place in the file, e.g. {@code pipeline[1].map_batches}
     * @param context paths and machine
     * @param budget the run's resources (for the CPU fallback)
     * @param schema the input's schema, if known
     * @return the planned step
     * @throws PlanException naming the argument, if an argument is wrong, the model file is missing or an input
     *     column does not exist
     */
    static ModelStep of(BuiltinFunction builtin, Step.MapBatches map, String location, PlanContext context,
            ResourceBudget budget, Optional<Schema> schema) throws PlanException {
        String arguments = location + ".fn_constructor_kwargs";
        int threads = InferenceRuntime.intraOpThreads(map.resources().numCpus().orElse(1.0));
        boolean fallback = budget.cpuFallback();
        Supplier<BatchFunctionClass> instances;
        try {
            instances = switch (builtin) {
                case TORCH_MODEL -> {
                    TorchModelOptions options = TorchModelOptions.parse(map.fnConstructorKwargs(),
                            written -> context.paths().expand(written));
                    checkModelFile(options.modelPath(), arguments + ".model_path");
                    Planner.checkColumns(schema, options.inputColumns(), arguments + ".input_columns");
                    yield () -> new TorchModel(options, fallback, threads);
                }
                case SENTENCE_EMBEDDING -> {
                    SentenceEmbeddingOptions options = SentenceEmbeddingOptions.parse(map.fnConstructorKwargs());
                    Planner.checkColumns(schema, List.of(options.inputColumn()), arguments + ".input_column");
                    yield () -> new SentenceEmbedding(options, fallback, threads);
                }
                default -> throw new IllegalStateException(builtin.fileName() + " is not a model");
            };
        } catch (IllegalArgumentException invalid) {
            throw new PlanException(arguments, invalid.getMessage());
        }
        return new ModelStep(devices -> Planner.actor(instances.get(), map, devices), map.resources());
    }

    /**
     * Returns the schema after a model step, where the arguments tell it without running the model.
     *
     * @param builtin the model built-in
     * @param map the step
     * @param input the input's schema
     * @return the output's schema, or empty where the model's output width is unknown
     */
    static Optional<Schema> outputSchema(BuiltinFunction builtin, Step.MapBatches map, Schema input) {
        List<Field> added = new ArrayList<>();
        try {
            switch (builtin) {
                case SENTENCE_EMBEDDING -> added.add(floatList(SentenceEmbeddingOptions.parse(
                        map.fnConstructorKwargs()).outputColumn(), SentenceEmbedding.DIMENSIONS));
                case TORCH_MODEL -> {
                    TorchModelOptions options = TorchModelOptions.parse(map.fnConstructorKwargs(), Path::of);
                    if (options.labels().isEmpty()) {
                        return Optional.empty();
                    }
                    added.add(Field.nullable(options.labelColumn(), ArrowType.Utf8.INSTANCE));
                    added.add(Field.nullable(options.scoreColumn(),
                            new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)));
                }
                default -> {
                    return Optional.empty();
                }
            }
        } catch (IllegalArgumentException invalid) {
            return Optional.empty();
        }
        List<String> names = added.stream().map(Field::getName).toList();
        List<Field> fields = new ArrayList<>(input.getFields().stream()
                .filter(field -> !names.contains(field.getName())).toList());
        fields.addAll(added);
        return Optional.of(new Schema(fields));
    }

    private static Field floatList(String name, int width) {
        return new Field(name, FieldType.nullable(new ArrowType.FixedSizeList(width)), List.of(new Field("$data$",
                FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null)));
    }

    private static void checkModelFile(Path model, String location) throws PlanException {
        if (!Files.isRegularFile(model)) {
            throw new PlanException(location, "the model file " + model + " does not exist");
        }
    }
}

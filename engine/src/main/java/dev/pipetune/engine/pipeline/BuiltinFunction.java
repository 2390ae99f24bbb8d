package dev.pipetune.engine.pipeline;

import static dev.pipetune.engine.pipeline.ConstructorArgument.optional;
import static dev.pipetune.engine.pipeline.ConstructorArgument.required;

import dev.pipetune.engine.pipeline.ConstructorArgument.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The functions that ship with the engine, usable as {@code fn:} by name. Most are stateless functions that run as
 * tasks; the model built-ins are classes: each runs in an actor pool of {@code concurrency} instances that load their
 * model once, configured by {@code fn_constructor_kwargs}.
 */
public enum BuiltinFunction {
    /**
     * Adds or replaces columns computed by expressions: {@code fn_kwargs} maps each new column's name to an
     * expression over the batch's columns.
     */
    WITH_COLUMNS("with_columns", List.of()),
    /**
     * Turns a file's {@code bytes} into {@code text} with tags stripped and whitespace collapsed, and adds
     * {@code size_bytes} and {@code word_count}; {@code path} becomes the file name.
     */
    EXTRACT_TEXT("extract_text", List.of()),
    /**
     * Runs a TorchScript model (through DJL's PyTorch engine) over numeric input columns and adds its output as a
     * fixed-size list column, or, with {@code labels}, as a label and a score column.
     */
    TORCH_MODEL("torch_model", List.of(
            required("model_path", Type.TEXT),
            required("input_columns", Type.TEXT_LIST),
            optional("output_column", Type.TEXT),
            optional("labels", Type.TEXT_LIST),
            optional("label_column", Type.TEXT),
            optional("score_column", Type.TEXT))),
    /**
     * Embeds a text column with the sentence-transformers model all-MiniLM-L6-v2 (ONNX Runtime, Hugging Face
     * tokenizer, mean pooling, L2 normalization) into a fixed-size list column of 384 floats.
     */
    SENTENCE_EMBEDDING("sentence_embedding", List.of(
            required("input_column", Type.TEXT),
            optional("output_column", Type.TEXT),
            optional("model", Type.TEXT),
            optional("max_length", Type.POSITIVE_INTEGER),
            optional("normalize", Type.BOOLEAN),
            optional("forward_batch_size", Type.POSITIVE_INTEGER)));

    private final String fileName;
    private final List<ConstructorArgument> constructorArguments;

    BuiltinFunction(String fileName, List<ConstructorArgument> constructorArguments) {
        this.fileName = fileName;
        this.constructorArguments = constructorArguments;
    }

    /** Returns the name used in pipeline files. */
    public String fileName() {
        return fileName;
    }

    /** Returns whether this built-in is a class that runs in an actor pool (it takes fn_constructor_kwargs). */
    public boolean isClass() {
        return !constructorArguments.isEmpty();
    }

    /** Returns the {@code fn_constructor_kwargs} a class built-in takes; empty for a function. */
    public List<ConstructorArgument> constructorArguments() {
        return constructorArguments;
    }

    /**
     * Finds a built-in by its pipeline-file name.
     *
     * @param name a name such as {@code with_columns}
     * @return the function, or empty if there is none of that name
     */
    public static Optional<BuiltinFunction> byName(String name) {
        return Arrays.stream(values()).filter(function -> function.fileName.equals(name)).findFirst();
    }

    /** Returns every built-in's pipeline-file name. */
    public static List<String> names() {
        return Arrays.stream(values()).map(BuiltinFunction::fileName).toList();
    }
}

package dev.pipetune.engine.inference;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.KeywordArguments;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code fn_constructor_kwargs} of {@code torch_model}.
 *
 * @param modelPath the TorchScript file ({@code model_path}, relative to the pipeline file)
 * @param inputColumns the numeric columns that make one row of the model's {@code [rows, columns]} float32 input
 *     ({@code input_columns}, in the model's order)
 * @param outputColumn the fixed-size list column the model's output rows go to without labels ({@code output_column},
 *     default {@code output})
 * @param labels the class names of a classifier's output columns ({@code labels}); with them the output becomes a
 *     label and a score column
 * @param labelColumn the column of the most likely label ({@code label_column}, default {@code label})
 * @param scoreColumn the column of its softmax probability ({@code score_column}, default {@code score})
 */
public record TorchModelOptions(Path modelPath, List<String> inputColumns, String outputColumn,
        Optional<List<String>> labels, String labelColumn, String scoreColumn) {

    /** Copies the lists and rejects nulls and duplicate output columns. */
    public TorchModelOptions {
        requireNonNull(modelPath, "modelPath");
        inputColumns = List.copyOf(inputColumns);
        requireNonNull(outputColumn, "outputColumn");
        labels = labels.map(List::copyOf);
        requireNonNull(labelColumn, "labelColumn");
        requireNonNull(scoreColumn, "scoreColumn");
        if (inputColumns.isEmpty()) {
            throw new IllegalArgumentException(TorchModel.NAME + ": input_columns must name at least one column");
        }
        if (labels.isPresent() && labelColumn.equals(scoreColumn)) {
            throw new IllegalArgumentException(TorchModel.NAME + ": label_column and score_column must differ, both "
                    + "are '" + labelColumn + "'");
        }
    }

    /**
     * Reads the options.
     *
     * @param arguments the step's {@code fn_constructor_kwargs}
     * @param paths resolves {@code model_path} as written (relative to the pipeline file, {@code ~}, variables)
     * @return the options
     * @throws IllegalArgumentException naming the argument, if one is missing or of the wrong type
     */
    public static TorchModelOptions parse(KeywordArguments arguments, Function<String, Path> paths) {
        Arguments read = new Arguments(TorchModel.NAME, arguments);
        return new TorchModelOptions(paths.apply(read.text("model_path")),
                read.textList("input_columns").orElseThrow(() -> read.invalid("input_columns", "is required")),
                read.text("output_column", "output"), read.textList("labels"), read.text("label_column", "label"),
                read.text("score_column", "score"));
    }

    /** Returns the names of the columns the model adds. */
    public List<String> outputColumns() {
        return labels.isPresent() ? List.of(labelColumn, scoreColumn) : List.of(outputColumn);
    }
}

package dev.pipetune.engine.inference;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.pipeline.KeywordArguments;

/**
 * The {@code fn_constructor_kwargs} of {@code sentence_embedding}.
 *
 * @param inputColumn the utf8 column to embed ({@code input_column})
 * @param outputColumn the fixed-size list column of 384 float32 the embeddings go to ({@code output_column}, default
 *     {@code embedding})
 * @param maxLength tokens per text at most, longer texts are truncated ({@code max_length}, default 256 as
 *     sentence-transformers' {@code max_seq_length} for this model)
 * @param normalize whether embeddings are scaled to length 1 ({@code normalize}, default true, as the model's
 *     sentence-transformers pipeline does)
 * @param forwardBatchSize rows per forward pass through the model ({@code forward_batch_size}): a batch's texts are
 *     sorted by token count and run in passes of this many rows, each padded only to its own longest text; {@link
 *     #AUTOMATIC} (the default) plans the passes from the texts' lengths on a CPU ({@code ForwardPasses}) and runs
 *     the whole batch in one pass on a GPU
 */
public record SentenceEmbeddingOptions(String inputColumn, String outputColumn, int maxLength, boolean normalize,
        int forwardBatchSize) {

    /** sentence-transformers' {@code max_seq_length} for all-MiniLM-L6-v2. */
    public static final int DEFAULT_MAX_LENGTH = 256;
    /** The longest input the model's position embeddings allow. */
    public static final int MODEL_MAX_LENGTH = 512;
    /** {@code forwardBatchSize} when the step does not set it: planned from the texts and the device. */
    public static final int AUTOMATIC = 0;

    /** Rejects nulls and lengths the model cannot take. */
    public SentenceEmbeddingOptions {
        requireNonNull(inputColumn, "inputColumn");
        requireNonNull(outputColumn, "outputColumn");
        if (maxLength < 2 || maxLength > MODEL_MAX_LENGTH) {
            throw new IllegalArgumentException(SentenceEmbedding.NAME + ": fn_constructor_kwargs.max_length must be "
                    + "between 2 and " + MODEL_MAX_LENGTH + ", got " + maxLength);
        }
        if (forwardBatchSize < 0) {
            throw new IllegalArgumentException(SentenceEmbedding.NAME + ": fn_constructor_kwargs.forward_batch_size "
                    + "must be greater than 0, got " + forwardBatchSize);
        }
    }

    /**
     * Reads the options.
     *
     * @param arguments the step's {@code fn_constructor_kwargs}
     * @return the options
     * @throws IllegalArgumentException naming the argument, if one is missing, of the wrong type, or names another
     *     model than all-MiniLM-L6-v2
     */
    public static SentenceEmbeddingOptions parse(KeywordArguments arguments) {
        Arguments read = new Arguments(SentenceEmbedding.NAME, arguments);
        String model = read.text("model", MiniLmFiles.MODEL_NAME);
        if (!model.equalsIgnoreCase(MiniLmFiles.MODEL_NAME)
                && !model.equalsIgnoreCase("sentence-transformers/" + MiniLmFiles.MODEL_NAME)) {
            throw read.invalid("model", "names '" + model + "', but the model that ships with pipetune is "
                    + MiniLmFiles.MODEL_NAME + "; run other TorchScript models with torch_model");
        }
        return new SentenceEmbeddingOptions(read.text("input_column"), read.text("output_column", "embedding"),
                read.positiveInteger("max_length", DEFAULT_MAX_LENGTH), read.bool("normalize", true),
                read.positiveInteger("forward_batch_size", AUTOMATIC));
    }

    /**
     * Plans the forward passes of a batch.
     *
     * @param sortedLengths the batch's token counts in ascending order; the first {@code rows} are used
     * @param rows the texts to embed
     * @param onGpu whether the model runs on a GPU
     * @return the end (exclusive) of each pass; passes of {@code forwardBatchSize} rows when set, otherwise planned
     *     from the lengths on a CPU and one pass on a GPU (whose throughput grows with the rows of a pass)
     */
    int[] passes(int[] sortedLengths, int rows, boolean onGpu) {
        if (forwardBatchSize != AUTOMATIC) {
            return ForwardPasses.fixed(rows, forwardBatchSize);
        }
        return onGpu ? ForwardPasses.fixed(rows, Math.max(rows, 1))
                : ForwardPasses.plan(sortedLengths, rows, ForwardPasses.CPU_OVERHEAD_TOKENS);
    }
}

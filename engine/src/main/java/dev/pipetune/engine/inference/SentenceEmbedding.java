package dev.pipetune.engine.inference;

import static java.util.Objects.requireNonNull;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.pipetune.engine.udf.BatchFunctionClass;
import dev.pipetune.engine.udf.FunctionContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The {@code sentence_embedding} built-in: embeds a text column with all-MiniLM-L6-v2 as sentence-transformers does
 * (WordPiece tokens with {@code [CLS]}/{@code [SEP]}, truncated to {@code max_length}; the transformer's last hidden
 * state mean-pooled over the attention mask; L2-normalized), one ONNX Runtime session and tokenizer per actor.
 *
 * <p>Output: the input's columns plus a fixed-size list of 384 float32 per row ({@code output_column}); a null text
 * gives a null embedding. Texts are tokenized one by one on the actor's thread (the tokenizer's batch mode would start
 * a thread per core); the batch is padded to its longest text. ONNX Runtime uses as many intra-op threads as the
 * step's {@code num_cpus}, one inter-op thread, and no spinning between calls (idle threads would take cores from
 * the other steps). Opening copies the model files and ONNX Runtime's native libraries into pipetune's cache once
 * ({@code MiniLmFiles}, {@code OnnxRuntimeLibraries}), so later runs load them without writing anything. With a GPU
 * granted it uses ONNX Runtime's CUDA provider on that device, which needs a GPU build of ONNX Runtime on the class
 * path; otherwise {@code allow_cpu_fallback} decides. The forward pass (and copying its output) is reported as model
 * time; tokenizing, pooling and building the Arrow column are the rest of the call.
 */
public final class SentenceEmbedding implements BatchFunctionClass {

    /** The name of this built-in in pipeline files. */
    public static final String NAME = "sentence_embedding";
    /** The embedding's length. */
    public static final int DIMENSIONS = 384;

    private final SentenceEmbeddingOptions options;
    private final boolean allowCpuFallback;
    private final int intraOpThreads;
    private OrtEnvironment environment;
    private OrtSession session;
    private HuggingFaceTokenizer tokenizer;
    private DevicePlacement placement;

    /**
     * Creates the function; the model loads in {@link #open}.
     *
     * @param options the step's arguments
     * @param allowCpuFallback the context's {@code allow_cpu_fallback}
     * @param intraOpThreads ONNX Runtime's intra-op threads, from the step's {@code num_cpus}
     */
    public SentenceEmbedding(SentenceEmbeddingOptions options, boolean allowCpuFallback, int intraOpThreads) {
        this.options = requireNonNull(options, "options");
        this.allowCpuFallback = allowCpuFallback;
        this.intraOpThreads = InferenceRuntime.requireThreads(intraOpThreads);
    }

    @Override
    public void open(FunctionContext context) throws IOException, OrtException {
        requireNonNull(context, "context");
        InferenceRuntime.configure();
        MiniLmFiles files = MiniLmFiles.extract();
        OnnxRuntimeLibraries.install(InferenceRuntime.cacheFolder());
        environment = OrtEnvironment.getEnvironment();
        placement = DevicePlacement.choose(NAME, context.gpuDevices(),
                OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
                "ONNX Runtime " + environment.getVersion() + " (com.microsoft.onnxruntime:onnxruntime, CPU build)",
                allowCpuFallback);
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
            sessionOptions.setIntraOpNumThreads(intraOpThreads);
            sessionOptions.setInterOpNumThreads(1);
            sessionOptions.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            sessionOptions.addConfigEntry("session.intra_op.allow_spinning", "0");
            if (!placement.isCpu()) {
                sessionOptions.addCUDA(placement.gpu().getAsInt());
            }
            session = environment.createSession(files.model().toString(), sessionOptions);
        }
        tokenizer = HuggingFaceTokenizer.newInstance(files.tokenizer(), Map.of(
                "maxLength", Integer.toString(options.maxLength()),
                "truncation", "true",
                "padding", "false",
                "addSpecialTokens", "true"));
        InferenceRuntime.modelLoaded();
    }

    /** Returns where the model runs, once opened. */
    public DevicePlacement placement() {
        return placement;
    }

    @Override
    public VectorSchemaRoot call(VectorSchemaRoot batch, FunctionContext context) throws OrtException {
        requireNonNull(batch, "batch");
        requireNonNull(context, "context");
        if (session == null) {
            throw new IllegalStateException(NAME + " was not opened");
        }
        String[] texts = ArrowTensors.texts(batch, options.inputColumn(), NAME);
        int rows = texts.length;
        float[] embeddings = new float[Math.multiplyExact(rows, DIMENSIONS)];
        boolean[] nulls = new boolean[rows];
        if (rows > 0) {
            embed(texts, nulls, embeddings, context);
        }
        return ArrowTensors.withColumns(batch, List.of(ArrowTensors.floatLists(options.outputColumn(), embeddings,
                rows, DIMENSIONS, nulls, context.allocator())), context.allocator());
    }

    /**
     * Embeds texts.
     *
     * @param texts the texts, null where there is none
     * @return one row of {@link #DIMENSIONS} values per text (zeros for a null text)
     * @throws OrtException if ONNX Runtime fails
     */
    public float[][] embed(List<String> texts) throws OrtException {
        String[] array = texts.toArray(String[]::new);
        float[] flat = new float[array.length * DIMENSIONS];
        embed(array, new boolean[array.length], flat, null);
        float[][] rows = new float[array.length][];
        for (int row = 0; row < array.length; row++) {
            rows[row] = Arrays.copyOfRange(flat, row * DIMENSIONS, (row + 1) * DIMENSIONS);
        }
        return rows;
    }

    private void embed(String[] texts, boolean[] nulls, float[] embeddings, FunctionContext context)
            throws OrtException {
        int rows = texts.length;
        Encoding[] encodings = new Encoding[rows];
        int length = 1;
        for (int row = 0; row < rows; row++) {
            nulls[row] = texts[row] == null;
            encodings[row] = tokenizer.encode(nulls[row] ? "" : texts[row]);
            length = Math.max(length, encodings[row].getIds().length);
        }
        LongBuffer ids = longs(rows * length);
        LongBuffer mask = longs(rows * length);
        LongBuffer types = longs(rows * length);
        for (int row = 0; row < rows; row++) {
            int offset = row * length;
            ids.put(offset, encodings[row].getIds());
            mask.put(offset, encodings[row].getAttentionMask());
            types.put(offset, encodings[row].getTypeIds());
        }
        long[] shape = {rows, length};
        FloatBuffer hidden;
        long start = System.nanoTime();
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, ids, shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, mask, shape);
                OnnxTensor typeTensor = OnnxTensor.createTensor(environment, types, shape);
                OrtSession.Result result = session.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor,
                        "token_type_ids", typeTensor))) {
            hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
        }
        if (context != null) {
            context.addModelTime(System.nanoTime() - start);
        }
        pool(hidden, mask, rows, length, embeddings);
    }

    /** Mean pooling over the attention mask, then L2 normalization, as sentence-transformers does. */
    private void pool(FloatBuffer hidden, LongBuffer mask, int rows, int length, float[] embeddings) {
        if (hidden.remaining() != (long) rows * length * DIMENSIONS) {
            throw new IllegalStateException(NAME + ": the model returned " + hidden.remaining() + " values for "
                    + rows + " x " + length + " tokens");
        }
        float[] sum = new float[DIMENSIONS];
        for (int row = 0; row < rows; row++) {
            Arrays.fill(sum, 0);
            long tokens = 0;
            for (int token = 0; token < length; token++) {
                if (mask.get(row * length + token) == 0) {
                    continue;
                }
                tokens++;
                int base = (row * length + token) * DIMENSIONS;
                for (int dimension = 0; dimension < DIMENSIONS; dimension++) {
                    sum[dimension] += hidden.get(base + dimension);
                }
            }
            double divisor = Math.max(tokens, 1e-9);
            double squares = 0;
            for (int dimension = 0; dimension < DIMENSIONS; dimension++) {
                double mean = sum[dimension] / divisor;
                sum[dimension] = (float) mean;
                squares += mean * mean;
            }
            double scale = options.normalize() ? 1 / Math.max(Math.sqrt(squares), 1e-12) : 1;
            int offset = row * DIMENSIONS;
            for (int dimension = 0; dimension < DIMENSIONS; dimension++) {
                embeddings[offset + dimension] = (float) (sum[dimension] * scale);
            }
        }
    }

    private static LongBuffer longs(int count) {
        return ByteBuffer.allocateDirect(count * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
    }

    @Override
    public void close() throws OrtException {
        if (tokenizer != null) {
            tokenizer.close();
            tokenizer = null;
        }
        if (session != null) {
            session.close();
            session = null;
        }
    }
}

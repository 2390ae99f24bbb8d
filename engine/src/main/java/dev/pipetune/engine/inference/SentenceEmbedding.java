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
 * gives a null embedding (and no work). Texts are tokenized one by one on the actor's thread (the tokenizer's batch
 * mode would start a thread per core), sorted by token count and run through the model in passes, each padded only
 * to its own longest text (sentence-transformers' {@code encode} sorts and runs 32-row passes); by default on a CPU
 * the passes are planned so that padding and the cost of each call are smallest ({@code ForwardPasses}), {@code
 * forward_batch_size} fixes their rows. The embeddings go back to their rows' places. ONNX Runtime uses as many
 * intra-op threads as the step's {@code num_cpus}, one inter-op thread, and no spinning between calls (idle threads
 * would take cores from the other steps). Opening copies the model files and ONNX Runtime's native libraries into
 * pipetune's cache once ({@code MiniLmFiles}, {@code OnnxRuntimeLibraries}), so later runs load them without writing
 * anything. With a GPU granted it uses ONNX Runtime's CUDA provider on that device, which needs a GPU build of ONNX
 * Runtime on the class path; otherwise {@code allow_cpu_fallback} decides. The forward pass (and copying its output)
 * is reported as model time; tokenizing, pooling and building the Arrow column are the rest of the call.
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
    private final TokenBuffers tokens = new TokenBuffers();

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
        if (session == null) {
            throw new IllegalStateException(NAME + " was not opened");
        }
        int rows = texts.length;
        Encoding[] encodings = new Encoding[rows];
        // Token count in the high half, row in the low half: sorting gives the rows by length, ties by position.
        long[] byLength = new long[rows];
        int present = 0;
        for (int row = 0; row < rows; row++) {
            nulls[row] = texts[row] == null;
            if (!nulls[row]) {
                encodings[row] = tokenizer.encode(texts[row]);
                byLength[present++] = ((long) encodings[row].getIds().length << Integer.SIZE) | row;
            }
        }
        Arrays.sort(byLength, 0, present);
        int[] lengths = new int[present];
        for (int index = 0; index < present; index++) {
            lengths[index] = (int) (byLength[index] >>> Integer.SIZE);
        }
        int from = 0;
        for (int to : options.passes(lengths, present, !placement.isCpu())) {
            forward(encodings, byLength, from, to, embeddings, context);
            from = to;
        }
    }

    /** Runs rows {@code byLength[from..to)} through the model, padded to the longest of them, and pools them. */
    private void forward(Encoding[] encodings, long[] byLength, int from, int to, float[] embeddings,
            FunctionContext context) throws OrtException {
        int rows = to - from;
        int length = Math.max(1, (int) (byLength[to - 1] >>> Integer.SIZE));
        int count = Math.multiplyExact(rows, length);
        tokens.reserve(count);
        LongBuffer ids = tokens.ids(count);
        LongBuffer mask = tokens.mask(count);
        LongBuffer types = tokens.types(count);
        for (int pass = 0; pass < rows; pass++) {
            Encoding encoding = encodings[(int) byLength[from + pass]];
            int offset = pass * length;
            int used = encoding.getIds().length;
            ids.put(offset, encoding.getIds());
            mask.put(offset, encoding.getAttentionMask());
            types.put(offset, encoding.getTypeIds());
            for (int token = offset + used; token < offset + length; token++) {
                ids.put(token, 0);
                mask.put(token, 0);
                types.put(token, 0);
            }
        }
        long[] shape = {rows, length};
        long start = System.nanoTime();
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, ids, shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, mask, shape);
                OnnxTensor typeTensor = OnnxTensor.createTensor(environment, types, shape);
                OrtSession.Result result = session.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor,
                        "token_type_ids", typeTensor))) {
            FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
            if (context != null) {
                context.addModelTime(System.nanoTime() - start);
            }
            pool(hidden, mask, byLength, from, to, length, embeddings);
        }
    }

    /**
     * Mean pooling over the attention mask, then L2 normalization, as sentence-transformers does; pass row {@code r}
     * goes to the embedding of row {@code byLength[from + r]}.
     */
    private void pool(FloatBuffer hidden, LongBuffer mask, long[] byLength, int from, int to, int length,
            float[] embeddings) {
        int rows = to - from;
        if (hidden.remaining() != (long) rows * length * DIMENSIONS) {
            throw new IllegalStateException(NAME + ": the model returned " + hidden.remaining() + " values for "
                    + rows + " x " + length + " tokens");
        }
        float[] sum = new float[DIMENSIONS];
        for (int pass = 0; pass < rows; pass++) {
            Arrays.fill(sum, 0);
            long counted = 0;
            for (int token = 0; token < length; token++) {
                if (mask.get(pass * length + token) == 0) {
                    continue;
                }
                counted++;
                int base = (pass * length + token) * DIMENSIONS;
                for (int dimension = 0; dimension < DIMENSIONS; dimension++) {
                    sum[dimension] += hidden.get(base + dimension);
                }
            }
            double divisor = Math.max(counted, 1e-9);
            double squares = 0;
            for (int dimension = 0; dimension < DIMENSIONS; dimension++) {
                double mean = sum[dimension] / divisor;
                sum[dimension] = (float) mean;
                squares += mean * mean;
            }
            double scale = options.normalize() ? 1 / Math.max(Math.sqrt(squares), 1e-12) : 1;
            int offset = (int) byLength[from + pass] * DIMENSIONS;
            for (int dimension = 0; dimension < DIMENSIONS; dimension++) {
                embeddings[offset + dimension] = (float) (sum[dimension] * scale);
            }
        }
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

package dev.pipetune.engine.inference;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.pipetune.engine.udf.BatchFunctionClass;
import dev.pipetune.engine.udf.FunctionContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The {@code torch_model} built-in: a TorchScript model run through DJL's PyTorch engine, one loaded model per actor.
 *
 * <p>Each batch's {@link TorchModelOptions#inputColumns() input columns} become one {@code [rows, columns]} float32
 * tensor; the model must return one tensor whose first dimension is the rows. Without labels, each row of the output
 * (flattened) becomes a fixed-size list of float32 in {@link TorchModelOptions#outputColumn()}; with labels the output
 * must have one value (a logit) per label, and the row gets its most likely label and that label's softmax
 * probability. The input's columns are kept (a new column replaces one of the same name).
 *
 * <p>The model runs on the actor's GPU ({@code Device.gpu(i)}) when the libtorch on the class path supports GPUs,
 * otherwise on the CPU where {@code allow_cpu_fallback} allows it; libtorch uses as many intra-op threads as the
 * step's {@code num_cpus}. Time in the forward pass (including copying its output to the host) is reported as model
 * time; building the tensor and the Arrow columns is the rest of the call.
 */
public final class TorchModel implements BatchFunctionClass {

    /** The name of this built-in in pipeline files. */
    public static final String NAME = "torch_model";
    private static final String ENGINE = "PyTorch";

    private final TorchModelOptions options;
    private final boolean allowCpuFallback;
    private final int intraOpThreads;
    private Model model;
    private DevicePlacement placement;

    /**
     * Creates the function; the model loads in {@link #open}.
     *
     * @param options the step's arguments
     * @param allowCpuFallback the context's {@code allow_cpu_fallback}
     * @param intraOpThreads libtorch's intra-op threads, from the step's {@code num_cpus}
     */
    public TorchModel(TorchModelOptions options, boolean allowCpuFallback, int intraOpThreads) {
        this.options = requireNonNull(options, "options");
        this.allowCpuFallback = allowCpuFallback;
        this.intraOpThreads = InferenceRuntime.requireThreads(intraOpThreads);
    }

    @Override
    public void open(FunctionContext context) throws IOException, MalformedModelException {
        requireNonNull(context, "context");
        if (!Files.isRegularFile(options.modelPath())) {
            throw new IOException(NAME + ": model_path " + options.modelPath() + " is not a file");
        }
        InferenceRuntime.configure();
        Engine engine = Engine.getEngine(ENGINE);
        placement = DevicePlacement.choose(NAME, context.gpuDevices(), engine.getGpuCount() > 0,
                "libtorch " + engine.getVersion() + " (pytorch-native-cpu)", allowCpuFallback);
        Device device = placement.isCpu() ? Device.cpu() : Device.gpu(placement.gpu().getAsInt());
        Model loaded = Model.newInstance(NAME, device, ENGINE);
        try {
            loaded.load(options.modelPath(), null, Map.of("mapLocation", "true"));
        } catch (IOException | MalformedModelException | RuntimeException failure) {
            loaded.close();
            throw failure;
        }
        model = loaded;
        InferenceRuntime.modelLoaded();
    }

    /** Returns where the model runs, once opened. */
    public DevicePlacement placement() {
        return placement;
    }

    @Override
    public VectorSchemaRoot call(VectorSchemaRoot batch, FunctionContext context) {
        requireNonNull(batch, "batch");
        requireNonNull(context, "context");
        if (model == null) {
            throw new IllegalStateException(NAME + " was not opened");
        }
        int rows = batch.getRowCount();
        int width = options.inputColumns().size();
        float[] input = ArrowTensors.numericMatrix(batch, options.inputColumns(), NAME);
        float[] output;
        long outputWidth;
        // Intra-op threads are a property of the calling thread in libtorch (OpenMP); actors run on pooled threads.
        JniUtils.setNumThreads(intraOpThreads);
        JniUtils.setGradMode(false);
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray tensor = manager.create(input, new Shape(rows, width));
            long start = System.nanoTime();
            NDList result = model.getBlock().forward(new ParameterStore(manager, false), new NDList(tensor), false);
            NDArray head = result.head();
            Shape shape = head.getShape();
            if (shape.dimension() == 0 || shape.get(0) != rows) {
                throw new IllegalStateException(NAME + ": the model returned shape " + shape + " for " + rows
                        + " input rows; its first dimension must be the rows");
            }
            output = (head.getDataType() == DataType.FLOAT32 ? head : head.toType(DataType.FLOAT32, false))
                    .toFloatArray();
            context.addModelTime(System.nanoTime() - start);
            outputWidth = shape.dimension() == 1 ? 1 : shape.slice(1).size();
        }
        List<FieldVector> added = options.labels().isPresent()
                ? classify(output, rows, (int) outputWidth, options.labels().get(), context.allocator())
                : List.of(ArrowTensors.floatLists(options.outputColumn(), output, rows, (int) outputWidth, null,
                        context.allocator()));
        return ArrowTensors.withColumns(batch, added, context.allocator());
    }

    private List<FieldVector> classify(float[] logits, int rows, int width, List<String> labels,
            BufferAllocator allocator) {
        if (width != labels.size()) {
            throw new IllegalStateException(NAME + ": the model returned " + width + " values per row but labels "
                    + "names " + labels.size() + " classes");
        }
        byte[][] names = labels.stream().map(label -> label.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        VarCharVector labelVector = new VarCharVector(options.labelColumn(), allocator);
        Float4Vector scoreVector = new Float4Vector(options.scoreColumn(), allocator);
        try {
            labelVector.allocateNew(Math.max(rows, 1));
            scoreVector.allocateNew(Math.max(rows, 1));
            for (int row = 0; row < rows; row++) {
                int offset = row * width;
                int best = 0;
                for (int column = 1; column < width; column++) {
                    if (logits[offset + column] > logits[offset + best]) {
                        best = column;
                    }
                }
                double sum = 0;
                for (int column = 0; column < width; column++) {
                    sum += Math.exp(logits[offset + column] - logits[offset + best]);
                }
                labelVector.setSafe(row, names[best]);
                scoreVector.set(row, (float) (1 / sum));
            }
            labelVector.setValueCount(rows);
            scoreVector.setValueCount(rows);
            return List.of(labelVector, scoreVector);
        } catch (RuntimeException failure) {
            labelVector.close();
            scoreVector.close();
            throw failure;
        }
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }
}

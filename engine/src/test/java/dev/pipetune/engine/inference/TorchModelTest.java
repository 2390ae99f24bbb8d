package dev.pipetune.engine.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pipetune.engine.pipeline.KeywordArguments;
import dev.pipetune.engine.udf.FunctionContext;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code torch_model} runs the TorchScript fixture that {@code src/test/python/make_torchscript_fixture.py} writes,
 * y = tanh(x W^T + b), and its outputs equal that function computed here in Java from the same constants.
 */
class TorchModelTest {

    /** The fixture's weights, as in make_torchscript_fixture.py. */
    static final double[][] WEIGHT = {
        {0.5, -1.0, 0.25},
        {1.5, 0.0, -0.5},
        {-0.75, 0.5, 1.0},
        {0.1, 0.2, 0.3},
    };
    /** The fixture's bias, as in make_torchscript_fixture.py. */
    static final double[] BIAS = {0.1, -0.2, 0.0, 0.05};

    private static final double[] VALUES = {1.0, -2.5, 0.0, 3.25, 0.125};
    private static final int[] QUANTITIES = {2, 0, -1, 4, 7};
    private static final long[] IDS = {3, 1, 0, -2, 5};

    private RootAllocator allocator;
    private final AtomicLong modelNanos = new AtomicLong();

    @BeforeEach
    void createAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    static Path fixture() {
        try {
            return Path.of(TorchModelTest.class.getResource("/inference/tiny_linear.pt").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture's function, computed independently of libtorch. */
    static double[] expected(double... input) {
        double[] output = new double[WEIGHT.length];
        for (int row = 0; row < WEIGHT.length; row++) {
            double sum = BIAS[row];
            for (int column = 0; column < input.length; column++) {
                sum += WEIGHT[row][column] * input[column];
            }
            output[row] = Math.tanh(sum);
        }
        return output;
    }

    @Test
    void outputsEqualTheModelsFunctionComputedInJavaAndInputColumnsAreKept() throws Exception {
        TorchModelOptions options = new TorchModelOptions(fixture(), List.of("value", "qty", "id"), "scores",
                Optional.empty(), "label", "score");
        try (TorchModel model = new TorchModel(options, false, 1); VectorSchemaRoot batch = batch()) {
            model.open(context());
            assertThat(model.placement()).isEqualTo(DevicePlacement.CPU);
            try (VectorSchemaRoot output = model.call(batch, context())) {
                assertThat(output.getSchema().getFields()).extracting(field -> field.getName())
                        .containsExactly("value", "qty", "id", "name", "scores");
                assertThat(output.getVector("scores").getField().getType()).isEqualTo(new ArrowType.FixedSizeList(4));
                FixedSizeListVector scores = (FixedSizeListVector) output.getVector("scores");
                Float4Vector values = (Float4Vector) scores.getDataVector();
                for (int row = 0; row < VALUES.length; row++) {
                    double[] expected = expected(VALUES[row], QUANTITIES[row], IDS[row]);
                    for (int column = 0; column < 4; column++) {
                        assertThat((double) values.get(row * 4 + column)).as("row %d, value %d", row, column)
                                .isCloseTo(expected[column], within(1e-6));
                    }
                }
                assertThat(((VarCharVector) output.getVector("name")).getObject(3).toString()).isEqualTo("d");
            }
        }
        assertThat(modelNanos.get()).as("time in the model is reported").isPositive();
    }

    @Test
    void labelsGiveTheMostLikelyLabelAndItsSoftmaxProbability() throws Exception {
        List<String> labels = List.of("north", "east", "south", "west");
        TorchModelOptions options = new TorchModelOptions(fixture(), List.of("value", "qty", "id"), "output",
                Optional.of(labels), "direction", "confidence");
        try (TorchModel model = new TorchModel(options, false, 1); VectorSchemaRoot batch = batch()) {
            model.open(context());
            try (VectorSchemaRoot output = model.call(batch, context())) {
                VarCharVector direction = (VarCharVector) output.getVector("direction");
                Float4Vector confidence = (Float4Vector) output.getVector("confidence");
                for (int row = 0; row < VALUES.length; row++) {
                    double[] logits = expected(VALUES[row], QUANTITIES[row], IDS[row]);
                    int best = 0;
                    double sum = 0;
                    for (int column = 0; column < logits.length; column++) {
                        best = logits[column] > logits[best] ? column : best;
                        sum += Math.exp(logits[column]);
                    }
                    assertThat(new String(direction.get(row), StandardCharsets.UTF_8)).isEqualTo(labels.get(best));
                    assertThat((double) confidence.get(row)).isCloseTo(Math.exp(logits[best]) / sum, within(1e-6));
                }
            }
        }
    }

    @Test
    void aNullInputValueIsAnErrorNamingTheColumn() throws Exception {
        TorchModelOptions options = new TorchModelOptions(fixture(), List.of("value", "qty", "id"), "output",
                Optional.empty(), "label", "score");
        try (TorchModel model = new TorchModel(options, false, 1); VectorSchemaRoot batch = batch()) {
            model.open(context());
            ((IntVector) batch.getVector("qty")).setNull(2);
            assertThatThrownBy(() -> model.call(batch, context())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("torch_model").hasMessageContaining("'qty'").hasMessageContaining("null");
        }
    }

    @Test
    void aMissingModelFileFailsOpeningWithItsPath() {
        TorchModelOptions options = new TorchModelOptions(Path.of("no/such/model.pt"), List.of("value"), "output",
                Optional.empty(), "label", "score");
        try (TorchModel model = new TorchModel(options, false, 1)) {
            assertThatThrownBy(() -> model.open(context())).hasMessageContaining("no/such/model.pt");
        }
    }

    @Test
    void optionsComeFromConstructorArgumentsWithDefaults() {
        TorchModelOptions options = TorchModelOptions.parse(new KeywordArguments(Map.of("model_path", "m.pt",
                "input_columns", List.of("a", "b"))), written -> Path.of("/models").resolve(written));
        assertThat(options.modelPath()).isEqualTo(Path.of("/models/m.pt"));
        assertThat(options.outputColumns()).containsExactly("output");
        assertThatThrownBy(() -> TorchModelOptions.parse(new KeywordArguments(Map.of("model_path", "m.pt")),
                Path::of)).hasMessage("torch_model: fn_constructor_kwargs.input_columns is required");
    }

    private FunctionContext context() {
        return new FunctionContext(allocator, KeywordArguments.NONE, KeywordArguments.NONE, List.of(),
                modelNanos::addAndGet);
    }

    private VectorSchemaRoot batch() {
        Float8Vector value = new Float8Vector("value", allocator);
        IntVector qty = new IntVector("qty", allocator);
        BigIntVector id = new BigIntVector("id", allocator);
        VarCharVector name = new VarCharVector("name", allocator);
        value.allocateNew(VALUES.length);
        qty.allocateNew(VALUES.length);
        id.allocateNew(VALUES.length);
        name.allocateNew(VALUES.length);
        for (int row = 0; row < VALUES.length; row++) {
            value.set(row, VALUES[row]);
            qty.set(row, QUANTITIES[row]);
            id.set(row, IDS[row]);
            name.setSafe(row, String.valueOf((char) ('a' + row)).getBytes(StandardCharsets.UTF_8));
        }
        VectorSchemaRoot root = VectorSchemaRoot.of(value, qty, id, name);
        root.setRowCount(VALUES.length);
        return root;
    }
}

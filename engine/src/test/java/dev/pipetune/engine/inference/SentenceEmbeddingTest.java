package dev.pipetune.engine.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipetune.engine.pipeline.KeywordArguments;
import dev.pipetune.engine.testing.Python;
import dev.pipetune.engine.udf.FunctionContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sentence_embedding} gives the embeddings sentence-transformers gives for all-MiniLM-L6-v2.
 *
 * <p>The expected cosine similarity was computed once with {@code src/test/python/minilm_reference.py} (onnxruntime
 * 1.30 and tokenizers 0.23 on the same ONNX file and tokenizer.json, mean pooling and L2 normalization as
 * sentence-transformers does): "A man is playing a guitar." and "Someone is playing an instrument." give 0.675212;
 * either with "The stock market fell sharply today." gives about -0.05. Where python3 has onnxruntime and tokenizers,
 * the test also compares every value of the embeddings with the script's.
 */
class SentenceEmbeddingTest {

    private static final String GUITAR = "A man is playing a guitar.";
    private static final String INSTRUMENT = "Someone is playing an instrument.";
    private static final String MARKET = "The stock market fell sharply today.";
    private static final double GUITAR_INSTRUMENT_COSINE = 0.675212;

    private static RootAllocator allocator;
    private static SentenceEmbedding model;
    private static final AtomicLong MODEL_NANOS = new AtomicLong();

    @BeforeAll
    static void openModel() throws Exception {
        allocator = new RootAllocator();
        model = new SentenceEmbedding(SentenceEmbeddingOptions.parse(new KeywordArguments(Map.of("input_column",
                "text"))), false, 1);
        model.open(context());
    }

    @AfterAll
    static void closeModel() throws Exception {
        model.close();
        allocator.close();
    }

    @Test
    void similarSentencesHaveTheCosineSimilaritySentenceTransformersGives() throws Exception {
        float[][] embeddings = model.embed(List.of(GUITAR, INSTRUMENT, MARKET));
        double similar = cosine(embeddings[0], embeddings[1]);
        assertThat(similar).isCloseTo(GUITAR_INSTRUMENT_COSINE, within(1e-4));
        assertThat(cosine(embeddings[0], embeddings[2])).isLessThan(0.1).isCloseTo(-0.054027, within(1e-3));
        assertThat(cosine(embeddings[1], embeddings[2])).isLessThan(similar);
        for (float[] embedding : embeddings) {
            assertThat(cosine(embedding, embedding)).as("normalized").isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void anEmbeddingDoesNotDependOnTheOtherTextsOfItsBatch() throws Exception {
        float[] alone = model.embed(List.of(GUITAR))[0];
        float[] padded = model.embed(List.of(MARKET + " " + MARKET + " " + MARKET, GUITAR))[1];
        for (int index = 0; index < alone.length; index++) {
            assertThat(padded[index]).isCloseTo(alone[index], within(1e-5f));
        }
    }

    @Test
    void embeddingsEqualThePythonReferenceValueByValue() throws Exception {
        assumeTrue(Python.hasModules("onnxruntime", "tokenizers", "numpy"),
                "python3 with onnxruntime, tokenizers and numpy");
        MiniLmFiles files = MiniLmFiles.extract();
        List<String> sentences = List.of(GUITAR, INSTRUMENT, MARKET, "pipetune profiles Ray Data pipelines.");
        List<String> arguments = new ArrayList<>(List.of(files.model().toString(), files.tokenizer().toString(),
                "--embed"));
        arguments.addAll(sentences);
        String script = Files.readString(Path.of("src/test/python/minilm_reference.py"));
        String[] lines = Python.run(script, arguments.toArray(String[]::new)).strip().split("\n");
        float[][] embeddings = model.embed(sentences);
        assertThat(lines).hasSize(sentences.size());
        for (int row = 0; row < lines.length; row++) {
            String[] values = lines[row].strip().split(" ");
            assertThat(values).hasSize(SentenceEmbedding.DIMENSIONS);
            for (int index = 0; index < values.length; index++) {
                assertThat((double) embeddings[row][index]).as("sentence %d, value %d", row, index)
                        .isCloseTo(Double.parseDouble(values[index]), within(2e-5));
            }
        }
    }

    @Test
    void aBatchGetsAFixedSizeListColumnWithNullsForNullTexts() throws Exception {
        VarCharVector text = new VarCharVector("text", allocator);
        text.allocateNew(3);
        text.setSafe(0, GUITAR.getBytes(StandardCharsets.UTF_8));
        text.setNull(1);
        text.setSafe(2, MARKET.getBytes(StandardCharsets.UTF_8));
        text.setValueCount(3);
        long before = MODEL_NANOS.get();
        try (VectorSchemaRoot batch = VectorSchemaRoot.of(text)) {
            batch.setRowCount(3);
            try (VectorSchemaRoot output = model.call(batch, context())) {
                assertThat(output.getSchema().getFields()).extracting(field -> field.getName())
                        .containsExactly("text", "embedding");
                FixedSizeListVector embedding = (FixedSizeListVector) output.getVector("embedding");
                assertThat(embedding.getListSize()).isEqualTo(SentenceEmbedding.DIMENSIONS);
                assertThat(embedding.isNull(1)).isTrue();
                assertThat(embedding.isNull(0)).isFalse();
                float[] expected = model.embed(List.of(GUITAR))[0];
                Float4Vector values = (Float4Vector) embedding.getDataVector();
                for (int index = 0; index < expected.length; index++) {
                    assertThat(values.get(index)).isCloseTo(expected[index], within(1e-5f));
                }
            }
        }
        assertThat(MODEL_NANOS.get()).isGreaterThan(before);
    }

    @Test
    void passesOfSortedTextsGiveEveryRowItsOwnEmbedding() throws Exception {
        // Texts of 1 to 5 sentences and a null: the planned passes, one-row passes, three-row passes and one pass.
        List<String> texts = new ArrayList<>();
        for (int row = 0; row < 11; row++) {
            texts.add(row == 4 ? null : (MARKET + " ").repeat(row % 5) + (row % 2 == 0 ? GUITAR : INSTRUMENT));
        }
        float[][] alone = new float[texts.size()][];
        for (int row = 0; row < texts.size(); row++) {
            alone[row] = texts.get(row) == null ? new float[SentenceEmbedding.DIMENSIONS]
                    : model.embed(List.of(texts.get(row)))[0];
        }
        for (long passRows : new long[] {SentenceEmbeddingOptions.AUTOMATIC, 1, 3, 64}) {
            SentenceEmbedding sliced = new SentenceEmbedding(SentenceEmbeddingOptions.parse(new KeywordArguments(
                    passRows == SentenceEmbeddingOptions.AUTOMATIC ? Map.of("input_column", "text")
                            : Map.of("input_column", "text", "forward_batch_size", passRows))), false, 1);
            sliced.open(context());
            try {
                float[][] together = sliced.embed(texts);
                for (int row = 0; row < texts.size(); row++) {
                    for (int index = 0; index < SentenceEmbedding.DIMENSIONS; index++) {
                        assertThat(together[row][index]).as("passes of %d rows, row %d, value %d", passRows, row,
                                index).isCloseTo(alone[row][index], within(1e-5f));
                    }
                }
            } finally {
                sliced.close();
            }
        }
    }

    @Test
    void passesArePlannedOnACpuOneOnAGpuAndFixedWhenSet() {
        int[] lengths = {5, 5, 5, 5, 90};
        SentenceEmbeddingOptions automatic = SentenceEmbeddingOptions.parse(new KeywordArguments(Map.of(
                "input_column", "text")));
        assertThat(automatic.passes(lengths, 5, false)).containsExactly(4, 5);
        assertThat(automatic.passes(lengths, 5, true)).containsExactly(5);
        assertThat(automatic.passes(lengths, 0, true)).isEmpty();
        SentenceEmbeddingOptions set = SentenceEmbeddingOptions.parse(new KeywordArguments(Map.of("input_column",
                "text", "forward_batch_size", 2L)));
        assertThat(set.passes(lengths, 5, false)).containsExactly(2, 4, 5);
        assertThat(set.passes(lengths, 5, true)).containsExactly(2, 4, 5);
        assertThatThrownBy(() -> SentenceEmbeddingOptions.parse(new KeywordArguments(Map.of("input_column", "text",
                "forward_batch_size", 0L)))).hasMessageContaining("fn_constructor_kwargs.forward_batch_size")
                .hasMessageContaining("greater than 0");
    }

    @Test
    void onlyAllMiniLmIsAvailable() {
        assertThatThrownBy(() -> SentenceEmbeddingOptions.parse(new KeywordArguments(Map.of("input_column", "text",
                "model", "bert-large")))).hasMessageContaining("fn_constructor_kwargs.model")
                .hasMessageContaining("all-MiniLM-L6-v2");
        assertThat(SentenceEmbeddingOptions.parse(new KeywordArguments(Map.of("input_column", "text", "model",
                "sentence-transformers/all-MiniLM-L6-v2"))).maxLength()).isEqualTo(256);
    }

    private static FunctionContext context() {
        return new FunctionContext(allocator, KeywordArguments.NONE, KeywordArguments.NONE, List.of(),
                MODEL_NANOS::addAndGet);
    }

    private static double cosine(float[] left, float[] right) {
        double dot = 0;
        double leftNorm = 0;
        double rightNorm = 0;
        for (int index = 0; index < left.length; index++) {
            dot += (double) left[index] * right[index];
            leftNorm += (double) left[index] * left[index];
            rightNorm += (double) right[index] * right[index];
        }
        return dot / Math.sqrt(leftNorm * rightNorm);
    }
}

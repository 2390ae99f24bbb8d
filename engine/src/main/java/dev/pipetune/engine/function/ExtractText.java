package dev.pipetune.engine.function;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.io.ByteScratch;
import java.io.File;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The {@code extract_text} built-in (workload W3): turns files read by {@code read_binary_files} into their text.
 *
 * <p>For each row's {@code bytes}, exactly as {@code anchorlib.extract_text_py} does:
 * <ol>
 *   <li>decode as UTF-8 (invalid UTF-8 is an error);</li>
 *   <li>replace every match of {@code <[^>]*>} with one space (leftmost, non-overlapping matches; {@code [^>]}
 *       matches newlines; a {@code <} with no {@code >} after it stays as it is; entities are not decoded);</li>
 *   <li>replace every run of ASCII whitespace {@code [ \t\n\r\f\v]} with one space and strip spaces at both ends
 *       (other Unicode whitespace is kept);</li>
 *   <li>{@code word_count} is 0 for an empty text, otherwise 1 + the number of spaces.</li>
 * </ol>
 * Steps 2 and 3 run as one hand-written pass over the bytes, with no regular expression.
 *
 * <p>Input: a batch with a {@code bytes} column (binary or utf8, large or not) and optionally a {@code path} column
 * (utf8, large or not); other columns are ignored. Output: a new batch with exactly the columns {@code path} (utf8,
 * the file name after the last {@code /}, null without a path column), {@code size_bytes} (int64, the raw size),
 * {@code text} (utf8) and {@code word_count} (int64). A null {@code bytes} value gives nulls in the last three.
 */
public final class ExtractText {

    /** The name of this built-in in pipeline files. */
    public static final String NAME = "extract_text";
    /** Input and output column: the file's path (input) or name (output). */
    public static final String PATH = "path";
    /** Input column: the file's content. */
    public static final String BYTES = "bytes";
    /** Output column: the content's size in bytes. */
    public static final String SIZE_BYTES = "size_bytes";
    /** Output column: the extracted text. */
    public static final String TEXT = "text";
    /** Output column: the number of words of the text. */
    public static final String WORD_COUNT = "word_count";

    private static final Schema OUTPUT_SCHEMA = new Schema(List.of(
            new Field(PATH, FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field(SIZE_BYTES, FieldType.nullable(new ArrowType.Int(64, true)), null),
            new Field(TEXT, FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field(WORD_COUNT, FieldType.nullable(new ArrowType.Int(64, true)), null)));

    private ExtractText() {
    }

    /**
     * Returns the output schema: {@code path} utf8, {@code size_bytes} int64, {@code text} utf8, {@code word_count}
     * int64.
     */
    public static Schema outputSchema() {
        return OUTPUT_SCHEMA;
    }

    /**
     * Extracts the text of every row of a batch.
     *
     * @param input a batch with a {@code bytes} column and optionally a {@code path} column (borrowed: the caller
     *     keeps ownership and may close it after the call)
     * @param allocator where the output is allocated
     * @return a new batch with the same number of rows and the {@link #outputSchema()}, owned by the caller
     * @throws IllegalArgumentException if {@code bytes} is missing or not binary or utf8, {@code path} is not utf8,
     *     or a value is not valid UTF-8 (the message names the file)
     */
    public static VectorSchemaRoot apply(VectorSchemaRoot input, BufferAllocator allocator) {
        requireNonNull(input, "input");
        requireNonNull(allocator, "allocator");
        FieldVector bytes = requireColumn(input, BYTES, true);
        FieldVector paths = input.getSchema().getFields().stream().anyMatch(field -> field.getName().equals(PATH))
                ? requireColumn(input, PATH, false) : null;
        int rowCount = input.getRowCount();
        VectorSchemaRoot output = VectorSchemaRoot.create(OUTPUT_SCHEMA, allocator);
        try {
            fill(bytes, paths, rowCount, output);
            output.setRowCount(rowCount);
            return output;
        } catch (RuntimeException e) {
            output.close();
            throw e;
        }
    }

    /**
     * Extracts the text of one file's content.
     *
     * @param content the raw bytes
     * @return the text and its word count
     * @throws IllegalArgumentException if the content is not valid UTF-8
     */
    public static ExtractedText extract(byte[] content) {
        requireNonNull(content, "content");
        TextExtractor extractor = new TextExtractor();
        byte[] output = new byte[content.length];
        int length;
        try {
            length = extractor.extract(content, content.length, output);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the content is not valid UTF-8: " + e.getMessage(), e);
        }
        return new ExtractedText(new String(output, 0, length, StandardCharsets.UTF_8),
                extractor.wordCount(length));
    }

    private static void fill(FieldVector bytes, FieldVector paths, int rowCount, VectorSchemaRoot output) {
        VarCharVector names = (VarCharVector) output.getVector(PATH);
        BigIntVector sizes = (BigIntVector) output.getVector(SIZE_BYTES);
        VarCharVector texts = (VarCharVector) output.getVector(TEXT);
        BigIntVector wordCounts = (BigIntVector) output.getVector(WORD_COUNT);
        long totalBytes = 0;
        for (int row = 0; row < rowCount; row++) {
            totalBytes += bytes.isNull(row) ? 0 : valueLength(bytes, row);
        }
        names.allocateNew(Math.max(1, rowCount * 16L), Math.max(1, rowCount));
        texts.allocateNew(Math.max(1, totalBytes), Math.max(1, rowCount));
        sizes.allocateNew(Math.max(1, rowCount));
        wordCounts.allocateNew(Math.max(1, rowCount));
        ByteScratch content = new ByteScratch();
        ByteScratch path = new ByteScratch();
        TextExtractor extractor = new TextExtractor();
        byte[] text = new byte[0];
        for (int row = 0; row < rowCount; row++) {
            if (paths != null && !paths.isNull(row)) {
                path.load(paths, row);
                int start = fileNameStart(path.bytes(), path.length());
                names.setSafe(row, path.bytes(), start, path.length() - start);
            }
            if (bytes.isNull(row)) {
                continue;
            }
            content.load(bytes, row);
            if (text.length < content.length()) {
                text = new byte[Math.max(content.length(), text.length * 2)];
            }
            int length;
            try {
                length = extractor.extract(content.bytes(), content.length(), text);
            } catch (CharacterCodingException e) {
                String file = paths != null && !paths.isNull(row)
                        ? new String(path.bytes(), 0, path.length(), StandardCharsets.UTF_8) : "row " + row;
                throw new IllegalArgumentException(NAME + ": " + file + " is not valid UTF-8 (" + e + ")", e);
            }
            sizes.set(row, content.length());
            texts.setSafe(row, text, 0, length);
            wordCounts.set(row, extractor.wordCount(length));
        }
    }

    private static int fileNameStart(byte[] path, int length) {
        for (int index = length - 1; index >= 0; index--) {
            if (path[index] == '/' || path[index] == File.separatorChar) {
                return index + 1;
            }
        }
        return 0;
    }

    private static long valueLength(FieldVector vector, int row) {
        return switch (vector) {
            case BaseVariableWidthVector variable -> variable.getValueLength(row);
            case BaseLargeVariableWidthVector large -> large.getValueLength(row);
            default -> throw new IllegalStateException("unexpected vector " + vector.getField());
        };
    }

    private static FieldVector requireColumn(VectorSchemaRoot input, String name, boolean binaryAllowed) {
        FieldVector vector = input.getVector(name);
        if (vector == null) {
            throw new IllegalArgumentException(NAME + " needs a '" + name + "' column; the batch has "
                    + input.getSchema().getFields().stream().map(Field::getName).toList());
        }
        ArrowType type = vector.getField().getType();
        boolean text = type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8;
        boolean binary = type instanceof ArrowType.Binary || type instanceof ArrowType.LargeBinary;
        if (!text && !(binaryAllowed && binary)) {
            throw new IllegalArgumentException(NAME + ": column '" + name + "' must be "
                    + (binaryAllowed ? "binary or utf8" : "utf8") + ", got " + type);
        }
        return vector;
    }
}

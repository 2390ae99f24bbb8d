package dev.pipetune.engine.function;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.io.ByteScratch;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * The {@code extract_text} built-in: turns files read by {@code read_binary_files} into their text, in the
 * {@link DocumentFormat} the step's {@code fn_kwargs.format} names ({@link DocumentFormat#AUTO} by default).
 *
 * <p>W3's rule ({@link DocumentFormat#TAGS}, and {@link DocumentFormat#AUTO} for every text file, after decoding
 * its charset), exactly as {@code anchorlib.extract_text_py} does:
 * <ol>
 *   <li>decode as UTF-8 (invalid UTF-8 is an error for {@code tags}; {@code auto} decodes other charsets);</li>
 *   <li>replace every match of {@code <[^>]*>} with one space (leftmost, non-overlapping matches; {@code [^>]}
 *       matches newlines; a {@code <} with no {@code >} after it stays as it is; entities are not decoded);</li>
 *   <li>replace every run of ASCII whitespace {@code [ \t\n\r\f\v]} with one space and strip spaces at both ends
 *       (other Unicode whitespace is kept);</li>
 *   <li>{@code word_count} is 0 for an empty text, otherwise 1 + the number of spaces.</li>
 * </ol>
 * Steps 2 and 3 run as one hand-written pass over the bytes, with no regular expression. The other formats (jsoup
 * for HTML, PDFBox for PDF, plain text) end with step 3 and 4 too.
 *
 * <p>Input: a batch with a {@code bytes} column (binary or utf8, large or not) and optionally a {@code path} column
 * (utf8, large or not); other columns are ignored. Output: a new batch with exactly the columns {@code path} (utf8,
 * the file name after the last {@code /}, null without a path column), {@code size_bytes} (int64, the raw size),
 * {@code text} (utf8), {@code word_count} (int64) and {@code mime_type} (utf8: {@code text/plain}, {@code text/html}
 * or {@code application/pdf}). A null {@code bytes} value gives nulls in the last four. A file that cannot be
 * extracted (empty, binary, corrupt, encrypted, not in the format asked for) is left out of the output and reported
 * as a {@link FailedDocument}.
 */
public final class ExtractText {

    /** The name of this built-in in pipeline files. */
    public static final String NAME = "extract_text";
    /** The {@code fn_kwargs} key that names the {@link DocumentFormat}. */
    public static final String FORMAT = "format";
    /** The {@code fn_kwargs} key that names the {@link HtmlHandling} of {@code auto}. */
    public static final String HTML = "html";
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
    /** Output column: the content's MIME type as detected. */
    public static final String MIME_TYPE = "mime_type";

    private static final Schema OUTPUT_SCHEMA = new Schema(List.of(
            new Field(PATH, FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field(SIZE_BYTES, FieldType.nullable(new ArrowType.Int(64, true)), null),
            new Field(TEXT, FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field(WORD_COUNT, FieldType.nullable(new ArrowType.Int(64, true)), null),
            new Field(MIME_TYPE, FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

    private ExtractText() {
    }

    /**
     * Returns the output schema: {@code path} utf8, {@code size_bytes} int64, {@code text} utf8, {@code word_count}
     * int64, {@code mime_type} utf8.
     */
    public static Schema outputSchema() {
        return OUTPUT_SCHEMA;
    }

    /**
     * Extracts the text of every row of a batch.
     *
     * @param input a batch with a {@code bytes} column and optionally a {@code path} column (borrowed: the caller
     *     keeps ownership and may close it after the call)
     * @param format how to read the files
     * @param allocator where the output is allocated
     * @return the rows extracted, as a new batch with the {@link #outputSchema()} owned by the caller, and the files
     *     that could not be
     * @throws IllegalArgumentException if {@code bytes} is missing or not binary or utf8, or {@code path} is not utf8
     */
    public static Extraction apply(VectorSchemaRoot input, DocumentFormat format, BufferAllocator allocator) {
        return apply(input, ExtractTextOptions.of(requireNonNull(format, "format")), allocator);
    }

    /**
     * Extracts the text of every row of a batch.
     *
     * @param input a batch with a {@code bytes} column and optionally a {@code path} column (borrowed: the caller
     *     keeps ownership and may close it after the call)
     * @param options how to read the files
     * @param allocator where the output is allocated
     * @return the rows extracted, as a new batch with the {@link #outputSchema()} owned by the caller, and the files
     *     that could not be
     * @throws IllegalArgumentException if {@code bytes} is missing or not binary or utf8, or {@code path} is not utf8
     */
    public static Extraction apply(VectorSchemaRoot input, ExtractTextOptions options, BufferAllocator allocator) {
        requireNonNull(input, "input");
        requireNonNull(options, "options");
        requireNonNull(allocator, "allocator");
        FieldVector bytes = requireColumn(input, BYTES, true);
        FieldVector paths = input.getSchema().getFields().stream().anyMatch(field -> field.getName().equals(PATH))
                ? requireColumn(input, PATH, false) : null;
        VectorSchemaRoot output = VectorSchemaRoot.create(OUTPUT_SCHEMA, allocator);
        try {
            List<FailedDocument> failures = new ArrayList<>();
            int rows = fill(bytes, paths, input.getRowCount(), new DocumentExtractor(options), output, failures);
            output.setRowCount(rows);
            return new Extraction(output, failures);
        } catch (RuntimeException e) {
            output.close();
            throw e;
        }
    }

    /**
     * Extracts the text of one file's content with W3's rule ({@link DocumentFormat#TAGS}).
     *
     * @param content the raw bytes
     * @return the text and its word count
     * @throws IllegalArgumentException if the content is not valid UTF-8
     */
    public static ExtractedText extract(byte[] content) {
        try {
            return extract(content, "", DocumentFormat.TAGS);
        } catch (DocumentException e) {
            throw new IllegalArgumentException("the content is " + e.getMessage(), e);
        }
    }

    /**
     * Extracts the text of one file's content.
     *
     * @param content the raw bytes
     * @param fileName the file's name (its extension is a hint for {@code auto}), or an empty string
     * @param format how to read the file
     * @return the text and its word count
     * @throws DocumentException if the file cannot be extracted in that format
     */
    public static ExtractedText extract(byte[] content, String fileName, DocumentFormat format)
            throws DocumentException {
        return extract(content, fileName, ExtractTextOptions.of(requireNonNull(format, "format")));
    }

    /**
     * Extracts the text of one file's content.
     *
     * @param content the raw bytes
     * @param fileName the file's name (its extension is a hint for {@code auto}), or an empty string
     * @param options how to read the file
     * @return the text and its word count
     * @throws DocumentException if the file cannot be extracted that way
     */
    public static ExtractedText extract(byte[] content, String fileName, ExtractTextOptions options)
            throws DocumentException {
        requireNonNull(content, "content");
        requireNonNull(fileName, "fileName");
        DocumentExtractor extractor = new DocumentExtractor(requireNonNull(options, "options"));
        extractor.extract(content, content.length, ExtensionHint.of(fileName));
        return new ExtractedText(new String(extractor.text(), 0, extractor.textLength(), StandardCharsets.UTF_8),
                extractor.wordCount());
    }

    /** Fills the output with the extracted rows and returns how many there are. */
    private static int fill(FieldVector bytes, FieldVector paths, int rowCount, DocumentExtractor extractor,
            VectorSchemaRoot output, List<FailedDocument> failures) {
        VarCharVector names = (VarCharVector) output.getVector(PATH);
        BigIntVector sizes = (BigIntVector) output.getVector(SIZE_BYTES);
        VarCharVector texts = (VarCharVector) output.getVector(TEXT);
        BigIntVector wordCounts = (BigIntVector) output.getVector(WORD_COUNT);
        VarCharVector mimeTypes = (VarCharVector) output.getVector(MIME_TYPE);
        long totalBytes = 0;
        for (int row = 0; row < rowCount; row++) {
            totalBytes += bytes.isNull(row) ? 0 : valueLength(bytes, row);
        }
        names.allocateNew(Math.max(1, rowCount * 16L), Math.max(1, rowCount));
        texts.allocateNew(Math.max(1, totalBytes), Math.max(1, rowCount));
        mimeTypes.allocateNew(Math.max(1, rowCount * 10L), Math.max(1, rowCount));
        sizes.allocateNew(Math.max(1, rowCount));
        wordCounts.allocateNew(Math.max(1, rowCount));
        ByteScratch content = new ByteScratch();
        ByteScratch path = new ByteScratch();
        int outputRow = 0;
        for (int row = 0; row < rowCount; row++) {
            boolean hasPath = paths != null && !paths.isNull(row);
            int nameStart = 0;
            if (hasPath) {
                path.load(paths, row);
                nameStart = fileNameStart(path.bytes(), path.length());
            }
            if (!bytes.isNull(row)) {
                content.load(bytes, row);
                ExtensionHint hint = hasPath ? ExtensionHint.of(path.bytes(), 0, path.length()) : ExtensionHint.NONE;
                try {
                    extractor.extract(content.bytes(), content.length(), hint);
                } catch (DocumentException failure) {
                    failures.add(new FailedDocument(row, hasPath
                            ? new String(path.bytes(), 0, path.length(), StandardCharsets.UTF_8) : "row " + row,
                            failure));
                    continue;
                }
                sizes.set(outputRow, content.length());
                texts.setSafe(outputRow, extractor.text(), 0, extractor.textLength());
                wordCounts.set(outputRow, extractor.wordCount());
                mimeTypes.setSafe(outputRow, extractor.mimeType().utf8());
            }
            if (hasPath) {
                names.setSafe(outputRow, path.bytes(), nameStart, path.length() - nameStart);
            }
            outputRow++;
        }
        return outputRow;
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

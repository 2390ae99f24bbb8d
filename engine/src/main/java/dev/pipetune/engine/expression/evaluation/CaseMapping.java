package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.BYTE;
import static dev.pipetune.engine.block.Segments.INT;
import static dev.pipetune.engine.block.Segments.LONG;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * {@code upper}, {@code lower} and {@code length} over string columns.
 *
 * <p>When the column's bytes are all ASCII (checked 8 bytes at a time), case mapping is one pass over the data
 * buffer, 8 bytes at a time (SWAR), and the offsets are copied in bulk; otherwise rows are mapped code point by
 * code point with {@link Character#toUpperCase(int)} / {@link Character#toLowerCase(int)} (one code point to one,
 * as DuckDB and pyarrow do, which map {@code 'ß'} to the capital {@code 'ẞ'} where Java keeps it). {@code length}
 * counts code points (bytes that are not UTF-8 continuation bytes).
 */
final class CaseMapping {

    private static final long ONES = 0x0101010101010101L;
    private static final int SHARP_S = 0xDF;
    private static final int CAPITAL_SHARP_S = 0x1E9E;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private CaseMapping() {
    }

    /**
     * Upper- or lower-cases every string.
     *
     * @param input a utf8 column; not closed here
     * @param upper true for {@code upper}, false for {@code lower}
     * @param context the batch
     * @return a new utf8 vector
     */
    static FieldVector changeCase(FieldVector input, boolean upper, EvaluationContext context) {
        int rowCount = context.rowCount();
        MemorySegment offsets = Vectors.offsets(input);
        MemorySegment data = Vectors.data(input);
        int base = rowCount == 0 ? 0 : offsets.get(INT, 0);
        int end = rowCount == 0 ? 0 : offsets.get(INT, (long) rowCount << 2);
        if (!Vectors.isAscii(data, base, end)) {
            return changeCaseRowByRow(input, upper, context);
        }
        VarCharVector result = new VarCharVector(Vectors.INTERMEDIATE, context.allocator());
        try {
            result.allocateNew(Math.max(1, end - base), rowCount);
            MemorySegment resultOffsets = Segments.of(result.getOffsetBuffer());
            if (base == 0) {
                MemorySegment.copy(offsets, 0, resultOffsets, 0, (rowCount + 1L) << 2);
            } else {
                for (int row = 0; row <= rowCount; row++) {
                    resultOffsets.set(INT, (long) row << 2, offsets.get(INT, (long) row << 2) - base);
                }
            }
            Bits.copy(Segments.of(result.getValidityBuffer()), Vectors.validity(input, rowCount), rowCount);
            mapAscii(data, base, end, Segments.of(result.getDataBuffer()), upper);
            result.setLastSet(rowCount - 1);
            result.setValueCount(rowCount);
            return result;
        } catch (RuntimeException failure) {
            result.close();
            throw failure;
        }
    }

    /** Maps ASCII bytes {@code [start, end)} of {@code source} to {@code target} from offset 0, 8 bytes a step. */
    private static void mapAscii(MemorySegment source, long start, long end, MemorySegment target, boolean upper) {
        long from = upper ? 0x80 - 'a' : 0x80 - 'A';
        long to = upper ? 0x80 - ('z' + 1) : 0x80 - ('Z' + 1);
        long atLeastFrom = from * ONES;
        long pastTo = to * ONES;
        long index = start;
        long written = 0;
        for (; index + 8 <= end; index += 8, written += 8) {
            long word = source.get(LONG, index);
            long letters = (word + atLeastFrom) & ~(word + pastTo) & HIGH_BITS;
            target.set(LONG, written, word ^ (letters >>> 2));
        }
        for (; index < end; index++, written++) {
            target.set(BYTE, written, (byte) mapAsciiByte(source.get(BYTE, index), upper));
        }
    }

    private static int mapAsciiByte(int value, boolean upper) {
        if (upper) {
            return value >= 'a' && value <= 'z' ? value - 32 : value;
        }
        return value >= 'A' && value <= 'Z' ? value + 32 : value;
    }

    private static FieldVector changeCaseRowByRow(FieldVector input, boolean upper, EvaluationContext context) {
        int rowCount = context.rowCount();
        MemorySegment offsets = Vectors.offsets(input);
        MemorySegment data = Vectors.data(input);
        MemorySegment validity = Vectors.validity(input, rowCount);
        long total = rowCount == 0 ? 0 : offsets.get(INT, (long) rowCount << 2) - offsets.get(INT, 0);
        Utf8Writer writer = new Utf8Writer(context.allocator(), rowCount, total + total / 8);
        try {
            for (int row = 0; row < rowCount; row++) {
                if (!Bits.get(validity, row)) {
                    writer.appendNull();
                    continue;
                }
                int start = offsets.get(INT, (long) row << 2);
                int end = offsets.get(INT, ((long) row << 2) + 4);
                if (Vectors.isAscii(data, start, end)) {
                    MemorySegment target = writer.reserve(end - start);
                    long position = writer.position();
                    for (int index = start; index < end; index++) {
                        target.set(BYTE, position++, (byte) mapAsciiByte(data.get(BYTE, index), upper));
                    }
                    writer.advance(end - start);
                } else {
                    String text = new String(data.asSlice(start, end - start).toArray(BYTE), StandardCharsets.UTF_8);
                    StringBuilder mapped = new StringBuilder(text.length());
                    text.codePoints().forEach(codePoint -> mapped.appendCodePoint(
                            upper ? upperCase(codePoint) : Character.toLowerCase(codePoint)));
                    writer.append(mapped.toString().getBytes(StandardCharsets.UTF_8));
                }
                writer.endRow();
            }
            return writer.finish();
        } catch (RuntimeException failure) {
            writer.abandon();
            throw failure;
        }
    }

    /**
     * The number of characters (code points) of every string.
     *
     * @param input a utf8 column; not closed here
     * @param context the batch
     * @return a new int64 vector
     */
    static FieldVector length(FieldVector input, EvaluationContext context) {
        int rowCount = context.rowCount();
        MemorySegment offsets = Vectors.offsets(input);
        MemorySegment data = Vectors.data(input);
        BigIntVector result = (BigIntVector) Vectors.create(Types.INT64, context.allocator(), rowCount);
        Bits.copy(Segments.of(result.getValidityBuffer()), Vectors.validity(input, rowCount), rowCount);
        MemorySegment out = Segments.of(result.getDataBuffer());
        int base = rowCount == 0 ? 0 : offsets.get(INT, 0);
        int end = rowCount == 0 ? 0 : offsets.get(INT, (long) rowCount << 2);
        boolean ascii = Vectors.isAscii(data, base, end);
        for (int row = 0; row < rowCount; row++) {
            int start = offsets.get(INT, (long) row << 2);
            int stop = offsets.get(INT, ((long) row << 2) + 4);
            out.set(LONG, (long) row << 3, ascii ? stop - start : codePoints(data, start, stop));
        }
        result.setValueCount(rowCount);
        return result;
    }

    /** Counts the code points of UTF-8 bytes {@code [start, end)}: the bytes that are not continuation bytes. */
    static long codePoints(MemorySegment data, long start, long end) {
        long count = 0;
        for (long index = start; index < end; index++) {
            count += (data.get(BYTE, index) & 0xC0) != 0x80 ? 1 : 0;
        }
        return count;
    }

    /** One code point's upper case, as DuckDB's and pyarrow's {@code upper}: Java's, except {@code ß} to {@code ẞ}. */
    private static int upperCase(int codePoint) {
        return codePoint == SHARP_S ? CAPITAL_SHARP_S : Character.toUpperCase(codePoint);
    }
}

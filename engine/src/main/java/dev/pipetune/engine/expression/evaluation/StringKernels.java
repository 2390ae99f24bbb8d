package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.BYTE;
import static dev.pipetune.engine.block.Segments.INT;
import static dev.pipetune.engine.block.Segments.LONG;

import dev.pipetune.engine.block.Segments;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * String functions other than case mapping: {@code trim}, {@code substr}, {@code concat} and {@code ||},
 * {@code replace}, {@code starts_with}, {@code ends_with}, {@code contains}, and large_utf8 to utf8.
 *
 * <p>Results are built by copying byte ranges of the inputs (no decoding to {@code String}). Whitespace for
 * {@code trim} is ASCII space, tab, line feed, carriage return, form feed and vertical tab.
 */
final class StringKernels {

    /** Which ends {@code trim} strips. */
    enum TrimSide { BOTH, LEADING, TRAILING }

    private StringKernels() {
    }

    /**
     * Converts a large_utf8 column (64-bit offsets) to utf8 (32-bit offsets), copying the bytes in bulk.
     *
     * @param input a large_utf8 column; not closed here
     * @param context the batch
     * @return a new utf8 vector
     */
    static FieldVector fromLarge(FieldVector input, EvaluationContext context) {
        int rowCount = context.rowCount();
        MemorySegment offsets = Vectors.offsets(input);
        long base = rowCount == 0 ? 0 : offsets.get(LONG, 0);
        long end = rowCount == 0 ? 0 : offsets.get(LONG, (long) rowCount << 3);
        if (end - base > Integer.MAX_VALUE) {
            throw new ExpressionEvaluationException("a large_string column holds more than 2 GiB in one batch; "
                    + "use a smaller batch_size");
        }
        VarCharVector result = new VarCharVector(Vectors.INTERMEDIATE, context.allocator());
        try {
            result.allocateNew(Math.max(1, end - base), rowCount);
            MemorySegment resultOffsets = Segments.of(result.getOffsetBuffer());
            for (int row = 0; row <= rowCount; row++) {
                resultOffsets.set(INT, (long) row << 2, (int) (offsets.get(LONG, (long) row << 3) - base));
            }
            MemorySegment.copy(Vectors.data(input), base, Segments.of(result.getDataBuffer()), 0, end - base);
            Bits.copy(Segments.of(result.getValidityBuffer()), Vectors.validity(input, rowCount), rowCount);
            result.setLastSet(rowCount - 1);
            result.setValueCount(rowCount);
            return result;
        } catch (RuntimeException failure) {
            result.close();
            throw failure;
        }
    }

    private static boolean isWhitespace(byte value) {
        return value == ' ' || value >= '\t' && value <= '\r';
    }

    static FieldVector trim(FieldVector input, TrimSide side, EvaluationContext context) {
        int rowCount = context.rowCount();
        StringArgument strings = StringArgument.of(new VectorValue(input, false), rowCount);
        Utf8Writer writer = new Utf8Writer(context.allocator(), rowCount, strings.totalBytes(rowCount));
        try {
            for (int row = 0; row < rowCount; row++) {
                if (strings.isNull(row)) {
                    writer.appendNull();
                    continue;
                }
                long start = strings.start(row);
                long end = strings.end(row);
                MemorySegment data = strings.data();
                if (side != TrimSide.TRAILING) {
                    while (start < end && isWhitespace(data.get(BYTE, start))) {
                        start++;
                    }
                }
                if (side != TrimSide.LEADING) {
                    while (end > start && isWhitespace(data.get(BYTE, end - 1))) {
                        end--;
                    }
                }
                writer.append(data, start, end - start);
                writer.endRow();
            }
            return writer.finish();
        } catch (RuntimeException failure) {
            writer.abandon();
            throw failure;
        }
    }

    /** The byte offset of the code point {@code count} code points after {@code start}, at most {@code end}. */
    private static long skipCodePoints(MemorySegment data, long start, long end, long count) {
        long index = start;
        for (long skipped = 0; skipped < count && index < end; skipped++) {
            index++;
            while (index < end && (data.get(BYTE, index) & 0xC0) == 0x80) {
                index++;
            }
        }
        return index;
    }

    /**
     * {@code substr(s, start[, length])} on characters (code points), 1-based: a negative start counts from the
     * end ({@code -3} is the third character from the end), start 0 is before the first character (so one fewer
     * character is taken), a negative length gives the empty string; the part of the window before the first
     * character is cut off, as in DuckDB ({@code substr('ab', -3, 2)} is {@code 'a'}).
     */
    static FieldVector substring(Value input, Value start, Value length, EvaluationContext context) {
        int rowCount = context.rowCount();
        StringArgument strings = StringArgument.of(input, rowCount);
        LongArgument starts = LongArgument.of(start, rowCount);
        LongArgument lengths = length == null ? null : LongArgument.of(length, rowCount);
        Utf8Writer writer = new Utf8Writer(context.allocator(), rowCount, strings.totalBytes(rowCount));
        try {
            for (int row = 0; row < rowCount; row++) {
                if (strings.isNull(row) || starts.isNull(row) || lengths != null && lengths.isNull(row)) {
                    writer.appendNull();
                    continue;
                }
                MemorySegment data = strings.data();
                long begin = strings.start(row);
                long end = strings.end(row);
                long characters = CaseMapping.codePoints(data, begin, end);
                long position = starts.get(row);
                // The window [first, stop) in characters, 0-based, before clipping it to the string.
                long first = position > 0 ? position - 1 : position == 0 ? -1 : characters + position;
                long wanted = lengths == null ? Long.MAX_VALUE : lengths.get(row);
                long stop = wanted < 0 ? first : first >= 0 && wanted > characters - first ? characters
                        : first + wanted;
                long from = Math.max(first, 0);
                long to = Math.min(stop, characters);
                if (to > from) {
                    long fromByte = skipCodePoints(data, begin, end, from);
                    long toByte = skipCodePoints(data, fromByte, end, to - from);
                    writer.append(data, fromByte, toByte - fromByte);
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
     * Concatenates strings row by row.
     *
     * @param parts utf8 operands; not closed here
     * @param skipNulls true for {@code concat} (nulls count as empty strings, the result is never null), false for
     *     {@code ||} (any null operand makes the row null)
     * @param context the batch
     * @return a new utf8 vector
     */
    static FieldVector concat(List<Value> parts, boolean skipNulls, EvaluationContext context) {
        int rowCount = context.rowCount();
        List<StringArgument> arguments = parts.stream().map(part -> StringArgument.of(part, rowCount)).toList();
        long estimate = arguments.stream().mapToLong(argument -> argument.totalBytes(rowCount)).sum();
        Utf8Writer writer = new Utf8Writer(context.allocator(), rowCount, estimate);
        try {
            for (int row = 0; row < rowCount; row++) {
                boolean isNull = false;
                for (StringArgument argument : arguments) {
                    if (argument.isNull(row)) {
                        isNull = !skipNulls;
                    } else {
                        long start = argument.start(row);
                        writer.append(argument.data(), start, argument.end(row) - start);
                    }
                }
                if (isNull) {
                    writer.appendNull();
                } else {
                    writer.endRow();
                }
            }
            return writer.finish();
        } catch (RuntimeException failure) {
            writer.abandon();
            throw failure;
        }
    }

    /** The first offset of {@code needle} in {@code haystack[from, end)}, or -1. */
    static long indexOf(MemorySegment haystack, long from, long end, MemorySegment needle, long needleStart,
            long needleEnd) {
        long length = needleEnd - needleStart;
        if (length == 0) {
            return from;
        }
        byte first = needle.get(BYTE, needleStart);
        for (long index = from; index + length <= end; index++) {
            if (haystack.get(BYTE, index) == first
                    && MemorySegment.mismatch(haystack, index, index + length, needle, needleStart, needleEnd) < 0) {
                return index;
            }
        }
        return -1;
    }

    /**
     * {@code replace(s, from, to)}: every non-overlapping occurrence, left to right; an empty {@code from} changes
     * nothing.
     */
    static FieldVector replace(Value input, Value from, Value to, EvaluationContext context) {
        int rowCount = context.rowCount();
        StringArgument strings = StringArgument.of(input, rowCount);
        StringArgument patterns = StringArgument.of(from, rowCount);
        StringArgument replacements = StringArgument.of(to, rowCount);
        Utf8Writer writer = new Utf8Writer(context.allocator(), rowCount, strings.totalBytes(rowCount));
        try {
            for (int row = 0; row < rowCount; row++) {
                if (strings.isNull(row) || patterns.isNull(row) || replacements.isNull(row)) {
                    writer.appendNull();
                    continue;
                }
                MemorySegment data = strings.data();
                long position = strings.start(row);
                long end = strings.end(row);
                long patternStart = patterns.start(row);
                long patternEnd = patterns.end(row);
                long replacementStart = replacements.start(row);
                long replacementLength = replacements.end(row) - replacementStart;
                if (patternEnd > patternStart) {
                    long found;
                    while ((found = indexOf(data, position, end, patterns.data(), patternStart, patternEnd)) >= 0) {
                        writer.append(data, position, found - position);
                        writer.append(replacements.data(), replacementStart, replacementLength);
                        position = found + (patternEnd - patternStart);
                    }
                }
                writer.append(data, position, end - position);
                writer.endRow();
            }
            return writer.finish();
        } catch (RuntimeException failure) {
            writer.abandon();
            throw failure;
        }
    }

    /** What {@link #test} checks. */
    enum Containment { STARTS_WITH, ENDS_WITH, CONTAINS }

    /** {@code starts_with}, {@code ends_with} or {@code contains}: a bool per row, null if an operand is null. */
    static FieldVector test(Containment containment, Value input, Value part, EvaluationContext context) {
        int rowCount = context.rowCount();
        StringArgument strings = StringArgument.of(input, rowCount);
        StringArgument parts = StringArgument.of(part, rowCount);
        FieldVector result = Vectors.create(Types.BOOLEAN, context.allocator(), rowCount);
        MemorySegment values = Vectors.data(result);
        MemorySegment validity = Vectors.validity(result, rowCount);
        for (int row = 0; row < rowCount; row++) {
            if (strings.isNull(row) || parts.isNull(row)) {
                continue;
            }
            MemorySegment data = strings.data();
            long start = strings.start(row);
            long end = strings.end(row);
            long partStart = parts.start(row);
            long partEnd = parts.end(row);
            long length = partEnd - partStart;
            boolean holds = switch (containment) {
                case STARTS_WITH -> length <= end - start
                        && MemorySegment.mismatch(data, start, start + length, parts.data(), partStart, partEnd) < 0;
                case ENDS_WITH -> length <= end - start
                        && MemorySegment.mismatch(data, end - length, end, parts.data(), partStart, partEnd) < 0;
                case CONTAINS -> indexOf(data, start, end, parts.data(), partStart, partEnd) >= 0;
            };
            Bits.set(validity, row);
            if (holds) {
                Bits.set(values, row);
            }
        }
        result.setValueCount(rowCount);
        return result;
    }
}

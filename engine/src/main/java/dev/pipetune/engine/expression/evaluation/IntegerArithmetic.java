package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.LONG;

import dev.pipetune.engine.expression.BinaryOperator;
import java.lang.foreign.MemorySegment;

/**
 * The int64 loops of {@link ArithmeticKernels}. Overflow is detected without branches ({@code (x ^ r) & (y ^ r)} for
 * sums, {@code multiplyHigh} for products) across the whole column; only if that fires are rows checked one by one,
 * skipping null rows, to report the first overflowing value.
 */
final class IntegerArithmetic {

    private IntegerArithmetic() {
    }

    static void columns(BinaryOperator operator, MemorySegment left, MemorySegment right, MemorySegment out,
            MemorySegment validity, int rowCount) {
        long flags = 0;
        switch (operator) {
            case ADD -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    long x = left.get(LONG, offset);
                    long y = right.get(LONG, offset);
                    long r = x + y;
                    flags |= (x ^ r) & (y ^ r);
                    out.set(LONG, offset, r);
                }
                flags &= Long.MIN_VALUE;
            }
            case SUBTRACT -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    long x = left.get(LONG, offset);
                    long y = right.get(LONG, offset);
                    long r = x - y;
                    flags |= (x ^ y) & (x ^ r);
                    out.set(LONG, offset, r);
                }
                flags &= Long.MIN_VALUE;
            }
            case MULTIPLY -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    long x = left.get(LONG, offset);
                    long y = right.get(LONG, offset);
                    long r = x * y;
                    flags |= Math.multiplyHigh(x, y) ^ (r >> 63);
                    out.set(LONG, offset, r);
                }
            }
            case MODULO -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    long y = right.get(LONG, offset);
                    out.set(LONG, offset, y == 0 ? 0 : left.get(LONG, offset) % y);
                }
            }
            default -> throw new IllegalArgumentException("not an int64 operator: " + operator);
        }
        if (flags != 0) {
            locateOverflow(operator, left, 0, right, 0, validity, rowCount);
        }
    }

    static void columnConstant(BinaryOperator operator, MemorySegment left, long right, MemorySegment out,
            MemorySegment validity, int rowCount) {
        long flags = 0;
        switch (operator) {
            case ADD -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    long x = left.get(LONG, offset);
                    long r = x + right;
                    flags |= (x ^ r) & (right ^ r);
                    out.set(LONG, offset, r);
                }
                flags &= Long.MIN_VALUE;
            }
            case SUBTRACT -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    long x = left.get(LONG, offset);
                    long r = x - right;
                    flags |= (x ^ right) & (x ^ r);
                    out.set(LONG, offset, r);
                }
                flags &= Long.MIN_VALUE;
            }
            case MULTIPLY -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    long x = left.get(LONG, offset);
                    long r = x * right;
                    flags |= Math.multiplyHigh(x, right) ^ (r >> 63);
                    out.set(LONG, offset, r);
                }
            }
            case MODULO -> {
                if (right != 0) {
                    for (int row = 0; row < rowCount; row++) {
                        long offset = (long) row << 3;
                        out.set(LONG, offset, left.get(LONG, offset) % right);
                    }
                }
            }
            default -> throw new IllegalArgumentException("not an int64 operator: " + operator);
        }
        if (flags != 0) {
            locateOverflow(operator, left, 0, null, right, validity, rowCount);
        }
    }

    static void constantColumn(BinaryOperator operator, long left, MemorySegment right, MemorySegment out,
            MemorySegment validity, int rowCount) {
        switch (operator) {
            case ADD, MULTIPLY -> columnConstant(operator, right, left, out, validity, rowCount);
            case SUBTRACT -> {
                long flags = 0;
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    long y = right.get(LONG, offset);
                    long r = left - y;
                    flags |= (left ^ y) & (left ^ r);
                    out.set(LONG, offset, r);
                }
                if (flags < 0) {
                    locateOverflow(operator, null, left, right, 0, validity, rowCount);
                }
            }
            case MODULO -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    long y = right.get(LONG, offset);
                    out.set(LONG, offset, y == 0 ? 0 : left % y);
                }
            }
            default -> throw new IllegalArgumentException("not an int64 operator: " + operator);
        }
    }

    /** The slow path: finds the first valid row whose exact result does not fit in int64, and reports it. */
    private static void locateOverflow(BinaryOperator operator, MemorySegment left, long leftConstant,
            MemorySegment right, long rightConstant, MemorySegment validity, int rowCount) {
        for (int row = 0; row < rowCount; row++) {
            if (!Bits.get(validity, row)) {
                continue;
            }
            long x = left == null ? leftConstant : left.get(LONG, (long) row << 3);
            long y = right == null ? rightConstant : right.get(LONG, (long) row << 3);
            try {
                switch (operator) {
                    case ADD -> Math.addExact(x, y);
                    case SUBTRACT -> Math.subtractExact(x, y);
                    case MULTIPLY -> Math.multiplyExact(x, y);
                    default -> {
                        // modulo never overflows
                    }
                }
            } catch (ArithmeticException overflow) {
                throw new ExpressionEvaluationException("integer overflow: " + x + " "
                        + operator.symbol() + " " + y + " does not fit in int64; cast an operand to float64", row);
            }
        }
    }
}

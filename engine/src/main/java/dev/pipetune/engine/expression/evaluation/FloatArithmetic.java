package dev.pipetune.engine.expression.evaluation;

import static dev.pipetune.engine.block.Segments.DOUBLE;

import dev.pipetune.engine.expression.BinaryOperator;
import java.lang.foreign.MemorySegment;

/** The float64 loops of {@link ArithmeticKernels}: IEEE 754 arithmetic, one loop per operator and shape. */
final class FloatArithmetic {

    private FloatArithmetic() {
    }

    static void columns(BinaryOperator operator, MemorySegment left, MemorySegment right, MemorySegment out,
            int rowCount) {
        switch (operator) {
            case ADD -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    out.set(DOUBLE, offset, left.get(DOUBLE, offset) + right.get(DOUBLE, offset));
                }
            }
            case SUBTRACT -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    out.set(DOUBLE, offset, left.get(DOUBLE, offset) - right.get(DOUBLE, offset));
                }
            }
            case MULTIPLY -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    out.set(DOUBLE, offset, left.get(DOUBLE, offset) * right.get(DOUBLE, offset));
                }
            }
            case DIVIDE -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    out.set(DOUBLE, offset, left.get(DOUBLE, offset) / right.get(DOUBLE, offset));
                }
            }
            case MODULO -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    out.set(DOUBLE, offset, left.get(DOUBLE, offset) % right.get(DOUBLE, offset));
                }
            }
            default -> throw new IllegalArgumentException("not arithmetic: " + operator);
        }
    }

    static void columnConstant(BinaryOperator operator, MemorySegment left, double right, MemorySegment out,
            int rowCount) {
        switch (operator) {
            case ADD -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    out.set(DOUBLE, offset, left.get(DOUBLE, offset) + right);
                }
            }
            case SUBTRACT -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    out.set(DOUBLE, offset, left.get(DOUBLE, offset) - right);
                }
            }
            case MULTIPLY -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    out.set(DOUBLE, offset, left.get(DOUBLE, offset) * right);
                }
            }
            case DIVIDE -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    out.set(DOUBLE, offset, left.get(DOUBLE, offset) / right);
                }
            }
            case MODULO -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    out.set(DOUBLE, offset, left.get(DOUBLE, offset) % right);
                }
            }
            default -> throw new IllegalArgumentException("not arithmetic: " + operator);
        }
    }

    static void constantColumn(BinaryOperator operator, double left, MemorySegment right, MemorySegment out,
            int rowCount) {
        switch (operator) {
            case ADD -> columnConstant(BinaryOperator.ADD, right, left, out, rowCount);
            case MULTIPLY -> columnConstant(BinaryOperator.MULTIPLY, right, left, out, rowCount);
            case SUBTRACT -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    out.set(DOUBLE, offset, left - right.get(DOUBLE, offset));
                }
            }
            case DIVIDE -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    out.set(DOUBLE, offset, left / right.get(DOUBLE, offset));
                }
            }
            case MODULO -> {
                for (int row = 0; row < rowCount; row++) {
                    long offset = (long) row << 3;
                    out.set(DOUBLE, offset, left % right.get(DOUBLE, offset));
                }
            }
            default -> throw new IllegalArgumentException("not arithmetic: " + operator);
        }
    }
}

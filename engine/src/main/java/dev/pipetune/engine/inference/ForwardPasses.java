package dev.pipetune.engine.inference;

/**
 * Splits a batch of texts, sorted by token count, into forward passes through a transformer so that padding and the
 * fixed cost of each pass together are smallest.
 *
 * <p>A pass of {@code k} rows whose longest text has {@code L} tokens costs about {@code overhead + k × L} token
 * steps: every row is padded to {@code L}, and each call into the model has a fixed cost worth {@code overhead}
 * tokens. Measured for all-MiniLM-L6-v2 on one ONNX Runtime CPU thread: 0.22-0.29 ms per padded token at 8-128 tokens
 * and 1-32 rows, plus about 2.2 ms per pass, about ten tokens' worth ({@link #CPU_OVERHEAD_TOKENS}). Texts of
 * similar length therefore share a pass, and a long text does not make short ones pay for its padding. The plan is
 * exact for this cost (dynamic programming over the sorted lengths) with passes of at most {@link #MAX_ROWS} rows.
 * The exported Ray script's {@code _forward_passes} is the same plan in Python (a test holds them equal).
 */
public final class ForwardPasses {

    /** The fixed cost of one forward pass on a CPU, in padded tokens. */
    public static final int CPU_OVERHEAD_TOKENS = 10;
    /** The most rows one planned pass takes (bounds the plan's work to {@code rows × MAX_ROWS}). */
    public static final int MAX_ROWS = 256;

    private ForwardPasses() {
    }

    /**
     * Plans the passes.
     *
     * @param sortedLengths token counts in ascending order; the first {@code rows} are used
     * @param rows how many texts
     * @param overheadTokens the fixed cost of a pass in padded tokens, at least 0
     * @return the end (exclusive) of each pass in order; the last is {@code rows}; empty when {@code rows} is 0
     * @throws IllegalArgumentException if {@code rows} is negative or beyond the lengths, or the overhead negative
     */
    public static int[] plan(int[] sortedLengths, int rows, int overheadTokens) {
        if (rows < 0 || rows > sortedLengths.length || overheadTokens < 0) {
            throw new IllegalArgumentException("rows " + rows + " of " + sortedLengths.length + ", overhead "
                    + overheadTokens);
        }
        long[] cost = new long[rows + 1];
        int[] start = new int[rows + 1];
        for (int end = 1; end <= rows; end++) {
            long padded = sortedLengths[end - 1];
            cost[end] = Long.MAX_VALUE;
            for (int from = end - 1; from >= Math.max(0, end - MAX_ROWS); from--) {
                long candidate = cost[from] + overheadTokens + (end - from) * padded;
                if (candidate <= cost[end]) { // on a tie the longer pass: fewer calls
                    cost[end] = candidate;
                    start[end] = from;
                }
            }
        }
        int passes = 0;
        for (int end = rows; end > 0; end = start[end]) {
            passes++;
        }
        int[] ends = new int[passes];
        for (int end = rows, index = passes - 1; end > 0; end = start[end], index--) {
            ends[index] = end;
        }
        return ends;
    }

    /**
     * Plans passes of a fixed number of rows.
     *
     * @param rows how many texts
     * @param rowsPerPass rows per pass, at least 1
     * @return the end (exclusive) of each pass in order
     * @throws IllegalArgumentException if {@code rows} is negative or {@code rowsPerPass} below 1
     */
    public static int[] fixed(int rows, int rowsPerPass) {
        if (rows < 0 || rowsPerPass < 1) {
            throw new IllegalArgumentException("rows " + rows + ", rows per pass " + rowsPerPass);
        }
        int[] ends = new int[(rows + rowsPerPass - 1) / rowsPerPass];
        for (int index = 0; index < ends.length; index++) {
            ends[index] = Math.min(rows, (index + 1) * rowsPerPass);
        }
        return ends;
    }
}

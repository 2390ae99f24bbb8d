package dev.pipetune.engine.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Forward passes cost the least padding plus per-pass overhead that any split of the sorted texts costs. */
class ForwardPassesTest {

    @Test
    void textsOfOneLengthShareOnePassAndALongOutlierGetsItsOwn() {
        assertThat(ForwardPasses.plan(new int[] {12, 12, 12, 12, 12, 12}, 6, 10)).containsExactly(6);
        assertThat(ForwardPasses.plan(new int[] {8, 9, 10, 11, 60}, 5, 10)).containsExactly(4, 5);
        assertThat(ForwardPasses.plan(new int[] {8, 9, 10, 11, 60}, 4, 10)).containsExactly(4);
        assertThat(ForwardPasses.plan(new int[] {3, 7}, 0, 10)).isEmpty();
    }

    @Test
    void withoutOverheadEveryDistinctLengthIsItsOwnPassAndWithAHugeOneAllShareOne() {
        int[] lengths = {4, 4, 6, 9, 9, 9};
        assertThat(ForwardPasses.plan(lengths, lengths.length, 0)).containsExactly(2, 3, 6);
        assertThat(ForwardPasses.plan(lengths, lengths.length, 1_000_000)).containsExactly(6);
    }

    @Test
    void thePlanCostsNoMoreThanAnyOtherSplit() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int rows = 1 + random.nextInt(11);
            int[] lengths = random.ints(rows, 2, 130).sorted().toArray();
            int overhead = random.nextInt(40);
            long planned = cost(lengths, ForwardPasses.plan(lengths, rows, overhead), overhead);
            long best = Long.MAX_VALUE;
            for (int cuts = 0; cuts < 1 << (rows - 1); cuts++) {
                int[] ends = new int[Integer.bitCount(cuts) + 1];
                int index = 0;
                for (int row = 1; row < rows; row++) {
                    if ((cuts & 1 << (row - 1)) != 0) {
                        ends[index++] = row;
                    }
                }
                ends[index] = rows;
                best = Math.min(best, cost(lengths, ends, overhead));
            }
            assertThat(planned).as("lengths %s, overhead %d", Arrays.toString(lengths), overhead).isEqualTo(best);
        }
    }

    @Test
    void noPassTakesMoreThanTheMostRows() {
        int[] lengths = new int[1000];
        Arrays.fill(lengths, 20);
        int[] ends = ForwardPasses.plan(lengths, lengths.length, 10);
        int from = 0;
        for (int end : ends) {
            assertThat(end - from).isBetween(1, ForwardPasses.MAX_ROWS);
            from = end;
        }
        assertThat(from).isEqualTo(1000);
    }

    @Test
    void fixedPassesTakeTheGivenRowsAndTheRestLast() {
        assertThat(ForwardPasses.fixed(10, 4)).containsExactly(4, 8, 10);
        assertThat(ForwardPasses.fixed(0, 4)).isEmpty();
        assertThatThrownBy(() -> ForwardPasses.fixed(3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ForwardPasses.plan(new int[2], 3, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long cost(int[] lengths, int[] ends, int overhead) {
        long total = 0;
        int from = 0;
        for (int end : ends) {
            total += overhead + (long) (end - from) * lengths[end - 1];
            from = end;
        }
        return total;
    }
}

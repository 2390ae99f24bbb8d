package dev.pipetune.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowArraysTest {

    @Test
    void aGivenBackArrayServesTheNextBorrowerItFits() {
        int[] first = RowArrays.borrow(1_000_003);
        assertThat(first.length).isGreaterThanOrEqualTo(1_000_003);
        RowArrays.giveBack(first);
        int[] again = RowArrays.borrow(1_000_000);
        assertThat(again).isSameAs(first);
        // While it is borrowed, another borrower gets an array of its own.
        int[] other = RowArrays.borrow(1_000_000);
        assertThat(other).isNotSameAs(again).hasSizeGreaterThanOrEqualTo(1_000_000);
        RowArrays.giveBack(again);
        RowArrays.giveBack(other);
    }

    @Test
    void anArrayTooSmallForARequestIsNotHandedOut() {
        int[] small = RowArrays.borrow(10);
        RowArrays.giveBack(small);
        int[] large = RowArrays.borrow(2_000_017);
        assertThat(large).isNotSameAs(small).hasSizeGreaterThanOrEqualTo(2_000_017);
        RowArrays.giveBack(large);
    }
}

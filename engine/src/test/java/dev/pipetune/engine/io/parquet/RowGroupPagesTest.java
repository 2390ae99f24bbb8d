package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which writers' chunks are read with a margin past their declared end (parquet-testing's
 * {@code nation.dict-malformed.parquet}, read in {@code ParquetConformanceTest}, is such a file).
 */
class RowGroupPagesTest {

    @Test
    void onlyParquetMrBefore129IsReadWithAMarginPastItsChunks() {
        assertThat(RowGroupPages.mayDeclareShortChunks("parquet-mr")).isTrue();
        assertThat(RowGroupPages.mayDeclareShortChunks("parquet-mr version 1.2.8 (build abc)")).isTrue();
        assertThat(RowGroupPages.mayDeclareShortChunks("parquet-mr version 1.2.9 (build abc)")).isFalse();
        assertThat(RowGroupPages.mayDeclareShortChunks("parquet-mr version 1.10.0 (build abc)")).isFalse();
        assertThat(RowGroupPages.mayDeclareShortChunks("parquet-cpp-arrow version 25.0.0")).isFalse();
        assertThat(RowGroupPages.mayDeclareShortChunks(null)).isFalse();
    }
}

package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipetune.engine.testing.Python;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brotli pages, which parquet-java leaves to a native library, are read (pyarrow writes them); a damaged Brotli page is
 * a {@link ParquetReadException} naming the file, not a crash. (Legacy LZ4, Hadoop-framed and raw, is covered by
 * parquet-testing's files in {@code ParquetConformanceTest}.)
 */
class ParquetCodecReadTest {

    private static final int ROWS = 20_000;

    @TempDir
    Path folder;

    @Test
    void brotliPagesReadAndADamagedOneFailsCleanly() throws Exception {
        Assumptions.assumeTrue(Python.hasModules("pyarrow"), "python3 with pyarrow");
        Path file = folder.resolve("brotli.parquet");
        String chunk = Python.run("""
                import sys, pyarrow as pa, pyarrow.parquet as pq
                n = int(sys.argv[2])
                table = pa.table({"a": pa.array(range(n), pa.int64()), "s": [f"text {k % 101}" for k in range(n)]})
                pq.write_table(table, sys.argv[1], compression="brotli", use_dictionary=False)
                column = pq.ParquetFile(sys.argv[1]).metadata.row_group(0).column(0)
                print(column.compression, column.data_page_offset, column.total_compressed_size)
                """, file.toString(), Integer.toString(ROWS)).strip();
        assertThat(chunk).startsWith("BROTLI ");
        long sum = 0;
        long textBytes = 0;
        try (BufferAllocator allocator = new RootAllocator();
                ParquetReader reader = ParquetReader.open(file);
                VectorSchemaRoot batch = reader.readRowGroup(0, allocator)) {
            assertThat(batch.getRowCount()).isEqualTo(ROWS);
            BigIntVector numbers = (BigIntVector) batch.getVector("a");
            VarCharVector texts = (VarCharVector) batch.getVector("s");
            for (int row = 0; row < ROWS; row++) {
                sum += numbers.get(row);
                textBytes += texts.get(row).length;
            }
            assertThat(new String(texts.get(ROWS - 1), StandardCharsets.UTF_8)).isEqualTo("text " + (ROWS - 1) % 101);
        }
        long expectedBytes = 0;
        for (int row = 0; row < ROWS; row++) {
            expectedBytes += ("text " + row % 101).length();
        }
        assertThat(sum).isEqualTo((long) ROWS * (ROWS - 1) / 2);
        assertThat(textBytes).isEqualTo(expectedBytes);

        String[] parts = chunk.split(" ");
        long middle = Long.parseLong(parts[1]) + Long.parseLong(parts[2]) / 2;
        byte[] bytes = Files.readAllBytes(file);
        for (int index = 0; index < 16; index++) {
            bytes[(int) middle + index] ^= (byte) 0x5A;
        }
        Path damaged = Files.write(folder.resolve("damaged.parquet"), bytes);
        assertThatThrownBy(() -> {
            try (BufferAllocator allocator = new RootAllocator();
                    ParquetReader reader = ParquetReader.open(damaged)) {
                reader.readRowGroup(0, allocator).close();
            }
        }).isInstanceOf(ParquetReadException.class).hasMessageContaining("damaged.parquet");
    }
}

package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FooterCacheTest {

    @TempDir
    Path folder;

    private BufferAllocator allocator;
    private final FooterCache cache = new FooterCache(FooterCache.MAX_ENTRIES, FooterCache.MAX_BYTES);

    @BeforeEach
    void createAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    private void write(Path file, int firstId, int rows) throws IOException {
        try (ParquetWriter writer = ParquetWriter.create(file, TestBatches.SCHEMA,
                WriteOptions.defaults(ParquetCompression.SNAPPY).withRowGroupBytes(32 << 10));
                VectorSchemaRoot batch = TestBatches.batch(allocator, firstId, rows)) {
            writer.write(batch);
        }
    }

    private ParquetReader open(Path file) throws ParquetReadException {
        return ParquetReader.open(file, DecodeMode.FASTEST, cache);
    }

    private String firstRowGroup(ParquetReader reader) throws ParquetReadException {
        try (VectorSchemaRoot batch = reader.readRowGroup(0, List.of("id", "name"), allocator)) {
            return batch.contentToTSVString();
        }
    }

    @Test
    void aFileOpenedAgainReusesTheFooterDecodedTheFirstTime() throws IOException {
        Path file = folder.resolve("data.parquet");
        write(file, 0, 6000);
        ParquetFooter first;
        String rows;
        try (ParquetReader reader = open(file)) {
            first = reader.footer();
            rows = firstRowGroup(reader);
        }
        try (ParquetReader reader = open(file)) {
            assertThat(reader.footer()).isSameAs(first);
            assertThat(firstRowGroup(reader)).isEqualTo(rows);
        }
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aRewrittenFileIsReadWithItsNewFooterEvenWithTheSameModificationTime() throws IOException {
        Path file = folder.resolve("data.parquet");
        write(file, 100_000, 6000);
        FileTime written = Files.getLastModifiedTime(file);
        ParquetFooter before;
        try (ParquetReader reader = open(file)) {
            before = reader.footer();
        }
        write(file, 200_000, 6000);
        Files.setLastModifiedTime(file, written);
        try (ParquetReader reader = open(file)) {
            assertThat(reader.footer()).isNotSameAs(before);
            assertThat(firstRowGroup(reader)).startsWith("id\tname\n200000\t");
        }
        try (ParquetReader reader = open(file)) {
            assertThat(firstRowGroup(reader)).startsWith("id\tname\n200000\t");
        }
    }

    @Test
    void aFileThatLostItsFooterFailsAsItWouldWithoutTheCache() throws IOException {
        Path file = folder.resolve("data.parquet");
        write(file, 0, 6000);
        try (ParquetReader reader = open(file)) {
            assertThat(reader.rowGroups()).isNotEmpty();
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> open(file)).isInstanceOf(ParquetReadException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void theLeastRecentlyUsedFootersGoFirstOnceTheCacheIsFull() throws IOException {
        FooterCache small = new FooterCache(2, FooterCache.MAX_BYTES);
        Path[] files = new Path[3];
        ParquetFooter[] footers = new ParquetFooter[3];
        for (int index = 0; index < files.length; index++) {
            files[index] = folder.resolve("part-" + index + ".parquet");
            write(files[index], index * 10_000, 100);
        }
        for (int index : new int[] {0, 1, 0, 2}) {
            try (ParquetReader reader = ParquetReader.open(files[index], DecodeMode.FASTEST, small)) {
                footers[index] = footers[index] == null ? reader.footer() : footers[index];
            }
        }
        assertThat(small.size()).isEqualTo(2);
        byte[] raw0 = FooterCache.readRawFooter(files[0]).orElseThrow();
        byte[] raw1 = FooterCache.readRawFooter(files[1]).orElseThrow();
        byte[] raw2 = FooterCache.readRawFooter(files[2]).orElseThrow();
        assertThat(small.lookUp(files[0], raw0)).containsSame(footers[0]);
        assertThat(small.lookUp(files[1], raw1)).isEmpty();
        assertThat(small.lookUp(files[2], raw2)).containsSame(footers[2]);
        assertThat(small.lookUp(files[2], raw0)).isEmpty();
    }

    @Test
    void rawFootersAreReadOnlyFromFilesThatEndLikeParquet() throws IOException {
        Path file = folder.resolve("data.parquet");
        write(file, 0, 100);
        byte[] bytes = Files.readAllBytes(file);
        int length = (bytes[bytes.length - 8] & 0xFF) | (bytes[bytes.length - 7] & 0xFF) << 8
                | (bytes[bytes.length - 6] & 0xFF) << 16 | (bytes[bytes.length - 5] & 0xFF) << 24;
        assertThat(FooterCache.readRawFooter(file)).hasValueSatisfying(raw -> assertThat(raw)
                .isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 8 - length, bytes.length - 8)));
        Path text = Files.writeString(folder.resolve("notes.parquet"), "not a parquet file at all");
        assertThat(FooterCache.readRawFooter(text)).isEmpty();
        assertThat(FooterCache.readRawFooter(folder.resolve("missing.parquet"))).isEmpty();
        Path tiny = Files.write(folder.resolve("tiny.parquet"), new byte[] {'P', 'A', 'R', '1'});
        assertThat(FooterCache.readRawFooter(tiny)).isEmpty();
    }
}

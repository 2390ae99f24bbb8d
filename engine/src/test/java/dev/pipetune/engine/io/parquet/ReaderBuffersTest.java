package dev.pipetune.engine.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderBuffersTest {

    @TempDir
    Path folder;

    @Test
    void aReleasedChunkBufferServesTheNextRequestThatFitsIt() {
        ReaderBuffers buffers = new ReaderBuffers();
        ByteBuffer first = buffers.allocate(1000);
        assertThat(first.position()).isZero();
        assertThat(first.limit()).isEqualTo(1000);
        first.put(new byte[600]);
        buffers.release(first);

        ByteBuffer second = buffers.allocate(700);
        assertThat(second).isSameAs(first);
        assertThat(second.position()).isZero();
        assertThat(second.limit()).isEqualTo(700);
        // Not released: a request it could serve gets a new buffer, and so does one it is too small for.
        assertThat(buffers.allocate(10)).isNotSameAs(first);
        buffers.release(second);
        assertThat(buffers.allocate(1001)).isNotSameAs(first);
    }

    @Test
    void theSmallestReleasedBufferThatFitsIsReused() {
        ReaderBuffers buffers = new ReaderBuffers();
        ByteBuffer large = buffers.allocate(4096);
        ByteBuffer small = buffers.allocate(512);
        buffers.release(large);
        buffers.release(small);
        assertThat(buffers.allocate(500)).isSameAs(small);
        assertThat(buffers.allocate(500)).isSameAs(large);
    }

    @Test
    void releasedBuffersAreKeptOnlyUpToTheLimit() {
        ReaderBuffers buffers = new ReaderBuffers();
        int size = (int) (ReaderBuffers.KEPT_CHUNK_BYTES / 2 + 1);
        ByteBuffer first = buffers.allocate(size);
        ByteBuffer second = buffers.allocate(size);
        buffers.release(first);
        buffers.release(second);
        assertThat(buffers.allocate(size)).isSameAs(first);
        assertThat(buffers.allocate(size)).isNotSameAs(second);
    }

    /**
     * Planning opens every file at once and gives back sets that hold nothing; a full pool keeps the sets that hold
     * memory instead, and hands out the one holding the most first.
     */
    @Test
    void aFullPoolKeepsTheSetsHoldingMemoryAndHandsOutTheRichestFirst() {
        ReaderBuffers rich = new ReaderBuffers();
        rich.release(rich.allocate(16 << 20));
        rich.giveBack();
        for (int index = 0; index < ReaderBuffers.POOLED; index++) {
            new ReaderBuffers().giveBack();
        }

        ReaderBuffers first = ReaderBuffers.take();
        assertThat(first).isSameAs(rich);
        assertThat(first.retainedBytes()).isGreaterThanOrEqualTo(16 << 20);
        first.giveBack();
    }

    @Test
    void aSetGivenBackTwiceIsHandedOutOnce() {
        ReaderBuffers buffers = ReaderBuffers.take();
        buffers.giveBack();
        buffers.giveBack();
        ReaderBuffers first = ReaderBuffers.take();
        ReaderBuffers second = ReaderBuffers.take();
        assertThat(first).isNotSameAs(second);
        first.giveBack();
        second.giveBack();
    }

    @Test
    void readersOnManyThreadsAtOnceReadWhatOneReaderReads() throws Exception {
        Path file = folder.resolve("data.parquet");
        List<String> expected = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            try (ParquetWriter writer = ParquetWriter.create(file, TestBatches.SCHEMA,
                    WriteOptions.defaults(ParquetCompression.SNAPPY).withRowGroupBytes(32 << 10));
                    VectorSchemaRoot batch = TestBatches.batch(allocator, 0, 20_000)) {
                writer.write(batch);
            }
            int rowGroups;
            try (ParquetReader reader = ParquetReader.open(file)) {
                rowGroups = reader.rowGroups().size();
                for (int rowGroup = 0; rowGroup < rowGroups; rowGroup++) {
                    try (VectorSchemaRoot batch = reader.readRowGroup(rowGroup, allocator)) {
                        expected.add(content(batch));
                    }
                }
            }
            assertThat(rowGroups).isGreaterThan(4);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int task = 0; task < 16; task++) {
                    int shift = task;
                    results.add(threads.submit(() -> {
                        List<String> read = new ArrayList<>();
                        // Every task opens the file again for each row group, as row-group tasks do.
                        for (int step = 0; step < rowGroups; step++) {
                            int rowGroup = (step + shift) % rowGroups;
                            try (ParquetReader reader = ParquetReader.open(file);
                                    VectorSchemaRoot batch = reader.readRowGroup(rowGroup, allocator)) {
                                read.add(rowGroup + ":" + content(batch));
                            }
                        }
                        return read;
                    }));
                }
                for (Future<List<String>> result : results) {
                    for (String read : result.get()) {
                        int rowGroup = Integer.parseInt(read.substring(0, read.indexOf(':')));
                        assertThat(read.substring(read.indexOf(':') + 1)).isEqualTo(expected.get(rowGroup));
                    }
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    /** The batch's values, byte arrays by their content. */
    private static String content(VectorSchemaRoot batch) {
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < batch.getRowCount(); row++) {
            for (FieldVector vector : batch.getFieldVectors()) {
                Object value = vector.getObject(row);
                text.append(value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value)).append('|');
            }
            text.append('\n');
        }
        return text.toString();
    }
}

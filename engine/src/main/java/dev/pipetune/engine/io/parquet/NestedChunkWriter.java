package dev.pipetune.engine.io.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.complex.BaseListVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.hadoop.ParquetFileWriter;

/**
 * Writes the columns of one nested field (struct, list, map, at any depth) by shredding it as Dremel does: for every
 * row and every leaf, the walk from the field down to the leaf emits one (repetition, definition) level pair per value
 * or per null or empty ancestor, and the leaf's present values are encoded by the flat writer's {@link ValueEncoder}
 * (PLAIN, no dictionary). Pages (version 1: repetition levels, definition levels, values) end between rows, at about
 * the page size or {@link ColumnChunkWriter#MAX_ROWS_PER_PAGE} rows. A null struct or list hides whatever its children
 * hold at that row, as Arrow allows.
 */
final class NestedChunkWriter implements ChunkWriter {

    /** The value encoders' own page limit: pages are ended here, between rows, never by the encoder. */
    private static final int UNBOUNDED_PAGE = Integer.MAX_VALUE / 16;

    private final List<LeafWriter> leaves = new ArrayList<>();

    /**
     * Creates the writer of a nested field.
     *
     * @param descriptors the field's leaf columns, in schema order
     * @param column the mapped field
     * @param pageBytes the page size in bytes
     * @param compressor the codec
     */
    NestedChunkWriter(List<ColumnDescriptor> descriptors, NestedWriteColumn column, int pageBytes,
            PageCompressor compressor) {
        List<List<Integer>> paths = NestedShape.leafPaths(column.shape());
        if (paths.size() != descriptors.size()) {
            throw new IllegalStateException(paths.size() + " leaves for " + descriptors.size() + " columns");
        }
        for (int leaf = 0; leaf < paths.size(); leaf++) {
            leaves.add(new LeafWriter(descriptors.get(leaf), column.shape(), paths.get(leaf), pageBytes, compressor));
        }
    }

    @Override
    public void append(FieldVector vector, boolean hasNulls, int from, int to) throws IOException {
        for (LeafWriter leaf : leaves) {
            leaf.append(vector, from, to);
        }
    }

    @Override
    public long bufferedBytes() {
        long bytes = 0;
        for (LeafWriter leaf : leaves) {
            bytes += leaf.bufferedBytes();
        }
        return bytes;
    }

    @Override
    public void writeChunk(ParquetFileWriter file) throws IOException {
        for (LeafWriter leaf : leaves) {
            leaf.writeChunk(file);
        }
    }

    @Override
    public void discardChunk() {
        leaves.forEach(LeafWriter::discardChunk);
    }

    /** A closed, compressed page. */
    private record Page(byte[] bytes, int uncompressedSize, int levels, int rows, Statistics<?> statistics,
            Encoding encoding) {
    }

    /** One leaf column of the field. */
    private static final class LeafWriter {

        private final ColumnDescriptor descriptor;
        private final NestedShape root;
        private final int[] path;
        private final int pageBytes;
        private final PageCompressor compressor;
        private final ValueEncoder values;
        private final RunLengthBitPackingHybridEncoder repetitionLevels;
        private final RunLengthBitPackingHybridEncoder definitionLevels;
        private final ByteSink levelBytes = new ByteSink(1 << 10);
        private final List<Page> pages = new ArrayList<>();
        private FieldVector leafVector;
        private int runStart = -1;
        private int runEnd = -1;
        private int pageRows;
        private int pageLevels;
        private int pageNulls;
        private long chunkLevels;
        private long compressedBytes;

        LeafWriter(ColumnDescriptor descriptor, NestedShape root, List<Integer> path, int pageBytes,
                PageCompressor compressor) {
            this.descriptor = descriptor;
            this.root = root;
            this.path = path.stream().mapToInt(Integer::intValue).toArray();
            int maxRepetition = descriptor.getMaxRepetitionLevel();
            int maxDefinition = descriptor.getMaxDefinitionLevel();
            this.pageBytes = pageBytes;
            this.compressor = compressor;
            this.values = ValueEncoder.forColumn(leafColumn(root, this.path), UNBOUNDED_PAGE, false);
            int pageLimit = Math.max(pageBytes, 1 << 16);
            this.repetitionLevels = maxRepetition == 0 ? null : new RunLengthBitPackingHybridEncoder(
                    BytesUtils.getWidthFromMaxInt(maxRepetition), 1 << 10, pageLimit,
                    HeapByteBufferAllocator.getInstance());
            this.definitionLevels = maxDefinition == 0 ? null : new RunLengthBitPackingHybridEncoder(
                    BytesUtils.getWidthFromMaxInt(maxDefinition), 1 << 10, pageLimit,
                    HeapByteBufferAllocator.getInstance());
        }

        private static WriteColumn leafColumn(NestedShape shape, int[] path) {
            NestedShape node = shape;
            for (int child : path) {
                node = switch (node) {
                    case NestedShape.Group group -> group.children().get(child);
                    case NestedShape.Repeated repeated -> repeated.element();
                    case NestedShape.Leaf leaf -> throw new IllegalStateException("path goes below a leaf");
                };
            }
            if (!(node instanceof NestedShape.Leaf leaf)) {
                throw new IllegalStateException("path ends at a group");
            }
            return leaf.column();
        }

        void append(FieldVector vector, int from, int to) throws IOException {
            leafVector = leafVector(vector);
            for (int row = from; row < to; row++) {
                walk(root, vector, row, 0, 0, 0, 0);
                flushRun();
                pageRows++;
                if (values.pageBytes() + levelBytesEstimate() >= pageBytes
                        || pageRows >= ColumnChunkWriter.MAX_ROWS_PER_PAGE) {
                    finishPage();
                }
            }
        }

        /** The vector that holds this leaf's values, reached through the field's children. */
        private FieldVector leafVector(FieldVector vector) {
            ValueVector node = vector;
            for (int child : path) {
                node = children(node, child);
            }
            return (FieldVector) node;
        }

        private static ValueVector children(ValueVector vector, int child) {
            return switch (vector) {
                case StructVector struct -> struct.getChildByOrdinal(child);
                case ListVector list -> list.getDataVector();
                case LargeListVector list -> list.getDataVector();
                case FixedSizeListVector list -> list.getDataVector();
                default -> throw new IllegalStateException("unexpected nested vector " + vector.getClass().getName());
            };
        }

        /**
         * Emits the levels of the value at {@code index} of {@code vector} (shape {@code shape}, at {@code depth}
         * steps along the path).
         */
        private void walk(NestedShape shape, ValueVector vector, int index, int depth, int repetition, int definition,
                int repeatedDepth) {
            if (shape.nullable() && vector.isNull(index)) {
                level(repetition, definition, -1);
                return;
            }
            int defined = definition + (shape.nullable() ? 1 : 0);
            switch (shape) {
                case NestedShape.Leaf leaf -> level(repetition, defined, index);
                case NestedShape.Group group -> walk(group.children().get(path[depth]),
                        children(vector, path[depth]), index, depth + 1, repetition, defined, repeatedDepth);
                case NestedShape.Repeated repeated -> {
                    long start;
                    long end;
                    switch (vector) {
                        case BaseListVector list -> { // list, map and fixed-size list
                            start = list.getElementStartIndex(index);
                            end = list.getElementEndIndex(index);
                        }
                        case LargeListVector list -> {
                            start = list.getElementStartIndex(index);
                            end = list.getElementEndIndex(index);
                        }
                        default -> throw new IllegalStateException("unexpected list vector "
                                + vector.getClass().getName());
                    }
                    if (start == end) {
                        level(repetition, defined, -1);
                        return;
                    }
                    ValueVector elements = children(vector, 0);
                    for (long element = start; element < end; element++) {
                        walk(repeated.element(), elements, Math.toIntExact(element), depth + 1,
                                element == start ? repetition : repeatedDepth + 1, defined + 1, repeatedDepth + 1);
                    }
                }
            }
        }

        /** Records one level pair; {@code index} is the leaf value's position, or -1 when there is none. */
        private void level(int repetition, int definition, int index) {
            try {
                if (repetitionLevels != null) {
                    repetitionLevels.writeInt(repetition);
                }
                if (definitionLevels != null) {
                    definitionLevels.writeInt(definition);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pageLevels++;
            if (index < 0) {
                pageNulls++;
                return;
            }
            if (index == runEnd) {
                runEnd++;
                return;
            }
            flushRun();
            runStart = index;
            runEnd = index + 1;
        }

        /** Hands the values gathered since the last flush, consecutive in the leaf vector, to the encoder. */
        private void flushRun() {
            if (runStart < 0) {
                return;
            }
            int at = runStart;
            while (at < runEnd) {
                at = values.append(leafVector, null, at, runEnd);
            }
            runStart = -1;
            runEnd = -1;
        }

        private long levelBytesEstimate() {
            return (repetitionLevels == null ? 0 : repetitionLevels.getBufferedSize())
                    + (definitionLevels == null ? 0 : definitionLevels.getBufferedSize());
        }

        long bufferedBytes() {
            return compressedBytes + values.pageBytes() + levelBytesEstimate();
        }

        private void finishPage() throws IOException {
            Statistics<?> statistics = Statistics.createStats(descriptor.getPrimitiveType());
            PageValues encoded = values.encodePage(statistics);
            statistics.incrementNumNulls(pageNulls);
            levelBytes.reset();
            if (repetitionLevels != null) {
                levelBytes.putLengthPrefixed(repetitionLevels.toBytes());
            }
            if (definitionLevels != null) {
                levelBytes.putLengthPrefixed(definitionLevels.toBytes());
            }
            BytesInput page = BytesInput.concat(levelBytes.view(), encoded.bytes());
            int uncompressedSize = Math.toIntExact(page.size());
            byte[] compressed = compressor.compress(page);
            pages.add(new Page(compressed, uncompressedSize, pageLevels, pageRows, statistics, encoded.encoding()));
            compressedBytes += compressed.length;
            chunkLevels += pageLevels;
            clearPage();
        }


        private void clearPage() {
            values.clearPage();
            if (repetitionLevels != null) {
                repetitionLevels.reset();
            }
            if (definitionLevels != null) {
                definitionLevels.reset();
            }
            pageRows = 0;
            pageLevels = 0;
            pageNulls = 0;
        }

        void writeChunk(ParquetFileWriter file) throws IOException {
            if (pageRows > 0) {
                finishPage();
            }
            file.startColumn(descriptor, chunkLevels, compressor.codec());
            for (Page page : pages) {
                file.writeDataPage(page.levels(), page.uncompressedSize(), BytesInput.from(page.bytes()),
                        page.statistics(), page.rows(), Encoding.RLE, Encoding.RLE, page.encoding());
            }
            file.endColumn();
            discardChunk();
        }

        void discardChunk() {
            pages.clear();
            clearPage();
            values.startChunk();
            chunkLevels = 0;
            compressedBytes = 0;
        }
    }
}

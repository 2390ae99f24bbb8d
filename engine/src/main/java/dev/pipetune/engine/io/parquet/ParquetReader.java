package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

/**
 * Reads a Parquet file into Arrow batches.
 *
 * <p>{@link #open(Path)} reads the footer; {@link #schema()} and {@link #rowGroups()} describe the file without
 * decoding data; {@link #readRowGroup(int, List, BufferAllocator)} decodes one row group's chosen columns into a
 * {@link VectorSchemaRoot} of exactly that row group's rows. parquet-java reads the footer; the chosen column chunks
 * are read and their pages found by {@link RowGroupPages}; PLAIN and dictionary encoded pages are decoded in bulk,
 * other encodings through parquet-java's {@code ColumnReader}.
 *
 * <p>Lifecycle: the reader holds the file open until {@link #close()}. Every batch it returns is allocated from the
 * caller's allocator and owned by the caller, who must close it; batches stay valid after the reader is closed.
 * A reader is not thread-safe: use one reader per thread.
 *
 * <p>Errors: a file that is truncated, malformed, encrypted or uses an unsupported feature gives a
 * {@link ParquetReadException} naming the file and the cause; a column whose type cannot be read faithfully gives
 * an {@link UnsupportedParquetTypeException} when it is read; asking for a column the file does not have gives an
 * {@link UnknownColumnException}.
 */
public final class ParquetReader implements AutoCloseable {

    /** The codecs this reader decompresses: parquet-java's, and LZ4 and Brotli through {@link ReaderCodecFactory}. */
    private static final Set<CompressionCodecName> SUPPORTED_CODECS = java.util.EnumSet.of(
            CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY, CompressionCodecName.GZIP,
            CompressionCodecName.ZSTD, CompressionCodecName.LZ4_RAW, CompressionCodecName.LZ4,
            CompressionCodecName.BROTLI);

    private final Path file;
    private final ParquetFooter footer;
    private final DecodeScratch scratch;
    private final FileChannel channel;
    private final ReaderBuffers buffers;
    private final ReaderCodecFactory codecs;
    private final MessageType fileSchema;
    private final String createdBy;
    private final DecodeMode mode;
    private final Map<String, MappedColumn> columns;
    private final Schema schema;
    private final List<RowGroupInfo> rowGroups;

    private ParquetReader(ParquetFooter footer, FileChannel channel, ReaderBuffers buffers,
            ReaderCodecFactory codecs, DecodeMode mode) {
        this.file = footer.file();
        this.footer = footer;
        this.channel = channel;
        this.buffers = buffers;
        this.scratch = buffers.scratch();
        this.codecs = codecs;
        this.mode = mode;
        this.fileSchema = footer.metadata().getFileMetaData().getSchema();
        this.createdBy = footer.metadata().getFileMetaData().getCreatedBy();
        this.columns = footer.columns();
        this.schema = footer.schema();
        this.rowGroups = footer.rowGroups();
    }

    /**
     * Opens a Parquet file and reads its footer, or takes the footer decoded when the file was opened before if the
     * file still ends with the same footer bytes (see {@link FooterCache}).
     *
     * @param file the file
     * @return an open reader, which the caller must close
     * @throws ParquetReadException when the file cannot be read or is not a valid, unencrypted Parquet file
     */
    public static ParquetReader open(Path file) throws ParquetReadException {
        return open(file, DecodeMode.FASTEST);
    }

    static ParquetReader open(Path file, DecodeMode mode) throws ParquetReadException {
        return open(file, mode, FooterCache.SHARED);
    }

    /**
     * Opens a file with the footer kept in a cache when the file still ends with the same footer bytes, and keeps the
     * footer it reads otherwise.
     */
    static ParquetReader open(Path file, DecodeMode mode, FooterCache cache) throws ParquetReadException {
        requireNonNull(file, "file");
        Optional<byte[]> rawFooter = Files.isRegularFile(file) ? FooterCache.readRawFooter(file) : Optional.empty();
        if (rawFooter.isPresent()) {
            Optional<ParquetFooter> cached = cache.lookUp(file, rawFooter.get());
            if (cached.isPresent()) {
                return open(file, cached.get(), mode);
            }
        }
        ParquetReader reader = open(file, null, mode);
        // Kept only when the file did not change while parquet-java read its footer.
        if (rawFooter.isPresent() && FooterCache.readRawFooter(file).filter(again -> Arrays.equals(again,
                rawFooter.get())).isPresent()) {
            cache.put(file, rawFooter.get(), reader.footer());
        }
        return reader;
    }

    /**
     * Opens a Parquet file whose footer was read before, without reading the footer again.
     *
     * @param file the file
     * @param footer the file's footer, from {@link #footer()} of an earlier reader of the same, unchanged file
     * @return a reader, which the caller must close
     * @throws ParquetReadException when the file cannot be opened
     * @throws IllegalArgumentException when the footer is another file's
     */
    public static ParquetReader open(Path file, ParquetFooter footer) throws ParquetReadException {
        requireNonNull(footer, "footer");
        if (!footer.file().equals(file)) {
            throw new IllegalArgumentException("the footer of " + footer.file() + " is not the footer of " + file);
        }
        return open(file, footer, DecodeMode.FASTEST);
    }

    private static ParquetReader open(Path file, ParquetFooter footer, DecodeMode mode) throws ParquetReadException {
        requireNonNull(file, "file");
        requireNonNull(mode, "mode");
        if (!Files.isRegularFile(file)) {
            throw new ParquetReadException(file, "not a regular file", null);
        }
        FileChannel channel = null;
        ReaderBuffers buffers = ReaderBuffers.take();
        ReaderCodecFactory codecs = new ReaderCodecFactory(buffers.scratch());
        try {
            if (footer == null) {
                footer = readFooter(file);
            }
            channel = FileChannel.open(file, StandardOpenOption.READ);
            return new ParquetReader(footer, channel, buffers, codecs, mode);
        } catch (ParquetReadException e) {
            closeQuietly(channel, buffers, codecs, e);
            throw e;
        } catch (IOException | RuntimeException | LinkageError e) {
            ParquetReadException failure = ReadFailures.wrap(file, "cannot open", e);
            closeQuietly(channel, buffers, codecs, failure);
            throw failure;
        }
    }

    /** Reads and checks a file's footer with parquet-java; the reader's own pages come from {@link RowGroupPages}. */
    private static ParquetFooter readFooter(Path file) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader fileReader = ParquetFileReader.open(new ChannelInputFile(file), options)) {
            rejectEncryptedColumns(file, fileReader);
            return new ParquetFooter(file, fileReader.getFooter());
        }
    }

    private static void rejectEncryptedColumns(Path file, ParquetFileReader fileReader) throws ParquetReadException {
        for (BlockMetaData block : fileReader.getRowGroups()) {
            for (ColumnChunkMetaData column : block.getColumns()) {
                if (column.isEncrypted()) {
                    throw new ParquetReadException(file, "encrypted Parquet files are not supported (column "
                            + column.getPath().toDotString() + " is encrypted)", null);
                }
            }
        }
    }

    private static void closeQuietly(FileChannel channel, ReaderBuffers buffers, ReaderCodecFactory codecs,
            Exception failure) {
        try {
            if (channel != null) {
                channel.close();
            }
            codecs.release();
            buffers.giveBack();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Returns the file's footer, to reopen the file later without reading it again.
     *
     * @return the footer this reader was opened with or read
     */
    public ParquetFooter footer() {
        return footer;
    }

    /**
     * Returns the file this reader reads.
     *
     * @return the path given to {@link #open(Path)}
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the Arrow schema of the columns this reader can decode, in file order. Columns with unsupported types
     * are left out; {@link #columnNames()} lists every column.
     *
     * @return the Arrow schema
     */
    public Schema schema() {
        return schema;
    }

    /**
     * Returns the names of every top-level column, readable or not, in file order.
     *
     * @return the column names
     */
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /**
     * Returns the columns this reader rejects, each with the reason.
     *
     * @return column name to a one-line reason; empty when every column is readable
     */
    public Map<String, String> unsupportedColumns() {
        Map<String, String> result = new LinkedHashMap<>();
        for (MappedColumn column : columns.values()) {
            if (column instanceof MappedColumn.Unsupported unsupported) {
                result.put(unsupported.name(), unsupported.path() + " (" + unsupported.type() + "): "
                        + unsupported.reason());
            }
        }
        return result;
    }

    /**
     * Returns the writer recorded in the footer.
     *
     * @return the {@code created_by} text, or an empty string when absent
     */
    public String createdBy() {
        return createdBy == null ? "" : createdBy;
    }

    /**
     * Returns the total number of rows.
     *
     * @return the sum of the row groups' row counts
     */
    public long rowCount() {
        return rowGroups.stream().mapToLong(RowGroupInfo::rowCount).sum();
    }

    /**
     * Returns the row groups' metadata.
     *
     * @return one entry per row group, in file order
     */
    public List<RowGroupInfo> rowGroups() {
        return rowGroups;
    }

    /**
     * Reads every column of one row group.
     *
     * @param rowGroup the row group's index
     * @param allocator the allocator for the batch
     * @return a batch of the row group's rows, which the caller must close
     * @throws ParquetReadException when the data cannot be decoded or a column is not supported
     */
    public VectorSchemaRoot readRowGroup(int rowGroup, BufferAllocator allocator) throws ParquetReadException {
        return readRowGroup(rowGroup, columnNames(), allocator);
    }

    /**
     * Reads chosen columns of one row group.
     *
     * @param rowGroup the row group's index
     * @param columnNames the top-level columns to read, in the order the batch should have them
     * @param allocator the allocator for the batch
     * @return a batch of the row group's rows, which the caller must close
     * @throws ParquetReadException when the data cannot be decoded or a chosen column is not supported
     * @throws UnknownColumnException when a chosen column does not exist
     * @throws IndexOutOfBoundsException when the row group does not exist
     */
    public VectorSchemaRoot readRowGroup(int rowGroup, List<String> columnNames, BufferAllocator allocator)
            throws ParquetReadException {
        EncodedBatch batch = readRowGroup(rowGroup, columnNames, Set.of(), allocator);
        if (!batch.dictionaries().isEmpty()) {
            throw new IllegalStateException("no column was to be read dictionary encoded");
        }
        return batch.root();
    }

    /**
     * Reads chosen columns of one row group, leaving some columns dictionary encoded where their chunk is: such a
     * column, when it is a top-level string, binary, integer or floating-point column (numbers stored as they are or
     * narrowed only, with a dictionary of at most 64 entries) whose chunk in this row group is entirely dictionary
     * encoded (as its metadata's encoding statistics say), comes as 32-bit indices into a dictionary; otherwise, and
     * for every other column, as plain values.
     *
     * @param rowGroup the row group's index
     * @param columnNames the top-level columns to read, in the order the batch should have them
     * @param dictionaryColumns the columns to leave dictionary encoded where possible
     * @param allocator the allocator for the batch and the dictionaries
     * @return the batch and its dictionaries, which the caller must close
     * @throws ParquetReadException when the data cannot be decoded or a chosen column is not supported
     * @throws UnknownColumnException when a chosen column does not exist
     * @throws IndexOutOfBoundsException when the row group does not exist
     */
    public EncodedBatch readRowGroup(int rowGroup, List<String> columnNames, Set<String> dictionaryColumns,
            BufferAllocator allocator) throws ParquetReadException {
        requireNonNull(dictionaryColumns, "dictionaryColumns");
        requireNonNull(columnNames, "columnNames");
        requireNonNull(allocator, "allocator");
        java.util.Objects.checkIndex(rowGroup, rowGroups.size());
        List<ColumnNode> selected = select(columnNames);
        RowGroupInfo info = rowGroups.get(rowGroup);
        if (info.rowCount() > Integer.MAX_VALUE - 16) {
            throw new ParquetReadException(file, "row group " + rowGroup + " has " + info.rowCount()
                    + " rows, more than one batch can hold", null);
        }
        try {
            return decode(rowGroup, selected, dictionaryColumns, (int) info.rowCount(), allocator);
        } catch (IOException | RuntimeException | LinkageError e) {
            throw ReadFailures.wrap(file, "row group " + rowGroup, e);
        } catch (OutOfMemoryError e) {
            throw new ParquetReadException(file, "row group " + rowGroup + " needs more memory than is available ("
                    + info.rowCount() + " rows, " + info.uncompressedBytes() + " bytes); the file may be corrupt", e);
        }
    }

    /**
     * Reads chosen columns of several row groups, one batch per row group.
     *
     * @param rowGroupIndexes the row groups, in the order to read them
     * @param columnNames the top-level columns to read
     * @param allocator the allocator for the batches
     * @return the batches, which the caller must close
     * @throws ParquetReadException when the data cannot be decoded; batches read before the failure are closed
     */
    public List<VectorSchemaRoot> read(List<Integer> rowGroupIndexes, List<String> columnNames,
            BufferAllocator allocator) throws ParquetReadException {
        requireNonNull(rowGroupIndexes, "rowGroupIndexes");
        List<VectorSchemaRoot> batches = new ArrayList<>();
        try {
            for (int index : rowGroupIndexes) {
                batches.add(readRowGroup(index, columnNames, allocator));
            }
            return batches;
        } catch (ParquetReadException | RuntimeException e) {
            batches.forEach(VectorSchemaRoot::close);
            throw e;
        }
    }

    private List<ColumnNode> select(List<String> columnNames) throws ParquetReadException {
        List<ColumnNode> selected = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : columnNames) {
            requireNonNull(name, "column name");
            if (!seen.add(name)) {
                throw new IllegalArgumentException("column '" + name + "' is requested twice");
            }
            MappedColumn column = columns.get(name);
            switch (column) {
                case null -> throw new UnknownColumnException(file, name, columnNames());
                case MappedColumn.Unsupported unsupported -> throw new UnsupportedParquetTypeException(file,
                        unsupported.path(), unsupported.type(), unsupported.reason());
                case MappedColumn.Supported supported -> selected.add(supported.node());
            }
        }
        return selected;
    }

    private EncodedBatch decode(int rowGroup, List<ColumnNode> selected, Set<String> dictionaryColumns, int rowCount,
            BufferAllocator allocator) throws IOException {
        if (rowCount == 0) {
            return new EncodedBatch(VectorSchemaRoot.create(new Schema(selected.stream().map(ColumnNode::field)
                    .toList()), allocator), Map.of());
        }
        List<LeafNode> leaves = selected.stream().flatMap(node -> node.leaves().stream()).toList();
        Map<ColumnPath, ColumnChunkMetaData> chunks = new HashMap<>();
        for (ColumnChunkMetaData chunk : footer.metadata().getBlocks().get(rowGroup).getColumns()) {
            chunks.put(chunk.getPath(), chunk);
        }
        Map<ColumnDescriptor, ColumnChunkMetaData> chosen = new HashMap<>();
        for (LeafNode leaf : leaves) {
            ColumnChunkMetaData chunk = chunks.get(ColumnPath.get(leaf.descriptor().getPath()));
            if (chunk == null) {
                throw new CorruptDataException("the row group has no chunk for column " + leaf.path());
            }
            if (!SUPPORTED_CODECS.contains(chunk.getCodec())) {
                throw new CorruptDataException("column " + leaf.path() + " is compressed with " + chunk.getCodec()
                        + ", which this reader does not support (supported: " + SUPPORTED_CODECS + ")");
            }
            chosen.put(leaf.descriptor(), chunk);
        }
        try (PageReadStore pages = RowGroupPages.read(channel, rowCount, chosen, buffers, codecs,
                RowGroupPages.mayDeclareShortChunks(createdBy))) {
            return decode(selected, leaves, chosen, pages, dictionaryColumns, rowCount, allocator);
        }
    }

    /** Whether a chunk's metadata says it has a dictionary and that every one of its data pages uses it. */
    private static boolean entirelyDictionaryEncoded(ColumnChunkMetaData chunk) {
        EncodingStats stats = chunk.getEncodingStats();
        return stats != null && stats.hasDictionaryPages() && stats.hasDictionaryEncodedPages()
                && !stats.hasNonDictionaryEncodedPages();
    }

    private static boolean encodable(LeafNode leaf) {
        ArrowType type = leaf.field().getType();
        if (leaf.descriptor().getMaxRepetitionLevel() != 0) {
            return false;
        }
        return switch (leaf.conversion()) {
            case VARIABLE -> type instanceof ArrowType.Utf8 || type instanceof ArrowType.Binary;
            case COPY, NARROW_TO_8, NARROW_TO_16 -> (type instanceof ArrowType.Int
                    || type instanceof ArrowType.FloatingPoint) && numericPhysicalType(leaf);
            default -> false;
        };
    }

    private static boolean numericPhysicalType(LeafNode leaf) {
        return switch (leaf.descriptor().getPrimitiveType().getPrimitiveTypeName()) {
            case INT32, INT64, FLOAT, DOUBLE -> true;
            default -> false;
        };
    }

    private EncodedBatch decode(List<ColumnNode> selected, List<LeafNode> leaves,
            Map<ColumnDescriptor, ColumnChunkMetaData> chunks, PageReadStore pages, Set<String> dictionaryColumns,
            int rowCount, BufferAllocator allocator) {
        Set<LeafNode> topLevelLeaves = new HashSet<>();
        selected.stream().filter(LeafNode.class::isInstance).forEach(node -> topLevelLeaves.add((LeafNode) node));
        ColumnChunkDecoder fallback = new ColumnReaderChunkDecoder(fileSchema, createdBy);
        BulkChunkDecoder bulk = new BulkChunkDecoder();
        Map<ColumnDescriptor, LeafColumn> data = new HashMap<>();
        try {
            for (LeafNode leaf : leaves) {
                ColumnChunkMetaData chunk = chunks.get(leaf.descriptor());
                boolean useBulk = mode == DecodeMode.FASTEST && ColumnChunkDecoder.isBulkDecodable(chunk);
                // Only the bulk decoder consumes each page before reading the next one.
                codecs.reusePageBuffers(useBulk);
                ColumnChunkDecoder.ChunkOptions options = new ColumnChunkDecoder.ChunkOptions(
                        !topLevelLeaves.contains(leaf), chunk.getTotalUncompressedSize(), allocator, scratch);
                boolean ids = useBulk && topLevelLeaves.contains(leaf)
                        && dictionaryColumns.contains(leaf.field().getName()) && encodable(leaf)
                        && entirelyDictionaryEncoded(chunk);
                LeafColumn column = ids ? decodeIds(bulk, leaf, pages, options)
                        : decodeChunk(useBulk ? bulk : fallback, leaf, pages, options);
                data.put(leaf.descriptor(), column);
                checkRowCount(leaf, column, rowCount);
            }
            List<Field> fields = new ArrayList<>();
            for (int index = 0; index < selected.size(); index++) {
                ColumnNode node = selected.get(index);
                boolean encoded = node instanceof LeafNode leaf && data.get(leaf.descriptor()).dictionary() != null;
                fields.add(encoded ? encodedField(node.field(), index) : node.field());
            }
            VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
            Map<Long, Dictionary> dictionaries = new LinkedHashMap<>();
            try (ArrowRecordBatch batch = BatchAssembler.assemble(allocator, selected, data, rowCount)) {
                new VectorLoader(root).load(batch);
                for (int index = 0; index < selected.size(); index++) {
                    if (selected.get(index) instanceof LeafNode leaf) {
                        DictionaryValues values = data.get(leaf.descriptor()).dictionary();
                        if (values != null) {
                            DictionaryEncoding encoding = fields.get(index).getDictionary();
                            dictionaries.put(encoding.getId(), new Dictionary(dictionaryVector(leaf.field(), values,
                                    allocator), encoding));
                        }
                    }
                }
                return new EncodedBatch(root, dictionaries);
            } catch (RuntimeException e) {
                root.close();
                dictionaries.values().forEach(dictionary -> dictionary.getVector().close());
                throw e;
            }
        } finally {
            codecs.reusePageBuffers(false);
            data.values().forEach(LeafColumn::close);
        }
    }

    private static LeafColumn decodeIds(BulkChunkDecoder decoder, LeafNode leaf, PageReadStore pages,
            ColumnChunkDecoder.ChunkOptions options) {
        try {
            return decoder.decode(leaf, pages, options, true);
        } catch (RuntimeException e) {
            throw new CorruptDataException("column " + leaf.path() + ": " + ReadFailures.oneLine(e), e);
        }
    }

    /** The field of a column read as 32-bit indices into the dictionary of encoding id {@code id}. */
    private static Field encodedField(Field plain, long id) {
        ArrowType.Int index = new ArrowType.Int(Integer.SIZE, true);
        return new Field(plain.getName(), new FieldType(plain.isNullable(), index,
                new DictionaryEncoding(id, false, index)), null);
    }

    private static FieldVector dictionaryVector(Field plain, DictionaryValues values, BufferAllocator allocator) {
        if (!(plain.getType() instanceof ArrowType.Utf8 || plain.getType() instanceof ArrowType.Binary)) {
            return fixedWidthDictionaryVector(plain, values, allocator);
        }
        BaseVariableWidthVector vector = (BaseVariableWidthVector) new Field(plain.getName(),
                FieldType.notNullable(plain.getType()), null).createVector(allocator);
        try {
            int size = values.size();
            int[] offsets = values.offsets();
            vector.allocateNew(Math.max(offsets[size], 1), Math.max(size, 1));
            for (int entry = 0; entry < size; entry++) {
                vector.setSafe(entry, values.bytes(), offsets[entry], offsets[entry + 1] - offsets[entry]);
            }
            vector.setValueCount(size);
            return vector;
        } catch (RuntimeException e) {
            vector.close();
            throw e;
        }
    }

    /** The dictionary of a numeric column: its entries, already Arrow values of the field's width, copied. */
    private static FieldVector fixedWidthDictionaryVector(Field plain, DictionaryValues values,
            BufferAllocator allocator) {
        BaseFixedWidthVector vector = (BaseFixedWidthVector) new Field(plain.getName(),
                FieldType.notNullable(plain.getType()), null).createVector(allocator);
        try {
            int size = values.size();
            vector.allocateNew(Math.max(size, 1));
            long bytes = values.offsets()[size];
            if (bytes != (long) size * vector.getTypeWidth()) {
                throw new IllegalStateException("dictionary of " + size + " entries has " + bytes + " bytes");
            }
            MemorySegment.copy(MemorySegment.ofArray(values.bytes()), 0, ArrowSegments.of(vector.getDataBuffer()), 0,
                    bytes);
            vector.setValueCount(size);
            for (int entry = 0; entry < size; entry++) {
                vector.setIndexDefined(entry);
            }
            return vector;
        } catch (RuntimeException e) {
            vector.close();
            throw e;
        }
    }

    private static LeafColumn decodeChunk(ColumnChunkDecoder decoder, LeafNode leaf, PageReadStore pages,
            ColumnChunkDecoder.ChunkOptions options) {
        try {
            return decoder.decode(leaf, pages, options);
        } catch (RuntimeException e) {
            throw new CorruptDataException("column " + leaf.path() + ": " + ReadFailures.oneLine(e), e);
        }
    }

    private static void checkRowCount(LeafNode leaf, LeafColumn data, int rowCount) {
        int[] repetitions = data.repetitionLevels();
        int rows = data.levelCount();
        if (repetitions != null) {
            if (rows > 0 && repetitions[0] != 0) {
                throw new CorruptDataException("column " + leaf.path() + " starts with repetition level "
                        + repetitions[0] + " instead of 0");
            }
            rows = 0;
            for (int i = 0; i < data.levelCount(); i++) {
                if (repetitions[i] == 0) {
                    rows++;
                }
            }
        }
        if (rows != rowCount) {
            throw new CorruptDataException("column " + leaf.path() + " has " + rows + " rows but its row group has "
                    + rowCount);
        }
    }

    /**
     * Closes the file. Batches already returned stay valid.
     *
     * @throws ParquetReadException when closing the file fails
     */
    @Override
    public void close() throws ParquetReadException {
        try {
            channel.close();
            codecs.release();
            buffers.giveBack();
        } catch (IOException e) {
            throw new ParquetReadException(file, "cannot close: " + e.getMessage(), e);
        }
    }
}

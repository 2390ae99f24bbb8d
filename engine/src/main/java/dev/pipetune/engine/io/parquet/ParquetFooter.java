package dev.pipetune.engine.io.parquet;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * A Parquet file's footer, parsed and mapped to Arrow once, so that the tasks reading the file's row groups reopen
 * it without parsing the footer again ({@link ParquetReader#open(Path, ParquetFooter)}).
 *
 * <p>Immutable and safe to share between threads. It holds the metadata of every row group and column chunk, so a
 * caller keeps it only while it still has row groups of the file to read.
 */
public final class ParquetFooter {

    private final Path file;
    private final ParquetMetadata metadata;
    private final Map<String, MappedColumn> columns;
    private final Schema schema;
    private final List<RowGroupInfo> rowGroups;

    ParquetFooter(Path file, ParquetMetadata metadata) throws ParquetReadException {
        this.file = file;
        this.metadata = metadata;
        Map<String, MappedColumn> mapped = new LinkedHashMap<>();
        for (MappedColumn column : SchemaMapper.map(metadata.getFileMetaData().getSchema(),
                ArrowSchemaMetadata.storedTypes(metadata.getFileMetaData().getKeyValueMetaData()))) {
            if (mapped.putIfAbsent(column.name(), column) != null) {
                throw new ParquetReadException(file, "duplicate top-level column '" + column.name() + "'", null);
            }
        }
        this.columns = java.util.Collections.unmodifiableMap(mapped);
        this.schema = new Schema(mapped.values().stream()
                .filter(MappedColumn.Supported.class::isInstance)
                .map(column -> ((MappedColumn.Supported) column).node().field())
                .toList());
        this.rowGroups = RowGroupInfo.describe(metadata.getBlocks());
    }

    /**
     * Returns the file the footer was read from.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }

    ParquetMetadata metadata() {
        return metadata;
    }

    Map<String, MappedColumn> columns() {
        return columns;
    }

    Schema schema() {
        return schema;
    }

    List<RowGroupInfo> rowGroups() {
        return rowGroups;
    }
}

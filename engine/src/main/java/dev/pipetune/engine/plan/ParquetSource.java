package dev.pipetune.engine.plan;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.execution.ReadTask;
import dev.pipetune.engine.execution.TaskContext;
import dev.pipetune.engine.expression.Expression;
import dev.pipetune.engine.io.parquet.ColumnChunkInfo;
import dev.pipetune.engine.io.parquet.ColumnStatistics;
import dev.pipetune.engine.io.parquet.EncodedBatch;
import dev.pipetune.engine.io.parquet.ParquetReadException;
import dev.pipetune.engine.io.parquet.ParquetFooter;
import dev.pipetune.engine.io.parquet.ParquetReader;
import dev.pipetune.engine.io.parquet.RowGroupInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The read tasks of {@code read_parquet}: one per row group, reading only the requested columns, skipping row groups
 * whose statistics rule out every row of a pushed-down filter. With an {@link InputSample} only the sampled row
 * groups (counted over all files, in file order, before the filter's skipping) get tasks.
 */
final class ParquetSource {

    private ParquetSource() {
    }

    /**
     * The tasks, how many row groups the pushed-down filter skipped, and the blocks' schema (the chosen columns of
     * the first file, in the order asked, then the path column if asked).
     */
    record Tasks(List<ReadTask> tasks, int skippedRowGroups, int totalRowGroups, Schema schema) {
    }

    /**
     * Plans one task per row group of the files, reading their footers.
     *
     * @param dictionaryColumnsOf which columns the tasks may deliver dictionary encoded, given the blocks' schema
     */
    static Tasks plan(List<Path> files, Optional<List<String>> columns, boolean includePaths,
            HivePartitions partitions, Optional<Expression> pushedFilter,
            Function<Schema, Set<String>> dictionaryColumnsOf, InputSample sample, String location)
            throws PlanException {
        List<RowGroupTask> candidates = new ArrayList<>();
        List<Boolean> mayMatch = new ArrayList<>();
        List<ParquetReader> readers = openAll(files, location);
        // Each file's columns as its blocks give them: its own, where a folder key replaces one, that key as a string
        // column; then the keys it lacks, as string columns.
        List<Set<String>> ownKeys = new ArrayList<>();
        List<Schema> effective = new ArrayList<>();
        for (int index = 0; index < files.size(); index++) {
            Schema own = readers.get(index).schema();
            Set<String> keysOfFile = partitions.ownKeys(files.get(index), readers.get(index).columnNames());
            ownKeys.add(keysOfFile);
            List<Field> fields = new ArrayList<>(own.getFields().stream().filter(field -> !partitions.keys()
                    .contains(field.getName())).toList());
            for (String key : partitions.keys()) {
                fields.add(keysOfFile.contains(key) ? own.findField(key) : FolderValues.field(key));
            }
            effective.add(new Schema(fields));
        }
        UnifiedColumns unified;
        try {
            unified = unify(effective, files, columns, location);
        } catch (PlanException differing) {
            readers.forEach(ParquetSource::closeQuietly);
            throw differing;
        }
        Schema schema = blockSchema(unified, includePaths);
        // Files whose schemas differ are read as plain columns: only those get widened and filled with nulls.
        Set<String> dictionaryColumns = includePaths || !unified.uniform() ? Set.of()
                : dictionaryColumnsOf.apply(schema).stream().filter(name -> !partitions.keys().contains(name))
                .collect(Collectors.toUnmodifiableSet());
        List<String> order = schema.getFields().stream().map(Field::getName).toList();
        for (int index = 0; index < files.size(); index++) {
            Path file = files.get(index);
            Set<String> keysOfFile = ownKeys.get(index);
            try (ParquetReader reader = readers.get(index)) {
                List<String> selected = unified.namesIn(reader.schema()).stream().filter(name -> !partitions.keys()
                        .contains(name) || keysOfFile.contains(name)).toList();
                checkSupported(reader, selected, file, location);
                if (columns.isEmpty() && !reader.unsupportedColumns().isEmpty()) {
                    // Reading every column must not leave one out without a word.
                    var unsupported = reader.unsupportedColumns().entrySet().iterator().next();
                    throw new PlanException(location, "column '" + unsupported.getKey() + "' of " + file
                            + " cannot be read: " + unsupported.getValue() + "; list the columns to read in 'columns' "
                            + "to leave it out");
                }
                long firstRow = 0;
                FolderValues all = partitions.valuesOf(file, keysOfFile);
                FolderValues folderValues = new FolderValues(all.keys().stream().filter(unified.names()::contains)
                        .toList(), all.values());
                for (RowGroupInfo rowGroup : reader.rowGroups()) {
                    // A filter on folder columns alone rules out whole files; on both, statistics and folders decide.
                    mayMatch.add(pushedFilter.isEmpty() || pruner(reader.schema(), rowGroup,
                            part -> partitions.partMayMatch(file, part, keysOfFile)).mayMatch(pushedFilter.get()));
                    candidates.add(new RowGroupTask(file, reader.footer(), rowGroup.index(), firstRow, selected,
                            unified, folderValues, includePaths, order, dictionaryColumns,
                            estimate(rowGroup, selected)));
                    firstRow += rowGroup.rowCount();
                }
            } catch (ParquetReadException unreadable) {
                readers.subList(index + 1, readers.size()).forEach(ParquetSource::closeQuietly);
                throw new PlanException(location, unreadable.getMessage());
            } catch (PlanException | RuntimeException failure) {
                readers.subList(index + 1, readers.size()).forEach(ParquetSource::closeQuietly);
                throw failure;
            }
        }
        List<ReadTask> tasks = new ArrayList<>();
        int skipped = 0;
        List<Integer> kept = sample.keptIndexes(candidates.size());
        for (int index : kept) {
            if (mayMatch.get(index)) {
                tasks.add(candidates.get(index));
            } else {
                skipped++;
            }
        }
        return new Tasks(tasks, skipped, kept.size(), schema);
    }

    /** The unified columns, then the path column if asked. */
    private static Schema blockSchema(UnifiedColumns unified, boolean includePaths) {
        List<Field> fields = new ArrayList<>(unified.fields());
        if (includePaths) {
            fields.removeIf(field -> field.getName().equals(PathColumn.NAME));
            fields.add(Field.nullable(PathColumn.NAME, new ArrowType.Utf8()));
        }
        return new Schema(fields);
    }

    /**
     * Opens every file, reading the footers in parallel (a run's planning reads them all before its first task starts,
     * and footers are many small objects to decode).
     *
     * @return one open reader per file, in file order, which the caller must close
     * @throws PlanException naming the first file, in file order, that cannot be read (no reader is left open)
     */
    private static List<ParquetReader> openAll(List<Path> files, String location) throws PlanException {
        List<Object> opened = files.parallelStream().map(file -> {
            try {
                return (Object) ParquetReader.open(file);
            } catch (ParquetReadException | RuntimeException failure) {
                return failure;
            }
        }).toList();
        List<ParquetReader> readers = new ArrayList<>(opened.size());
        Exception failure = null;
        for (Object result : opened) {
            if (result instanceof ParquetReader reader) {
                readers.add(reader);
            } else if (failure == null) {
                failure = (Exception) result;
            }
        }
        if (failure == null) {
            return readers;
        }
        readers.forEach(ParquetSource::closeQuietly);
        if (failure instanceof ParquetReadException unreadable) {
            throw new PlanException(location, unreadable.getMessage());
        }
        throw (RuntimeException) failure;
    }

    private static void closeQuietly(ParquetReader reader) {
        try {
            reader.close();
        } catch (ParquetReadException | RuntimeException ignored) {
            // Planning failed already; that failure is the one to report.
        }
    }

    /**
     * Unifies the files' schemas (see {@link UnifiedColumns}); a column asked for in {@code columns} that no file has
     * is an error listing the available columns.
     */
    private static UnifiedColumns unify(List<Schema> schemas, List<Path> files, Optional<List<String>> columns,
            String location) throws PlanException {
        UnifiedColumns unified;
        try {
            unified = UnifiedColumns.of(schemas, files, columns);
        } catch (IllegalArgumentException differing) {
            throw new PlanException(location, differing.getMessage());
        }
        if (columns.isPresent()) {
            for (String column : columns.get()) {
                if (!unified.names().contains(column)) {
                    List<String> available = schemas.stream().flatMap(schema -> schema.getFields().stream())
                            .map(Field::getName).distinct().toList();
                    throw new PlanException(location, "column '" + column + "' is not in " + (files.size() == 1
                            ? files.getFirst() : "any of the " + files.size() + " files (" + files.getFirst()
                            + " ...)") + "; available columns: " + String.join(", ", available));
                }
            }
        }
        return unified;
    }

    private static void checkSupported(ParquetReader reader, List<String> selected, Path file, String location)
            throws PlanException {
        for (String column : selected) {
            String unsupported = reader.unsupportedColumns().get(column);
            if (unsupported != null) {
                throw new PlanException(location, "column '" + column + "' of " + file + " cannot be read: "
                        + unsupported);
            }
        }
    }

    private static RowGroupPruner pruner(Schema schema, RowGroupInfo rowGroup,
            Predicate<Expression> folderEvidence) {
        Map<String, ColumnStatistics> numeric = new HashMap<>();
        for (ColumnChunkInfo column : rowGroup.columns()) {
            Optional<Field> field = schema.getFields().stream().filter(f -> f.getName().equals(column.path()))
                    .findFirst();
            boolean signedNumber = field.map(Field::getType).filter(type ->
                    type instanceof ArrowType.FloatingPoint || type instanceof ArrowType.Int integer
                            && integer.getIsSigned()).isPresent();
            if (signedNumber && column.statistics().isPresent()) {
                numeric.put(column.path(), column.statistics().get());
            }
        }
        return new RowGroupPruner(numeric, folderEvidence);
    }

    private static long estimate(RowGroupInfo rowGroup, List<String> selected) {
        long bytes = 0;
        for (ColumnChunkInfo column : rowGroup.columns()) {
            if (selected.contains(column.path())) {
                bytes += column.uncompressedBytes();
            }
        }
        return Math.max(bytes, rowGroup.rowCount());
    }

    /**
     * Reads one row group, reopening the file with the footer read when planning; {@code firstRow} is the row group's
     * first row in the file.
     */
    private record RowGroupTask(Path file, ParquetFooter footer, int rowGroup, long firstRow, List<String> columns,
            UnifiedColumns unified, FolderValues folderValues, boolean includePaths, List<String> order,
            Set<String> dictionaryColumns, long estimatedBytes) implements ReadTask {

        @Override
        public String origin() {
            return file + " (row group " + rowGroup + ")";
        }

        @Override
        public List<Block> read(TaskContext context) throws Exception {
            try (ParquetReader reader = ParquetReader.open(file, footer)) {
                if (!dictionaryColumns.isEmpty()) {
                    EncodedBatch encoded = reader.readRowGroup(rowGroup, columns, dictionaryColumns,
                            context.allocator());
                    VectorSchemaRoot batch = inOrder(folderValues.appendTo(encoded.root(), context.allocator()));
                    return List.of(new Block(batch, encoded.dictionaries(), file.toString(), firstRow));
                }
                VectorSchemaRoot batch = folderValues.appendTo(unified.conform(reader.readRowGroup(rowGroup,
                        columns, context.allocator()), context.allocator()), context.allocator());
                if (includePaths) {
                    batch = PathColumn.append(batch, file.toString(), context.allocator());
                }
                return List.of(new Block(inOrder(batch), Map.of(), file.toString(), firstRow));
            }
        }

        /** Puts the folder columns where {@code columns} asked for them, when that is not last. */
        private VectorSchemaRoot inOrder(VectorSchemaRoot batch) {
            List<FieldVector> vectors = batch.getFieldVectors();
            if (vectors.size() != order.size() || vectors.stream().map(FieldVector::getName).toList().equals(order)) {
                return batch;
            }
            List<FieldVector> ordered = order.stream().map(batch::getVector).toList();
            return new VectorSchemaRoot(ordered.stream().map(FieldVector::getField).toList(), ordered,
                    batch.getRowCount());
        }
    }
}

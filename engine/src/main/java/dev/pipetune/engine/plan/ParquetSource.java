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
import java.util.stream.Stream;
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
        // A folder key that some file has as a column is read from the files.
        List<String> fileColumnNames = readers.stream().flatMap(reader -> reader.columnNames().stream()).distinct()
                .toList();
        HivePartitions allFolders = partitions.without(fileColumnNames);
        HivePartitions folders = allFolders.selectedBy(columns);
        Optional<List<String>> fileColumns = columns.map(names -> names.stream()
                .filter(name -> !folders.keys().contains(name)).toList());
        UnifiedColumns unified;
        try {
            unified = unify(readers, files, fileColumns, fileColumnNames, allFolders, location);
        } catch (PlanException differing) {
            readers.forEach(ParquetSource::closeQuietly);
            throw differing;
        }
        Schema schema = blockSchema(new Schema(unified.fields()), columns, folders, includePaths);
        // Files whose schemas differ are read as plain columns: only those get widened and filled with nulls.
        Set<String> dictionaryColumns = includePaths || !unified.uniform() ? Set.of()
                : dictionaryColumnsOf.apply(schema).stream().filter(name -> !folders.keys().contains(name))
                .collect(Collectors.toUnmodifiableSet());
        List<String> order = schema.getFields().stream().map(Field::getName).toList();
        for (int index = 0; index < files.size(); index++) {
            Path file = files.get(index);
            try (ParquetReader reader = readers.get(index)) {
                List<String> selected = unified.namesIn(reader.schema());
                checkSupported(reader, selected, file, location);
                if (columns.isEmpty() && !reader.unsupportedColumns().isEmpty()) {
                    // Reading every column must not leave one out without a word.
                    var unsupported = reader.unsupportedColumns().entrySet().iterator().next();
                    throw new PlanException(location, "column '" + unsupported.getKey() + "' of " + file
                            + " cannot be read: " + unsupported.getValue() + "; list the columns to read in 'columns' "
                            + "to leave it out");
                }
                long firstRow = 0;
                FolderValues folderValues = folders.valuesOf(file);
                for (RowGroupInfo rowGroup : reader.rowGroups()) {
                    // A filter on folder columns alone rules out whole files; on both, statistics and folders decide.
                    mayMatch.add(pushedFilter.isEmpty() || pruner(reader.schema(), rowGroup,
                            part -> allFolders.partMayMatch(file, part)).mayMatch(pushedFilter.get()));
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

    /**
     * The chosen columns of a file's schema and of its folders, in the order asked (else the file's columns, then the
     * folders'), then the path column if asked.
     */
    private static Schema blockSchema(Schema full, Optional<List<String>> columns, HivePartitions folders,
            boolean includePaths) {
        List<Field> fields = new ArrayList<>();
        List<String> names = columns.orElseGet(() -> Stream.concat(full.getFields().stream().map(Field::getName),
                folders.keys().stream()).toList());
        for (String column : names) {
            if (folders.keys().contains(column)) {
                fields.add(FolderValues.field(column));
            }
            full.getFields().stream().filter(field -> field.getName().equals(column)).findFirst()
                    .ifPresent(fields::add);
        }
        if (includePaths) {
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
    private static UnifiedColumns unify(List<ParquetReader> readers, List<Path> files, Optional<List<String>> columns,
            List<String> available, HivePartitions folders, String location) throws PlanException {
        UnifiedColumns unified;
        try {
            unified = UnifiedColumns.of(readers.stream().map(ParquetReader::schema).toList(), files, columns);
        } catch (IllegalArgumentException differing) {
            throw new PlanException(location, differing.getMessage());
        }
        if (columns.isPresent()) {
            for (String column : columns.get()) {
                if (!unified.names().contains(column)) {
                    throw new PlanException(location, "column '" + column + "' is not in " + (files.size() == 1
                            ? files.getFirst() : "any of the " + files.size() + " files (" + files.getFirst()
                            + " ...)") + "; available columns: " + String.join(", ", available)
                            + (folders.isEmpty() ? "" : ", and from its folders' names: "
                            + String.join(", ", folders.keys())));
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

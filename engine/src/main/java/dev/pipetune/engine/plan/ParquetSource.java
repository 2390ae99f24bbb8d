package dev.pipetune.engine.plan;

import dev.pipetune.engine.block.Block;
import dev.pipetune.engine.block.ColumnTypes;
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
        // A folder key that the files have as a column is read from the files.
        HivePartitions folders = partitions.without(readers.getFirst().columnNames()).selectedBy(columns);
        Optional<List<String>> fileColumns = columns.map(names -> names.stream()
                .filter(name -> !folders.keys().contains(name)).toList());
        // A filter on folder columns alone rules out whole files; on both, the statistics and folders decide together.
        HivePartitions allFolders = partitions.without(readers.getFirst().columnNames());
        try {
            checkSameColumns(readers, files, fileColumns, location);
        } catch (PlanException differing) {
            readers.forEach(ParquetSource::closeQuietly);
            throw differing;
        }
        Schema schema = blockSchema(readers.getFirst().schema(), columns, folders, includePaths);
        Set<String> dictionaryColumns = includePaths ? Set.of() : dictionaryColumnsOf.apply(schema).stream()
                .filter(name -> !folders.keys().contains(name)).collect(Collectors.toUnmodifiableSet());
        List<String> order = schema.getFields().stream().map(Field::getName).toList();
        for (int index = 0; index < files.size(); index++) {
            Path file = files.get(index);
            try (ParquetReader reader = readers.get(index)) {
                // Every file's blocks have the first file's columns in its order.
                List<String> selected = fileColumns.orElse(readers.getFirst().schema().getFields().stream()
                        .map(Field::getName).toList());
                checkColumns(reader, selected, allFolders.keys(), file, location);
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
                    mayMatch.add(pushedFilter.isEmpty() || pruner(reader.schema(), rowGroup,
                            part -> allFolders.partMayMatch(file, part)).mayMatch(pushedFilter.get()));
                    candidates.add(new RowGroupTask(file, reader.footer(), rowGroup.index(), firstRow, selected,
                            folderValues, includePaths, order, dictionaryColumns, estimate(rowGroup, selected)));
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
     * Checks that every file has the columns the first file has (the chosen ones, else all) with the same types, so
     * that their blocks can meet downstream; names the first file that differs and how.
     */
    private static void checkSameColumns(List<ParquetReader> readers, List<Path> files,
            Optional<List<String>> columns, String location) throws PlanException {
        Schema first = readers.getFirst().schema();
        List<String> firstNames = names(first);
        Path firstFile = files.getFirst();
        for (int index = 1; index < readers.size(); index++) {
            Schema schema = readers.get(index).schema();
            List<String> schemaNames = names(schema);
            Path file = files.get(index);
            if (columns.isEmpty()) {
                List<String> missing = firstNames.stream().filter(name -> !schemaNames.contains(name)).toList();
                List<String> extra = schemaNames.stream().filter(name -> !firstNames.contains(name)).toList();
                if (!missing.isEmpty() || !extra.isEmpty()) {
                    throw new PlanException(location, file + " has other columns than " + firstFile
                            + (missing.isEmpty() ? "" : ": it lacks " + String.join(", ", missing))
                            + (extra.isEmpty() ? "" : (missing.isEmpty() ? ": it" : ", and it") + " also has "
                            + String.join(", ", extra))
                            + "; list the columns to read in 'columns', or read the files in separate pipelines");
                }
            }
            Optional<String> difference = ColumnTypes.difference(columns.orElse(firstNames), schema, file.toString(),
                    first, firstFile.toString());
            if (difference.isPresent()) {
                throw new PlanException(location, difference.get());
            }
        }
    }

    private static List<String> names(Schema schema) {
        return schema.getFields().stream().map(Field::getName).toList();
    }

    private static void checkColumns(ParquetReader reader, List<String> selected, List<String> folderColumns,
            Path file, String location) throws PlanException {
        List<String> available = reader.columnNames();
        for (String column : selected) {
            if (!available.contains(column)) {
                throw new PlanException(location, "column '" + column + "' is not in " + file
                        + "; available columns: " + String.join(", ", available)
                        + (folderColumns.isEmpty() ? "" : ", and from its folders' names: "
                        + String.join(", ", folderColumns)));
            }
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
            FolderValues folderValues, boolean includePaths, List<String> order, Set<String> dictionaryColumns,
            long estimatedBytes) implements ReadTask {

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
                VectorSchemaRoot batch = folderValues.appendTo(reader.readRowGroup(rowGroup, columns,
                        context.allocator()), context.allocator());
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

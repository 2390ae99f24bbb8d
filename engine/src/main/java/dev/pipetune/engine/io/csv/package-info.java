/**
 * CSV files: {@link dev.pipetune.engine.io.csv.CsvReader} reads a file with a header row into Arrow batches with
 * inferred column types; {@link dev.pipetune.engine.io.csv.CsvWriter} writes batches as pyarrow's CSV writer does.
 */
package dev.pipetune.engine.io.csv;

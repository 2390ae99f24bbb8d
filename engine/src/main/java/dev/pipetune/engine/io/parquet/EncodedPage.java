package dev.pipetune.engine.io.parquet;

import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;

/**
 * A data page encoded and compressed, waiting for its row group to be written.
 *
 * @param bytes the compressed page (definition levels and values)
 * @param uncompressedSize the page's size before compression
 * @param rowCount the rows (and level entries) it holds
 * @param statistics its minimum, maximum and null count
 * @param encoding the values' encoding
 */
record EncodedPage(byte[] bytes, int uncompressedSize, int rowCount, Statistics<?> statistics, Encoding encoding) {
}

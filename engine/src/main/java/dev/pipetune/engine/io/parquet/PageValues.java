package dev.pipetune.engine.io.parquet;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;

/**
 * The encoded values of one data page.
 *
 * @param bytes the values as they follow the definition levels (valid until the encoder's page is cleared)
 * @param encoding their encoding
 */
record PageValues(BytesInput bytes, Encoding encoding) {
}

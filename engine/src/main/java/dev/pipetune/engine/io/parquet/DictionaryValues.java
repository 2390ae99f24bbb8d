package dev.pipetune.engine.io.parquet;

/**
 * The entries of a column chunk's dictionary of byte arrays: entry {@code i} is
 * {@code bytes[offsets[i], offsets[i + 1])}.
 *
 * @param bytes the entries back to back (possibly followed by padding)
 * @param offsets {@code size + 1} offsets into {@code bytes}
 * @param size the number of entries
 */
record DictionaryValues(byte[] bytes, int[] offsets, int size) {
}

package dev.pipetune.engine.io.parquet;

import java.nio.ByteBuffer;
import org.apache.parquet.column.Encoding;

/**
 * The fields of a Parquet page header that the reader uses, parsed from the Thrift compact protocol straight out of a
 * column chunk's bytes (parquet-java's generic Thrift reader builds a message, and formats a validation message,
 * for every page). Fields the reader does not use (CRC, statistics, index pages' contents) are skipped.
 *
 * @param type the page type: {@link #DATA_PAGE}, {@link #DICTIONARY_PAGE}, {@link #DATA_PAGE_V2} or another (skipped)
 * @param uncompressedSize the page's size after decompression, without the header
 * @param compressedSize the page's size in the chunk, without the header
 * @param headerSize the header's own size in bytes
 * @param valueCount the values (levels) of a data page, or the entries of a dictionary page
 * @param encoding the values' encoding (the dictionary's, for a dictionary page)
 * @param definitionLevelEncoding a version 1 data page's definition level encoding
 * @param repetitionLevelEncoding a version 1 data page's repetition level encoding
 * @param nullCount a version 2 data page's nulls
 * @param rowCount a version 2 data page's rows
 * @param definitionLevelsSize a version 2 data page's definition level bytes
 * @param repetitionLevelsSize a version 2 data page's repetition level bytes
 * @param compressed whether a version 2 data page's values are compressed (true for other pages)
 */
record PageHeader(int type, int uncompressedSize, int compressedSize, int headerSize, int valueCount, Encoding encoding,
        Encoding definitionLevelEncoding, Encoding repetitionLevelEncoding, int nullCount, int rowCount,
        int definitionLevelsSize, int repetitionLevelsSize, boolean compressed) {

    static final int DATA_PAGE = 0;
    static final int DICTIONARY_PAGE = 2;
    static final int DATA_PAGE_V2 = 3;

    private static final int STOP = 0;
    private static final int BOOLEAN_TRUE = 1;
    private static final int BOOLEAN_FALSE = 2;
    private static final int BYTE = 3;
    private static final int I16 = 4;
    private static final int I32 = 5;
    private static final int I64 = 6;
    private static final int DOUBLE = 7;
    private static final int BINARY = 8;
    private static final int LIST = 9;
    private static final int SET = 10;
    private static final int MAP = 11;
    private static final int STRUCT = 12;
    /** Deeper nesting than any page header has is corrupt data, not a reason to overflow the stack. */
    private static final int MAX_DEPTH = 32;
    /** Parquet's encodings by their Thrift value (parquet-format's {@code Encoding}); null where none is defined. */
    private static final Encoding[] ENCODINGS = encodings();

    private static Encoding[] encodings() {
        Encoding[] encodings = new Encoding[16];
        for (org.apache.parquet.format.Encoding encoding : org.apache.parquet.format.Encoding.values()) {
            if (encoding.getValue() < encodings.length) {
                encodings[encoding.getValue()] = Encoding.valueOf(encoding.name());
            }
        }
        return encodings;
    }

    /**
     * Parses the page header at {@code offset}.
     *
     * @param bytes the column chunk's bytes, from position 0 to its limit
     * @param offset where the header starts
     * @return the header
     * @throws CorruptDataException if the header is not valid Thrift, runs past the chunk, lacks a required field or
     *     has a negative size
     */
    static PageHeader parse(ByteBuffer bytes, int offset) {
        return new Parser(bytes, offset).pageHeader();
    }

    /** Reads one header, field by field. */
    private static final class Parser {

        private final ByteBuffer bytes;
        private final int start;
        private int position;
        private int type = -1;
        private int uncompressedSize = -1;
        private int compressedSize = -1;
        private int valueCount = -1;
        private Encoding encoding;
        private Encoding definitionLevelEncoding;
        private Encoding repetitionLevelEncoding;
        private int nullCount;
        private int rowCount;
        private int definitionLevelsSize;
        private int repetitionLevelsSize;
        private boolean compressed = true;
        private boolean hasPageKindHeader;

        Parser(ByteBuffer bytes, int offset) {
            this.bytes = bytes;
            this.start = offset;
            this.position = offset;
        }

        PageHeader pageHeader() {
            short fieldId = 0;
            while (true) {
                int header = readByte();
                int fieldType = header & 0x0F;
                if (fieldType == STOP) {
                    break;
                }
                fieldId = fieldId(header, fieldId);
                switch (fieldId) {
                    case 1 -> type = readInt(fieldType, "type");
                    case 2 -> uncompressedSize = readInt(fieldType, "uncompressed_page_size");
                    case 3 -> compressedSize = readInt(fieldType, "compressed_page_size");
                    case 5 -> pageKindHeader(fieldType, DATA_PAGE);
                    case 7 -> pageKindHeader(fieldType, DICTIONARY_PAGE);
                    case 8 -> pageKindHeader(fieldType, DATA_PAGE_V2);
                    default -> skip(fieldType, 0);
                }
            }
            if (type < 0 || uncompressedSize < 0 || compressedSize < 0) {
                throw corrupt(type < 0 ? "has no page type" : "has a missing or negative page size ("
                        + uncompressedSize + " decompressed, " + compressedSize + " compressed)");
            }
            boolean dataOrDictionary = type == DATA_PAGE || type == DICTIONARY_PAGE || type == DATA_PAGE_V2;
            if (dataOrDictionary && (!hasPageKindHeader || valueCount < 0 || encoding == null)) {
                throw corrupt("of type " + type + " lacks its page kind's header, value count or encoding");
            }
            if (type == DATA_PAGE && (definitionLevelEncoding == null || repetitionLevelEncoding == null)) {
                throw corrupt("is a data page without its level encodings");
            }
            if (type == DATA_PAGE_V2 && (definitionLevelsSize < 0 || repetitionLevelsSize < 0
                    || (long) definitionLevelsSize + repetitionLevelsSize > Math.min(compressedSize,
                            uncompressedSize))) {
                throw corrupt("has level sizes (" + repetitionLevelsSize + " + " + definitionLevelsSize
                        + " bytes) that do not fit its page");
            }
            return new PageHeader(type, uncompressedSize, compressedSize, position - start, valueCount, encoding,
                    definitionLevelEncoding, repetitionLevelEncoding, nullCount, rowCount, definitionLevelsSize,
                    repetitionLevelsSize, compressed);
        }

        /** Reads a data page, dictionary page or version 2 data page header; only the one of the page's type counts. */
        private void pageKindHeader(int fieldType, int kind) {
            if (fieldType != STRUCT) {
                throw corrupt("has a page kind header that is not a struct");
            }
            if (kind != type) {
                skip(STRUCT, 0);
                return;
            }
            hasPageKindHeader = true;
            short fieldId = 0;
            while (true) {
                int header = readByte();
                int innerType = header & 0x0F;
                if (innerType == STOP) {
                    return;
                }
                fieldId = fieldId(header, fieldId);
                switch (kind) {
                    case DATA_PAGE -> dataPageField(fieldId, innerType);
                    case DICTIONARY_PAGE -> dictionaryPageField(fieldId, innerType);
                    default -> dataPageV2Field(fieldId, innerType);
                }
            }
        }

        private void dataPageField(short fieldId, int fieldType) {
            switch (fieldId) {
                case 1 -> valueCount = readInt(fieldType, "num_values");
                case 2 -> encoding = readEncoding(fieldType);
                case 3 -> definitionLevelEncoding = readEncoding(fieldType);
                case 4 -> repetitionLevelEncoding = readEncoding(fieldType);
                default -> skip(fieldType, 1);
            }
        }

        private void dictionaryPageField(short fieldId, int fieldType) {
            switch (fieldId) {
                case 1 -> valueCount = readInt(fieldType, "num_values");
                case 2 -> encoding = readEncoding(fieldType);
                default -> skip(fieldType, 1);
            }
        }

        private void dataPageV2Field(short fieldId, int fieldType) {
            switch (fieldId) {
                case 1 -> valueCount = readInt(fieldType, "num_values");
                case 2 -> nullCount = readInt(fieldType, "num_nulls");
                case 3 -> rowCount = readInt(fieldType, "num_rows");
                case 4 -> encoding = readEncoding(fieldType);
                case 5 -> definitionLevelsSize = readInt(fieldType, "definition_levels_byte_length");
                case 6 -> repetitionLevelsSize = readInt(fieldType, "repetition_levels_byte_length");
                case 7 -> compressed = readBoolean(fieldType);
                default -> skip(fieldType, 1);
            }
        }

        private short fieldId(int header, short previous) {
            int delta = header >>> 4;
            return delta != 0 ? (short) (previous + delta) : (short) zigzag(readVarint());
        }

        private int readInt(int fieldType, String name) {
            if (fieldType != I32) {
                throw corrupt("has field " + name + " of Thrift type " + fieldType + ", not i32");
            }
            long value = zigzag(readVarint());
            if (value != (int) value) {
                throw corrupt("has field " + name + " out of the i32 range");
            }
            return (int) value;
        }

        private Encoding readEncoding(int fieldType) {
            int value = readInt(fieldType, "encoding");
            Encoding known = value >= 0 && value < ENCODINGS.length ? ENCODINGS[value] : null;
            if (known == null) {
                throw corrupt("has unknown encoding " + value);
            }
            return known;
        }

        private boolean readBoolean(int fieldType) {
            if (fieldType != BOOLEAN_TRUE && fieldType != BOOLEAN_FALSE) {
                throw corrupt("has a boolean field of Thrift type " + fieldType);
            }
            return fieldType == BOOLEAN_TRUE;
        }

        /** Skips a value of a Thrift compact type (a field's, or a collection element's). */
        private void skip(int fieldType, int depth) {
            if (depth > MAX_DEPTH) {
                throw corrupt("nests deeper than " + MAX_DEPTH + " levels");
            }
            switch (fieldType) {
                case BOOLEAN_TRUE, BOOLEAN_FALSE -> { }
                case BYTE -> readByte();
                case I16, I32, I64 -> readVarint();
                case DOUBLE -> advance(Double.BYTES);
                case BINARY -> advance(length());
                case LIST, SET -> {
                    int header = readByte();
                    int size = header >>> 4;
                    if (size == 15) {
                        size = length();
                    }
                    int elementType = header & 0x0F;
                    for (int element = 0; element < size; element++) {
                        // Booleans in collections take a byte each.
                        skip(elementType == BOOLEAN_TRUE || elementType == BOOLEAN_FALSE ? BYTE : elementType,
                                depth + 1);
                    }
                }
                case MAP -> {
                    int size = length();
                    if (size > 0) {
                        int types = readByte();
                        for (int entry = 0; entry < size; entry++) {
                            skip(collectionElement(types >>> 4), depth + 1);
                            skip(collectionElement(types & 0x0F), depth + 1);
                        }
                    }
                }
                case STRUCT -> {
                    while (true) {
                        int header = readByte();
                        int innerType = header & 0x0F;
                        if (innerType == STOP) {
                            return;
                        }
                        if (header >>> 4 == 0) {
                            readVarint();
                        }
                        skip(innerType, depth + 1);
                    }
                }
                default -> throw corrupt("has unknown Thrift type " + fieldType);
            }
        }

        private static int collectionElement(int elementType) {
            return elementType == BOOLEAN_TRUE || elementType == BOOLEAN_FALSE ? BYTE : elementType;
        }

        private int length() {
            long length = readVarint();
            if (length < 0 || length > bytes.limit() - position) {
                throw corrupt("has a length (" + length + ") that runs past the column chunk");
            }
            return (int) length;
        }

        private void advance(int count) {
            if (count > bytes.limit() - position) {
                throw corrupt("runs past the column chunk");
            }
            position += count;
        }

        private int readByte() {
            if (position >= bytes.limit()) {
                throw corrupt("runs past the column chunk");
            }
            return bytes.get(position++) & 0xFF;
        }

        private long readVarint() {
            long value = 0;
            for (int shift = 0; shift < Long.SIZE; shift += 7) {
                int next = readByte();
                value |= (long) (next & 0x7F) << shift;
                if ((next & 0x80) == 0) {
                    return value;
                }
            }
            throw corrupt("has a variable-length integer longer than 10 bytes");
        }

        private static long zigzag(long value) {
            return (value >>> 1) ^ -(value & 1);
        }

        private CorruptDataException corrupt(String problem) {
            return new CorruptDataException("at chunk offset " + start + ", the header " + problem);
        }
    }
}

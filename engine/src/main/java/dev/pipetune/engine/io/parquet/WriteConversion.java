package dev.pipetune.engine.io.parquet;

/** How the values of an Arrow vector become Parquet physical values. */
enum WriteConversion {
    /** BitVector to BOOLEAN. */
    BOOLEAN,
    /** Signed 1-byte ints to INT32. */
    INT8,
    /** Unsigned 1-byte ints to INT32. */
    UINT8,
    /** Signed 2-byte ints to INT32. */
    INT16,
    /** Unsigned 2-byte ints to INT32. */
    UINT16,
    /** 4-byte values (int32, uint32 bits, date32, time32) to INT32. */
    INT32,
    /** 8-byte values (int64, uint64 bits, timestamps, time64) to INT64. */
    INT64,
    /** float32 to FLOAT. */
    FLOAT,
    /** float64 to DOUBLE. */
    DOUBLE,
    /** Variable-width binary or string to BYTE_ARRAY. */
    BINARY,
    /** Fixed-size binary (and float16) to FIXED_LEN_BYTE_ARRAY. */
    FIXED,
    /** A 128-bit decimal of precision up to 9 to INT32. */
    DECIMAL_INT32,
    /** A 128-bit decimal of precision up to 18 to INT64. */
    DECIMAL_INT64,
    /** A 128-bit decimal to a big-endian FIXED_LEN_BYTE_ARRAY. */
    DECIMAL_FIXED;

    /** The bytes of one Arrow 128-bit decimal (little-endian two's complement). */
    static final int DECIMAL128_BYTES = 16;
}

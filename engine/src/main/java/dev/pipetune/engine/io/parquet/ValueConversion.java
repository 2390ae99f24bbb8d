package dev.pipetune.engine.io.parquet;

/** How decoded physical values become the values of an Arrow vector. */
enum ValueConversion {
    /** Booleans stored one per byte become a bitmap. */
    BOOLEAN_BITS,
    /** The little-endian physical value is the Arrow value (ints, floats, dates, times, timestamps, FLBA). */
    COPY,
    /** The low byte of an INT32 (int8, uint8). */
    NARROW_TO_8,
    /** The low two bytes of an INT32 (int16, uint16). */
    NARROW_TO_16,
    /** An INT96 (nanoseconds of day, Julian day) becomes nanoseconds since the epoch. */
    INT96_TO_NANOS,
    /** An INT32 unscaled value becomes a 128-bit decimal. */
    DECIMAL_FROM_INT32,
    /** An INT64 unscaled value becomes a 128-bit decimal. */
    DECIMAL_FROM_INT64,
    /** A big-endian two's complement FLBA or BYTE_ARRAY becomes a 128-bit decimal. */
    DECIMAL_FROM_BIG_ENDIAN,
    /** BYTE_ARRAY values become a variable-width binary or string vector. */
    VARIABLE,
    /** A column of the Parquet null (UNKNOWN) logical type: every value is null. */
    NULL
}

package dev.pipetune.engine.io.parquet;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow schema that pyarrow (and so Ray Data) stores in a Parquet file's key-value metadata under
 * {@value #KEY}: base64 of an Arrow IPC schema message. Parquet itself only knows that an instant column is UTC; the
 * stored schema keeps its time zone's name ({@code America/New_York}), which local-time operations need, and tells
 * durations from plain 64-bit integers.
 *
 * <p>Read leniently: metadata that does not decode, or names an unknown zone, is ignored, as pyarrow would then
 * read the column as UTC too.
 */
final class ArrowSchemaMetadata {

    /** The key-value metadata key. */
    static final String KEY = "ARROW:schema";

    private ArrowSchemaMetadata() {
    }

    /**
     * Returns the types of the top-level columns whose stored Arrow type says more than their Parquet type:
     * timestamps in a named zone other than UTC (Parquet knows only that they are UTC) and durations (plain INT64
     * in Parquet).
     *
     * @param keyValues the file's key-value metadata
     * @return column name to its stored type; empty without a stored schema
     */
    static Map<String, ArrowType> storedTypes(Map<String, String> keyValues) {
        String encoded = requireNonNull(keyValues, "keyValues").get(KEY);
        if (encoded == null) {
            return Map.of();
        }
        Schema schema;
        try (ReadChannel channel = new ReadChannel(Channels.newChannel(new ByteArrayInputStream(
                Base64.getDecoder().decode(encoded.strip()))))) {
            schema = MessageSerializer.deserializeSchema(channel);
        } catch (IOException | RuntimeException undecodable) {
            return Map.of();
        }
        Map<String, ArrowType> types = new LinkedHashMap<>();
        for (Field field : schema.getFields()) {
            if (needsStoring(field.getType())) {
                types.put(field.getName(), field.getType());
            }
        }
        return Map.copyOf(types);
    }

    /**
     * Encodes a schema as pyarrow stores it, so that pyarrow reads the file's columns back with their time zones.
     *
     * @param schema the written columns
     * @return the metadata value
     */
    static String encode(Schema schema) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(bytes)), schema);
        } catch (IOException impossible) {
            throw new IllegalStateException("writing to memory failed", impossible);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * Whether a schema has a top-level column whose type Parquet's cannot say: a timestamp in a named zone other
     * than UTC, or a duration. pyarrow reads such columns back with their types only from the stored schema.
     */
    static boolean needsStoredSchema(Schema schema) {
        return schema.getFields().stream().anyMatch(field -> needsStoring(field.getType()));
    }

    private static boolean needsStoring(ArrowType type) {
        return type instanceof ArrowType.Duration
                || type instanceof ArrowType.Timestamp timestamp && isNamedZone(timestamp.getTimezone());
    }

    private static boolean isNamedZone(String zone) {
        if (zone == null || zone.equals("UTC") || zone.equals("Z") || zone.equals("+00:00")) {
            return false;
        }
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException unknown) {
            return false;
        }
    }
}

package dev.pipetune.profiler.tuning;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipetune.engine.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Writes and reads study files ({@code .ptstudy}): one JSON object, {@code "format": "pipetune-study"} and
 * {@code "formatVersion"} first, then the {@link Study}'s components under their names (see
 * {@code docs/optimizer.md}). Writing replaces the file atomically. Stateless and thread-safe.
 */
public final class StudyFiles {

    /** The file name extension of studies. */
    public static final String EXTENSION = ".ptstudy";

    /** The value of the {@code format} field that marks a study. */
    static final String FORMAT_NAME = "pipetune-study";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("pipetune-study")
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer()));

    private StudyFiles() {
    }

    /**
     * Writes a study.
     *
     * @param study the study
     * @param file the target; missing folders are created
     * @throws IOException if the file cannot be written; an existing file is then unchanged
     */
    public static void write(Study study, Path file) throws IOException {
        requireNonNull(study, "study");
        requireNonNull(file, "file");
        AtomicFile.writeString(file, toJson(study));
    }

    /**
     * Returns a study as the JSON text its file holds.
     *
     * @param study the study
     * @return the JSON text
     */
    public static String toJson(Study study) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT_NAME);
        root.setAll((ObjectNode) MAPPER.valueToTree(study));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JacksonException impossible) {
            throw new IllegalStateException("a study could not be written as JSON", impossible);
        }
    }

    /**
     * Reads a study.
     *
     * @param file a study file
     * @return the study
     * @throws StudyFormatException if the file is not a study of a format version this pipetune reads
     * @throws IOException if the file cannot be read
     */
    public static Study read(Path file) throws IOException {
        requireNonNull(file, "file");
        String text = Files.readString(file);
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException notJson) {
            throw new StudyFormatException(file + " is not a pipetune study: " + notJson.getOriginalMessage(),
                    notJson);
        }
        if (!(root instanceof ObjectNode object) || !FORMAT_NAME.equals(object.path("format").asText())) {
            throw new StudyFormatException(file + " is not a pipetune study (no \"format\": \"" + FORMAT_NAME
                    + "\")", null);
        }
        int version = object.path("formatVersion").asInt(0);
        if (version < 1 || version > Study.FORMAT_VERSION) {
            throw new StudyFormatException(file + " has study format version " + version + "; this pipetune reads "
                    + "versions 1 to " + Study.FORMAT_VERSION, null);
        }
        object.remove("format");
        try {
            return MAPPER.treeToValue(object, Study.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException malformed) {
            String message = malformed instanceof JacksonException jackson ? jackson.getOriginalMessage()
                    : malformed.getMessage();
            throw new StudyFormatException(file + " is a damaged study: " + message, malformed);
        }
    }

    /** Writes an instant as ISO-8601 text. */
    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeString(value.toString());
        }
    }

    /** Reads an instant from ISO-8601 text. */
    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            try {
                return Instant.parse(parser.getValueAsString());
            } catch (DateTimeParseException | NullPointerException malformed) {
                throw context.weirdStringException(parser.getValueAsString(), Instant.class,
                        "expected an ISO-8601 instant");
            }
        }
    }
}

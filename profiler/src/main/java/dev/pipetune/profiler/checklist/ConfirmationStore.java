package dev.pipetune.profiler.checklist;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipetune.engine.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;

/**
 * People's confirmations of checklist items, one per item, kept in a small JSON file next to the pipeline
 * ({@code etl.checklist.json} for {@code etl.yaml}, see {@link #defaultFileFor}) or wherever the user says:
 *
 * <pre>{@code
 * {
 *   "format" : "pipetune-checklist-confirmations",
 *   "version" : 1,
 *   "confirmations" : [ {
 *     "item" : "data-quality.input-validation",
 *     "note" : "rows with a null id are filtered (step 'valid'); checked by A. Person",
 *     "date" : "2026-11-26"
 *   } ]
 * }
 * }</pre>
 *
 * <p>Confirmations are kept sorted by item id, so the file diffs well under version control. Confirmations of items
 * no checklist knows are kept as they are. Not thread-safe.
 */
public final class ConfirmationStore {

    /** The value of the file's {@code format} field. */
    public static final String FORMAT = "pipetune-checklist-confirmations";
    /** The version of the file format this class writes. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final TreeMap<String, Confirmation> confirmations = new TreeMap<>();

    /** Creates an empty store. */
    public ConfirmationStore() {
    }

    /**
     * Returns the default file of a pipeline's (or recording's) confirmations: its name without extension plus
     * {@code .checklist.json}, in the same folder.
     *
     * @param file a pipeline file such as {@code jobs/etl.yaml}
     * @return e.g. {@code jobs/etl.checklist.json}
     */
    public static Path defaultFileFor(Path file) {
        String name = requireNonNull(file, "file").getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return file.resolveSibling(stem + ".checklist.json");
    }

    /**
     * Reads a store; a file that does not exist is an empty store.
     *
     * @param file the JSON file
     * @return the store
     * @throws IOException when the file cannot be read, or is not a confirmations file (the message names the file and
     *     the field)
     */
    public static ConfirmationStore read(Path file) throws IOException {
        requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException absent) {
            return new ConfirmationStore();
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException syntax) {
            throw new IOException(file + ": not valid JSON: " + syntax.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + ": format: expected \"" + FORMAT + "\"");
        }
        if (!root.path("version").isInt() || root.path("version").asInt() > VERSION) {
            throw new IOException(file + ": version: expected at most " + VERSION + ", got " + root.path("version"));
        }
        JsonNode list = root.path("confirmations");
        if (!list.isArray()) {
            throw new IOException(file + ": confirmations: expected a list");
        }
        ConfirmationStore store = new ConfirmationStore();
        for (int index = 0; index < list.size(); index++) {
            JsonNode entry = list.get(index);
            String place = file + ": confirmations[" + index + "]";
            String item = text(entry, "item", place);
            String note = text(entry, "note", place);
            String date = text(entry, "date", place);
            try {
                store.confirm(new Confirmation(item, note, LocalDate.parse(date)));
            } catch (DateTimeParseException badDate) {
                throw new IOException(place + ".date: expected a date like 2026-11-26, got '" + date + "'");
            } catch (IllegalArgumentException invalid) {
                throw new IOException(place + ": " + invalid.getMessage());
            }
        }
        return store;
    }

    /**
     * Writes the store, atomically: to a temporary file in the same folder, then renamed over the file.
     *
     * @param file the JSON file
     * @throws IOException when it cannot be written
     */
    public void write(Path file) throws IOException {
        requireNonNull(file, "file");
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode list = root.putArray("confirmations");
        for (Confirmation confirmation : confirmations.values()) {
            ObjectNode entry = list.addObject();
            entry.put("item", confirmation.itemId());
            entry.put("note", confirmation.note());
            entry.put("date", confirmation.date().toString());
        }
        AtomicFile.writeString(file, JSON.writeValueAsString(root) + "\n");
    }

    /**
     * Adds a confirmation, replacing an earlier one of the same item.
     *
     * @param confirmation the confirmation
     */
    public void confirm(Confirmation confirmation) {
        requireNonNull(confirmation, "confirmation");
        confirmations.put(confirmation.itemId(), confirmation);
    }

    /**
     * Removes an item's confirmation.
     *
     * @param itemId the item
     * @return whether there was one
     */
    public boolean revoke(String itemId) {
        return confirmations.remove(requireNonNull(itemId, "itemId")) != null;
    }

    /**
     * Finds an item's confirmation.
     *
     * @param itemId the item
     * @return its confirmation, if confirmed
     */
    public Optional<Confirmation> find(String itemId) {
        return Optional.ofNullable(confirmations.get(requireNonNull(itemId, "itemId")));
    }

    /**
     * Returns every confirmation, ordered by item id.
     *
     * @return the confirmations
     */
    public Collection<Confirmation> all() {
        return java.util.List.copyOf(confirmations.values());
    }

    private static String text(JsonNode entry, String field, String place) throws IOException {
        JsonNode value = entry.path(field);
        if (!value.isTextual()) {
            throw new IOException(place + "." + field + ": expected a string");
        }
        return value.asText();
    }
}

package dev.pipetune.app.editor;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pipetune.engine.io.AtomicFile;
import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.Pipeline;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineOverride;
import dev.pipetune.engine.pipeline.PipelineProblem;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.engine.pipeline.StepKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The state of the pipeline editor, without controls: the document's text (YAML or JSON), the steps read from it as
 * cards, the selected step, the engine's validation problems filed under steps and options, the undo history, and
 * the file it came from.
 *
 * <p>The text is the document: every edit, whether typed into the text or made on a card, produces a new text, and
 * the cards are read back from it. While the text does not parse, {@link #syntaxErrorProperty()} says why and the
 * cards keep the last state that parsed; an edit made on a card then starts from that state. Card edits change the
 * text in place where they can, keeping comments and layout; where they cannot (JSON structure, unusual layouts, text
 * that does not parse) the text is rewritten from the tree, which keeps only the comment lines at the top.
 *
 * <p>Every edit can be undone and redone; consecutive edits of the text coalesce into one undo step. Files are read
 * and written through {@link EditorTasks}, never on the calling thread; saving is atomic. Not thread-safe: use it from
 * the UI thread only.
 */
public final class PipelineEditorViewModel {

    private static final String UNTITLED = "pipeline";
    private static final String TEXT_EDIT = "Edit text";
    private static final ObjectMapper VALUES = new ObjectMapper();

    private final EditorTasks tasks;
    private final PipelineReader reader = new PipelineReader();
    private final Deque<Edit> undoStack = new ArrayDeque<>();
    private final Deque<Edit> redoStack = new ArrayDeque<>();

    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyObjectWrapper<PipelineFormat> format =
            new ReadOnlyObjectWrapper<>(this, "format", PipelineFormat.YAML);
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ObservableList<StepCard> steps = FXCollections.observableArrayList();
    private final ObservableList<PipelineProblem> problems = FXCollections.observableArrayList();
    private final ObservableList<OptionValue> settings = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper selectedIndex = new ReadOnlyIntegerWrapper(this, "selectedIndex", -1);
    private final ReadOnlyObjectWrapper<StepCard> selectedStep = new ReadOnlyObjectWrapper<>(this, "selectedStep");
    private final ReadOnlyStringWrapper syntaxError = new ReadOnlyStringWrapper(this, "syntaxError", "");
    private final ReadOnlyObjectWrapper<Pipeline> pipeline = new ReadOnlyObjectWrapper<>(this, "pipeline");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper(this, "undoLabel", "");
    private final ReadOnlyStringWrapper redoLabel = new ReadOnlyStringWrapper(this, "redoLabel", "");

    private JsonNode tree = JsonNodeFactory.instance.objectNode();
    private String savedText = "";

    /** One undoable change: the document before and after. */
    private record Edit(String label, Snapshot before, Snapshot after) {
    }

    /** The whole document at one moment. */
    private record Snapshot(String text, PipelineFormat format, int selected) {
    }

    /**
     * Creates an editor holding an empty document.
     *
     * @param tasks runs file I/O off the UI thread
     */
    public PipelineEditorViewModel(EditorTasks tasks) {
        this.tasks = requireNonNull(tasks, "tasks");
        load("pipeline:\n  - read_parquet:\n      paths: data\n", PipelineFormat.YAML, null);
    }

    // ---- state -------------------------------------------------------------------------------------------------

    /** The document's text, in {@link #formatProperty()}'s syntax. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Returns the document's text. */
    public String text() {
        return text.get();
    }

    /** The document's syntax: YAML, or JSON for {@code .json} files. */
    public ReadOnlyObjectProperty<PipelineFormat> formatProperty() {
        return format.getReadOnlyProperty();
    }

    /** The file the document was opened from or last saved to; {@code null} for a new document. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** The steps, in order, as of the last text that parsed. Read-only. */
    public ObservableList<StepCard> steps() {
        return FXCollections.unmodifiableObservableList(steps);
    }

    /**
     * The pipeline's own settings ({@code name}, {@code description}, every {@code context} key, named by dotted
     * paths such as {@code context.eager_free}) with their problems, as of the last text that parsed. Read-only.
     */
    public ObservableList<OptionValue> settings() {
        return FXCollections.unmodifiableObservableList(settings);
    }

    /** Every problem the engine finds in the document (or the syntax error), in file order. Read-only. */
    public ObservableList<PipelineProblem> problems() {
        return FXCollections.unmodifiableObservableList(problems);
    }

    /** The index of the selected step, or -1 when none is. */
    public ReadOnlyIntegerProperty selectedIndexProperty() {
        return selectedIndex.getReadOnlyProperty();
    }

    /** The selected step's card, or {@code null}. */
    public ReadOnlyObjectProperty<StepCard> selectedStepProperty() {
        return selectedStep.getReadOnlyProperty();
    }

    /** Why the text does not parse (with line and column), or empty when it does. */
    public ReadOnlyStringProperty syntaxErrorProperty() {
        return syntaxError.getReadOnlyProperty();
    }

    /** The pipeline the document describes, or {@code null} while it has errors. */
    public ReadOnlyObjectProperty<Pipeline> pipelineProperty() {
        return pipeline.getReadOnlyProperty();
    }

    /** Whether the text differs from what was last opened or saved. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** Whether a file is being read or written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The outcome of the last open or save, for a status line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The label of the edit {@link #undo()} would undo, or empty when there is none. */
    public ReadOnlyStringProperty undoLabelProperty() {
        return undoLabel.getReadOnlyProperty();
    }

    /** The label of the edit {@link #redo()} would redo, or empty when there is none. */
    public ReadOnlyStringProperty redoLabelProperty() {
        return redoLabel.getReadOnlyProperty();
    }

    /** Returns whether there is an edit to undo. */
    public boolean canUndo() {
        return !undoStack.isEmpty();
    }

    /** Returns whether there is an undone edit to redo. */
    public boolean canRedo() {
        return !redoStack.isEmpty();
    }

    // ---- loading, selection ------------------------------------------------------------------------------------

    /**
     * Replaces the document, forgetting the undo history; the document counts as saved.
     *
     * @param content the file's text
     * @param syntax its syntax
     * @param source the file it came from, or {@code null} for a new document
     */
    public void load(String content, PipelineFormat syntax, Path source) {
        requireNonNull(content, "content");
        requireNonNull(syntax, "syntax");
        undoStack.clear();
        redoStack.clear();
        file.set(source);
        savedText = content;
        apply(new Snapshot(content, syntax, -1));
        select(steps.isEmpty() ? -1 : 0);
    }

    /**
     * Selects a step.
     *
     * @param index the step's index, or -1 for none
     * @throws IndexOutOfBoundsException if there is no such step
     */
    public void select(int index) {
        if (index < -1 || index >= steps.size()) {
            throw new IndexOutOfBoundsException("no step " + index + " among " + steps.size());
        }
        selectedIndex.set(index);
        selectedStep.set(index < 0 ? null : steps.get(index));
    }

    // ---- edits -------------------------------------------------------------------------------------------------

    /**
     * Replaces the text, as typed by the user; the cards follow if it parses. Consecutive text edits undo together.
     *
     * @param newText the whole new text
     */
    public void editText(String newText) {
        requireNonNull(newText, "newText");
        if (newText.equals(text.get())) {
            return;
        }
        Snapshot after = new Snapshot(newText, format.get(), selectedIndex.get());
        Edit top = undoStack.peek();
        if (top != null && top.label().equals(TEXT_EDIT) && redoStack.isEmpty()) {
            undoStack.pop();
            record(new Edit(TEXT_EDIT, top.before(), after));
        } else {
            record(new Edit(TEXT_EDIT, current(), after));
        }
        apply(after);
    }

    /**
     * Sets one option of a step to a value.
     *
     * @param step the step's index
     * @param key the option key, such as {@code batch_size}
     * @param value a number, boolean, string, list or map of those; {@code null} removes the key
     */
    public void setOption(int step, String key, Object value) {
        requireNonNull(key, "key");
        setOptionNode(step, key, value == null ? Optional.empty() : Optional.of(VALUES.valueToTree(value)));
    }

    /**
     * Sets one option of a step from text typed into its editor: text options take it literally, other types read
     * it as a YAML flow value ({@code 1000}, {@code [2, 8]}, {@code null}, {@code {a: 1}}); empty text removes the
     * key. A value of the wrong type is kept and reported by validation.
     *
     * @param step the step's index
     * @param key the option key
     * @param typed the text
     */
    public void setOptionText(int step, String key, String typed) {
        requireNonNull(key, "key");
        requireNonNull(typed, "typed");
        String trimmed = typed.strip();
        if (trimmed.isEmpty()) {
            setOptionNode(step, key, Optional.empty());
            return;
        }
        checkStep(step);
        OptionType type = steps.get(step).option(key).map(option -> option.spec().type()).orElse(OptionType.TEXT);
        setOptionNode(step, key, Optional.of(typedValue(type, trimmed)));
    }

    /**
     * Sets one of the pipeline's settings from typed text, as {@link #setOptionText} does for step options; empty
     * text removes it.
     *
     * @param path a setting's dotted path from {@link #settings()}, such as {@code context.target_max_block_size}
     * @param typed the text
     */
    public void setSettingText(String path, String typed) {
        requireNonNull(path, "path");
        requireNonNull(typed, "typed");
        OptionSpec spec = OptionCatalog.settings().stream().filter(setting -> setting.key().equals(path))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no pipeline setting '" + path + "'"));
        Optional<JsonNode> value = typed.isBlank() ? Optional.empty() : Optional.of(typedValue(spec.type(), typed));
        List<String> keys = List.of(path.split("\\."));
        List<String> parents = keys.subList(0, keys.size() - 1);
        String key = keys.getLast();
        JsonNode edited = tree.isObject() ? tree.deepCopy() : JsonNodeFactory.instance.objectNode();
        ObjectNode mapping = (ObjectNode) edited;
        for (String parent : parents) {
            mapping = mapping.get(parent) instanceof ObjectNode child ? child : mapping.putObject(parent);
        }
        JsonNode old = mapping.get(key);
        if (value.isEmpty() ? old == null : old != null && DocumentText.sameTree(old, value.get())) {
            return;
        }
        if (value.isPresent()) {
            mapping.set(key, value.get());
        } else {
            mapping.remove(key);
        }
        int existing = 0;
        for (JsonNode node = tree; existing < parents.size() && node.get(parents.get(existing)) instanceof ObjectNode;
                existing++) {
            node = node.get(parents.get(existing));
        }
        List<String> patchPath = parents.subList(0, existing);
        String patchKey = keys.get(existing);
        Optional<JsonNode> patchValue = value.isEmpty() ? value
                : Optional.of(edited.at("/" + String.join("/", keys.subList(0, existing + 1))));
        String newText = syntaxError.get().isEmpty()
                ? DocumentText.patchSetting(text.get(), format.get(), patchPath, patchKey, patchValue, edited)
                        .orElseGet(() -> DocumentText.render(edited, format.get(), text.get()))
                : DocumentText.render(edited, format.get(), text.get());
        commit((value.isPresent() ? "Set " : "Remove ") + path, new Snapshot(newText, format.get(), -1));
    }

    /**
     * Sets an option nested inside a step's mapping option, such as {@code fn_kwargs.threshold}, from typed text read
     * as a YAML flow value; the mappings on the way are created when missing, and empty text removes the key. One key
     * is {@link #setOptionText}.
     *
     * @param step the step's index
     * @param keys the option's key and the nested keys, outermost first
     * @param typed the text
     * @throws IllegalArgumentException when a key on the way holds a value that is not a mapping
     */
    public void setNestedOptionText(int step, List<String> keys, String typed) {
        requireNonNull(keys, "keys");
        requireNonNull(typed, "typed");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no option key");
        }
        if (keys.size() == 1) {
            setOptionText(step, keys.getFirst(), typed);
            return;
        }
        checkStep(step);
        JsonNode edited = tree.deepCopy();
        ObjectNode options = optionsOf(edited, step);
        JsonNode existing = options.get(keys.getFirst());
        if (existing != null && !existing.isObject()) {
            throw new IllegalArgumentException("option " + keys.getFirst() + " of step " + step + " is not a mapping");
        }
        ObjectNode outer = existing == null ? options.putObject(keys.getFirst()) : (ObjectNode) existing;
        ObjectNode mapping = outer;
        for (String key : keys.subList(1, keys.size() - 1)) {
            JsonNode child = mapping.get(key);
            if (child != null && !child.isObject()) {
                throw new IllegalArgumentException("option " + String.join(".", keys) + " of step " + step
                        + " crosses " + key + ", which is not a mapping");
            }
            mapping = child == null ? mapping.putObject(key) : (ObjectNode) child;
        }
        Optional<JsonNode> value = typed.isBlank() ? Optional.empty()
                : Optional.of(typedValue(OptionType.NUMBER, typed));
        if (value.isPresent()) {
            mapping.set(keys.getLast(), value.get());
        } else {
            mapping.remove(keys.getLast());
        }
        if (outer.isEmpty()) {
            options.remove(keys.getFirst());
        }
        if (DocumentText.sameTree(edited, tree)) {
            return;
        }
        Optional<String> patched = syntaxError.get().isEmpty()
                ? DocumentText.patchNestedOption(text.get(), format.get(), step, keys.subList(0, keys.size() - 1),
                        keys.getLast(), value, edited)
                : Optional.empty();
        if (patched.isPresent()) {
            commit((value.isPresent() ? "Set " : "Remove ") + String.join(".", keys),
                    new Snapshot(patched.get(), format.get(), step));
        } else {
            setOptionNode(step, keys.getFirst(), outer.isEmpty() ? Optional.empty() : Optional.of(outer));
        }
    }

    /**
     * Makes the edits that an action performs one undo step: {@link #undo()} then reverts them all at once. When an
     * edit throws, the edits made before it are reverted too, so the document and its undo history are as they were.
     *
     * @param label the undo step's label, e.g. {@code Apply fix small-batches}
     * @param edits calls to this editor's editing methods
     * @return whether the document changed
     */
    public boolean editTogether(String label, Runnable edits) {
        requireNonNull(label, "label");
        requireNonNull(edits, "edits");
        int depth = undoStack.size();
        Snapshot before = current();
        List<Edit> redoBefore = List.copyOf(redoStack);
        try {
            edits.run();
        } catch (RuntimeException failed) {
            if (undoStack.size() > depth) {
                while (undoStack.size() > depth) {
                    undoStack.pop();
                }
                redoStack.clear();
                redoBefore.reversed().forEach(redoStack::push);
                apply(before);
                updateHistoryLabels();
            }
            throw failed;
        }
        if (undoStack.size() <= depth) {
            return false;
        }
        while (undoStack.size() > depth) {
            undoStack.pop();
        }
        record(new Edit(label, before, current()));
        return true;
    }

    /**
     * Applies a {@code --set} override to the document: {@code context.KEY=VALUE} sets a pipeline setting,
     * {@code STEP.KEY=VALUE} and {@code STEP.KEY.NESTED=VALUE} set a step's option, the step named by its name or its
     * 0-based index; each is one undoable edit (use {@link #editTogether} for several).
     *
     * @param override the override
     * @throws IllegalArgumentException naming the override and why it cannot be applied (an unknown setting or step,
     *     a key that crosses a value that is not a mapping)
     */
    public void applyOverride(PipelineOverride override) {
        requireNonNull(override, "override");
        try {
            if (override.target().equals(PipelineOverride.CONTEXT)) {
                String path = PipelineOverride.CONTEXT + "." + String.join(".", override.keys());
                if (settings.stream().noneMatch(setting -> setting.spec().key().equals(path))) {
                    throw new IllegalArgumentException("the editor has no setting " + path);
                }
                setSettingText(path, override.value());
                return;
            }
            setNestedOptionText(stepIndex(override.target()), override.keys(), override.value());
        } catch (IllegalArgumentException cannot) {
            throw new IllegalArgumentException(override + ": " + cannot.getMessage(), cannot);
        }
    }

    /** The index of the step with this name, or of this 0-based index. */
    private int stepIndex(String target) {
        for (StepCard step : steps) {
            if (target.equals(step.name())) {
                return step.index();
            }
        }
        try {
            int index = Integer.parseInt(target);
            if (index >= 0 && index < steps.size()) {
                return index;
            }
        } catch (NumberFormatException notIndex) {
            // Neither a name nor an index: said below.
        }
        throw new IllegalArgumentException("the pipeline has no step '" + target + "'");
    }

    private static JsonNode typedValue(OptionType type, String typed) {
        String trimmed = typed.strip();
        return type == OptionType.TEXT
                ? TextNode.valueOf(trimmed)
                : DocumentText.parse("value: " + trimmed, PipelineFormat.YAML)
                        .map(parsed -> parsed.get("value"))
                        .orElse(TextNode.valueOf(trimmed));
    }

    private void setOptionNode(int step, String key, Optional<JsonNode> value) {
        checkStep(step);
        JsonNode edited = tree.deepCopy();
        ObjectNode options = optionsOf(edited, step);
        JsonNode old = options.get(key);
        if (value.isEmpty() ? old == null : old != null && DocumentText.sameTree(old, value.get())) {
            return;
        }
        if (value.isPresent()) {
            options.set(key, value.get());
        } else {
            options.remove(key);
        }
        String label = value.isPresent() ? "Set " + key : "Remove " + key;
        String newText = syntaxError.get().isEmpty()
                ? DocumentText.patchOption(text.get(), format.get(), step, key, value, edited)
                        .orElseGet(() -> DocumentText.render(edited, format.get(), text.get()))
                : DocumentText.render(edited, format.get(), text.get());
        commit(label, new Snapshot(newText, format.get(), step));
    }

    /**
     * Adds a step with only a name (its required options are then reported missing).
     *
     * @param kind the step kind
     * @param position where it goes, 0 to the number of steps
     */
    public void addStep(StepKind kind, int position) {
        requireNonNull(kind, "kind");
        if (position < 0 || position > steps.size()) {
            throw new IndexOutOfBoundsException("cannot add a step at " + position + " among " + steps.size());
        }
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        options.put(StepKind.NAME_KEY, unusedName(tree.path("pipeline"), kind.fileName()));
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.set(kind.fileName(), options);
        editSteps("Add " + kind.fileName(), position, list -> list.insert(position, entry.deepCopy()),
                (items, indent) -> items.add(position, DocumentText.stepLines(indent, entry)));
    }

    /**
     * Removes a step.
     *
     * @param index the step's index
     */
    public void removeStep(int index) {
        checkStep(index);
        String label = "Remove " + steps.get(index).kindName();
        editSteps(label, Math.min(index, steps.size() - 2), list -> list.remove(index),
                (items, indent) -> items.remove(index));
    }

    /**
     * Moves a step to another place; the steps between shift by one.
     *
     * @param from the step's index
     * @param to its new index
     */
    public void moveStep(int from, int to) {
        checkStep(from);
        checkStep(to);
        if (from == to) {
            return;
        }
        editSteps("Move " + steps.get(from).kindName(), to, list -> list.insert(to, list.remove(from)),
                (items, indent) -> items.add(to, items.remove(from)));
    }

    /** Moves the selected step one place earlier, if it can move. */
    public void moveSelectedUp() {
        int index = selectedIndex.get();
        if (index > 0) {
            moveStep(index, index - 1);
        }
    }

    /** Moves the selected step one place later, if it can move. */
    public void moveSelectedDown() {
        int index = selectedIndex.get();
        if (index >= 0 && index < steps.size() - 1) {
            moveStep(index, index + 1);
        }
    }

    /** Undoes the last edit, if any. */
    public void undo() {
        Edit edit = undoStack.poll();
        if (edit != null) {
            redoStack.push(edit);
            apply(edit.before());
            updateHistoryLabels();
        }
    }

    /** Redoes the last undone edit, if any. */
    public void redo() {
        Edit edit = redoStack.poll();
        if (edit != null) {
            undoStack.push(edit);
            apply(edit.after());
            updateHistoryLabels();
        }
    }

    // ---- files -------------------------------------------------------------------------------------------------

    /**
     * Opens a file in the background; on success it replaces the document (see {@link #load}), on failure
     * {@link #statusProperty()} says why and the document stays.
     *
     * @param path a {@code .yaml}, {@code .yml} or {@code .json} pipeline file
     */
    public void open(Path path) {
        requireNonNull(path, "path");
        busy.set(true);
        status.set("Opening " + path.getFileName() + "…");
        tasks.run(() -> Files.readString(path), content -> {
            busy.set(false);
            load(content, PipelineFormat.of(path), path);
            status.set("Opened " + path);
        }, failure -> {
            busy.set(false);
            status.set("Could not open " + path + ": " + describe(failure));
        });
    }

    /**
     * Saves to the current file.
     *
     * @throws IllegalStateException if the document has no file yet (use {@link #saveAs})
     */
    public void save() {
        Path target = file.get();
        if (target == null) {
            throw new IllegalStateException("the document has no file yet; choose one with saveAs");
        }
        saveAs(target);
    }

    /**
     * Saves to a file, atomically and in the background. A target of the other syntax (JSON for a YAML document or
     * the reverse) converts the document first, as an undoable edit; that needs text that parses.
     *
     * @param target the file to write
     */
    public void saveAs(Path target) {
        requireNonNull(target, "target");
        PipelineFormat targetFormat = PipelineFormat.of(target);
        if (targetFormat != format.get()) {
            if (!syntaxError.get().isEmpty()) {
                status.set("Cannot convert to " + targetFormat + " while the text has a syntax error");
                return;
            }
            commit("Convert to " + targetFormat,
                    new Snapshot(DocumentText.render(tree, targetFormat, text.get()), targetFormat,
                            selectedIndex.get()));
        }
        String content = text.get();
        busy.set(true);
        status.set("Saving " + target.getFileName() + "…");
        tasks.run(() -> {
            AtomicFile.writeString(target, content);
            return target;
        }, written -> {
            busy.set(false);
            file.set(written);
            savedText = content;
            dirty.set(!text.get().equals(savedText));
            status.set("Saved " + written);
        }, failure -> {
            busy.set(false);
            status.set("Could not save " + target + ": " + describe(failure));
        });
    }

    // ---- internals ---------------------------------------------------------------------------------------------

    private Snapshot current() {
        return new Snapshot(text.get(), format.get(), selectedIndex.get());
    }

    private void commit(String label, Snapshot after) {
        record(new Edit(label, current(), after));
        apply(after);
    }

    private void record(Edit edit) {
        undoStack.push(edit);
        redoStack.clear();
        updateHistoryLabels();
    }

    private void updateHistoryLabels() {
        undoLabel.set(undoStack.isEmpty() ? "" : undoStack.peek().label());
        redoLabel.set(redoStack.isEmpty() ? "" : redoStack.peek().label());
    }

    private void editSteps(String label, int selectAfter, Consumer<ArrayNode> treeChange,
            DocumentText.StepTextEdit textChange) {
        JsonNode edited = tree.isObject() ? tree.deepCopy() : JsonNodeFactory.instance.objectNode();
        JsonNode list = edited.get("pipeline");
        ArrayNode stepList = list instanceof ArrayNode array ? array : ((ObjectNode) edited).putArray("pipeline");
        treeChange.accept(stepList);
        String newText = syntaxError.get().isEmpty()
                ? DocumentText.patchSteps(text.get(), format.get(), textChange, edited)
                        .orElseGet(() -> DocumentText.render(edited, format.get(), text.get()))
                : DocumentText.render(edited, format.get(), text.get());
        commit(label, new Snapshot(newText, format.get(), selectAfter));
    }

    /** Shows a snapshot: text, cards, problems, selection, dirty flag. */
    private void apply(Snapshot snapshot) {
        format.set(snapshot.format());
        text.set(snapshot.text());
        dirty.set(!snapshot.text().equals(savedText));
        String source = file.get() == null ? UNTITLED : file.get().toString();
        List<PipelineProblem> found;
        try {
            JsonNode parsed = reader.parseTree(snapshot.text(), snapshot.format(), source);
            tree = parsed;
            syntaxError.set("");
            found = validate(parsed.deepCopy(), source);
        } catch (InvalidPipelineException syntax) {
            syntaxError.set(syntax.problems().getFirst().toString());
            pipeline.set(null);
            found = syntax.problems();
        }
        List<PipelineProblem> located = syntaxError.get().isEmpty() ? found : List.of();
        steps.setAll(StepCards.of(tree, located));
        settings.setAll(StepCards.settings(tree, located));
        problems.setAll(found);
        clampSelection(snapshot.selected());
    }

    private List<PipelineProblem> validate(JsonNode parsed, String source) {
        try {
            pipeline.set(reader.bind(parsed, List.of(), source, defaultName()));
            return List.of();
        } catch (InvalidPipelineException invalid) {
            pipeline.set(null);
            return invalid.problems();
        }
    }

    private void clampSelection(int wanted) {
        select(steps.isEmpty() ? -1 : Math.max(-1, Math.min(wanted, steps.size() - 1)));
    }

    private String defaultName() {
        Path source = file.get();
        if (source == null || source.getFileName() == null) {
            return UNTITLED;
        }
        String name = source.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private void checkStep(int index) {
        if (index < 0 || index >= steps.size()) {
            throw new IndexOutOfBoundsException("no step " + index + " among " + steps.size());
        }
    }

    private static ObjectNode optionsOf(JsonNode document, int step) {
        JsonNode entry = document.path("pipeline").path(step);
        if (!(entry instanceof ObjectNode object) || object.size() != 1) {
            throw new IllegalArgumentException("pipeline[" + step + "] is not a single step kind mapped to its "
                    + "options; fix it in the text");
        }
        String kind = object.fieldNames().next();
        return object.get(kind) instanceof ObjectNode options ? options : object.putObject(kind);
    }

    private static String unusedName(JsonNode list, String base) {
        List<String> used = new java.util.ArrayList<>();
        list.forEach(entry -> entry.properties().forEach(kind ->
                used.add(kind.getValue().path(StepKind.NAME_KEY).asText(""))));
        String name = base;
        for (int suffix = 2; used.contains(name); suffix++) {
            name = base + "_" + suffix;
        }
        return name;
    }

    private static String describe(Exception failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}

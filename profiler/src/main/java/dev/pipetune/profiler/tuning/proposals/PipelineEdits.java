package dev.pipetune.profiler.tuning.proposals;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipetune.engine.pipeline.InvalidPipelineException;
import dev.pipetune.engine.pipeline.PipelineFormat;
import dev.pipetune.engine.pipeline.PipelineReader;
import dev.pipetune.profiler.tuning.TunedPipelines;

/**
 * Edits of one pipeline file's text, as the proposals make them: each parses the text into a tree, changes the tree
 * and prints it again in the file's syntax, and checks that the result is a valid pipeline.
 *
 * @param text the pipeline file's text
 * @param format its syntax
 * @param fileName its name, for messages
 */
record PipelineEdits(String text, PipelineFormat format, String fileName) {

    private static final PipelineReader READER = new PipelineReader();

    /** Rejects nulls. */
    PipelineEdits {
        requireNonNull(text, "text");
        requireNonNull(format, "format");
        requireNonNull(fileName, "fileName");
    }

    /** An edit of a pipeline tree. */
    @FunctionalInterface
    interface TreeEdit {
        /**
         * Changes the tree.
         *
         * @param tree the parsed pipeline file, changed in place
         */
        void apply(JsonNode tree);
    }

    /**
     * Returns the text with an edit made.
     *
     * @param edit the change
     * @return the edited text
     * @throws InvalidPipelineException if the edited pipeline is invalid (unless it holds the
     *     {@link Candidate#CONVERTED} placeholder, which is checked once replaced)
     */
    String edited(TreeEdit edit) throws InvalidPipelineException {
        JsonNode tree = READER.parseTree(text, format, fileName);
        edit.apply(tree);
        String result = TunedPipelines.print(tree, format, "");
        if (!result.contains(Candidate.CONVERTED)) {
            READER.read(result, format, fileName, "pipeline");
        }
        return result;
    }

    /**
     * Returns the pipeline up to and including a step, with nothing after it, so that its rows are collected.
     *
     * @param last the last step kept
     * @return the shortened text
     * @throws InvalidPipelineException if the shortened pipeline is invalid
     */
    String prefix(int last) throws InvalidPipelineException {
        return edited(tree -> truncate(tree, last));
    }

    /** Returns the steps of a pipeline tree. */
    static ArrayNode steps(JsonNode tree) {
        return (ArrayNode) tree.get("pipeline");
    }

    /** Returns the options of a step of a pipeline tree: the mapping under its kind. */
    static ObjectNode stepOptions(JsonNode tree, int index) {
        ObjectNode step = (ObjectNode) steps(tree).get(index);
        return (ObjectNode) step.properties().iterator().next().getValue();
    }

    /** Keeps the steps up to and including {@code last}, so the pipeline's rows are collected. */
    static void truncate(JsonNode tree, int last) {
        ArrayNode steps = steps(tree);
        while (steps.size() > last + 1) {
            steps.remove(steps.size() - 1);
        }
    }

    /**
     * Replaces a step's kind, keeping its options.
     *
     * @param tree the pipeline tree
     * @param index the step
     * @param kind the new kind, e.g. {@code filter}
     * @param newPath for a read: the single path it reads instead; null to keep its paths
     */
    static void renameStep(JsonNode tree, int index, String kind, String newPath) {
        ArrayNode steps = steps(tree);
        ObjectNode options = stepOptions(tree, index).deepCopy();
        if (newPath != null) {
            options.putArray("paths").add(newPath);
        }
        ObjectNode replacement = steps.objectNode();
        replacement.set(kind, options);
        steps.set(index, replacement);
    }
}

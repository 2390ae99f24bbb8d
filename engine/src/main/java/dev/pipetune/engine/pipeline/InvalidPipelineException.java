package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a pipeline file cannot be read into a {@link Pipeline}. It carries every problem found, not just the
 * first, each naming its place in the file.
 */
public final class InvalidPipelineException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final transient List<PipelineProblem> problems;

    /**
     * Creates the exception.
     *
     * @param source the file (or other source) that was read, for messages
     * @param problems the problems, at least one
     */
    public InvalidPipelineException(String source, List<PipelineProblem> problems) {
        super(describe(source, problems));
        this.source = requireNonNull(source, "source");
        this.problems = List.copyOf(problems);
        if (this.problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid pipeline has at least one problem");
        }
    }

    /** Returns the file that was read. */
    public String source() {
        return source;
    }

    /** Returns every problem, errors and warnings, in file order. */
    public List<PipelineProblem> problems() {
        return problems;
    }

    private static String describe(String source, List<PipelineProblem> problems) {
        return source + " is not a valid pipeline file:\n" + problems.stream()
                .map(problem -> "  " + problem)
                .collect(Collectors.joining("\n"));
    }
}

package dev.pipetune.engine.pipeline;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems found while reading one pipeline file, in the order found. */
final class Problems {

    private final List<PipelineProblem> found = new ArrayList<>();

    void error(String location, String message) {
        found.add(new PipelineProblem(PipelineProblem.Severity.ERROR, location, message));
    }

    void warning(String location, String message) {
        found.add(new PipelineProblem(PipelineProblem.Severity.WARNING, location, message));
    }

    boolean hasErrors() {
        return found.stream().anyMatch(problem -> problem.severity() == PipelineProblem.Severity.ERROR);
    }

    /** Returns whether an error was reported at {@code location} or inside it. */
    boolean hasErrorsAt(String location) {
        return found.stream().anyMatch(problem -> problem.severity() == PipelineProblem.Severity.ERROR
                && (problem.location().equals(location) || problem.location().startsWith(location + ".")
                        || problem.location().startsWith(location + "[")));
    }

    List<PipelineProblem> all() {
        return List.copyOf(found);
    }
}

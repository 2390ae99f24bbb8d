package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a path as written in a pipeline file into a file-system path: {@code ${NAME}} is replaced by the environment
 * variable {@code NAME}, a leading {@code ~} by the user's home folder, and a relative path is resolved against the
 * pipeline file's folder.
 *
 * @param baseDirectory the folder of the pipeline file
 * @param environment the environment variables
 * @param homeDirectory the user's home folder
 */
public record PathExpander(Path baseDirectory, Map<String, String> environment, Path homeDirectory) {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** Copies the environment and rejects nulls. */
    public PathExpander {
        requireNonNull(baseDirectory, "baseDirectory");
        environment = Map.copyOf(requireNonNull(environment, "environment"));
        requireNonNull(homeDirectory, "homeDirectory");
    }

    /**
     * Returns an expander for a pipeline file, using this process's environment and home folder.
     *
     * @param pipelineFile the pipeline file whose relative paths are to be resolved
     * @return the expander
     */
    public static PathExpander forFile(Path pipelineFile) {
        Path parent = pipelineFile.toAbsolutePath().getParent();
        return new PathExpander(parent == null ? Path.of("").toAbsolutePath() : parent, System.getenv(),
                Path.of(System.getProperty("user.home")));
    }

    /**
     * Expands one path.
     *
     * @param written the path as written in the file
     * @return the absolute, normalized path
     * @throws IllegalArgumentException if it names an environment variable that is not set
     */
    public Path expand(String written) {
        requireNonNull(written, "written");
        Matcher matcher = VARIABLE.matcher(written);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String value = environment.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("environment variable " + matcher.group(1) + " is not set");
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(expanded);
        String text = expanded.toString();
        Path path;
        if (text.equals("~")) {
            path = homeDirectory;
        } else if (text.startsWith("~/")) {
            path = homeDirectory.resolve(text.substring(2));
        } else {
            path = Path.of(text);
        }
        return baseDirectory.resolve(path).normalize();
    }
}

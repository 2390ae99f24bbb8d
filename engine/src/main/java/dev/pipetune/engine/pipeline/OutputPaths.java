package dev.pipetune.engine.pipeline;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.io.FileListing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Decides, before a run starts, whether a write step may use its output path. A write stages its part files in a
 * temporary folder and, once they are complete, swaps that folder in at the path, replacing what was there. So the
 * path must name a folder that does not exist yet, an empty folder, or a folder of part files an earlier write made;
 * anything else there (a file, a device, a folder of other files, the inputs, the pipeline file's folder or one
 * above it) would be lost, and the write is refused instead. An output inside an input folder is refused too: the
 * next run would read it as input.
 */
public final class OutputPaths {

    /** The names of the files a write makes: {@code part-NNNNN-RUN.EXTENSION}. */
    private static final Pattern PART_FILE = Pattern.compile("part-\\d{5,}-[A-Za-z0-9_-]+\\.(parquet|csv|json|jsonl)");
    private static final int NAMES_SHOWN = 3;

    private OutputPaths() {
    }

    /**
     * Checks a pipeline's write against the file system, with the paths of its first step (those that expand) as its
     * inputs and the expander's base folder as the pipeline file's folder.
     *
     * @param output the write's expanded output path
     * @param pipeline the pipeline
     * @param expander how its paths expand
     * @return why the path cannot be written, or empty when it can
     */
    public static Optional<String> problem(Path output, Pipeline pipeline, PathExpander expander) {
        List<Path> inputs = new ArrayList<>();
        if (pipeline.steps().getFirst() instanceof Step.Read read) {
            for (String path : read.paths()) {
                try {
                    inputs.add(expander.expand(path));
                } catch (IllegalArgumentException unexpandable) {
                    // Reported where the read's paths are checked.
                }
            }
        }
        return problem(output, inputs, expander.baseDirectory());
    }

    /**
     * Checks a write's output path against the file system.
     *
     * @param output the expanded output path
     * @param inputs the expanded paths the run reads: none may be at or under the output path, and the output may
     *     not be inside an input folder, where the next run would read it (unless a folder on the way starts with
     *     {@code .} or {@code _}, which listings skip)
     * @param pipelineFolder the pipeline file's folder, which may not be at or under the output path either
     * @return why the path cannot be written, or empty when it can
     */
    public static Optional<String> problem(Path output, List<Path> inputs, Path pipelineFolder) {
        requireNonNull(output, "output");
        requireNonNull(inputs, "inputs");
        requireNonNull(pipelineFolder, "pipelineFolder");
        Path resolved = canonical(output);
        List<Path> kept = new ArrayList<>(inputs);
        kept.add(pipelineFolder);
        for (Path path : kept) {
            if (canonical(path).startsWith(resolved)) {
                return Optional.of("'" + output + "' holds " + path + ", which the run reads or is defined in; "
                        + "writing there would replace it (choose a folder of its own for the output)");
            }
        }
        for (Path input : inputs) {
            Path folder = canonical(input);
            if (Files.isDirectory(folder) && resolved.startsWith(folder) && !skippedByListings(folder.relativize(
                    resolved))) {
                return Optional.of("'" + output + "' is inside the input folder " + input + ", so the next run would "
                        + "read its own output; choose a folder outside it (or one whose name starts with '_')");
            }
        }
        if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("'" + output + "' exists and is not a folder; a write makes a folder of part files "
                    + "there and replaces only such a folder (choose another path)");
        }
        List<String> foreign = new ArrayList<>();
        try {
            collectForeign(output, "", foreign);
        } catch (IOException unreadable) {
            return Optional.of("cannot list '" + output + "': " + unreadable.getMessage());
        }
        if (foreign.isEmpty()) {
            return Optional.empty();
        }
        foreign.sort(null);
        String shown = String.join(", ", foreign.subList(0, Math.min(NAMES_SHOWN, foreign.size())))
                + (foreign.size() > NAMES_SHOWN ? " and " + (foreign.size() - NAMES_SHOWN) + " more" : "");
        return Optional.of("'" + output + "' holds files that no pipetune write made (" + shown + "); a write "
                + "replaces the whole folder, so choose a new or empty folder, or remove them");
    }

    /**
     * Adds what a write did not make in a folder: anything but part files, and folders named {@code key=value} (a
     * partitioned write's) holding only such things.
     */
    private static void collectForeign(Path folder, String prefix, List<String> foreign) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && PART_FILE.matcher(name).matches()) {
                    continue;
                }
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && name.indexOf('=') > 0) {
                    collectForeign(entry, prefix + name + "/", foreign);
                    continue;
                }
                foreign.add(prefix + (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name));
            }
        }
    }

    /** Whether a folder listing skips this relative path: one of its names is one that listings skip. */
    private static boolean skippedByListings(Path relative) {
        for (Path name : relative) {
            if (FileListing.isSkipped(name.toString())) {
                return true;
            }
        }
        return false;
    }

    /** The path with links resolved as far as it exists, absolute and normalized. */
    private static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException unresolvable) {
            return absolute;
        }
    }
}

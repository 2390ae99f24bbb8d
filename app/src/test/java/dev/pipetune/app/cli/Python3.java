package dev.pipetune.app.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs python3 for the tests that run exported Ray scripts on real Ray, with the reference workloads' folder
 * ({@code shared/workloads}, for {@code anchorlib}) on {@code PYTHONPATH}. Standard error goes to a file in the
 * given folder and is the message when python3 fails.
 *
 * @param folder where standard error is kept
 */
record Python3(Path folder) {

    /** Rejects null. */
    Python3 {
        requireNonNull(folder, "folder");
    }

    /** {@return the last line python3 printed for a short script, or empty when python3 or an import fails} */
    Optional<String> probe(String script) {
        try {
            return Optional.of(run(Map.of(), List.of("-c", script), 60));
        } catch (IOException | InterruptedException | AssertionError unavailable) {
            return Optional.empty();
        }
    }

    /**
     * Runs python3 with arguments.
     *
     * @param environment variables added to this process's
     * @param arguments python3's arguments, e.g. {@code -c SCRIPT ARG...} or {@code FILE.py ARG...}
     * @param timeoutSeconds how long it may take
     * @return the last line of standard output
     * @throws AssertionError if python3 exits with an error or times out; the message holds its standard error
     */
    String run(Map<String, String> environment, List<String> arguments, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.environment().put("PYTHONPATH", workloads().toString());
        Path errors = Files.createTempFile(folder, "python", ".err");
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("python3 timed out: " + Files.readString(errors));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("python3 failed (" + process.exitValue() + "): " + Files.readString(errors));
        }
        String text = new String(output, StandardCharsets.UTF_8);
        return text.lines().reduce((first, second) -> second).orElse("");
    }

    /** {@return the reference workloads' folder beside the repository, from the build's property} */
    static Path workloads() {
        return Path.of(System.getProperty("pipetune.shared", "../../shared")).toAbsolutePath().normalize()
                .resolve("workloads");
    }
}

package dev.pipetune.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs python3 scripts for tests that compare against pyarrow or the workloads' reference code. */
public final class Python {

    private static final long TIMEOUT_SECONDS = 300;

    private Python() {
    }

    /** Returns whether python3 runs and can import every module. */
    public static boolean hasModules(String... modules) {
        StringBuilder script = new StringBuilder("import sys\n");
        for (String module : modules) {
            script.append("import ").append(module).append('\n');
        }
        try {
            run(script.toString());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Returns the shared folder beside the repository (workloads, reference code), from the build's property. */
    public static Path shared() {
        return Path.of(System.getProperty("pipetune.shared", "../../shared")).toAbsolutePath().normalize();
    }

    /** Returns the workloads folder, where anchorlib.py and gen_data.py are. */
    public static Path workloads() {
        return shared().resolve("workloads");
    }

    /**
     * Runs a script with arguments and returns its standard output.
     *
     * @throws IOException if python3 cannot start or exits with an error (the message holds its stderr)
     */
    public static String run(String script, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PYTHONPATH", workloads().toString());
        Path errors = Files.createTempFile("python", ".err");
        builder.redirectError(errors.toFile());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("python3 timed out");
            }
            if (process.exitValue() != 0) {
                throw new IOException("python3 failed (" + process.exitValue() + "): " + Files.readString(errors));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}

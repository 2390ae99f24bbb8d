package dev.pipetune.engine.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs python3 scripts for the tests that check files with pyarrow. */
final class Python {

    private Python() {
    }

    static boolean pyarrowAvailable() {
        try {
            return run("import pyarrow").isEmpty();
        } catch (IOException | InterruptedException | AssertionError e) {
            return false;
        }
    }

    static List<String> run(String script, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("python3 timed out");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("python3 exited with " + process.exitValue() + ": " + text);
        }
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}

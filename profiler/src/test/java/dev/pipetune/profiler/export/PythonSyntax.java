package dev.pipetune.profiler.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Checks generated Python source with python3's own parser. */
final class PythonSyntax {

    private static final String CHECK = "import ast, sys\n"
            + "try:\n    ast.parse(sys.stdin.read())\nexcept SyntaxError as e:\n    print(f'{e.lineno}: {e.msg}')\n";

    private PythonSyntax() {
    }

    static boolean available() {
        try {
            return problems("x = 1\n").isEmpty();
        } catch (IOException | InterruptedException | AssertionError unavailable) {
            return false;
        }
    }

    /** Returns python3's syntax error for the source ({@code LINE: MESSAGE}), or an empty string. */
    static String problems(String source) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("python3", "-c", CHECK).redirectErrorStream(true).start();
        try (OutputStream input = process.getOutputStream()) {
            input.write(source.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("python3 failed: " + output);
        }
        return output.strip();
    }
}

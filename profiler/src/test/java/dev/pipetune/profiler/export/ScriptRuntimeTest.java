package dev.pipetune.profiler.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipetune.engine.inference.ForwardPasses;
import dev.pipetune.engine.pipeline.PathExpander;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python helpers every exported script carries, run in python3 without Ray: {@code resolve} finds the same files
 * as pipetune's {@link PathExpander}, {@code write_replacing} replaces an output only when the write succeeds, and
 * the embedding class plans the forward passes {@link ForwardPasses} plans.
 */
class ScriptRuntimeTest {

    @TempDir
    Path folder;

    @Test
    void resolveFollowsPipetunesPathRules() throws Exception {
        assumeTrue(PythonSyntax.available(), "python3");
        Path home = Path.of(System.getProperty("user.home"));
        PathExpander pipetune = new PathExpander(folder, Map.of("DATA", "/srv/data", "REL", "rel/dir"), home);
        List<String> written = List.of("data/events", "../shared/x.parquet", "/abs/file.csv", "${DATA}/docs",
                "${REL}/y", "~", "~/inputs/a", "./a/../b", "~other/z");
        String output = python(runtime("paths.py") + """
                import sys
                BASE_DIR = sys.argv[1]
                for written in sys.argv[2:]:
                    print(resolve(written))
                """, Map.of("DATA", "/srv/data", "REL", "rel/dir"), folder.toString(), written);
        List<String> expected = written.stream().map(path -> pipetune.expand(path).toString()).toList();
        assertThat(output.lines().toList()).isEqualTo(expected);
    }

    @Test
    void aMissingEnvironmentVariableStopsTheScriptNamingIt() throws Exception {
        assumeTrue(PythonSyntax.available(), "python3");
        String output = python(runtime("paths.py") + """
                BASE_DIR = "/"
                try:
                    resolve("${PIPETUNE_SURELY_UNSET}/x")
                except SystemExit as stop:
                    print(stop)
                """, Map.of(), "", List.of());
        assertThat(output).isEqualTo(
                "${PIPETUNE_SURELY_UNSET}/x: environment variable PIPETUNE_SURELY_UNSET is not set");
    }

    @Test
    void aFailedWriteKeepsTheOldOutputAndLeavesNothingBehind() throws Exception {
        assumeTrue(PythonSyntax.available(), "python3");
        Path output = folder.resolve("out");
        Files.createDirectories(output);
        Files.writeString(output.resolve("old.parquet"), "old");
        String printed = python(runtime("outputs.py") + """
                import os, shutil, sys, uuid
                target = sys.argv[1]
                def failing(path, **options):
                    os.makedirs(path)
                    open(os.path.join(path, "part.parquet"), "w").write("partial")
                    raise RuntimeError("disk full")
                def working(path, compression):
                    os.makedirs(path)
                    open(os.path.join(path, "new.parquet"), "w").write(compression)
                try:
                    write_replacing(target, failing, compression="snappy")
                except RuntimeError as failure:
                    print("failed:", failure, sorted(os.listdir(os.path.dirname(target))), os.listdir(target))
                write_replacing(target, working, compression="zstd")
                print("replaced:", sorted(os.listdir(os.path.dirname(target))), os.listdir(target))
                """, Map.of(), output.toString(), List.of());
        assertThat(printed.lines().toList()).containsExactly("failed: disk full ['out'] ['old.parquet']",
                "replaced: ['out'] ['new.parquet']");
        assertThat(Files.readString(output.resolve("new.parquet"))).isEqualTo("zstd");
    }

    @Test
    void theExportedEmbeddingPlansTheForwardPassesPipetunePlans() throws Exception {
        assumeTrue(PythonSyntax.available(), "python3");
        Path template = folder.resolve("sentence_embedding.py");
        Files.writeString(template, runtime("sentence_embedding.py"));
        Random random = new Random(11);
        List<String> cases = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int trial = 0; trial < 40; trial++) {
            int rows = trial == 0 ? 0 : 1 + random.nextInt(trial < 30 ? 40 : 600);
            int[] lengths = random.ints(rows, 3, 257).sorted().toArray();
            cases.add(Arrays.stream(lengths).mapToObj(Integer::toString).collect(Collectors.joining(",")));
            expected.add(Arrays.toString(ForwardPasses.plan(lengths, rows, ForwardPasses.CPU_OVERHEAD_TOKENS)));
        }
        String output = python("""
                import ast, sys
                tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
                node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "_forward_passes")
                exec(compile(ast.Module(body=[node], type_ignores=[]), sys.argv[1], "exec"))
                for case in sys.argv[2:]:
                    print(_forward_passes([int(x) for x in case.split(",") if x]))
                """, Map.of(), template.toString(), cases);
        assertThat(output.lines().toList()).isEqualTo(expected);
    }

    private static String runtime(String part) throws Exception {
        try (InputStream input = RayScriptGenerator.class.getResourceAsStream(part)) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8) + "\n";
        }
    }

    private static String python(String script, Map<String, String> environment, String first, List<String> rest)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", "-c", "import os, re\n" + script, first));
        command.addAll(rest);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("python3 failed: " + output);
        }
        return output.strip();
    }
}

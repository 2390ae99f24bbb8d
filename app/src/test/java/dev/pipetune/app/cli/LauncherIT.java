package dev.pipetune.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged command line as a separate process, exactly as the {@code pipetune} launcher does: the app jar,
 * its dependencies in {@code target/lib} and the JVM flags in {@code target/launcher/jvm.args}.
 */
class LauncherIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @Test
    void theJvmFlagsFileCarriesTheSharedArgLine() throws IOException {
        assertThat(Files.readString(TARGET.resolve("launcher/jvm.args")))
                .contains("--add-opens=java.base/java.nio=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                        "--sun-misc-unsafe-memory-access=allow", "-Darrow.allocation.manager.type=Unsafe");
    }

    @Test
    void validatesEveryExample() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("validate"));
        try (var files = Files.list(EXAMPLES)) {
            files.filter(file -> file.toString().matches(".*\\.(ya?ml|json)$")).sorted()
                    .forEach(file -> arguments.add(file.toString()));
        }
        Process process = pipetune(arguments);
        assertThat(process.exitValue()).as(stderr(process)).isZero();
        assertThat(stdout(process)).contains("etl.yaml: valid pipeline 'etl'", "documents.yaml: valid pipeline",
                "batch-inference.yaml: valid pipeline");
    }

    @Test
    void rejectsABrokenFileWithExitCodeTwoAndNoStackTrace(@TempDir Path folder) throws Exception {
        Path broken = Files.writeString(folder.resolve("broken.yaml"), """
                pipeline:
                  - read_parquet: {paths: data}
                  - map_batches: {fn: with_columns, fn_kwargs: {a: "1"}, batch_size: -5}
                """);
        Process process = pipetune(List.of("validate", broken.toString()));
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr(process)).isEqualTo(broken + ": pipeline[1].map_batches.batch_size: must be a positive "
                + "integer, or null for whole blocks, got -5\n");
    }

    @Test
    void printsItsVersion() throws Exception {
        Process process = pipetune(List.of("--version"));
        assertThat(process.exitValue()).isZero();
        assertThat(stdout(process)).startsWith("pipetune ");
    }

    @Test
    void withoutArgumentsAndWithoutADisplayItSaysWhyTheWindowCannotOpen() throws Exception {
        Process process = pipetune(List.of(), true);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(stderr(process)).contains("pipetune: cannot open the workbench window: Unable to open DISPLAY",
                "the command line works without a display (pipetune --help)").doesNotContain("\tat ");
    }

    private static Process pipetune(List<String> arguments) throws IOException, InterruptedException {
        return pipetune(arguments, false);
    }

    private static Process pipetune(List<String> arguments, boolean withoutDisplay)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + TARGET.resolve("launcher/jvm.args"));
        command.add("-cp");
        command.add(TARGET.resolve("pipetune-app.jar") + File.pathSeparator + TARGET.resolve("lib") + File.separator
                + "*");
        command.add("dev.pipetune.app.Main");
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (withoutDisplay) {
            builder.environment().remove("DISPLAY");
            builder.environment().remove("WAYLAND_DISPLAY");
        }
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command finishes").isTrue();
        return process;
    }

    private static String stdout(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String stderr(Process process) throws IOException {
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}

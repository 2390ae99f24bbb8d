package dev.pipetune.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the native packages' runtime image (the modules in {@code jlink-config/jlink.args}) and launcher flags (the
 * {@code --java-options} in {@code installers/src/jpackage/common.args}) in step with the app: a new dependency that
 * needs a JDK module the image lacks, or a new JVM flag of the launcher, fails the build here rather than the
 * installed app at run time.
 */
class RuntimeImageIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern JAVAFX_JAR = Pattern.compile("javafx-([a-z]+)-[0-9.]+-[a-z0-9-]+\\.jar");

    private static Set<String> linkedModules() throws IOException {
        String arguments = Files.readString(ROOT.resolve("jlink-config/jlink.args"));
        Matcher modules = Pattern.compile("--add-modules[ =](\\S+)").matcher(arguments);
        assertThat(modules.find()).as("jlink.args names its modules with --add-modules").isTrue();
        return new TreeSet<>(Arrays.asList(modules.group(1).split(",")));
    }

    private static List<Path> runtimeJars() throws IOException {
        try (Stream<Path> jars = Files.list(TARGET.resolve("lib"))) {
            return jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
        }
    }

    @Test
    void theRuntimeImageHasEveryJdkModuleTheAppNeeds() throws IOException {
        List<Path> classPath = runtimeJars().stream()
                .filter(jar -> !jar.getFileName().toString().startsWith("javafx-")).toList();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(err), "--print-module-deps",
                "--ignore-missing-deps", "--recursive", "--multi-release", String.valueOf(Runtime.version()
                        .feature()), "-q", "--class-path", classPath.stream().map(Path::toString)
                        .collect(Collectors.joining(java.io.File.pathSeparator)),
                TARGET.resolve("pipetune-app.jar").toString());
        assertThat(exit).as("jdeps: " + err).isZero();
        Set<String> needed = new TreeSet<>(Arrays.asList(out.toString().strip().split(",")));

        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(linkedModules());
        assertThat(missing).as("JDK modules the app needs (jdeps) that jlink-config/jlink.args does not link; add "
                + "them to its --add-modules").isEmpty();
    }

    @Test
    void theRuntimeImageLinksTheJavaFxModulesTheAppUses() throws IOException {
        Set<String> used = new TreeSet<>();
        for (Path jar : runtimeJars()) {
            Matcher javafx = JAVAFX_JAR.matcher(jar.getFileName().toString());
            if (javafx.matches()) {
                used.add("javafx." + javafx.group(1));
            }
        }
        // base and graphics come with controls.
        used.removeAll(Set.of("javafx.base", "javafx.graphics"));

        assertThat(used).isNotEmpty();
        assertThat(linkedModules()).containsAll(used);
    }

    @Test
    void theInstalledLauncherCarriesTheLaunchersJvmFlags() throws IOException {
        List<String> installed = new ArrayList<>();
        Matcher option = Pattern.compile("(?m)^--java-options\\s+(\\S+)\\s*$").matcher(Files.readString(
                ROOT.resolve("installers/src/jpackage/common.args")));
        while (option.find()) {
            installed.add(option.group(1));
        }
        String[] launcher = Files.readString(TARGET.resolve("launcher/jvm.args")).strip().split("\\s+");

        for (String flag : launcher) {
            if (flag.startsWith("--enable-native-access=")) {
                // The image's JavaFX modules are named modules and need native access of their own.
                assertThat(installed).anySatisfy(candidate -> assertThat(candidate)
                        .startsWith("--enable-native-access=")
                        .satisfies(value -> assertThat(value.substring(value.indexOf('=') + 1).split(","))
                                .contains(flag.substring(flag.indexOf('=') + 1).split(","))));
            } else {
                assertThat(installed).as("installers/src/jpackage/common.args --java-options").contains(flag);
            }
        }
    }
}

package dev.pipetune.app.run;

import static java.util.Objects.requireNonNull;

import dev.pipetune.engine.udf.FunctionLoader;
import java.nio.file.Path;
import java.util.List;

/** Checks the {@code --plugin} jars a run or a study from the workbench loads, before it starts. */
public final class PluginJars {

    private PluginJars() {
    }

    /**
     * Returns the jars when each is a file that opens as a jar.
     *
     * @param jars the chosen jars
     * @return an unmodifiable copy
     * @throws IllegalArgumentException naming the first jar that is missing, not a file or not a jar
     */
    public static List<Path> requireExisting(List<Path> jars) {
        requireNonNull(jars, "jars").forEach(FunctionLoader::requireReadableJar);
        return List.copyOf(jars);
    }
}

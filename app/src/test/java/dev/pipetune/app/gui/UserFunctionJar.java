package dev.pipetune.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A plugin jar as a user builds one: a Java batch function compiled against the engine's API into a jar that is not on
 * the class path, so a pipeline naming it runs only with {@code --plugin} (or a workbench's plugin chooser).
 */
public final class UserFunctionJar {

    /** The function's class, for {@code fn: java:...}. */
    public static final String CLASS_NAME = "acme.KeepEveryRow";

    private static final String SOURCE = """
            package acme;

            /** Hands each batch on unchanged. */
            public class KeepEveryRow implements dev.pipetune.engine.udf.BatchFunction {
                @Override
                public org.apache.arrow.vector.VectorSchemaRoot apply(org.apache.arrow.vector.VectorSchemaRoot batch,
                        dev.pipetune.engine.udf.FunctionContext context) {
                    return batch;
                }
            }
            """;

    private UserFunctionJar() {
    }

    /**
     * Compiles the function and writes {@code folder/functions.jar}.
     *
     * @param folder a scratch folder
     * @return the jar
     */
    public static Path write(Path folder) throws IOException {
        Path sources = Files.createDirectories(folder.resolve("function-sources/acme"));
        Path classes = Files.createDirectories(folder.resolve("function-classes"));
        Path file = Files.writeString(sources.resolve("KeepEveryRow.java"), SOURCE);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d",
                classes.toString(), file.toString());
        assertThat(status).as("compiling the user function").isZero();
        Path jar = folder.resolve("functions.jar");
        try (JarOutputStream output = new JarOutputStream(Files.newOutputStream(jar))) {
            output.putNextEntry(new JarEntry("acme/KeepEveryRow.class"));
            Files.copy(classes.resolve("acme/KeepEveryRow.class"), output);
            output.closeEntry();
        }
        return jar;
    }
}

package dev.pipetune.engine.udf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User functions load from a plugin jar that is not on the class path, and unusable classes are explained. */
class FunctionLoaderTest {

    @TempDir
    Path folder;

    @Test
    void loadsABatchFunctionFromAPluginJar() throws Exception {
        Path jar = pluginJar("""
                package acme;
                public class Identity implements dev.pipetune.engine.udf.BatchFunction {
                    public org.apache.arrow.vector.VectorSchemaRoot apply(
                            org.apache.arrow.vector.VectorSchemaRoot batch,
                            dev.pipetune.engine.udf.FunctionContext context) {
                        return batch;
                    }
                }
                """);
        try (FunctionLoader withoutPlugin = FunctionLoader.withPlugins(List.of())) {
            assertThatIllegalArgumentException().isThrownBy(() -> withoutPlugin.load("acme.Identity"))
                    .withMessage("class acme.Identity was not found on the class path or in a --plugin jar");
        }
        try (FunctionLoader loader = FunctionLoader.withPlugins(List.of(jar))) {
            FunctionLoader.LoadedFunction loaded = loader.load("acme.Identity");
            assertThat(loaded.kind()).isEqualTo(FunctionLoader.FunctionKind.BATCH_FUNCTION);
            assertThat(loaded.newInstance()).isInstanceOf(BatchFunction.class);
        }
    }

    @Test
    void aClassWithBothFormsIsABatchFunctionThatRowStepsMayCall() throws Exception {
        Path jar = pluginJar("""
                package acme;
                public class Identity implements dev.pipetune.engine.udf.BatchFunction,
                        dev.pipetune.engine.udf.RowFunction {
                    public org.apache.arrow.vector.VectorSchemaRoot apply(
                            org.apache.arrow.vector.VectorSchemaRoot batch,
                            dev.pipetune.engine.udf.FunctionContext context) {
                        return batch;
                    }
                    public java.util.List<java.util.Map<String, Object>> apply(java.util.Map<String, Object> row,
                            java.util.Map<String, Object> kwargs) {
                        return java.util.List.of(row);
                    }
                }
                """);
        try (FunctionLoader loader = FunctionLoader.withPlugins(List.of(jar))) {
            FunctionLoader.LoadedFunction loaded = loader.load("acme.Identity");
            assertThat(loaded.kind()).isEqualTo(FunctionLoader.FunctionKind.BATCH_FUNCTION);
            assertThat(loaded.isRowFunction()).isTrue();
        }
        try (FunctionLoader loader = FunctionLoader.withPlugins(List.of())) {
            assertThat(loader.load(RowOnly.class.getName()).isRowFunction()).isTrue();
            assertThat(loader.load(BatchOnly.class.getName()).isRowFunction()).isFalse();
        }
    }

    /** A row function alone. */
    public static final class RowOnly implements RowFunction {
        @Override
        public List<Map<String, Object>> apply(Map<String, Object> row, Map<String, Object> kwargs) {
            return List.of(row);
        }
    }

    /** A batch function alone. */
    public static final class BatchOnly implements BatchFunction {
        @Override
        public VectorSchemaRoot apply(VectorSchemaRoot batch, FunctionContext context) {
            return batch;
        }
    }

    @Test
    void explainsClassesThatCannotBeFunctions() throws IOException {
        try (FunctionLoader loader = FunctionLoader.withPlugins(List.of())) {
            assertThatIllegalArgumentException().isThrownBy(() -> loader.load("java.lang.String"))
                    .withMessageContaining("implements none of");
        }
        assertThatIllegalArgumentException().isThrownBy(() -> FunctionLoader.withPlugins(List.of(
                folder.resolve("missing.jar")))).withMessageContaining("missing.jar does not exist");
    }

    @Test
    void namesAPluginPathThatIsAFolderOrNotAJarBeforeAnyClassIsLookedFor() throws IOException {
        Path notAJar = Files.writeString(folder.resolve("broken.jar"), "<html>404 Not Found</html>");
        assertThatIllegalArgumentException().isThrownBy(() -> FunctionLoader.withPlugins(List.of(notAJar)))
                .withMessageStartingWith("plugin jar " + notAJar + " cannot be read as a jar: ");
        assertThatIllegalArgumentException().isThrownBy(() -> FunctionLoader.withPlugins(List.of(folder)))
                .withMessage("plugin jar " + folder + " is not a file");
    }

    @Test
    void aClassCompiledForALaterJavaIsReportedAsUnloadableNotMissing() throws IOException {
        byte[] header = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 99};
        Path jar = folder.resolve("future.jar");
        try (JarOutputStream output = new JarOutputStream(Files.newOutputStream(jar))) {
            output.putNextEntry(new JarEntry("acme/Future.class"));
            output.write(header);
        }
        try (FunctionLoader loader = FunctionLoader.withPlugins(List.of(jar))) {
            assertThatIllegalArgumentException().isThrownBy(() -> loader.load("acme.Future"))
                    .withMessageStartingWith("class acme.Future was found but cannot be loaded (")
                    .withMessageContaining("UnsupportedClassVersionError");
        }
    }

    private Path pluginJar(String source) throws IOException {
        Path sources = Files.createDirectories(folder.resolve("src/acme"));
        Path classes = Files.createDirectories(folder.resolve("classes"));
        Path file = Files.writeString(sources.resolve("Identity.java"), source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d",
                classes.toString(), file.toString());
        assertThat(status).as("compiling the plugin").isZero();
        Path jar = folder.resolve("plugin.jar");
        try (JarOutputStream output = new JarOutputStream(Files.newOutputStream(jar))) {
            output.putNextEntry(new JarEntry("acme/Identity.class"));
            try (OutputStream entry = output) {
                Files.copy(classes.resolve("acme/Identity.class"), entry);
            }
        }
        return jar;
    }
}

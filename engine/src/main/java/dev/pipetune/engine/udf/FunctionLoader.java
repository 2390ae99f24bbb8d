package dev.pipetune.engine.udf;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Finds user function classes ({@code fn: java:com.acme.MyFunction}) on the class path or in plugin jars given with
 * {@code --plugin}, and checks that they implement one of the function interfaces and can be constructed.
 */
public final class FunctionLoader implements AutoCloseable {

    private final ClassLoader classLoader;
    private final URLClassLoader pluginLoader;

    private FunctionLoader(ClassLoader classLoader, URLClassLoader pluginLoader) {
        this.classLoader = classLoader;
        this.pluginLoader = pluginLoader;
    }

    /**
     * Creates a loader over the application class path and the given plugin jars.
     *
     * @param pluginJars jar files with user functions
     * @return the loader
     * @throws IllegalArgumentException naming a jar that does not exist
     */
    public static FunctionLoader withPlugins(List<Path> pluginJars) {
        requireNonNull(pluginJars, "pluginJars");
        ClassLoader parent = FunctionLoader.class.getClassLoader();
        if (pluginJars.isEmpty()) {
            return new FunctionLoader(parent, null);
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : pluginJars) {
            requireReadableJar(jar);
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException impossible) {
                throw new IllegalArgumentException("plugin jar " + jar + ": " + impossible.getMessage());
            }
        }
        URLClassLoader plugins = new URLClassLoader("pipetune-plugins", urls.toArray(URL[]::new), parent);
        return new FunctionLoader(plugins, plugins);
    }

    /**
     * Checks that a plugin jar is a file that opens as a jar, so a wrong path or a broken download is named before a
     * run starts instead of showing up as a missing class.
     *
     * @param jar the jar
     * @throws IllegalArgumentException naming the jar and what is wrong with it
     */
    public static void requireReadableJar(Path jar) {
        requireNonNull(jar, "jar");
        if (!Files.exists(jar)) {
            throw new IllegalArgumentException("plugin jar " + jar + " does not exist");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("plugin jar " + jar + " is not a file");
        }
        try (JarFile ignored = new JarFile(jar.toFile())) {
            // Opening reads the jar's central directory: enough to tell a jar from other bytes.
        } catch (IOException | SecurityException unreadable) {
            throw new IllegalArgumentException("plugin jar " + jar + " cannot be read as a jar: "
                    + unreadable.getMessage());
        }
    }

    /**
     * Loads a function class and checks it.
     *
     * @param className the fully qualified class name
     * @return the class and which kind of function it is
     * @throws IllegalArgumentException with a message for the user when the class is missing or unusable
     */
    public LoadedFunction load(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException missing) {
            throw new IllegalArgumentException("class " + className + " was not found on the class path or in a "
                    + "--plugin jar");
        } catch (LinkageError unloadable) {
            throw new IllegalArgumentException("class " + className + " was found but cannot be loaded ("
                    + unloadable.getClass().getSimpleName() + ": " + unloadable.getMessage() + "); check that it was "
                    + "compiled for Java 25 or earlier and that its jar holds the classes it uses");
        }
        FunctionKind kind;
        if (BatchFunctionClass.class.isAssignableFrom(type)) {
            kind = FunctionKind.BATCH_CLASS;
        } else if (BatchFunction.class.isAssignableFrom(type)) {
            kind = FunctionKind.BATCH_FUNCTION;
        } else if (RowFunction.class.isAssignableFrom(type)) {
            kind = FunctionKind.ROW_FUNCTION;
        } else {
            throw new IllegalArgumentException("class " + className + " implements none of "
                    + BatchFunction.class.getName() + ", " + BatchFunctionClass.class.getName() + " or "
                    + RowFunction.class.getName());
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("class " + className + " is abstract");
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            return new LoadedFunction(className, kind, constructor);
        } catch (NoSuchMethodException missing) {
            throw new IllegalArgumentException("class " + className + " needs a public no-argument constructor");
        }
    }

    @Override
    public void close() throws IOException {
        if (pluginLoader != null) {
            pluginLoader.close();
        }
    }

    /** The interfaces a user function class may implement. */
    public enum FunctionKind {
        /** {@link BatchFunction}: stateless, runs as tasks. */
        BATCH_FUNCTION,
        /** {@link BatchFunctionClass}: stateful, runs in an actor pool. */
        BATCH_CLASS,
        /** {@link RowFunction}: one row at a time. */
        ROW_FUNCTION
    }

    /**
     * A checked function class.
     *
     * @param className its name
     * @param kind which interface it implements
     * @param constructor its public no-argument constructor
     */
    public record LoadedFunction(String className, FunctionKind kind, Constructor<?> constructor) {

        /**
         * Creates an instance.
         *
         * @return a new instance
         * @throws ReflectiveOperationException if the constructor throws
         */
        public Object newInstance() throws ReflectiveOperationException {
            return constructor.newInstance();
        }

        /**
         * Returns whether {@code map}, {@code flat_map} and {@code filter} can call the class: it implements
         * {@link RowFunction}, alone or next to {@link BatchFunction} (its batch form, which {@code map_batches}
         * calls). A {@link BatchFunctionClass} is not, even if it implements {@link RowFunction} too: row steps
         * never open it.
         */
        public boolean isRowFunction() {
            Class<?> type = constructor.getDeclaringClass();
            return RowFunction.class.isAssignableFrom(type) && !BatchFunctionClass.class.isAssignableFrom(type);
        }
    }
}

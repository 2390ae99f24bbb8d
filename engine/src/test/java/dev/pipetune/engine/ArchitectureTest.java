package dev.pipetune.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine is the bottom layer: headless, and unaware of the profiler and the app. */
@AnalyzeClasses(packages = "dev.pipetune.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule ENGINE_DOES_NOT_USE_JAVAFX = noClasses()
            .that().resideInAPackage("dev.pipetune.engine..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the engine runs headless, in the CLI, in tests and in remote workers");

    @ArchTest
    static final ArchRule ENGINE_DOES_NOT_DEPEND_ON_UPPER_LAYERS = noClasses()
            .that().resideInAPackage("dev.pipetune.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.pipetune.profiler..", "dev.pipetune.app..")
            .because("dependencies point one way: app -> profiler -> engine");
}

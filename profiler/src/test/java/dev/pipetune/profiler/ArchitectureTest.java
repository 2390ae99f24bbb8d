package dev.pipetune.profiler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The profiler sits between engine and app: headless, and unaware of the app. */
@AnalyzeClasses(packages = "dev.pipetune.profiler", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule PROFILER_DOES_NOT_USE_JAVAFX = noClasses()
            .that().resideInAPackage("dev.pipetune.profiler..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the profiler runs headless: the CLI records and checks without a screen");

    @ArchTest
    static final ArchRule PROFILER_DOES_NOT_DEPEND_ON_THE_APP = noClasses()
            .that().resideInAPackage("dev.pipetune.profiler..")
            .should().dependOnClassesThat().resideInAPackage("dev.pipetune.app..")
            .because("dependencies point one way: app -> profiler -> engine");

    @ArchTest
    static final ArchRule GPU_METRICS_NEED_ONLY_THE_JDK = classes()
            .that().resideInAPackage("dev.pipetune.profiler.gpu..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.pipetune.profiler.gpu..")
            .because("NvmlProbe runs on a bare (jlinked) JDK with only profiler/target/classes on the class path");
}

package lth;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages depend one way: data, prune and stats at the bottom, the speed kernels under model and
 * train only, the report never on the claim layer, no product class on a test framework. Product
 * classes only (tests may cross layers).
 */
@AnalyzeClasses(packages = "lth", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    @ArchTest
    static final ArchRule noCycles = slices().matching("lth.(*)..").should().beFreeOfCycles();

    /**
     * The flow is one way, claim → plan → runs → analysis → report: the claim layer (files, a claim resolved
     * for a profile, its plan) knows nothing of its evaluation or reports; the report reads typed case
     * results, never the claim or evaluation layers.
     */
    @ArchTest
    static final ArchRule claimBeforeEvaluation = noClasses().that().resideInAPackage("lth.claim..")
            .should().dependOnClassesThat().resideInAnyPackage("lth.evaluation..", "lth.report..", "lth.cli..");

    @ArchTest
    static final ArchRule reportIndependentOfClaim = noClasses().that().resideInAPackage("lth.report..")
            .should().dependOnClassesThat().resideInAnyPackage("lth.claim..", "lth.evaluation..", "lth.cli..");

    /** JUnit, AssertJ and Allure are test-scoped: the claim tests' machinery lives in src/test (lth.claims). */
    @ArchTest
    static final ArchRule productFreeOfTestFrameworks = noClasses().that().resideInAPackage("lth..")
            .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..", "io.qameta.allure..");

    @ArchTest
    static final ArchRule lowerFloorsIndependentOfUpper = noClasses().that().resideInAnyPackage("lth.stats..", "lth.prune..", "lth.data..")
            .should().dependOnClassesThat().resideInAnyPackage("lth.claim..", "lth.experiment..", "lth.report..");

    @ArchTest
    static final ArchRule kernelOnlyUnderModelAndTrain = classes().that().resideInAPackage("lth.kernel..")
            .should().onlyHaveDependentClassesThat().resideInAnyPackage("lth.kernel..", "lth.model..", "lth.train..", "lth.bench..");

    @ArchTest
    static final ArchRule kernelDependsOnNoOtherLayer = classes().that().resideInAPackage("lth.kernel..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("lth..").or(resideInAPackage("lth.kernel..")));
}

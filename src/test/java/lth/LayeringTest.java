package lth;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages depend one way: data, prune and stats at the bottom, the speed kernels under model and
 * train only, the report never on the claim layer. Product classes only (tests may cross layers).
 */
@AnalyzeClasses(packages = "lth", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    /**
     * KNOWN VIOLATION, frozen (issue 11, "claim ↔ report cycle"; goes with the one typed case-result
     * record): the summary ({@code report.Summary}'s main, {@code report.SummaryResults}) reads the claim
     * files for titles, disclosures and the paper's effects, and {@code claim.NotRun} for the not-run kind.
     * Exactly these report classes, and exactly these claim classes; any other report → claim edge fails.
     */
    static final DescribedPredicate<JavaClass> SUMMARY = nameMatching("lth\\.report\\.(Summary|SummaryResults)(\\$.*)?")
            .forSubtype();
    static final DescribedPredicate<JavaClass> CLAIM_FILES = nameMatching("lth\\.claim\\.(ClaimFiles|ClaimDirectory|ClaimSpec|NotRun)(\\$.*)?")
            .forSubtype();

    @ArchTest
    static final ArchRule noCycles = slices().matching("lth.(*)..").should().beFreeOfCycles()
            .ignoreDependency(SUMMARY, CLAIM_FILES);                       // the known violation above

    @ArchTest
    static final ArchRule reportIndependentOfClaim = noClasses().that().resideInAPackage("lth.report..").and(not(SUMMARY))
            .should().dependOnClassesThat().resideInAPackage("lth.claim..");

    @ArchTest
    static final ArchRule summaryReadsOnlyClaimFiles = noClasses().that(SUMMARY)
            .should().dependOnClassesThat(resideInAPackage("lth.claim..").and(not(CLAIM_FILES)));

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

package vn.dancham.citizen;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The public pages' features (citizen: look-up and one-time codes; review: officers' review requests) expose their
 * top packages only, speak records rather than jOOQ, and keep their rules plain Java.
 */
@AnalyzeClasses(packages = "vn.dancham", importOptions = ImportOption.DoNotIncludeTests.class)
class PublicBoundariesTest {

    @ArchTest
    static final ArchRule internalsAreNotUsedFromOutside = noClasses()
            .that().resideOutsideOfPackages("vn.dancham.citizen..", "vn.dancham.review..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.dancham.citizen.internal..",
                    "vn.dancham.review.internal..");

    @ArchTest
    static final ArchRule apiSpeaksRecordsNotJooq = noClasses()
            .that().resideInAnyPackage("vn.dancham.citizen", "vn.dancham.review")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "vn.dancham.db.jooq..");

    @ArchTest
    static final ArchRule rulesArePlainJava = classes()
            .that().haveSimpleNameStartingWith("CodePolicy").or().haveSimpleNameStartingWith("ReviewPolicy")
            .or().haveSimpleNameStartingWith("Throttle").or().haveSimpleNameStartingWith("DossierLookup")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "vn.dancham.citizen..",
                    "vn.dancham.review..", "vn.dancham.dossier", "vn.dancham.rating");
}

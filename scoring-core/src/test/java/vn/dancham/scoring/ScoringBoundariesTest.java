package vn.dancham.scoring;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dossier, rating and scoring features expose their top packages only; the score model stays plain Java. */
@AnalyzeClasses(packages = "vn.dancham", importOptions = ImportOption.DoNotIncludeTests.class)
class ScoringBoundariesTest {

    @ArchTest
    static final ArchRule internalsAreNotUsedFromOutside = noClasses()
            .that().resideOutsideOfPackages("vn.dancham.dossier..", "vn.dancham.rating..", "vn.dancham.scoring..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.dancham.dossier.internal..",
                    "vn.dancham.rating.internal..", "vn.dancham.scoring.internal..");

    @ArchTest
    static final ArchRule apiSpeaksRecordsNotJooq = noClasses()
            .that().resideInAnyPackage("vn.dancham.dossier", "vn.dancham.rating", "vn.dancham.scoring")
            .and().doNotHaveSimpleName("ScoringConfiguration")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "vn.dancham.db.jooq..");

    @ArchTest
    static final ArchRule theModelIsPlainJava = noClasses()
            .that().haveSimpleNameStartingWith("ScoreCalculator")
            .or().haveSimpleNameStartingWith("ConcernPolicy")
            .or().haveSimpleNameStartingWith("Attribution")
            .or().haveSimpleNameStartingWith("TimelineCalculator")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "org.springframework.jdbc..",
                    "org.springframework.transaction..", "java.sql..");
}

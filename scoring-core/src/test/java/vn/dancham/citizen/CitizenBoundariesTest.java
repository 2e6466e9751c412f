package vn.dancham.citizen;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The citizen SMS API speaks records; its internals stay internal; reading replies and filling texts is plain Java. */
@AnalyzeClasses(packages = "vn.dancham", importOptions = ImportOption.DoNotIncludeTests.class)
class CitizenBoundariesTest {

    @ArchTest
    static final ArchRule apiHasNoJooqTypes = noClasses()
            .that().resideInAPackage("vn.dancham.citizen")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "vn.dancham.db.jooq..");

    @ArchTest
    static final ArchRule othersUseOnlyTheApi = noClasses()
            .that().resideOutsideOfPackage("vn.dancham.citizen..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.dancham.citizen.internal..");

    @ArchTest
    static final ArchRule replyReadingAndTextsArePlainJava = classes()
            .that().resideInAPackage("vn.dancham.citizen.internal")
            .and().haveSimpleNameStartingWith("ReplyReader").or().haveSimpleNameStartingWith("CitizenReply")
            .or().haveSimpleNameStartingWith("SendingHours")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "vn.dancham.citizen..", "vn.dancham.text..");
}

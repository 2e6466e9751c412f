package vn.dancham.admin;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;
import vn.dancham.admin.web.WebProperties;

import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The admin web's features (one package each under vn.dancham.admin) stay apart: they use the scoring core and the
 * hotline through their API packages only, only the features that own tables write SQL, and no two features depend
 * on each other in a circle (a page feature may use the shared ones — security, audit, web — not the reverse).
 */
class AdminArchitectureTest {

    /**
     * The code Spring AOT generates into target/classes in the build (Type__BeanDefinitions,
     * DanChamApplication__BeanFactoryRegistrations, …, and the configuration classes' CGLIB proxies) registers every
     * feature's beans, internal ones included, as the context does; it is the container's code, not ours.
     */
    static final Pattern GENERATED_BY_SPRING_AOT =
            Pattern.compile(".*(__[A-Z][A-Za-z]*(\\$.*)?|\\$\\$SpringCGLIB\\$\\$.*)\\.class");
    static final ImportOption NOT_GENERATED_BY_SPRING_AOT = location -> !location.matches(GENERATED_BY_SPRING_AOT);

    static final JavaClasses ADMIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(NOT_GENERATED_BY_SPRING_AOT)
            .importPackages("vn.dancham.admin");

    @Test
    void pagesUseTheCoreThroughItsApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("..internal..",
                        "vn.dancham.escalation.incident..", "vn.dancham.escalation.roster..",
                        "vn.dancham.ivr.hotline..", "vn.dancham.ivr.journal..")
                .because("a feature's subpackages are its implementation (docs/development.md)")
                .check(ADMIN);
    }

    @Test
    void onlyTheFeaturesThatOwnTablesWriteSql() {
        noClasses().that().resideOutsideOfPackages("vn.dancham.admin.audit..", "vn.dancham.admin.api..",
                        "vn.dancham.admin.demo..", "vn.dancham.admin.procedures..", "vn.dancham.admin.security..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.dancham.db.jooq..")
                .because("every other page reads and writes through the scoring core's API, where its SQL lives")
                .check(ADMIN);
    }

    /**
     * One known exception: the login limits are still read from the web feature's {@link WebProperties} (and its
     * nested records) by security (and the web's home page takes the signed-in {@code WebUser}). Moving those limits into a security record of
     * their own removes it; until then it is the only circle allowed.
     */
    @Test
    void featuresDoNotDependOnEachOtherInCircles() {
        slices().matching("vn.dancham.admin.(*)..").should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage("vn.dancham.admin.security.."),
                        nameStartingWith(WebProperties.class.getName()))
                .check(ADMIN);
    }
}

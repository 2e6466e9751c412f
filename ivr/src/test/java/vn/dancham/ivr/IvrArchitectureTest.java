package vn.dancham.ivr;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The hotline talks to the scoring core's API only, and its flow logic knows neither Asterisk nor Spring. */
class IvrArchitectureTest {

    static final JavaClasses IVR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.dancham.ivr");

    @Test
    void ivrNeverReachesIntoTheDatabaseOrScoringInternals() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("vn.dancham.db..", "org.jooq..", "..internal..")
                .check(IVR);
    }

    @Test
    void theCallFlowAndPromptsArePlainJava() {
        noClasses().that().resideInAnyPackage("vn.dancham.ivr.hotline..", "vn.dancham.ivr.prompts..")
                .should().dependOnClassesThat().resideInAnyPackage("org.asteriskjava..", "org.springframework..")
                .check(IVR);
    }

    @Test
    void theSoftphoneSpeaksTheWireNotTheServersInsides() {
        noClasses().that().resideInAPackage("vn.dancham.ivr.softphone..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.dancham.ivr.agi..", "vn.dancham.ivr.hotline..",
                        "org.asteriskjava..")
                .check(IVR);
    }
}

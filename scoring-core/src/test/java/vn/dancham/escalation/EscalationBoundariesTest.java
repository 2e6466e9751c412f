package vn.dancham.escalation;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The escalation API speaks records, the policy and SMS arithmetic are plain Java, internals stay internal. */
@AnalyzeClasses(packages = "vn.dancham", importOptions = ImportOption.DoNotIncludeTests.class)
class EscalationBoundariesTest {

    @ArchTest
    static final ArchRule apiHasNoJooqTypes = noClasses()
            .that().resideInAPackage("vn.dancham.escalation")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "vn.dancham.db.jooq..");

    /**
     * The outbox is the one door left open: SMS to citizens (one-time codes of the public pages) go through the same
     * exactly-once outbox as alerts, so they are retried, bundled nowhere and shown as SIMULATED without Twilio.
     */
    @ArchTest
    static final ArchRule othersUseOnlyTheApi = noClasses()
            .that().resideOutsideOfPackage("vn.dancham.escalation..")
            .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                            "vn.dancham.escalation.incident..", "vn.dancham.escalation.roster..",
                            "vn.dancham.escalation.sms..")
                    .and(com.tngtech.archunit.base.DescribedPredicate.not(
                            com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf(
                                    vn.dancham.escalation.sms.Outbox.class))));

    @ArchTest
    static final ArchRule policyAndSmsArithmeticArePlainJava = classes()
            .that().resideInAPackage("vn.dancham.escalation..")
            .and(com.tngtech.archunit.base.DescribedPredicate.describe("are the policy or the SMS arithmetic",
                    (com.tngtech.archunit.core.domain.JavaClass c) -> c.getSimpleName().matches(
                            "(EscalationPolicy|SmsText|RecipientThrottle|Bundling|Backoff|ReplyParser).*")
                            || c.getName().matches(".*\\.(EscalationPolicy|SmsText|RecipientThrottle|Bundling|Backoff|ReplyParser)\\$.*")))
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "vn.dancham.escalation..");
}

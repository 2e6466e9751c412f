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
     * The outbox and the SMS arithmetic ({@code escalation.sms}) are shared with the citizen SMS (issue 17), whose
     * messages go through the same outbox in the writer's transaction; elsewhere the outbox is the one door left
     * open (one-time codes of the public pages): so every SMS is retried, exactly once, and shown as SIMULATED
     * without Twilio. Only the incident and roster internals are escalation's alone.
     */
    @ArchTest
    static final ArchRule othersUseOnlyTheApi = noClasses()
            .that().resideOutsideOfPackage("vn.dancham.escalation..")
            .and().resideOutsideOfPackage("vn.dancham.citizen..")
            .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                            "vn.dancham.escalation.incident..", "vn.dancham.escalation.roster..",
                            "vn.dancham.escalation.sms..")
                    .and(com.tngtech.archunit.base.DescribedPredicate.not(
                            com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf(
                                    vn.dancham.escalation.sms.Outbox.class))));

    @ArchTest
    static final ArchRule citizenSmsUsesTheOutboxNotEscalationsInternals = noClasses()
            .that().resideInAPackage("vn.dancham.citizen..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.dancham.escalation.incident..",
                    "vn.dancham.escalation.roster..");

    @ArchTest
    static final ArchRule policyAndSmsArithmeticArePlainJava = classes()
            .that().resideInAPackage("vn.dancham.escalation..")
            .and(com.tngtech.archunit.base.DescribedPredicate.describe("are the policy or the SMS arithmetic",
                    (com.tngtech.archunit.core.domain.JavaClass c) -> c.getSimpleName().matches(
                            "(EscalationPolicy|SmsText|RecipientThrottle|Bundling|Backoff|ReplyParser).*")
                            || c.getName().matches(".*\\.(EscalationPolicy|SmsText|RecipientThrottle|Bundling|Backoff|ReplyParser)\\$.*")))
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "vn.dancham.escalation..", "vn.dancham.text..");
}

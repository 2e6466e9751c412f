package vn.dancham.escalation;

/**
 * Why a shift cannot be saved, for one field of {@link DutyShiftDraft}.
 *
 * @param field     the draft's component name, e.g. {@code phone}
 * @param code      stable machine code, e.g. {@code INVALID_PHONE}
 * @param messageVi the message shown to Vietnamese users
 * @param messageEn the same in English
 */
public record RosterProblem(String field, String code, String messageVi, String messageEn) {
}

package vn.dancham.escalation;

/**
 * A person on duty now, at an escalation level (1 = office head, 2 = district vice-chair, 3 = district chair).
 *
 * @param phone    E.164 (e.g. {@code +84912345678}); the roster normalises numbers when shifts are saved
 * @param unitName the office or administrative unit the shift covers, as people say it
 */
public record DutyContact(String personName, String phone, int level, String unitName) {
}

package vn.dancham.escalation;

/**
 * A person on duty now, at an escalation level (1 = office head, 2 = district vice-chair, 3 = district chair).
 *
 * @param unitName the office or administrative unit the shift covers, as people say it
 */
public record DutyContact(String personName, String phone, int level, String unitName) {
}

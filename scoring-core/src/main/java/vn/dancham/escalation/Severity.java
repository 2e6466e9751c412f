package vn.dancham.escalation;

/** How fast someone must know: URGENT at any hour (5 min waits by default), WARNING (30 min), LOW (daily digest). */
public enum Severity { URGENT, WARNING, LOW }

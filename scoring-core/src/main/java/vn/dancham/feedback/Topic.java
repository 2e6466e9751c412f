package vn.dancham.feedback;

/** What a feedback is about: the fixed list the page offers (labels in the message bundles, feedback.topic.*). */
public enum Topic { ATTITUDE, DELAY, MONEY, PROCEDURE, FACILITIES, SUGGESTION, OTHER }

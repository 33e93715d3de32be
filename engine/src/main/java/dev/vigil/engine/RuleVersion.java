package dev.vigil.engine;

/**
 * One stored version of a rule deployed through the API.
 *
 * @param version 1, 2, ... per rule id (also part of its alerts' ids)
 * @param source the rule's text in the rule language
 * @param author the id of the API key that deployed it
 * @param createdAt wall clock, epoch ms
 */
public record RuleVersion(int version, String source, String author, long createdAt) {}

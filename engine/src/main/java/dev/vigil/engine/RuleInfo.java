package dev.vigil.engine;

/**
 * A deployed rule.
 *
 * @param id rule id
 * @param version rule version
 * @param severity alert severity
 * @param by the entity key field the rule groups by, or {@code null} for a global rule
 * @param source the rule file it came from
 */
public record RuleInfo(String id, int version, String severity, String by, String source) {}

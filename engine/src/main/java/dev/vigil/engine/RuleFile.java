package dev.vigil.engine;

/**
 * A rule file shipped by the operator. Until the rule DSL lands these are trusted EPL files
 * from the configuration directory; no API accepts raw EPL. See {@code docs/rules-epl.md}.
 *
 * @param name file name, used in error messages
 * @param text the EPL text
 */
public record RuleFile(String name, String text) {}

package dev.vigil.rules.ast;

/** A top-level declaration. */
public sealed interface Decl extends Node permits EventDecl, RuleDecl, DecisionDecl {}

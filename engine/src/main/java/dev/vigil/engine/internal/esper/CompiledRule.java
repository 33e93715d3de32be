package dev.vigil.engine.internal.esper;

import com.espertech.esper.common.client.EPCompiled;
import dev.vigil.engine.RuleInfo;

/**
 * One compiled operator rule: its metadata, which of its output rows are matches, and the Esper
 * module that every runtime deploys. Compared by identity when runtimes sync to a new rule set.
 */
record CompiledRule(RuleInfo info, RuleAnnotations.Firing firing, EPCompiled compiled) {}

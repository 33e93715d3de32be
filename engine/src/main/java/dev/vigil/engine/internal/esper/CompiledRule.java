package dev.vigil.engine.internal.esper;

import com.espertech.esper.common.client.EPCompiled;
import dev.vigil.engine.RuleInfo;

/** One compiled operator rule: its metadata and the Esper module that every runtime deploys. */
record CompiledRule(RuleInfo info, EPCompiled compiled) {}

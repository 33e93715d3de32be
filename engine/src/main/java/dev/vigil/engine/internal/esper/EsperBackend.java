package dev.vigil.engine.internal.esper;

import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.EPCompiler;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import dev.vigil.engine.RuleFile;
import dev.vigil.engine.RuleLoadException;
import dev.vigil.engine.internal.host.RuleBackend;
import dev.vigil.engine.internal.host.RuleSet;
import dev.vigil.rules.schema.EventType;
import java.util.List;

/** The Esper 9 rule backend: the only place Vigil touches the Esper API. */
public final class EsperBackend implements RuleBackend {

  @Override
  public RuleSet compile(List<RuleFile> files, List<EventType> types) throws RuleLoadException {
    Configuration config = EsperConfig.create();
    EPCompiler compiler = EPCompilerProvider.getCompiler();
    SchemaCatalog schemas = new SchemaCatalog(compiler, config);
    types.forEach(schemas::add);
    List<CompiledRule> rules = new EplCompiler(compiler, config, schemas).compile(files);
    return new EsperRuleSet(config, compiler, schemas, rules);
  }
}

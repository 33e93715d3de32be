package dev.vigil.engine.internal.esper;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.common.client.module.Module;
import com.espertech.esper.common.client.module.ModuleItem;
import com.espertech.esper.common.client.module.ParseException;
import com.espertech.esper.common.client.util.StatementProperty;
import com.espertech.esper.common.client.util.StatementType;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompiler;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPDeploymentDependencyConsumed;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import com.espertech.esper.runtime.client.util.EPObjectType;
import dev.vigil.engine.RuleFile;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.RuleLoadException;
import dev.vigil.rules.schema.EventType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles operator EPL rule files. Each file is split into statements with Esper's module
 * parser, each statement compiled on its own against the event-type schemas, then deployed once
 * into a throw-away validation runtime to read its annotations, the event types it consumes and
 * its output columns. Any problem fails the whole load with {@code file:line: reason}.
 */
final class EplCompiler {

  private static final AtomicLong VALIDATIONS = new AtomicLong();
  private static final Pattern AT_LINE = Pattern.compile("at line (\\d+)");

  private final EPCompiler compiler;
  private final Configuration config;
  private final SchemaCatalog schemas;

  EplCompiler(EPCompiler compiler, Configuration config, SchemaCatalog schemas) {
    this.compiler = compiler;
    this.config = config;
    this.schemas = schemas;
  }

  List<CompiledRule> compile(List<RuleFile> files) throws RuleLoadException {
    EPRuntime validator =
        EPRuntimeProvider.getRuntime("vigil-validate-" + VALIDATIONS.incrementAndGet(), config);
    try {
      for (EPCompiled schema : schemas.compiled()) {
        validator.getDeploymentService().deploy(schema);
      }
      Map<String, String> seen = new HashMap<>();
      List<CompiledRule> rules = new ArrayList<>();
      for (RuleFile file : files) {
        for (ModuleItem item : parse(file)) {
          CompiledRule rule = compileStatement(file, item, validator);
          String where = file.name() + ":" + item.getLineNumber();
          String previous = seen.putIfAbsent(rule.info().id(), where);
          if (previous != null) {
            throw new RuleLoadException(
                where + ": duplicate rule id '" + rule.info().id() + "' (first defined at " + previous + ")", null);
          }
          rules.add(rule);
        }
      }
      return rules;
    } catch (EPDeployException e) {
      throw new IllegalStateException("event type schemas failed to deploy", e);
    } finally {
      validator.destroy();
    }
  }

  private List<ModuleItem> parse(RuleFile file) throws RuleLoadException {
    Module module;
    try {
      module = compiler.parseModule(file.text());
    } catch (ParseException | IOException e) {
      throw new RuleLoadException(file.name() + ":" + lineOf(e.getMessage(), 1) + ": " + e.getMessage(), e);
    }
    return module.getItems().stream().filter(i -> !i.isCommentOnly()).toList();
  }

  private CompiledRule compileStatement(RuleFile file, ModuleItem item, EPRuntime validator)
      throws RuleLoadException {
    int line = item.getLineNumber();
    EPCompiled compiled;
    try {
      CompilerArguments args = new CompilerArguments(config);
      args.getPath().addAll(schemas.compiled());
      compiled = compiler.compile(item.getExpression(), args);
    } catch (EPCompileException e) {
      throw new RuleLoadException(
          file.name() + ":" + lineOf(e.getMessage(), line) + ": " + e.getMessage(), e);
    }
    EPStatement statement;
    EPDeploymentDependencyConsumed consumed;
    try {
      String deploymentId = validator.getDeploymentService().deploy(compiled).getDeploymentId();
      statement = validator.getDeploymentService().getDeployment(deploymentId).getStatements()[0];
      consumed = validator.getDeploymentService().getDeploymentDependenciesConsumed(deploymentId);
    } catch (EPDeployException | RuntimeException e) {
      throw new RuleLoadException(file.name() + ":" + line + ": " + e.getMessage(), e);
    }
    try {
      RuleAnnotations meta = RuleAnnotations.read(statement.getAnnotations());
      RuleInfo info = describe(file, meta, statement, consumed);
      return new CompiledRule(info, meta.firing(), compiled, CompiledRule.statsRead(item.getExpression()));
    } catch (IllegalArgumentException e) {
      throw new RuleLoadException(file.name() + ":" + line + ": " + e.getMessage(), e);
    }
  }

  private RuleInfo describe(
      RuleFile file, RuleAnnotations meta, EPStatement statement, EPDeploymentDependencyConsumed consumed) {
    Object kind = statement.getProperty(StatementProperty.STATEMENTTYPE);
    if (kind != StatementType.SELECT) {
      throw new IllegalArgumentException(
          "rule '" + meta.id() + "' must be a select statement (found " + kind + ")");
    }
    if (meta.by() != null) {
      checkKey(meta, consumed);
      if (!statement.getEventType().isProperty(meta.by())) {
        throw new IllegalArgumentException(
            "rule '" + meta.id() + "' is grouped by '" + meta.by()
                + "' so its select clause must have a column named '" + meta.by() + "'");
      }
    }
    return new RuleInfo(
        meta.id(), meta.version(), meta.severity(), meta.by(), file.name(), meta.suppress(), meta.tags());
  }

  private void checkKey(RuleAnnotations meta, EPDeploymentDependencyConsumed consumed) {
    for (EPDeploymentDependencyConsumed.Item dep : consumed.getDependencies()) {
      if (dep.getObjectType() != EPObjectType.EVENTTYPE) {
        continue;
      }
      EventType type = schemas.type(dep.getObjectName());
      if (type != null && !type.keys().contains(meta.by())) {
        throw new IllegalArgumentException(
            "rule '" + meta.id() + "' is grouped by '" + meta.by() + "', which is not a key field of event type '"
                + type.name() + "' (its keys: " + type.keys() + ")");
      }
    }
  }

  /** The file line of an Esper message's "at line N" (relative to the statement), else the base. */
  private static int lineOf(String message, int base) {
    Matcher m = message == null ? null : AT_LINE.matcher(message);
    if (m != null && m.find()) {
      return base + Integer.parseInt(m.group(1)) - 1;
    }
    return base;
  }
}

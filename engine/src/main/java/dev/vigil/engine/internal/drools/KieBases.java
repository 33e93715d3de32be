package dev.vigil.engine.internal.drools;

import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.internal.utils.KieHelper;

/**
 * Builds an immutable KieBase from generated DRL with Drools' executable model: constraints are
 * compiled to Java lambdas here, once per deployed version, never on the request path.
 */
public final class KieBases {

  private KieBases() {}

  /**
   * @param drlFiles the DRL texts, one resource each
   * @throws IllegalArgumentException with Drools' messages when the DRL does not build (a
   *     compiler bug: the DSL checker should have refused the source)
   */
  public static KieBase build(java.util.List<String> drlFiles) {
    KieHelper helper = new KieHelper();
    int i = 0;
    for (String drl : drlFiles) {
      helper.addResource(org.kie.internal.io.ResourceFactory.newByteArrayResource(
              drl.getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .setSourcePath("vigil/decisions/d" + (i++) + ".drl")
          .setResourceType(ResourceType.DRL));
    }
    try {
      return helper.build(ExecutableModelProject.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("generated DRL does not build: " + e.getMessage(), e);
    }
  }
}

package dev.vigil.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine's module boundaries: one package per library, public API free of internals. */
class ArchitectureTest {

  private static final JavaClasses ENGINE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.vigil.engine");

  @Test
  void onlyEsperPackage_importsEsper() {
    noClasses()
        .that().resideOutsideOfPackage("dev.vigil.engine.internal.esper..")
        .should().dependOnClassesThat().resideInAPackage("com.espertech..")
        .check(ENGINE);
  }

  @Test
  void onlyStorePackage_importsRocksDb() {
    noClasses()
        .that().resideOutsideOfPackage("dev.vigil.engine.internal.store..")
        .should().dependOnClassesThat().resideInAPackage("org.rocksdb..")
        .check(ENGINE);
  }

  @Test
  void onlyDroolsPackage_importsDroolsOrKie() {
    noClasses()
        .that().resideOutsideOfPackage("dev.vigil.engine.internal.drools..")
        .should().dependOnClassesThat().resideInAnyPackage("org.drools..", "org.kie..")
        .check(ENGINE);
  }

  @Test
  void onlyStatePackage_importsHazelcast() {
    noClasses()
        .that().resideOutsideOfPackage("dev.vigil.engine.internal.state..")
        .should().dependOnClassesThat().resideInAPackage("com.hazelcast..")
        .check(ENGINE);
  }

  @Test
  void engine_neverImportsVertxOrJackson() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "com.fasterxml.jackson..")
        .check(ENGINE);
  }

  @Test
  void publicPackages_dependOnlyOnPublicPackages_exceptEngineFacade() {
    // The two facades: Engine, and Statistics (the node's statistics member, started before it).
    noClasses()
        .that().resideInAnyPackage("dev.vigil.engine", "dev.vigil.engine.spi", "dev.vigil.engine.testing")
        .and().haveNameNotMatching("dev\\.vigil\\.engine\\.(Engine|Statistics)(\\$.*)?")
        .should().dependOnClassesThat().resideInAPackage("dev.vigil.engine.internal..")
        .check(ENGINE);
  }

  @Test
  void hostPackage_isFreeOfBackends() {
    noClasses()
        .that().resideInAPackage("dev.vigil.engine.internal.host..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.vigil.engine.internal.esper..", "dev.vigil.engine.internal.store..", "dev.vigil.engine.internal.state..")
        .check(ENGINE);
  }
}

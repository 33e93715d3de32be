package dev.vigil.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The API talks to the engine through its public packages only and never to its backends. */
@AnalyzeClasses(packages = "dev.vigil.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiArchitectureTest {

  @ArchTest
  static final ArchRule noEngineInternals =
      noClasses().that().resideInAPackage("dev.vigil.api..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.vigil.engine.internal..");

  @ArchTest
  static final ArchRule noBackendLibraries =
      noClasses().that().resideInAPackage("dev.vigil.api..")
          .should().dependOnClassesThat().resideInAnyPackage("com.espertech..", "org.rocksdb..", "com.hazelcast..", "org.drools..", "org.kie..");

}

package dev.vigil.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The language module knows nothing of the runtime: it depends on the JDK only. */
@AnalyzeClasses(packages = "dev.vigil.rules", importOptions = ImportOption.DoNotIncludeTests.class)
class RulesArchitectureTest {

  @ArchTest
  static final ArchRule onlyJdkDependencies =
      classes().that().resideInAPackage("dev.vigil.rules..")
          .should().onlyDependOnClassesThat().resideInAnyPackage("dev.vigil.rules..", "java..");
}

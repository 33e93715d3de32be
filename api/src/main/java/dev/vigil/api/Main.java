package dev.vigil.api;

import ch.qos.logback.classic.LoggerContext;
import dev.vigil.api.cli.RulesCommand;
import dev.vigil.api.config.ConfigException;
import dev.vigil.api.config.VigilConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * The command line: {@code java -jar vigil.jar server [--config FILE]}, {@code rules validate|test}
 * (see {@link RulesCommand}), {@code version}, {@code help}. Exit codes: 0 after a clean shutdown
 * (SIGTERM or Ctrl-C), 2 when the node cannot start or the command line is wrong; the reason is on
 * standard error (a rule file that does not compile shows every error with a caret).
 */
public final class Main {
  private static final String USAGE = """
      Usage: java -jar vigil.jar <command>

      Commands:
        server [--config FILE]   start a node (config: --config, else $VIGIL_CONFIG,
                                 else ./vigil.yaml if present; VIGIL_* variables override it)
        rules [--config FILE] validate FILE...
                                 compile rule files offline; exit 1 on errors
        rules [--config FILE] test DIR
                                 run the rule tests of DIR offline; exit 1 on a mismatch
                                 (both against the statistics that configuration keeps)
        version                  print the version
        help                     print this help

      Configuration keys and their environment variables: docs/configuration.md""";

  private Main() {}

  public static void main(String[] args) {
    int code = guarded(() -> run(args, System.getenv(), System.out, System.err), System.err);
    flushLogs();
    System.exit(code);
  }

  /**
   * Runs {@code body}; anything it throws becomes exit code 1. Without this, an error escaping
   * {@code main} (say, a failing close during shutdown) ends only the main thread, and the
   * server's other threads keep a process alive that serves nothing and never exits.
   */
  static int guarded(java.util.function.IntSupplier body, PrintStream err) {
    try {
      return body.getAsInt();
    } catch (Throwable t) {
      err.println("vigil: stopped by an unexpected error: " + t);
      t.printStackTrace(err);
      return 1;
    }
  }

  /** Stops logback so that its asynchronous appender writes the last lines before the exit. */
  private static void flushLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "" : args[0];
    switch (command) {
      case "server":
        return server(args, env, err);
      case "rules":
        return RulesCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), env, out, err);
      case "version":
      case "--version":
        out.println("vigil " + version());
        return 0;
      case "help":
      case "--help":
      case "-h":
        out.println(USAGE);
        return 0;
      default:
        err.println(command.isEmpty() ? "vigil: missing command" : "vigil: unknown command '" + command + "'");
        err.println(USAGE);
        return 2;
    }
  }

  private static int server(String[] args, Map<String, String> env, PrintStream err) {
    String configPath = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        configPath = args[++i];
      } else if (args[i].startsWith("--config=")) {
        configPath = args[i].substring("--config=".length());
      } else {
        err.println("vigil: unexpected argument '" + args[i] + "'");
        err.println(USAGE);
        return 2;
      }
    }
    Node node;
    try {
      Path file = VigilConfig.locate(configPath, env, Path.of(""));
      node = Node.start(VigilConfig.load(file, env));
    } catch (ConfigException | StartupException e) {
      err.println("vigil: " + e.getMessage());
      return 2;
    }
    CountDownLatch stop = new CountDownLatch(1);
    boolean signals = trap(stop);
    // Fallback for exits that bypass the signal handlers (e.g. SIGHUP): still close gracefully.
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "vigil-shutdown"));
    if (!signals) {
      return awaitForever();
    }
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    node.close();
    return 0;
  }

  /**
   * Turns SIGTERM and SIGINT into a clean shutdown with exit code 0 (the JVM's default handlers
   * would exit with 143/130 after the shutdown hooks). False when the JVM does not allow it.
   */
  @SuppressWarnings("removal")
  private static boolean trap(CountDownLatch stop) {
    try {
      for (String name : new String[] {"TERM", "INT"}) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> stop.countDown());
      }
      return true;
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
      return false;
    }
  }

  private static int awaitForever() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "development build" : v;
  }
}

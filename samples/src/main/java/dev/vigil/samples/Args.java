package dev.vigil.samples;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code --name value} pairs of the sample command-line tools. */
final class Args {
  private Args() {}

  static Map<String, String> parse(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got: " + a);
      }
      out.put(a.substring(2), args[++i]);
    }
    return out;
  }
}

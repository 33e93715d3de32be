package dev.vigil.rules.internal.check;

import java.util.Collection;

/** "Did you mean" suggestions: the candidate nearest by Damerau-Levenshtein distance (optimal string alignment), if near enough. */
public final class Names {

  private Names() {}

  /**
   * The nearest candidate, or {@code null} when none is within reach. Reach grows with the word:
   * one edit for short words, up to a third of the length, so "amout" finds "amount" but "id"
   * does not suggest "ip".
   */
  public static String nearest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int reach = Math.max(1, word.length() / 3);
    for (String c : candidates) {
      int d = distance(word, c);
      if (d < bestDistance && d <= reach && !c.equals(word)) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  static int distance(String a, String b) {
    int[] prevPrev = new int[b.length() + 1];
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          cur[j] = Math.min(cur[j], prevPrev[j - 2] + 1); // a swap of two neighbours is one edit
        }
      }
      int[] recycled = prevPrev;
      prevPrev = prev;
      prev = cur;
      cur = recycled;
    }
    return prev[b.length()];
  }
}

package dev.vigil.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An API key as handed to a client: {@code vgl_<id>_<secret>}. The id (12 characters of lower-case
 * base32) is public and names the stored record; the secret (32 random bytes, base64url without
 * padding) is shown once and only its SHA-256 is stored.
 *
 * <pre>{@code
 * KeyToken t = KeyToken.generate(random);   // vgl_k3j5x2m7qa4b_Qm9...
 * KeyToken.parse(t.token()).get().id();     // "k3j5x2m7qa4b"
 * }</pre>
 */
public record KeyToken(String id, String secret) {
  public static final String PREFIX = "vgl_";
  static final int ID_LENGTH = 12;
  private static final int SECRET_BYTES = 32;
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  /** The full key, {@code vgl_<id>_<secret>}. */
  public String token() {
    return PREFIX + id + "_" + secret;
  }

  @Override
  public String toString() {
    return "KeyToken[id=" + id + ", secret=<redacted>]";
  }

  public static KeyToken generate(SecureRandom random) {
    char[] id = new char[ID_LENGTH];
    for (int i = 0; i < id.length; i++) {
      id[i] = BASE32[random.nextInt(BASE32.length)];
    }
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return new KeyToken(new String(id), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** Splits a presented key, or empty when it is not in the {@code vgl_} format. */
  public static Optional<KeyToken> parse(String token) {
    int idEnd = PREFIX.length() + ID_LENGTH;
    if (token == null || token.length() <= idEnd + 1 || !token.startsWith(PREFIX)
        || token.charAt(idEnd) != '_') {
      return Optional.empty();
    }
    String id = token.substring(PREFIX.length(), idEnd);
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
        return Optional.empty();
      }
    }
    return Optional.of(new KeyToken(id, token.substring(idEnd + 1)));
  }

  /** Hex SHA-256 of a secret, as stored in {@code ApiKeyRecord.secretHash}. */
  public static String hash(String secret) {
    return HexFormat.of().formatHex(sha256(secret));
  }

  /** Constant-time comparison of a presented secret against a stored hash. */
  public static boolean matches(String secret, String storedHash) {
    byte[] expected;
    try {
      expected = HexFormat.of().parseHex(storedHash);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sha256(secret), expected);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}

package dev.vigil.engine.internal;

/** Hash mixing shared by the shard routing and the shards' entity tables. */
public final class Hashes {
  private Hashes() {}

  /**
   * MurmurHash3's 32-bit finalizer: every input bit affects every output bit. {@code String}
   * hashes of ids such as {@code u1234} differ mostly in a few bits; mixed, they spread over
   * shards and hash-table bins.
   */
  public static int fmix32(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }
}

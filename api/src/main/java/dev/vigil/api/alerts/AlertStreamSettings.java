package dev.vigil.api.alerts;

import java.time.Duration;

/**
 * How {@code GET /v1/alerts/stream} serves its clients. Config keys {@code alerts.stream.*}.
 *
 * @param heartbeat interval of the comment lines that keep an idle connection (and proxies) open
 * @param bufferBytes unsent bytes held per client; beyond it the stream waits for the client
 * @param stallTimeout a client whose buffer stays full this long is disconnected (it may resume
 *     with {@code Last-Event-ID}); ingestion never waits for it
 * @param maxClients concurrent stream connections; more are answered {@code 503}
 */
public record AlertStreamSettings(Duration heartbeat, int bufferBytes, Duration stallTimeout, int maxClients) {

  public AlertStreamSettings {
    if (heartbeat.isZero() || heartbeat.isNegative() || stallTimeout.isZero() || stallTimeout.isNegative()) {
      throw new IllegalArgumentException("heartbeat and stallTimeout must be positive");
    }
    if (bufferBytes < 1 || maxClients < 1) {
      throw new IllegalArgumentException("bufferBytes and maxClients must be >= 1");
    }
  }

  /** 15 s heartbeat, 1 MiB per client, disconnected after 30 s stalled, 100 clients. */
  public static AlertStreamSettings defaults() {
    return new AlertStreamSettings(Duration.ofSeconds(15), 1 << 20, Duration.ofSeconds(30), 100);
  }
}

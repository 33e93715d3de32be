package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk budget (data.max_disk_bytes) and the durability named in ingest answers. */
class StorageLimitIT {
  @TempDir Path dir;

  @Test
  void ingest_storeAtItsDiskBudget_is507WithRetryAfterAndKeepsWhatWasAccepted() throws Exception {
    Path data = dir.resolve("data");
    try (TestNode node = TestNode.start(data, Map.of("VIGIL_ADMIN_KEY", TestNode.ADMIN_KEY), System.out)) {
      HttpResponse<String> ok = node.post("/v1/events", TestNode.ADMIN_KEY, "application/json", TestNode.transaction("e1"));
      assertThat(ok.statusCode()).isEqualTo(202);
      assertThat(ok.body()).contains("\"accepted\":1").contains("\"durability\":\"batch\"");
    }
    // The same store, now with a budget far below its size.
    try (TestNode node = TestNode.start(data,
        Map.of("VIGIL_ADMIN_KEY", TestNode.ADMIN_KEY, "VIGIL_DATA_MAX_DISK_BYTES", "1KiB"), System.out)) {
      HttpResponse<String> full = node.post("/v1/events", TestNode.ADMIN_KEY, "application/json", TestNode.transaction("e2"));
      assertThat(full.statusCode()).isEqualTo(507);
      assertThat(full.headers().firstValue("Retry-After")).isPresent();
      assertThat(full.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(full.body()).contains("insufficient-storage");
      // Reads go on, and what was accepted before is still there: e1 is a duplicate only once
      // the budget allows writes again.
      assertThat(node.get("/v1/alerts", TestNode.ADMIN_KEY).statusCode()).isEqualTo(200);
      assertThat(node.get("/metrics", null).body()).contains("vigil_store_disk_bytes", "vigil_journal_lag");
    }
    try (TestNode node = TestNode.start(data, Map.of("VIGIL_ADMIN_KEY", TestNode.ADMIN_KEY), System.out)) {
      HttpResponse<String> again = node.post("/v1/events", TestNode.ADMIN_KEY, "application/json",
          "[" + TestNode.transaction("e1") + "," + TestNode.transaction("e2") + "]");
      assertThat(again.statusCode()).isEqualTo(202);
      assertThat(again.body()).contains("\"accepted\":1", "\"duplicates\":1");
    }
  }
}

package dev.vigil.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

  @Test
  void receive_signedAndForged_verifiesOnlySigned() throws Exception {
    try (WebhookReceiver r = WebhookReceiver.start(0, SECRET)) {
      String body = "{\"type\":\"alert.created\"}";
      String now = Long.toString(System.currentTimeMillis() / 1000);
      assertThat(post(r, "msg_1", now, body, "v1," + sign("msg_1." + now + "." + body))).isEqualTo(204);
      assertThat(post(r, "msg_2", now, body, "v1,AAAA")).isEqualTo(401);
      assertThat(r.deliveries()).extracting(WebhookReceiver.Delivery::signatureValid).containsExactly(true, false);
    }
  }

  @Test
  void receive_staleTimestamp_rejected_repeatedId_acknowledgedAsDuplicate() throws Exception {
    try (WebhookReceiver r = WebhookReceiver.start(0, SECRET)) {
      String body = "{}";
      String stale = Long.toString(System.currentTimeMillis() / 1000 - 301);
      assertThat(post(r, "msg_1", stale, body, "v1," + sign("msg_1." + stale + "." + body))).isEqualTo(400);
      String now = Long.toString(System.currentTimeMillis() / 1000);
      String sig = "v1," + sign("msg_1." + now + "." + body);
      assertThat(post(r, "msg_1", now, body, "v1,AAAA " + sig)).isEqualTo(204);
      assertThat(post(r, "msg_1", now, body, sig)).isEqualTo(204);
      assertThat(r.deliveries()).extracting(WebhookReceiver.Delivery::duplicate).containsExactly(false, false, true);
    }
  }

  private static int post(WebhookReceiver r, String id, String ts, String body, String sig) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + "/hook"))
        .header("webhook-id", id).header("webhook-timestamp", ts).header("webhook-signature", sig)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String sign(String content) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
  }
}

package dev.vigil.engine.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vigil.engine.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {

  private static ReorderBuffer.Pending pending(String id, long time, String routeKey) {
    return new ReorderBuffer.Pending(new Event(id, "transaction", time, Map.of(), null), routeKey, null, 0);
  }

  @Test
  void pollBefore_releasesInTimeThenIdThenRouteKeyOrder_andOnlyBeforeTheWatermark() {
    ReorderBuffer buffer = new ReorderBuffer();
    ReorderBuffer.Pending late = pending("a", 30, "user_id");
    ReorderBuffer.Pending cardOfB = pending("b", 10, "card_id");
    ReorderBuffer.Pending userOfB = pending("b", 10, "user_id");
    ReorderBuffer.Pending globalOfB = pending("b", 10, null);
    ReorderBuffer.Pending a = pending("a", 10, "user_id");
    for (ReorderBuffer.Pending p : List.of(late, userOfB, cardOfB, a, globalOfB)) {
      buffer.add(p);
    }

    assertSame(a, buffer.pollBefore(11));
    assertSame(globalOfB, buffer.pollBefore(11));
    assertSame(cardOfB, buffer.pollBefore(11));
    assertSame(userOfB, buffer.pollBefore(11));
    assertNull(buffer.pollBefore(11));
    assertNull(buffer.pollBefore(30), "a watermark equal to the time does not release it");
    assertSame(late, buffer.pollBefore(31));
    assertEquals(0, buffer.size());
  }

  /** Interleaved adds and polls, many ties, growth and shrinking: the same order as a sorted queue. */
  @Test
  void randomAddsAndPolls_releaseExactlyWhatASortedQueueReleases() {
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      ReorderBuffer buffer = new ReorderBuffer();
      PriorityQueue<ReorderBuffer.Pending> expected = new PriorityQueue<>(ReorderBuffer.ORDER);
      long watermark = 0;
      int id = 0;
      for (int step = 0; step < 2_000; step++) {
        int adds = random.nextInt(round % 2 == 0 ? 40 : 400); // some rounds grow to thousands, then drain
        for (int i = 0; i < adds; i++) {
          String routeKey = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> "user_id";
            default -> "card_id";
          };
          String eventId = "e" + (random.nextInt(4) == 0 ? random.nextInt(50) : id++);
          ReorderBuffer.Pending p = pending(eventId, watermark + random.nextInt(200), routeKey);
          buffer.add(p);
          expected.add(p);
        }
        watermark += random.nextInt(step % 500 < 400 ? 60 : 400);
        List<ReorderBuffer.Pending> got = new ArrayList<>();
        for (ReorderBuffer.Pending p = buffer.pollBefore(watermark); p != null; p = buffer.pollBefore(watermark)) {
          got.add(p);
        }
        List<ReorderBuffer.Pending> want = new ArrayList<>();
        while (!expected.isEmpty() && expected.peek().time() < watermark) {
          want.add(expected.poll());
        }
        assertEquals(want.size(), got.size(), "released at step " + step);
        for (int i = 0; i < want.size(); i++) {
          assertEquals(0, ReorderBuffer.ORDER.compare(want.get(i), got.get(i)), "position " + i + " at step " + step);
        }
        assertEquals(expected.size(), buffer.size());
      }
    }
  }

  /**
   * Any interleaving, including what the shard never does (a delivery older than one already
   * released, a watermark that goes back, polls that stop inside a timestamp): still a priority queue.
   */
  @Test
  void arbitraryInterleaving_behavesAsAPriorityQueue() {
    Random random = new Random(3);
    ReorderBuffer buffer = new ReorderBuffer();
    PriorityQueue<ReorderBuffer.Pending> expected = new PriorityQueue<>(ReorderBuffer.ORDER);
    long base = 1_000;
    for (int step = 0; step < 200_000; step++) {
      if (random.nextInt(100) < 55) {
        long time = base + random.nextInt(20) - (random.nextInt(10) == 0 ? 30 : 0);
        ReorderBuffer.Pending p = pending("e" + random.nextInt(400), time, random.nextBoolean() ? "user_id" : null);
        buffer.add(p);
        expected.add(p);
      } else {
        long watermark = base + random.nextInt(25) - 10;
        ReorderBuffer.Pending got = buffer.pollBefore(watermark);
        ReorderBuffer.Pending want = !expected.isEmpty() && expected.peek().time() < watermark ? expected.poll() : null;
        if (want == null) {
          assertNull(got, "step " + step);
        } else {
          assertEquals(0, ReorderBuffer.ORDER.compare(want, got), "step " + step);
        }
      }
      assertEquals(expected.size(), buffer.size());
      if (random.nextInt(50) == 0) {
        base += random.nextInt(10);
      }
    }
  }
}

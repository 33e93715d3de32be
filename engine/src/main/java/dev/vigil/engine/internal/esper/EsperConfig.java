package dev.vigil.engine.internal.esper;

import com.espertech.esper.common.client.configuration.Configuration;

/**
 * The one Esper configuration every Vigil compiler and runtime uses. External clock only: the
 * shard thread moves time to the events' timestamps, so windows and patterns follow event time,
 * never the wall clock, and there is no timer thread per runtime.
 */
final class EsperConfig {

  private EsperConfig() {}

  static Configuration create() {
    Configuration config = new Configuration();
    config.getRuntime().getThreading().setInternalTimerEnabled(false);
    // One thread per runtime: Esper's own inbound/outbound/route threading stays off (default).
    config.getRuntime().getExecution().setDisableLocking(true);
    config.getCompiler().getByteCode().setAllowSubscriber(false);
    return config;
  }
}

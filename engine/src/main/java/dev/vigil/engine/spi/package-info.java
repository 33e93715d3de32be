/** Ports the engine talks to: storage. Implementations live in internal packages. */
package dev.vigil.engine.spi;

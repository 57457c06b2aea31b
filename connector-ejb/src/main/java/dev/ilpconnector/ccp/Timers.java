package dev.ilpconnector.ccp;

/** Runs a task later on a scheduler that is not a WebSocket thread (the managed one). */
@FunctionalInterface
public interface Timers {

    void schedule(Runnable task, long delayMs);
}

package io.emuflow.ml.emulator;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A second thread that runs one job at a time for {@link FastEmulator}: the caller posts a layer index, computes its
 * own half of that layer's columns, then waits for this thread's half. A call makes a hand-off per layer, each of a
 * few microseconds of work, so both sides spin rather than block; the helper parks after {@link #SPIN_NANOS} without
 * work so that an idle emulator costs no CPU.
 */
final class ColumnSplitter implements AutoCloseable {
    private static final long SPIN_NANOS = 200_000;

    private final IntConsumer job;
    private final Thread thread;
    /** Written by the caller only: sequence number of the last posted job; its layer is in {@link #layer}. */
    private volatile long posted;
    /** Written by the helper only: sequence number of the last finished job. */
    private volatile long finished;
    private volatile boolean parked;
    private volatile boolean closed;
    private volatile Throwable failure;
    /** Published to the helper by the volatile write of {@link #posted}. */
    private int layer;

    ColumnSplitter(IntConsumer job) {
        this.job = job;
        this.thread = new Thread(this::loop, "emuflow-fast-emulator");
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands layer l to the helper thread. */
    void start(int l) {
        if (closed) {
            throw new IllegalStateException("the fast emulator was closed");
        }
        layer = l;
        posted = posted + 1;
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /** Waits until the helper has finished the job posted last. */
    void await() {
        long target = posted;
        int spins = 0;
        while (finished != target) {
            if (failure != null) {
                throw new IllegalStateException("the fast emulator's second thread failed", failure);
            }
            if (++spins < 100_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // the helper was descheduled: let it run
            }
        }
    }

    private void loop() {
        long seen = 0;
        while (!closed) {
            long idleSince = System.nanoTime();
            int spins = 0;
            while (posted == seen && !closed) {
                Thread.onSpinWait();
                if ((++spins & 255) == 0 && System.nanoTime() - idleSince > SPIN_NANOS) {
                    parked = true;
                    if (posted == seen && !closed) { // re-check after announcing: start() unparks if it saw parked
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
            if (closed) {
                return;
            }
            seen = posted;
            try {
                job.accept(layer);
            } catch (Throwable t) {
                failure = t;
                return;
            }
            finished = seen;
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}

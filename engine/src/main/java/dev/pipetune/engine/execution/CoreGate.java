package dev.pipetune.engine.execution;

import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets at most one task per core run built-in work at a time. When a core frees up it is handed to the waiting task
 * of the operator furthest downstream (earliest arrival among equals), as the executor's scheduling does, so that
 * blocks already read are consumed before more are read and the pipeline keeps streaming. A release wakes only the
 * task it hands the core to, however many wait. Thread-safe.
 */
final class CoreGate {

    private final int cores;
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();
    private int inUse;
    private long arrivals;

    /**
     * Creates a gate.
     *
     * @param cores how many tasks may hold a core at once, at least 1
     */
    CoreGate(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1, got " + cores);
        }
        this.cores = cores;
    }

    /**
     * Returns how many tasks may hold a core at once.
     *
     * @return the number of cores, at least 1
     */
    int cores() {
        return cores;
    }

    /**
     * Waits for a core.
     *
     * @param operatorIndex the position of the task's operator in the chain (larger is further downstream)
     * @throws InterruptedException if interrupted while waiting; no core is then held
     */
    void acquire(int operatorIndex) throws InterruptedException {
        Waiter self;
        synchronized (this) {
            if (inUse < cores && waiters.isEmpty()) {
                inUse++;
                return;
            }
            self = new Waiter(operatorIndex, arrivals++, Thread.currentThread());
            waiters.add(self);
        }
        while (!self.granted) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                synchronized (this) {
                    if (!self.granted) {
                        waiters.remove(self);
                        throw new InterruptedException("interrupted while waiting for a core");
                    }
                }
                // Granted just as the interrupt came: give the core back, then report the interrupt.
                release();
                throw new InterruptedException("interrupted while waiting for a core");
            }
        }
    }

    /** Waits for a core without reacting to interrupts (the interrupt status is kept). */
    void acquireUninterruptibly(int operatorIndex) {
        boolean interrupted = false;
        while (true) {
            try {
                acquire(operatorIndex);
                break;
            } catch (InterruptedException retry) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Gives a core back: to the first waiter if there is one, otherwise to the pool. */
    void release() {
        Waiter next;
        synchronized (this) {
            if (inUse == 0) {
                throw new IllegalStateException("no core is held");
            }
            next = waiters.poll();
            if (next == null) {
                inUse--;
                return;
            }
            next.granted = true;
        }
        LockSupport.unpark(next.thread);
    }

    /** A waiting task: downstream operators first, then first come, first served. */
    private static final class Waiter implements Comparable<Waiter> {
        private final int operatorIndex;
        private final long arrival;
        private final Thread thread;
        private volatile boolean granted;

        Waiter(int operatorIndex, long arrival, Thread thread) {
            this.operatorIndex = operatorIndex;
            this.arrival = arrival;
            this.thread = thread;
        }

        @Override
        public int compareTo(Waiter other) {
            int byOperator = Integer.compare(other.operatorIndex, operatorIndex);
            return byOperator != 0 ? byOperator : Long.compare(arrival, other.arrival);
        }
    }
}

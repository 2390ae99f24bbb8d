package dev.pipetune.engine.execution;

import java.util.PriorityQueue;

/**
 * Lets at most one task per core run built-in work at a time. When a core frees up it goes to the waiting task of
 * the operator furthest downstream (earliest arrival among equals), as the executor's scheduling does, so that
 * blocks already read are consumed before more are read and the pipeline keeps streaming. Thread-safe.
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
     * Waits for a core.
     *
     * @param operatorIndex the position of the task's operator in the chain (larger is further downstream)
     * @throws InterruptedException if interrupted while waiting; no core is then held
     */
    synchronized void acquire(int operatorIndex) throws InterruptedException {
        Waiter self = new Waiter(operatorIndex, arrivals++);
        waiters.add(self);
        try {
            while (inUse >= cores || waiters.peek() != self) {
                wait();
            }
        } catch (InterruptedException interrupted) {
            waiters.remove(self);
            notifyAll();
            throw interrupted;
        }
        waiters.poll();
        inUse++;
        if (inUse < cores && !waiters.isEmpty()) {
            notifyAll();
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

    /** Gives a core back. */
    synchronized void release() {
        if (inUse == 0) {
            throw new IllegalStateException("no core is held");
        }
        inUse--;
        notifyAll();
    }

    /** A waiting task: downstream operators first, then first come, first served. */
    private record Waiter(int operatorIndex, long arrival) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter other) {
            int byOperator = Integer.compare(other.operatorIndex, operatorIndex);
            return byOperator != 0 ? byOperator : Long.compare(arrival, other.arrival);
        }
    }
}

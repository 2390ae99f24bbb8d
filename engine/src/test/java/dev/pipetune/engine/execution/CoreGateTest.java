package dev.pipetune.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoreGateTest {

    @Test
    void aFreedCoreGoesToTheWaiterFurthestDownstreamThenFirstComeFirstServed() throws Exception {
        CoreGate gate = new CoreGate(1);
        gate.acquire(0);
        List<String> order = new CopyOnWriteArrayList<>();
        Thread read1 = waiter(gate, 0, "read-1", order);
        awaitWaiting(read1);
        Thread read2 = waiter(gate, 0, "read-2", order);
        awaitWaiting(read2);
        Thread write = waiter(gate, 2, "write", order);
        awaitWaiting(write);
        Thread map = waiter(gate, 1, "map", order);
        awaitWaiting(map);
        gate.release();
        for (Thread thread : List.of(read1, read2, write, map)) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertThat(order).containsExactly("write", "map", "read-1", "read-2");
    }

    @Test
    void neverMoreHoldersThanCoresAndAnInterruptedWaiterHoldsNothing() throws Exception {
        CoreGate gate = new CoreGate(2);
        gate.acquire(0);
        gate.acquire(0);
        Thread interrupted = Thread.ofPlatform().start(() -> {
            try {
                gate.acquire(5);
            } catch (InterruptedException expected) {
                return;
            }
            throw new AssertionError("acquired a third core");
        });
        awaitWaiting(interrupted);
        interrupted.interrupt();
        interrupted.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(interrupted.isAlive()).isFalse();
        gate.release();
        List<String> order = new CopyOnWriteArrayList<>();
        Thread next = waiter(gate, 0, "next", order);
        next.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(order).containsExactly("next");
    }

    private static Thread waiter(CoreGate gate, int operatorIndex, String name, List<String> order) {
        return Thread.ofPlatform().start(() -> {
            gate.acquireUninterruptibly(operatorIndex);
            order.add(name);
            gate.release();
        });
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
    }
}

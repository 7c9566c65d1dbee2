package io.callisto.exec;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Owners backed by the event loops of a Netty group: each loop is one owner. */
public final class EventLoopOwners implements Owners {

    private final Owner[] owners;

    public EventLoopOwners(EventLoopGroup group) {
        List<Owner> list = new ArrayList<>();
        for (EventExecutor e : group) {
            list.add(new LoopOwner((EventLoop) e));
        }
        this.owners = list.toArray(new Owner[0]);
    }

    @Override
    public int size() {
        return owners.length;
    }

    @Override
    public Owner get(int index) {
        return owners[index];
    }

    /** One Netty event loop as an owner. Time is {@link System#nanoTime()} in milliseconds. */
    public static final class LoopOwner implements Owner {
        private final EventLoop loop;

        public LoopOwner(EventLoop loop) {
            this.loop = loop;
        }

        public EventLoop loop() {
            return loop;
        }

        @Override
        public long nowMillis() {
            return System.nanoTime() / 1_000_000L;
        }

        @Override
        public Cancellable schedule(long delayMillis, Runnable task) {
            ScheduledFuture<?> f = loop.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        }

        @Override
        public void execute(Runnable command) {
            loop.execute(command);
        }

        @Override
        public boolean inOwnerThread() {
            return loop.inEventLoop();
        }
    }
}

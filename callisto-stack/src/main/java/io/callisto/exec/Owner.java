package io.callisto.exec;

import java.util.concurrent.Executor;

/**
 * One serial thread of control (DESIGN principle 3: one owner per state). A transaction, dialog or call lives on
 * the owner chosen for its Call-ID; everything that touches it runs through {@link #execute}, so its state needs no
 * locks. In production an owner is a Netty event loop; in tests it is a {@link VirtualTime} owner.
 */
public interface Owner extends Executor, Scheduler {

    /** True when the calling thread is this owner's thread (work may then run inline). */
    boolean inOwnerThread();

    /** Runs the task now when already on the owner's thread, otherwise queues it. */
    default void run(Runnable task) {
        if (inOwnerThread()) {
            task.run();
        } else {
            execute(task);
        }
    }
}

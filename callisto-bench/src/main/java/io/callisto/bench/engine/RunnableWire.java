package io.callisto.bench.engine;

import io.callisto.exec.Owner;
import java.io.IOException;

/** A {@link Wire} over real sockets: it binds on {@link #start()}, offers a control owner, and closes. */
public interface RunnableWire extends Wire, AutoCloseable {

    /** Binds the local addresses. */
    void start() throws IOException;

    /** An owner, outside the I/O threads, for the engine's pacing and reporting. */
    Owner control();

    /** The I/O kind in use (epoll or NIO), for the settings shown. */
    String ioKind();

    @Override
    void close();
}

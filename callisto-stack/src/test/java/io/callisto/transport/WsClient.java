package io.callisto.transport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client offering subprotocol "sip", collecting whole messages (bounded waits). */
final class WsClient implements WebSocket.Listener, AutoCloseable {

    /** A received message: text, or binary bytes. */
    record Received(String text, byte[] binary) {
    }

    final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    final WebSocket socket;
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream bin = new java.io.ByteArrayOutputStream();

    WsClient(InetSocketAddress server) throws Exception {
        this(server, null);
    }

    /** A client of {@code wss://} when {@code tls} is given (trusting what it trusts), else of {@code ws://}. */
    WsClient(InetSocketAddress server, javax.net.ssl.SSLContext tls) throws Exception {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(Peer.WAIT_SECONDS));
        if (tls != null) {
            b.sslContext(tls);
        }
        socket = b.build().newWebSocketBuilder().subprotocols("sip")
                .buildAsync(URI.create((tls != null ? "wss" : "ws") + "://127.0.0.1:" + server.getPort() + "/"), this)
                .get(Peer.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    void send(String message) throws Exception {
        socket.sendText(message, true).get(Peer.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    Received next() throws InterruptedException {
        Received r = inbox.poll(Peer.WAIT_SECONDS, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no WebSocket message within " + Peer.WAIT_SECONDS + " s");
        }
        return r;
    }

    /** The close status the server sent, or -1 when the connection ended with an error. */
    int awaitClose() throws Exception {
        return closed.get(Peer.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            inbox.add(new Received(text.toString(), null));
            text.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        bin.writeBytes(b);
        if (last) {
            inbox.add(new Received(null, bin.toByteArray()));
            bin.reset();
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void close() {
        socket.abort();
    }
}

package io.callisto.transaction.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.exec.VirtualTime;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.InboundHandler;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.SendListener;
import io.callisto.transport.Transport;
import io.callisto.transport.TransportLayer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compact store of completed non-INVITE UDP server transactions, on the virtual clock. */
class CompletedStoreTest {

    private static final long J = 32_000;
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);

    private final VirtualTime time = new VirtualTime();
    private final List<Object[]> sent = new ArrayList<>();
    private final CompletedStore store = new CompletedStore(time, new Sink(), Integer.MAX_VALUE);

    private static Flow flow(String ip, int port) {
        return new Flow(Transport.UDP, LOCAL, new InetSocketAddress(ip, port), 0);
    }

    private static byte[] response(int n) {
        return ("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK" + n + "\r\n"
                + "From: <sip:a@x>;tag=1\r\nTo: <sip:a@x>;tag=2\r\nCall-ID: c" + n + "\r\nCSeq: 1 REGISTER\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String key(int n) {
        return Keys.server("z9hG4bK" + n, "REGISTER", io.callisto.sip.header.Via.of("UDP", "192.0.2.1", 5060,
                "z9hG4bK" + n));
    }

    @Test
    void aRetransmissionGetsTheSameBytesToTheSameAddressUntilTimerJ() {
        byte[] bytes = response(1);
        assertThat(store.put(key(1), bytes, flow("192.0.2.1", 5070), J)).isTrue();
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.resend(key(2))).as("another key").isFalse();
        time.advance(J - 1);
        assertThat(store.resend(key(1))).isTrue();
        assertThat(sent).hasSize(1);
        assertThat((byte[]) sent.get(0)[0]).isEqualTo(bytes);
        Flow f = (Flow) sent.get(0)[1];
        assertThat(f.remote()).isEqualTo(new InetSocketAddress("192.0.2.1", 5070));
        assertThat(f.local()).isEqualTo(LOCAL);
        assertThat(f.transport()).isEqualTo(Transport.UDP);
        time.advance(1);
        assertThat(store.resend(key(1))).as("Timer J has fired").isFalse();
        assertThat(store.count()).isZero();
    }

    @Test
    void manyRecordsAcrossChunksExpireInOrderAndEveryOneIsFoundUntilThen() {
        int n = 3 * CompletedStore.CHUNK / 250; // about three chunks of 250-byte records
        for (int i = 0; i < n; i++) {
            assertThat(store.put(key(i), response(i), flow("2001:db8::" + Integer.toHexString(i % 65535 + 1),
                    1024 + i % 60000), J)).isTrue();
            if (i % 1000 == 999) {
                time.advance(1); // completions spread over time: they expire in slices
            }
        }
        assertThat(store.count()).isEqualTo(n);
        for (int i = 0; i < n; i += 97) {
            assertThat(store.resend(key(i))).as("record %d", i).isTrue();
        }
        long spread = (n - 1) / 1000;
        time.advance(J - spread); // the first slices are due, the last ones not yet
        int gone = 0;
        for (int i = 0; i < n; i++) {
            if (!store.resend(key(i))) {
                gone++;
            }
        }
        assertThat(gone).isPositive().isLessThan(n);
        assertThat(store.count()).isEqualTo(n - gone);
        time.advance(spread + 10);
        assertThat(store.count()).isZero();
        assertThat(store.resend(key(n - 1))).isFalse();

        // the store starts over and keeps working
        assertThat(store.put(key(1), response(1), flow("192.0.2.9", 5060), J)).isTrue();
        assertThat(store.resend(key(1))).isTrue();
    }

    @Test
    void collidingKeysSurviveTheRemovalOfTheirNeighbours() {
        // "Aa" and "BB" have the same String hash: records with such keys share probe chains
        String[] keys = {"Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB"};
        for (int i = 0; i < keys.length; i++) {
            store.put(keys[i], response(i), flow("192.0.2.1", 5000 + i), J + i * 1000L);
        }
        for (int i = 0; i < keys.length; i++) {
            time.advanceTo(J + i * 1000L);
            for (int k = i + 1; k < keys.length; k++) {
                assertThat(store.resend(keys[k])).as("%s after %s expired", keys[k], keys[i]).isTrue();
            }
            assertThat(store.resend(keys[i])).isFalse();
        }
    }

    @Test
    void aFullStoreRefusesUntilItsOldestChunkExpires() {
        CompletedStore one = new CompletedStore(time, new Sink(), 1);
        int n = 0;
        while (one.put(key(n), response(n), flow("192.0.2.1", 5070), J)) {
            n++;
        }
        // one chunk of about 4 MiB: thousands of records, then a refusal (the transaction stays an object)
        assertThat(n).isGreaterThan(CompletedStore.CHUNK / 1024);
        assertThat(one.count()).isEqualTo(n);
        assertThat(one.resend(key(0))).isTrue();
        assertThat(one.resend(key(n - 1))).isTrue();
        assertThat(one.resend(key(n))).as("refused: not held").isFalse();

        time.advance(J + 1); // Timer J of all of them: the chunk is free again
        assertThat(one.count()).isZero();
        assertThat(one.put(key(n), response(n), flow("192.0.2.1", 5070), J)).isTrue();
    }

    @Test
    void theDefaultCapSharesAQuarterOfTheHeapAndIsNeverBelowFourChunks() {
        long quarter = Runtime.getRuntime().maxMemory() / 4;
        assertThat(CompletedStore.defaultMaxChunks(1)).isEqualTo((int) Math.max(4, quarter / CompletedStore.CHUNK));
        assertThat(CompletedStore.defaultMaxChunks(1 << 20)).isEqualTo(4);
        assertThatThrownBy(() -> new CompletedStore(time, new Sink(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whatDoesNotFitIsRefused() {
        assertThat(store.put("z9hG4bK\u20ac", response(1), flow("192.0.2.1", 5060), J)).as("not Latin-1").isFalse();
        assertThat(store.put(key(1), response(1), new Flow(Transport.TCP, LOCAL,
                new InetSocketAddress("192.0.2.1", 5060), 7), J)).as("not UDP").isFalse();
        assertThat(store.put(key(1), new byte[CompletedStore.CHUNK], flow("192.0.2.1", 5060), J)).isFalse();
        assertThat(store.count()).isZero();
    }

    /** Records what the store sends. */
    private final class Sink implements TransportLayer {
        @Override
        public List<ListeningPoint> listeningPoints() {
            return List.of();
        }

        @Override
        public void setHandler(InboundHandler handler) {
        }

        @Override
        public void start() {
        }

        @Override
        public Destination prepare(SipRequest request, Destination destination) {
            return destination;
        }

        @Override
        public void send(SipMessage message, Destination destination, SendListener listener) {
        }

        @Override
        public void sendResponse(SipResponse response, Flow requestFlow, SendListener listener) {
            sendResponse(response, response.toBytes(), requestFlow, listener);
        }

        @Override
        public void sendResponse(SipResponse response, byte[] bytes, Flow requestFlow, SendListener listener) {
            sent.add(new Object[] {bytes, requestFlow});
        }

        @Override
        public void close() {
        }
    }
}

package io.callisto.cli.phone;

import io.callisto.sip.message.SipResponse;
import io.callisto.ua.Body;
import io.callisto.ua.Call;
import io.callisto.ua.SipStack;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** TEMPORARY: signalling-only media until io.callisto.media.call lands. */
final class PhoneMedia implements AudioFactory, AutoCloseable {

    static PhoneMedia start(SipStack stack, PhoneOptions options) {
        return new PhoneMedia();
    }

    @Override
    public CompletableFuture<CallAudio> open() {
        return CompletableFuture.completedFuture(new SdpOnly());
    }

    @Override
    public void close() {
    }

    private static final class SdpOnly implements CallAudio {
        private Call call;

        private static Body sdp(String dir) {
            return Body.sdp("v=0\r\no=callisto 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=" + dir + "\r\n");
        }

        public Body offer() {
            return sdp("sendrecv");
        }

        public Body answerTo(Call incoming) {
            return sdp("sendrecv");
        }

        public void attach(Call c) {
            call = c;
            c.answerOffersWith((x, offer) -> sdp(Targets.holdsUs(offer) ? "recvonly" : "sendrecv"));
        }

        public CompletableFuture<SipResponse> hold() {
            return call.reinvite(sdp("sendonly"));
        }

        public CompletableFuture<SipResponse> resume() {
            return call.reinvite(sdp("sendrecv"));
        }

        public boolean sendDtmf(char digit, int millis) {
            return false;
        }

        public void onDtmf(Consumer<Character> listener) {
        }

        public boolean secure() {
            return false;
        }

        public String[] statistics() {
            return new String[0];
        }

        public void close() {
        }
    }
}

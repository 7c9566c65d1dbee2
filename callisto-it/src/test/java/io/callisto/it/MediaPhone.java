package io.callisto.it;

import io.callisto.media.audio.MediaSource;
import io.callisto.media.audio.WavFile;
import io.callisto.media.audio.WavRecorder;
import io.callisto.media.call.CallMedia;
import io.callisto.media.call.MediaEngine;
import io.callisto.media.call.MediaOptions;
import io.callisto.media.dtmf.DtmfDigit;
import io.callisto.media.srtp.SrtpMode;
import io.callisto.transport.Transport;
import io.callisto.ua.Body;
import io.callisto.ua.Call;
import io.callisto.ua.SipStack;
import io.callisto.ua.UserAgent;
import io.callisto.ua.UserAgentConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Callisto phone in the test's JVM, through the public API only: a {@link SipStack} on 127.0.0.1 (UDP, a free
 * port), a {@link UserAgent} and a {@link MediaEngine}; every call gets a {@link CallMedia} that plays a WAV file
 * in a loop, records what it receives and collects the DTMF digits that arrive. Incoming calls are answered at once.
 */
final class MediaPhone implements AutoCloseable {

    /** One call and its media, as the test sees it. */
    record Leg(Call call, CallMedia media, WavRecorder recorder, List<DtmfDigit> digits) {

        /** The received digits as a string, in order. */
        String digitString() {
            StringBuilder b = new StringBuilder();
            digits.forEach(d -> b.append(d.digit()));
            return b.toString();
        }
    }

    private final SipStack stack;
    private final UserAgent ua;
    private final MediaEngine engine;
    private final short[] play;
    private final CompletableFuture<Leg> incoming = new CompletableFuture<>();

    private MediaPhone(SipStack stack, UserAgent ua, MediaEngine engine, short[] play) {
        this.stack = stack;
        this.ua = ua;
        this.engine = engine;
        this.play = play;
    }

    /** Starts {@code user}'s phone with the given SRTP policy, playing {@code play} in every call. */
    static MediaPhone start(String user, SrtpMode srtp, Path play) throws Exception {
        SipStack stack = SipStack.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)).build()
                .start();
        MediaEngine engine = null;
        try {
            int port = stack.listeningPoints().get(0).address().getPort();
            UserAgent ua = UserAgent.create(stack, UserAgentConfig.builder("sip:" + user + "@127.0.0.1:" + port)
                    .build());
            engine = MediaEngine.start(MediaOptions.defaults(InetAddress.getLoopbackAddress()).withSrtp(srtp)
                    .withCname(user + "@127.0.0.1").withRtcpInterval(1000)); // reports within the test's seconds
            MediaPhone phone = new MediaPhone(stack, ua, engine, WavFile.read(play));
            ua.onIncomingCall(phone::answer);
            return phone;
        } catch (Exception | Error e) {
            if (engine != null) {
                engine.close();
            }
            stack.close();
            throw e;
        }
    }

    /** Its SIP port (UDP on 127.0.0.1). */
    int sipPort() {
        return stack.listeningPoints().get(0).address().getPort();
    }

    /** Calls {@code uri} with an SDP offer of its media; the media starts when the answer arrives. */
    Leg call(String uri) throws Exception {
        CallMedia media = engine.open().get(10, TimeUnit.SECONDS);
        Leg leg = follow(media);
        Call call = ua.call(uri, media.offer());
        media.attach(call);
        return new Leg(call, media, leg.recorder(), leg.digits());
    }

    /** Waits (bounded) for the first incoming call, answered with media (or rejected with 488, see its failure). */
    Leg awaitIncoming(int seconds) throws Exception {
        return incoming.get(seconds, TimeUnit.SECONDS);
    }

    /** Runs on the call's thread: must not block, so the media is opened asynchronously. */
    private void answer(Call call) {
        engine.open().whenComplete((media, err) -> {
            if (err != null) {
                call.reject(503, "no media port");
                incoming.completeExceptionally(err);
                return;
            }
            try {
                Leg leg = follow(media);
                media.attach(call);
                Body answer = media.answerTo(call);
                if (answer == null) {
                    call.reject(488, media.failure());
                    media.close();
                } else {
                    call.answer(answer);
                }
                incoming.complete(new Leg(call, media, leg.recorder(), leg.digits()));
            } catch (Exception | Error e) {
                incoming.completeExceptionally(e);
            }
        });
    }

    private Leg follow(CallMedia media) {
        WavRecorder recorder = new WavRecorder(60);
        List<DtmfDigit> digits = new CopyOnWriteArrayList<>();
        media.sink(recorder);
        media.onDtmf(digits::add);
        media.source(MediaSource.samples(play, true)); // read before: no file I/O on a media thread
        return new Leg(null, media, recorder, digits);
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            stack.close();
        }
    }
}

package io.callisto.ua;

import io.callisto.sip.header.Event;
import io.callisto.sip.header.MediaType;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.uri.Uri;
import io.callisto.ua.internal.Authenticator;
import io.callisto.ua.internal.UaCore;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A SIP user agent on a {@link SipStack}: places and receives calls, registers, sends and receives instant messages
 * (RFC 3428), answers OPTIONS. Methods may be called from any thread; listeners run on the owner thread of the call or
 * message concerned and must not block.
 *
 * <pre>{@code
 * SipStack stack = SipStack.builder().listen(Transport.UDP, "127.0.0.1", 5070).build().start();
 * UserAgent ua = UserAgent.create(stack, UserAgentConfig.builder("sip:alice@127.0.0.1:5070").build());
 * ua.onIncomingCall(call -> call.answer(null));
 * Call call = ua.call("sip:bob@127.0.0.1:5080", null);
 * call.answered().join();
 * call.hangup();
 * }</pre>
 */
public final class UserAgent {

    private final SipStack stack;
    private final UaCore core;

    private UserAgent(SipStack stack, UserAgentConfig config, Authenticator authenticator) {
        this.stack = stack;
        this.core = new UaCore(stack, config, authenticator);
        stack.setUser(core);
    }

    /** A user agent that becomes the transaction user of {@code stack}. */
    public static UserAgent create(SipStack stack, UserAgentConfig config) {
        return new UserAgent(stack, config, Authenticators.forConfig(config));
    }

    public SipStack stack() {
        return stack;
    }

    public UserAgentConfig config() {
        return core.config();
    }

    /**
     * Places a call. The call starts at once; watch {@link Call#answered()} or add a listener.
     *
     * @param target the Request-URI, e.g. {@code sip:bob@192.0.2.4:5060}
     * @param offer  the SDP offer for the INVITE, or null for a call without a body
     */
    public Call call(String target, Body offer) {
        return call(target, offer, null);
    }

    /** As {@link #call(String, Body)}, with a listener in place before the INVITE leaves (so no event is missed). */
    public Call call(String target, Body offer, CallListener listener) {
        Uri uri = Uri.parse(target);
        return core.placeCall(uri, NameAddress.of(uri), offer, listener);
    }

    /** Receives incoming calls; without a listener every INVITE is answered 480 Temporarily Unavailable. */
    public void onIncomingCall(Consumer<Call> listener) {
        core.onIncomingCall(listener);
    }

    /** Receives MESSAGE requests sent outside dialogs; they are answered 200 OK. */
    public void onMessage(Consumer<IncomingMessage> listener) {
        core.onIncomingMessage(listener);
    }

    /**
     * Registers the configured address of record with its registrar (the configured one, else the AOR's domain) and
     * keeps the binding fresh until {@link Registration#unregister()}.
     */
    public Registration register() {
        return core.register(core.config().registerExpires());
    }

    /** Sends a MESSAGE (RFC 3428) with a {@code text/plain} body; completes with the final response. */
    public CompletableFuture<SipResponse> sendMessage(String target, String text) {
        return sendMessage(target, new Body(MediaType.parse("text/plain;charset=UTF-8"),
                text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends a MESSAGE with any body; completes with the final response. */
    public CompletableFuture<SipResponse> sendMessage(String target, Body body) {
        return core.sendOutOfDialog("MESSAGE", Uri.parse(target), body);
    }

    /** Sends OPTIONS (§11) and completes with the final response. */
    public CompletableFuture<SipResponse> options(String target) {
        return core.sendOutOfDialog("OPTIONS", Uri.parse(target), null);
    }

    /**
     * Subscribes to {@code event} at {@code target} (RFC 6665 §4.1.2.1). The SUBSCRIBE starts at once; add listeners
     * to the returned subscription right away. The stack refreshes it before it expires until
     * {@link Subscription#unsubscribe()}; {@code expires} 0 makes a fetch (one NOTIFY, §4.4.3).
     *
     * @param target  the Request-URI, e.g. {@code sip:bob@192.0.2.4:5060}
     * @param event   the event package, e.g. {@code presence} or {@code dialog}
     * @param accept  the Accept header (body types we understand), or null for the package's default
     * @param expires the duration asked for, in seconds
     */
    public Subscription subscribe(String target, String event, String accept, int expires) {
        if (expires < 0) {
            throw new IllegalArgumentException("expires must not be negative");
        }
        return core.subscribe(Uri.parse(target), Event.of(event), accept, expires);
    }

    /**
     * Becomes a notifier for {@code eventPackage} (RFC 6665 §4.2): each new SUBSCRIBE for it reaches {@code listener},
     * which accepts or rejects it. SUBSCRIBEs for packages without a listener get 489 Bad Event with Allow-Events.
     * A null listener removes the package.
     */
    public void onSubscribe(String eventPackage, Consumer<IncomingSubscription> listener) {
        core.onSubscribe(eventPackage, listener);
    }

    /** Calls in progress or established (approximate while calls change). */
    public int activeCalls() {
        return core.activeCalls();
    }

    /** Established and early dialogs (approximate while calls change). */
    public int activeDialogs() {
        return core.dialogs().size();
    }
}

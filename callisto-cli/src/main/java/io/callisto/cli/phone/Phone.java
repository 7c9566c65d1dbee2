package io.callisto.cli.phone;

import io.callisto.cli.CompletableFutures;
import io.callisto.cli.EventPrinter;
import io.callisto.cli.UaMedia;
import io.callisto.media.call.CallMedia;
import io.callisto.media.dtmf.DtmfDigit;
import io.callisto.media.rtp.RtpStatistics;
import io.callisto.ua.Body;
import io.callisto.ua.Call;
import io.callisto.ua.IncomingMessage;
import io.callisto.ua.Registration;
import io.callisto.ua.UserAgent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The softphone: carries out console commands on the UA and reports what happens, one event line each, followed by
 * the status line. Commands come from the console thread; call events arrive on the calls' owner threads.
 */
final class Phone {

    /** How long a DTMF digit lasts, and the pause after it. */
    static final int DTMF_MILLIS = 120;
    static final int DTMF_GAP_MILLIS = 80;

    private final UserAgent ua;
    private final EventPrinter out;
    private final PhoneSettings settings;
    private final UaMedia media;
    private final CallTable calls = new CallTable();
    private final long start = System.nanoTime();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Transfers transfers;
    private volatile Registration registration;

    Phone(UserAgent ua, EventPrinter out, PhoneSettings settings, UaMedia media) {
        this.ua = ua;
        this.out = out;
        this.settings = settings;
        this.media = media;
        this.transfers = new Transfers(this);
    }

    /**
     * Listens for calls and messages; registers when {@code register} is set. The future completes (never
     * exceptionally) once the first registration succeeded or failed, at once without one.
     */
    CompletableFuture<Void> start(boolean register) {
        ua.onIncomingCall(this::incoming);
        ua.onMessage(this::messageReceived);
        if (!register) {
            return CompletableFuture.completedFuture(null);
        }
        Registration r = ua.register();
        registration = r;
        return r.registered().handle((ok, failure) -> {
            if (failure != null) {
                event("register-failed", "aor", String.valueOf(r.addressOfRecord()), "reason", rootMessage(failure));
            } else {
                event("registered", "aor", String.valueOf(r.addressOfRecord()), "expires",
                        String.valueOf(r.grantedExpires()));
            }
            return null;
        });
    }

    /** Completes with the exit status once the phone should stop ({@code quit}, {@code --exit-after-calls}). */
    CompletableFuture<Integer> exit() {
        return exit;
    }

    CallTable calls() {
        return calls;
    }

    UserAgent ua() {
        return ua;
    }

    Transfers transfers() {
        return transfers;
    }

    UaMedia media() {
        return media;
    }

    long now() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** Carries out one command; a command that cannot be done prints an {@code error} line. */
    void execute(Command c) {
        try {
            run(c);
        } catch (IllegalArgumentException e) {
            out.event("error", "reason", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Command c) throws InterruptedException {
        if (c instanceof Command.Dial d) {
            dial(Targets.resolve(d.target(), settings.domain()));
        } else if (c instanceof Command.Answer a) {
            answer(calls.selectIncoming(a.n()));
        } else if (c instanceof Command.Reject r) {
            calls.selectIncoming(r.n()).call.reject(r.status(), null);
        } else if (c instanceof Command.Hangup h) {
            calls.select(h.n()).call.hangup();
        } else if (c instanceof Command.Hold h) {
            hold(calls.select(h.n()), true);
        } else if (c instanceof Command.Resume r) {
            hold(calls.select(r.n()), false);
        } else if (c instanceof Command.Transfer t) {
            transfers.blind(calls.select(t.n()), Targets.resolve(t.target(), settings.domain()));
        } else if (c instanceof Command.Attended a) {
            Line n = calls.select(a.n());
            transfers.attended(n, a.m() > 0 ? calls.select(a.m()) : calls.otherThan(n));
        } else if (c instanceof Command.Dtmf d) {
            sendDtmf(calls.select(d.n()), d.digits());
        } else if (c instanceof Command.Msg m) {
            sendMessage(Targets.resolve(m.target(), settings.domain()), m.text());
        } else if (c instanceof Command.Sleep s) {
            Thread.sleep(s.millis());
        } else if (c instanceof Command.Calls) {
            list(calls.active(), "call");
        } else if (c instanceof Command.History) {
            list(calls.all(), "history");
        } else if (c instanceof Command.Status) {
            status();
        } else if (c instanceof Command.Stats s) {
            stats(calls.select(s.n()));
        } else if (c instanceof Command.Help) {
            CommandParser.HELP.forEach(l -> out.event("help", "usage", l));
        } else if (c instanceof Command.Quit) {
            quit();
        } else if (c instanceof Command.Invalid i) {
            out.event("error", "reason", i.reason());
        }
    }

    // ---- calls

    void dial(String uri) {
        media.open().whenComplete((m, failure) -> {
            if (failure != null) {
                event("error", "reason", "no media for the call to " + uri + ": " + rootMessage(failure));
                return;
            }
            Call call = ua.call(uri, m.offer());
            adopt(call, uri, true, m);
        });
    }

    /** Makes a line for a call we placed (dialled, or the new call of a transfer) and follows it. */
    Line adopt(Call call, String peer, boolean outgoing, CallMedia m) {
        Line line = calls.add(call, peer, outgoing, now());
        line.media(m);
        media.follow(m, call, num(line)); // attach, play, record; its media line names the call by number too
        m.onDtmf(d -> dtmfReceived(line, d));
        new LineEvents(this, line).listen();
        event(outgoing ? "calling" : "incoming", "call", num(line), outgoing ? "to" : "from", peer);
        return line;
    }

    private void incoming(Call call) {
        media.open().whenComplete((m, failure) -> {
            if (failure != null) {
                call.reject(503, "No media ports");
                event("error", "reason", "no media for an incoming call: " + rootMessage(failure));
                return;
            }
            Line line = adopt(call, String.valueOf(call.remoteUri()), false, m);
            if (call.replaces() != null) {
                // RFC 3891 §3: the new call replaces a confirmed one of ours; it is answered without asking.
                Line replaced = calls.of(call.replaces());
                event("replacing", "call", num(line), "replaces", replaced != null ? num(replaced) : "-");
                answer(line);
            } else if (settings.autoAnswer()) {
                call.ring();
                CompletableFutures.delay(Math.max(0, settings.answerAfterMs()), () -> answer(line));
            } else {
                call.ring();
            }
        });
    }

    private void answer(Line line) {
        if (!line.isIncomingUnanswered() || !line.claimAnswer()) {
            return;
        }
        Body answer = line.media().answerTo(line.call);
        if (answer == null) {
            // RFC 3264 §6: no acceptable media (e.g. --srtp required and no a=crypto offered)
            line.call.reject(488, null);
            event("rejected", "call", num(line), "reason", line.media().failure());
            return;
        }
        calls.touch(line);
        line.call.answer(answer);
    }

    private void hold(Line line, boolean hold) {
        if (line.state() != Line.State.CONFIRMED) {
            throw new IllegalArgumentException("call " + line.number + " is not confirmed");
        }
        if (line.heldByUs() == hold) {
            throw new IllegalArgumentException("call " + line.number + (hold ? " is already held" : " is not held"));
        }
        CallMedia m = line.media();
        (hold ? m.hold() : m.resume()).whenComplete((response, failure) -> {
            int status = response != null ? response.status() : 0;
            if (failure == null && status >= 200 && status < 300) {
                line.heldByUs(hold);
                if (!hold) {
                    calls.touch(line);
                }
                event(hold ? "held" : "resumed", "call", num(line), "by", "us");
            } else {
                event(hold ? "hold-failed" : "resume-failed", "call", num(line), "reason",
                        failure != null ? rootMessage(failure) : String.valueOf(status));
            }
        });
    }

    void sendDtmf(Line line, String digits) {
        if (line.state() != Line.State.CONFIRMED) {
            throw new IllegalArgumentException("call " + line.number + " is not confirmed");
        }
        for (int i = 0; i < digits.length(); i++) {
            char d = digits.charAt(i);
            // One digit after another: each lasts DTMF_MILLIS, then a pause (RFC 4733 §2.5.1.2 sends one event
            // at a time).
            CompletableFutures.delay((long) i * (DTMF_MILLIS + DTMF_GAP_MILLIS), () -> sendDigit(line, d));
        }
    }

    private void sendDigit(Line line, char d) {
        if (!line.isUp()) {
            return;
        }
        // RFC 4733 events when the peer agreed to telephone-event, else SIP INFO (CallMedia decides).
        boolean rtp = line.media().negotiated().map(n -> n.telephoneEvent().isPresent()).orElse(false);
        line.media().sendDtmf(d, DTMF_MILLIS);
        event("dtmf-sent", "call", num(line), "digit", String.valueOf(d), "via", rtp ? "rtp" : "info");
    }

    private void dtmfReceived(Line line, DtmfDigit d) {
        event("dtmf-received", "call", num(line), "digit", String.valueOf(d.digit()), "ms",
                String.valueOf(d.durationMillis()));
    }

    /** Called by {@link LineEvents} when a call is confirmed. */
    void confirmed(Line line) {
        if (settings.dtmf() != null && !settings.dtmf().isEmpty()) {
            sendDtmf(line, settings.dtmf());
        }
        if (settings.hangupAfterMs() > 0) {
            CompletableFutures.delay(settings.hangupAfterMs(), line.call::hangup);
        }
    }

    /** Called by {@link LineEvents} when a call has ended. */
    void ended(Line line) {
        if (settings.exitAfterCalls() > 0 && calls.endedCount() >= settings.exitAfterCalls()) {
            exit.complete(0);
        }
    }

    // ---- messages

    private void sendMessage(String uri, String text) {
        ua.sendMessage(uri, text).whenComplete((r, failure) -> event("message-sent", "to", uri, "status",
                r != null ? String.valueOf(r.status()) : "-", "reason", failure != null ? rootMessage(failure)
                        : r.reason()));
    }

    private void messageReceived(IncomingMessage m) {
        event("message-received", "from", String.valueOf(m.from()), "text", m.body() != null ? m.body().text() : "");
    }

    // ---- output

    private void list(java.util.List<Line> lines, String name) {
        if (lines.isEmpty()) {
            out.event(name, "calls", "none");
        }
        for (Line l : lines) {
            out.event(name, "call", num(l), "dir", l.outgoing ? "out" : "in", "peer", l.peer, "state", l.label(),
                    "talk-ms", String.valueOf(l.talkMillis(now())), "status", l.isUp() ? "-" : String.valueOf(
                            l.endStatus()), "reason", l.isUp() ? "-" : l.endReason());
        }
    }

    private void stats(Line line) {
        RtpStatistics s = line.media().statistics();
        out.event("stats", "call", num(line), "srtp", line.media().secure() ? "yes" : "no", "held",
                line.media().held() ? "yes" : "no", "sent", String.valueOf(s.packetsSent()), "received",
                String.valueOf(s.packetsReceived()), "lost", String.valueOf(s.packetsLost()), "jitter-ms",
                String.format(java.util.Locale.ROOT, "%.2f", s.jitterMillis()));
    }

    void status() {
        Registration r = registration;
        out.event("status", calls.status(r == null ? "off" : r.isRegistered() ? "yes" : "no"));
    }

    /** Prints an event line, then the status line. */
    void event(String name, String... keyValues) {
        out.event(name, keyValues);
        status();
    }

    static String num(Line line) {
        return String.valueOf(line.number);
    }

    static String rootMessage(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** Hangs up every call, unregisters (waiting at most a few seconds for both), then exits with 0. */
    void quit() {
        for (Line l : calls.active()) {
            l.call.hangup();
        }
        Registration r = registration;
        CompletableFuture<?> unregistered = r != null ? r.unregister() : CompletableFuture.completedFuture(null);
        try {
            unregistered.get(3, TimeUnit.SECONDS);
            for (Line l : calls.all()) {
                l.call.ended().get(3, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            out.event("error", "reason", "quitting: " + rootMessage(e));
        }
        exit.complete(0);
    }
}

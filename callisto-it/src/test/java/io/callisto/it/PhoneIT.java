package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.media.audio.Goertzel;
import io.callisto.media.audio.ToneGenerator;
import io.callisto.media.audio.WavFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code callisto phone}: phones registered to {@code callisto server} call each other by number and talk (WAV
 * tones both ways, checked with Goertzel in the recordings), with SRTP, hold and resume, DTMF and MESSAGE both ways,
 * and blind and attended transfer among three phones. Each phone is driven through its console (standard input)
 * and watched through its event lines.
 */
class PhoneIT {

    private static final int WAIT = 20;
    private static final double A_TONE = 1000;
    private static final double B_TONE = 600;

    /** Audio both ways at once, DTMF both ways (RFC 4733), MESSAGE both ways; B is dialled by number. */
    @Test
    void twoPhonesTalkThroughTheServer(@TempDir Path dir) throws Exception {
        Path aTone = tone(dir, "a-tone.wav", A_TONE);
        Path bTone = tone(dir, "b-tone.wav", B_TONE);
        Path aHeard = dir.resolve("a-heard.wav");
        Path bHeard = dir.resolve("b-heard.wav");
        try (CallistoServer server = CallistoServer.in(dir).start();
             Cli b = phone(dir, server, "1001", "--auto-answer", "--play", bTone.toString(), "--record",
                     bHeard.toString(), "--dtmf", "42");
             Cli a = phone(dir, server, "alice", "--play", aTone.toString(), "--record", aHeard.toString())) {
            registered(a, b);
            a.send("call 1001");
            assertThat(a.await(WAIT, "confirmed", "call", "1").get("peer")).isEqualTo("sip:1001@callisto.test");
            assertThat(b.await(WAIT, "incoming", "call", "1").get("from")).isEqualTo("sip:alice@callisto.test");
            b.await(WAIT, "confirmed", "call", "1");
            a.await(WAIT, "status", "calls", "1 out sip:1001@callisto.test confirmed");

            a.send("dtmf 1#9");
            a.send("msg 1001 hello bob");
            b.send("msg alice hi alice");
            assertThat(digits(b, 3)).isEqualTo("1#9");
            assertThat(digits(a, 2)).isEqualTo("42");
            assertThat(b.await(WAIT, "message-received", "from", "sip:alice@callisto.test").get("text"))
                    .isEqualTo("hello bob");
            assertThat(a.await(WAIT, "message-received", "from", "sip:1001@callisto.test").get("text"))
                    .isEqualTo("hi alice");
            a.await(WAIT, "message-sent", "status", "200");
            b.await(WAIT, "message-sent", "status", "200");

            Thread.sleep(2500); // audio flows
            a.send("hangup");
            assertThat(b.await(WAIT, "ended", "call", "1").get("reason")).isEqualTo("remote BYE");
            quit(a, b);

            assertHolds(WavFile.read(bHeard), A_TONE, B_TONE);
            assertHolds(WavFile.read(aHeard), B_TONE, A_TONE);
            for (Cli p : List.of(a, b)) {
                UaEvent media = p.last("media");
                assertThat(media.get("call")).isEqualTo("1"); // the call's number, as on its other lines
                assertThat(media.get("srtp")).isEqualTo("yes"); // both offer and accept SDES by default
                assertThat(media.number("received")).isGreaterThan(100);
                assertThat(media.number("lost")).isLessThanOrEqualTo(media.number("received") / 100);
            }
        }
    }

    /**
     * A server with digest authentication (the phones answer its 401 to REGISTER and 407 to INVITE), SRTP required on
     * both sides, then hold and resume: the held side's SDP says sendonly (B sees {@code held by=peer}), and B's
     * recording shows the tone, a stretch without it, and the tone again.
     */
    @Test
    void srtpCallWithDigestAuthHoldAndResume(@TempDir Path dir) throws Exception {
        Path aTone = tone(dir, "a-tone.wav", A_TONE);
        Path bTone = tone(dir, "b-tone.wav", B_TONE);
        Path aHeard = dir.resolve("a-heard.wav");
        Path bHeard = dir.resolve("b-heard.wav");
        Path data = dir.resolve("data");
        for (String user : List.of("alice", "bob")) {
            Cli.Result added = Cli.run(dir, "add-" + user, 60, "user", "add", user, "--realm",
                    CallistoServer.DOMAIN, "--password", user + "-secret", "--data", data.toString());
            assertThat(added.exitCode()).as(added.stdout() + added.stderr()).isZero();
        }
        Path bobPassword = dir.resolve("bob.password");
        java.nio.file.Files.writeString(bobPassword, "bob-secret\n");
        try (CallistoServer server = CallistoServer.in(dir).data(data).args("--auth", "on").start();
             Cli b = phone(dir, server, "bob", "--auto-answer", "--record", bHeard.toString(), "--srtp", "required",
                     "--password-file", bobPassword.toString(), "--play", bTone.toString());
             Cli a = phone(dir, server, "alice", "--play", aTone.toString(), "--srtp", "required", "--password",
                     "alice-secret", "--record", aHeard.toString())) {
            registered(a, b);
            a.send("call bob");
            assertThat(a.await(WAIT, "confirmed", "call", "1").get("srtp")).isEqualTo("yes");
            assertThat(b.await(WAIT, "confirmed", "call", "1").get("srtp")).isEqualTo("yes");
            Thread.sleep(1500);
            a.send("hold");
            a.await(WAIT, "held", "call", "1", "by", "us");
            b.await(WAIT, "held", "call", "1", "by", "peer");
            b.await(WAIT, "status", "calls", "1 in sip:alice@callisto.test remote-held");
            a.send("status");
            a.await(WAIT, "status", "calls", "1 out sip:bob@callisto.test held");
            Thread.sleep(1500);
            a.send("resume");
            a.await(WAIT, "resumed", "call", "1", "by", "us");
            b.await(WAIT, "resumed", "call", "1", "by", "peer");
            Thread.sleep(1500);
            a.send("hangup");
            b.await(WAIT, "ended", "call", "1");
            quit(a, b);

            assertThat(b.last("media").get("srtp")).isEqualTo("yes");
            assertThat(a.last("media").get("srtp")).isEqualTo("yes");
            // Both directions at once, over SRTP (Bob's audio stops too while held: he answered recvonly).
            short[] aSamples = WavFile.read(aHeard);
            assertThat(Goertzel.windows(aSamples, 800, 0.9, B_TONE)).isGreaterThanOrEqualTo(15);
            assertThat(Goertzel.windows(aSamples, 800, 0.05, A_TONE)).isZero();
            boolean[] tone = toneWindows(WavFile.read(bHeard), A_TONE);
            // The longest run of windows without the tone lies between tone before it and tone after it (a lone
            // window lost to a late packet on a loaded machine does not count as the hold).
            int gapStart = -1;
            int gapLength = 0;
            for (int i = indexOf(tone, true, 0); i < tone.length; ) {
                int end = indexOf(tone, true, indexOf(tone, false, i));
                int run = end - indexOf(tone, false, i);
                if (end < tone.length && run > gapLength) {
                    gapStart = indexOf(tone, false, i);
                    gapLength = run;
                }
                i = end;
            }
            assertThat(gapLength).as("100 ms windows without the tone while held").isGreaterThanOrEqualTo(8);
            assertThat(count(tone, 0) - count(tone, gapStart)).as("tone before the hold").isGreaterThanOrEqualTo(5);
            assertThat(count(tone, gapStart + gapLength)).as("tone after the resume").isGreaterThanOrEqualTo(5);
        }
    }

    /** Blind transfer: A calls B, then transfers B to C; B and C end up talking, A's call ends. */
    @Test
    void blindTransfer(@TempDir Path dir) throws Exception {
        threePhones(dir, "1", "c-heard.wav", (a, b, c) -> {
            a.send("call bob");
            a.await(WAIT, "confirmed", "call", "1");
            a.send("transfer carol");
            assertThat(b.await(WAIT, "refer-received", "call", "1").get("to")).isEqualTo("sip:carol@callisto.test");
            a.await(WAIT, "transfer-progress", "call", "1", "status", "200");
            a.await(WAIT, "transferred", "call", "1");
            a.await(WAIT, "ended", "call", "1");
            b.await(WAIT, "ended", "call", "1");
            b.await(WAIT, "confirmed", "call", "2", "peer", "sip:carol@callisto.test");
            assertThat(c.await(WAIT, "incoming", "call", "1").get("from")).isEqualTo("sip:bob@callisto.test");
            c.await(WAIT, "confirmed", "call", "1");
            c.await(WAIT, "status", "calls", "1 in sip:bob@callisto.test confirmed");
        });
    }

    /**
     * Attended transfer: A calls B and C, then connects them (REFER with Replaces in the call with B); B calls C
     * with Replaces, C's call with A is replaced, and B and C end up talking.
     */
    @Test
    void attendedTransfer(@TempDir Path dir) throws Exception {
        threePhones(dir, "2", "c-heard-2.wav", (a, b, c) -> {
            a.send("call bob");
            a.await(WAIT, "confirmed", "call", "1");
            a.send("hold 1");
            a.await(WAIT, "held", "call", "1");
            a.send("call carol");
            a.await(WAIT, "confirmed", "call", "2");
            a.send("attended 1 2");
            assertThat(b.await(WAIT, "refer-received", "call", "1").get("replaces")).isEqualTo("yes");
            assertThat(c.await(WAIT, "replacing", "call", "2").get("replaces")).isEqualTo("1");
            c.await(WAIT, "confirmed", "call", "2");
            b.await(WAIT, "confirmed", "call", "2");
            a.await(WAIT, "transferred", "call", "1");
            a.await(WAIT, "ended", "call", "1");
            a.await(WAIT, "ended", "call", "2");
            c.await(WAIT, "ended", "call", "1");
            c.await(WAIT, "status", "calls", "2 in sip:bob@callisto.test confirmed");
            b.await(WAIT, "status", "calls", "2 out sip:carol@callisto.test confirmed");
        });
    }

    /** A transfer among Alice, Bob and Carol, driven through their consoles. */
    @FunctionalInterface
    private interface Transfer {
        void run(Cli alice, Cli bob, Cli carol) throws Exception;
    }

    /**
     * Registers Alice, Bob (answers, plays a tone) and Carol (answers, records), runs the transfer, then lets Bob and
     * Carol talk for a while: Carol's call {@code carolsCall} with Bob must end by Bob's BYE, and its recording
     * ({@code recording}) must hold Bob's tone.
     */
    private static void threePhones(Path dir, String carolsCall, String recording, Transfer transfer)
            throws Exception {
        Path bTone = tone(dir, "b-tone.wav", B_TONE);
        try (CallistoServer server = CallistoServer.in(dir).start();
             Cli c = phone(dir, server, "carol", "--auto-answer", "--record", dir.resolve("c-heard.wav").toString());
             Cli b = phone(dir, server, "bob", "--auto-answer", "--play", bTone.toString());
             Cli a = phone(dir, server, "alice")) {
            registered(a, b, c);
            transfer.run(a, b, c);
            Thread.sleep(1500); // Bob and Carol talk
            b.send("hangup");
            assertThat(c.await(WAIT, "ended", "call", carolsCall).get("reason")).isEqualTo("remote BYE");
            quit(a, b, c);
            assertThat(count(toneWindows(WavFile.read(dir.resolve(recording)), B_TONE), 0)).as("Bob's tone at Carol")
                    .isGreaterThan(8);
        }
    }

    // ---- helpers

    private static Cli phone(Path dir, CallistoServer server, String user, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("phone", "--bind", "127.0.0.1:0", "--account",
                "sip:" + user + "@" + CallistoServer.DOMAIN, "--registrar", server.hostPort(), "--rtp-ports"));
        int base = FreePorts.udpRange(40);
        args.add(base + "-" + (base + 39));
        args.addAll(List.of(extra));
        return Cli.startInteractive(dir, user, args.toArray(new String[0]));
    }

    private static void registered(Cli... phones) throws Exception {
        for (Cli p : phones) {
            p.await(Cli.START_SECONDS, "registered");
        }
    }

    private static void quit(Cli... phones) throws Exception {
        for (Cli p : phones) {
            p.send("quit");
        }
        for (Cli p : phones) {
            assertThat(p.awaitExit(WAIT)).as(p.stdout() + p.stderr()).isZero();
            assertThat(p.stackWarnings()).isEmpty();
        }
    }

    /** The first {@code n} digits the phone received, in order. */
    private static String digits(Cli phone, int n) throws Exception {
        phone.await(WAIT, "dtmf-received", n);
        StringBuilder sb = new StringBuilder();
        for (UaEvent e : phone.events("dtmf-received")) {
            sb.append(e.get("digit"));
        }
        return sb.toString();
    }

    private static Path tone(Path dir, String name, double frequency) throws Exception {
        Path f = dir.resolve(name);
        WavFile.write(f, new ToneGenerator(8000, 8000, frequency).generate(8000));
        return f;
    }

    /** Most 100 ms windows of the recording hold {@code expected}, none holds {@code absent}. */
    private static void assertHolds(short[] samples, double expected, double absent) {
        assertThat(samples.length).isGreaterThan(8000 * 2);
        assertThat(Goertzel.windows(samples, 800, 0.9, expected)).isGreaterThanOrEqualTo(15);
        assertThat(Goertzel.windows(samples, 800, 0.05, absent)).isZero();
    }

    private static boolean[] toneWindows(short[] samples, double frequency) {
        boolean[] w = new boolean[samples.length / 800];
        for (int i = 0; i < w.length; i++) {
            w[i] = Goertzel.relativePower(samples, i * 800, 800, frequency, 8000) > 0.9;
        }
        return w;
    }

    private static int indexOf(boolean[] w, boolean value, int from) {
        for (int i = Math.max(0, from); i < w.length; i++) {
            if (w[i] == value) {
                return i;
            }
        }
        return w.length;
    }

    private static int count(boolean[] w, int from) {
        int n = 0;
        for (int i = Math.max(0, from); i < w.length; i++) {
            n += w[i] ? 1 : 0;
        }
        return n;
    }
}

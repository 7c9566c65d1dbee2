package io.callisto.cli;

import io.callisto.media.audio.Echo;
import io.callisto.media.audio.MediaSource;
import io.callisto.media.audio.WavFile;
import io.callisto.media.audio.WavRecorder;
import io.callisto.media.call.CallMedia;
import io.callisto.media.call.MediaEngine;
import io.callisto.media.call.MediaOptions;
import io.callisto.media.rtp.PortRange;
import io.callisto.media.rtp.RtpStatistics;
import io.callisto.media.srtp.SrtpMode;
import io.callisto.ua.Call;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ua --media}: real RTP for every call the command-line UA places or answers. The audio sent is a 1 kHz tone,
 * silence, an echo of what is received, or a WAV file (read once, at start); {@code --record} keeps what is received
 * and writes it to a WAV file when the call ends (one file per call after the first: {@code NAME-2.wav}, …). One
 * {@code media} line per call reports what RTCP and the receiver counted; it names the call as the command's other
 * lines do.
 */
public final class UaMedia implements AutoCloseable {

    private final MediaEngine engine;
    private final String mode;
    private final short[] file;
    private final Path record;
    private final EventPrinter out;
    private final AtomicInteger calls = new AtomicInteger();
    /** The media reports and recordings not yet written. */
    private final java.util.Queue<CompletableFuture<?>> reports = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private UaMedia(MediaEngine engine, String mode, short[] file, Path record, EventPrinter out) {
        this.engine = engine;
        this.mode = mode;
        this.file = file;
        this.record = record;
        this.out = out;
    }

    /**
     * Starts the media engine.
     *
     * @throws IOException              when the WAV file cannot be read
     * @throws IllegalArgumentException when an option is malformed (the message says which)
     */
    public static UaMedia start(String mode, String recordFile, String srtp, String rtpPorts, InetAddress bind,
            EventPrinter out) throws IOException {
        return start(mode, recordFile, srtp, rtpPorts, 1, bind, out);
    }

    /** As above, with {@code threads} media threads (calls are dealt over them). */
    public static UaMedia start(String mode, String recordFile, String srtp, String rtpPorts, int threads,
            InetAddress bind, EventPrinter out) throws IOException {
        MediaOptions options = MediaOptions.defaults(bind).withSrtp(srtpMode(srtp)).withPorts(ports(rtpPorts))
                .withThreads(threads);
        short[] samples = null;
        if (!isBuiltIn(mode)) {
            samples = WavFile.read(Path.of(mode));
        }
        return new UaMedia(MediaEngine.start(options), mode.toLowerCase(Locale.ROOT), samples,
                recordFile == null ? null : Path.of(recordFile), out);
    }

    static boolean isBuiltIn(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "tone", "echo", "silence" -> true;
            default -> false;
        };
    }

    public static SrtpMode srtpMode(String value) {
        for (SrtpMode m : SrtpMode.values()) {
            if (m.name().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--srtp must be off, optional or required, not '" + value + "'");
    }

    public static PortRange ports(String value) {
        try {
            return PortRange.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--rtp-ports '" + value + "': " + e.getMessage());
        }
    }

    /** Opens the media of a new call (an RTP port pair). */
    public CompletableFuture<CallMedia> open() {
        return engine.open();
    }

    /**
     * Sets the call's audio up and follows it: attached, playing, recording; a report when it ends.
     *
     * @param name the call as the command's other event lines name it ({@code call=NAME}): the Call-ID for
     *             {@code ua}, the call number for {@code phone}
     */
    public void follow(CallMedia media, Call call, String name) {
        int n = calls.incrementAndGet();
        media.attach(call);
        WavRecorder recorder = record == null ? null : new WavRecorder(3600);
        if ("echo".equals(mode)) {
            Echo echo = new Echo(10);
            media.sink(recorder == null ? echo : frame -> {
                echo.write(frame);
                recorder.write(frame);
            });
            media.source(echo);
        } else {
            media.source(switch (mode) {
                case "tone" -> MediaSource.tone(8000, 1000);
                case "silence" -> MediaSource.silence();
                default -> MediaSource.samples(file, true);
            });
            if (recorder != null) {
                media.sink(recorder);
            }
        }
        CompletableFuture<?> report = call.ended().handle((e, x) -> null).thenCompose(v -> media.closed())
                .whenCompleteAsync((v, y) -> {
            RtpStatistics s = media.statistics();
            out.event("media", "call", name, "srtp", media.secure() ? "yes" : "no", "sent",
                    String.valueOf(s.packetsSent()), "received", String.valueOf(s.packetsReceived()), "lost",
                    String.valueOf(s.packetsLost()), "jitter-ms", String.format(Locale.ROOT, "%.2f", s.jitterMillis()),
                    "rtt-ms", String.format(Locale.ROOT, "%.1f", s.rttMillis()));
            if (recorder != null) {
                writeRecording(recorder, n);
            }
        });
        // only the reports still being written are kept (close waits for them): a UA answering for days must
        // not hold a future per call it ever had
        reports.add(report);
        report.whenComplete((v, e) -> reports.remove(report));
    }

    /** How many calls' media reports and recordings are still to be written (for tests). */
    int pendingReports() {
        return reports.size();
    }

    private void writeRecording(WavRecorder recorder, int n) {
        Path file = n == 1 ? record : numbered(record, n);
        try {
            WavFile.write(file, recorder.samples());
            out.event("recorded", "file", file.toString(), "seconds",
                    String.format(Locale.ROOT, "%.2f", recorder.samples().length / 8000.0));
        } catch (IOException e) {
            out.event("record-failed", "file", file.toString(), "reason", e.getMessage());
        }
    }

    static Path numbered(Path file, int n) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
        return file.resolveSibling(numbered);
    }

    /** Waits (at most 5 s) for the reports and recordings of the calls that ended, then stops the media threads. */
    @Override
    public void close() {
        try {
            CompletableFuture.allOf(reports.toArray(new CompletableFuture<?>[0])).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            out.event("media-report-missing", "reason", String.valueOf(e.getMessage()));
        }
        engine.close();
    }
}

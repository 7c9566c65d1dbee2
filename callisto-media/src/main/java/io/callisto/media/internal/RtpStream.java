package io.callisto.media.internal;

import io.callisto.exec.Cancellable;
import io.callisto.exec.Scheduler;
import io.callisto.media.audio.Audio;
import io.callisto.media.audio.MediaSink;
import io.callisto.media.audio.MediaSource;
import io.callisto.media.codec.AudioCodec;
import io.callisto.media.codec.G711Codec;
import io.callisto.media.dtmf.DtmfListener;
import io.callisto.media.dtmf.DtmfReceiver;
import io.callisto.media.dtmf.DtmfSender;
import io.callisto.media.rtcp.Bye;
import io.callisto.media.rtcp.NtpTime;
import io.callisto.media.rtcp.ReceiverReport;
import io.callisto.media.rtcp.ReceptionStatistics;
import io.callisto.media.rtcp.ReportBlock;
import io.callisto.media.rtcp.RtcpCompound;
import io.callisto.media.rtcp.RtcpPacket;
import io.callisto.media.rtcp.SenderReport;
import io.callisto.media.rtcp.SourceDescription;
import io.callisto.media.rtp.PacketTransform;
import io.callisto.media.rtp.ParseResult;
import io.callisto.media.rtp.RtpHeader;
import io.callisto.media.rtp.RtpPacket;
import io.callisto.media.rtp.RtpSessionConfig;
import io.callisto.media.rtp.RtpStatistics;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol core of one RTP session, without sockets: sends a frame per tick (audio or RFC 4733 events),
 * receives and validates RTP, keeps the remote source's statistics (RFC 3550 App. A), plays received audio through
 * the jitter buffer and concealment into the sink, and sends and reads RTCP. Everything runs on one owner thread:
 * the media clock's. The network is an interface, so tests can wire two streams together on a virtual clock.
 */
public final class RtpStream {

    /** Where packets go. Implementations must not block. */
    public interface Network {
        /**
         * Sends the first {@code length} bytes of {@code packet}. The array is the stream's own and is written again
         * for the next packet: an implementation copies what it keeps (a socket write copies it out at once).
         */
        void sendRtp(byte[] packet, int length, InetSocketAddress to);

        void sendRtcp(byte[] packet, InetSocketAddress to);

        /** Symmetric RTP has latched: the remote source's RTP comes from {@code rtp} (where RTP now goes). */
        default void latched(InetSocketAddress rtp) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(RtpStream.class);
    private static final int MAX_SOURCES = 8;
    /** A new SSRC replaces the remote source once the old one has been silent this long. */
    private static final int SOURCE_SWITCH_MILLIS = 500;
    /** RFC 3550 §6.3.1 / A.7: the randomised interval is divided by e - 3/2 to compensate for reconsideration. */
    private static final double COMPENSATION = Math.E - 1.5;

    private final RtpSessionConfig config;
    private final Scheduler scheduler;
    private final Network network;
    private final Random random;
    private final LongSupplier wallClockMillis;
    private AudioCodec codec;
    private int eventPayloadType;
    private PacketTransform transform;
    private final long ssrc;
    private final short[] outFrame = new short[Audio.FRAME_SAMPLES];
    /** Where every RTP packet is written and protected, one after the other (no array per packet). */
    private byte[] sendBuffer = new byte[RtpPacket.FIXED_HEADER + Audio.FRAME_SAMPLES];
    /** Where received RTP headers are read, one after the other (no object per packet). */
    private final RtpHeader header = new RtpHeader();
    private final Playout playout;
    private final DtmfSender dtmfSender;
    private final DtmfReceiver dtmfReceiver;
    private final Map<Long, ReceptionStatistics> sources = new LinkedHashMap<>();

    private InetSocketAddress rtpRemote;
    private InetSocketAddress rtcpRemote;
    private boolean rtpLatched;
    /** RTCP on the RTP port (RFC 5761): from the configuration, or as offer/answer agreed. */
    private boolean rtcpMux;
    private boolean rtcpLatched;
    private MediaSource source = MediaSource.silence();
    private boolean sending = true;
    private int sequence;
    private long timestamp;
    private boolean firstPacket = true;
    private long remoteSsrc = -1;
    /** The statistics of {@code remoteSsrc} (also in {@code sources}): looked up once, not per packet. */
    private ReceptionStatistics remoteStats;
    private long lastRemoteMillis;
    private boolean remoteBye;
    private boolean sentSinceReport;
    private Cancellable rtcpTimer = Cancellable.NONE;
    private boolean closed;

    private long packetsSent;
    private long octetsSent;
    private long rtcpSent;
    private long rtcpReceived;
    private long dropped;
    private double rttMillis = -1;
    private long remoteLost = -1;
    private double remoteJitterMillis = -1;

    public RtpStream(RtpSessionConfig config, Scheduler scheduler, Network network, Random random,
                     LongSupplier wallClockMillis) {
        this.config = config;
        this.scheduler = scheduler;
        this.network = network;
        this.random = random;
        this.wallClockMillis = wallClockMillis;
        this.codec = config.codec();
        this.eventPayloadType = config.telephoneEventPayloadType();
        this.transform = config.transform();
        this.rtcpMux = config.rtcpMux();
        // §5.1: random initial sequence number and timestamp; §8.1: random SSRC
        this.ssrc = random.nextInt() & 0xFFFFFFFFL;
        this.sequence = random.nextInt(1 << 16);
        this.timestamp = random.nextInt() & 0xFFFFFFFFL;
        this.playout = new Playout();
        this.dtmfSender = new DtmfSender(codec.clockRate(), Audio.FRAME_SAMPLES, 10);
        this.dtmfReceiver = new DtmfReceiver(codec.clockRate(), null);
    }

    public long ssrc() {
        return ssrc;
    }

    /**
     * Applies what a new offer/answer exchange agreed (RFC 3264 §8: a re-offer may change codec, payload types and
     * keys): the audio codec sent and expected, the telephone-event payload type (-1: none) and the packet
     * transform (SRTP keys, or identity). Sequence, timestamp and SSRC go on unchanged.
     */
    public void negotiated(AudioCodec codec, int eventPayloadType, PacketTransform transform) {
        if (codec.clockRate() != this.codec.clockRate()) {
            throw new IllegalArgumentException("a codec change must keep the clock rate (" + this.codec.clockRate()
                    + " Hz)");
        }
        this.codec = codec;
        this.eventPayloadType = eventPayloadType;
        this.transform = transform == null ? PacketTransform.IDENTITY : transform;
    }

    /** The telephone-event payload type in use, or -1. */
    public int eventPayloadType() {
        return eventPayloadType;
    }

    public void remote(InetSocketAddress rtp, InetSocketAddress rtcp) {
        this.rtpRemote = rtp;
        this.rtcpRemote = rtcpMux ? rtp : rtcp;
        this.rtpLatched = false;
        this.rtcpLatched = false;
    }

    /**
     * RTCP on the RTP port or not (RFC 5761), as offer/answer agreed; the next {@link #remote} sets where RTCP goes
     * accordingly.
     */
    public void rtcpMux(boolean on) {
        this.rtcpMux = on;
    }

    public InetSocketAddress rtpRemote() {
        return rtpRemote;
    }

    public InetSocketAddress rtcpRemote() {
        return rtcpRemote;
    }

    public void source(MediaSource source) {
        this.source = source == null ? MediaSource.silence() : source;
    }

    public void sink(MediaSink sink) {
        playout.sink(sink);
    }

    /** Sending on/off (hold): while off, ticks still play received audio. */
    public void sending(boolean on) {
        this.sending = on;
    }

    public void dtmfListener(DtmfListener listener) {
        dtmfReceiver.listener(listener);
    }

    public void sendDtmf(char digit, int durationMillis) {
        dtmfSender.queue(digit, durationMillis);
    }

    /** True once the remote source sent an RTCP BYE. */
    public boolean remoteBye() {
        return remoteBye;
    }

    /** Starts the RTCP timer (§6.2: the first report after half an interval). */
    public void start() {
        scheduleRtcp(true);
    }

    // ---------------------------------------------------------------- sending

    /** One 20 ms media tick: send one frame, play one frame. */
    public void tick() {
        if (closed) {
            return;
        }
        if (sending && rtpRemote != null) {
            sendFrame();
        } else if (dtmfSender.busy()) {
            dtmfSender.tick(timestamp); // keep event timing while not sending
        }
        timestamp = (timestamp + Audio.FRAME_SAMPLES) & 0xFFFFFFFFL;
        dtmfReceiver.tick();
        playFrame();
    }

    private void sendFrame() {
        DtmfSender.Packet event = eventPayloadType >= 0 ? dtmfSender.tick(timestamp) : null;
        int length;
        int payloadLength;
        // every packet is written into the stream's one array, then protected there (SRTP) and copied out by the
        // socket: 50 packets a second per call, and no array for any of them
        if (event != null) {
            RtpPacket packet = RtpPacket.of(event.marker(), eventPayloadType, sequence, event.timestamp(),
                    ssrc, event.event().toBytes());
            byte[] bytes = packet.toBytes();
            length = bytes.length;
            payloadLength = packet.payload().length;
            System.arraycopy(bytes, 0, sendBuffer(length), 0, length);
        } else {
            source.read(outFrame);
            payloadLength = codec.encodedLength(outFrame.length);
            length = RtpPacket.FIXED_HEADER + payloadLength;
            byte[] out = sendBuffer(length);
            // §5.1 / RFC 3551 §4.1: the marker bit flags the first packet of a talk spurt
            RtpPacket.writeFixedHeader(out, firstPacket, codec.payloadType(), sequence, timestamp, ssrc);
            codec.encode(outFrame, 0, outFrame.length, out, RtpPacket.FIXED_HEADER);
            firstPacket = false;
        }
        sequence = (sequence + 1) & 0xFFFF;
        packetsSent++;
        octetsSent += payloadLength;
        sentSinceReport = true;
        int wire = transform.protectRtpInPlace(sendBuffer, length);
        if (wire >= 0) {
            network.sendRtp(sendBuffer, wire, rtpRemote);
        }
    }

    /** The send array, with room for a packet of {@code length} octets and what the transform adds. */
    private byte[] sendBuffer(int length) {
        int needed = length + transform.rtpOverhead();
        if (sendBuffer.length < needed) {
            sendBuffer = new byte[needed];
        }
        return sendBuffer;
    }

    private void playFrame() {
        playout.tick(remoteStats == null ? 0 : remoteStats.jitterMillis(), dtmfReceiver.activeDigit());
    }

    // ---------------------------------------------------------------- receiving RTP

    /** Handles one datagram on the RTP port (or an RTP packet demultiplexed from an rtcp-mux port). */
    public void onRtp(byte[] datagram, InetSocketAddress from, long arrivalMicros) {
        // the caller's array stays as it is: a transform works on a copy
        onRtp(transform == PacketTransform.IDENTITY ? datagram : datagram.clone(), datagram.length, from,
                arrivalMicros);
    }

    /**
     * Handles the first {@code length} bytes of {@code datagram} as one datagram on the RTP port. The packet is read
     * in place, and unprotected there (SRTP), so the array may be changed; nothing keeps it after the call: a
     * receiver may read every datagram into the same one.
     */
    public void onRtp(byte[] datagram, int length, InetSocketAddress from, long arrivalMicros) {
        if (closed) {
            return;
        }
        byte[] plain = datagram;
        int plainLength = transform.unprotectRtpInPlace(datagram, length);
        if (plainLength < 0) {
            drop("RTP " + transform.refusal(), from);
            return;
        }
        String error = header.read(plain, 0, plainLength);
        if (error != null) {
            drop(error, from);
            return;
        }
        RtpHeader p = header;
        // RFC 3264 §5.1, §6.1, §7: the peer may send any format of the offer and answer, not only the one we send
        // with (and before the answer is applied, e.g. an answerer's first packets in its second-choice codec); the
        // G.711 payload types are static (RFC 3551 §6), so either is decoded whatever we send
        AudioCodec received = p.payloadType() == codec.payloadType() ? codec
                : G711Codec.forPayloadType(p.payloadType());
        boolean audio = received != null;
        int eventType = eventPayloadType;
        boolean event = eventType >= 0 && p.payloadType() == eventType;
        if (!audio && !event) {
            drop("unexpected payload type " + p.payloadType(), from);
            return;
        }
        long now = scheduler.nowMillis();
        boolean foreign = remoteSsrc >= 0 && p.ssrc() != remoteSsrc;
        if (p.ssrc() == ssrc || foreign && now - lastRemoteMillis < SOURCE_SWITCH_MILLIS) {
            // another source while ours is alive (or our own packets looped back)
            drop("packet from SSRC " + Long.toHexString(p.ssrc()) + " (not the remote source)", from);
            return;
        }
        ReceptionStatistics stats = p.ssrc() == remoteSsrc ? remoteStats : sources.get(p.ssrc());
        if (stats == null) {
            if (sources.size() >= MAX_SOURCES) {
                // forget the oldest other source, never the one being played
                sources.keySet().stream().filter(k -> k != remoteSsrc).findFirst().ifPresent(sources::remove);
            }
            stats = new ReceptionStatistics(p.ssrc(), codec.clockRate(), p.sequence());
            sources.put(p.ssrc(), stats);
        }
        if (!stats.onSequence(p.sequence())) {
            dropped++; // probation or an unconfirmed jump (§A.1)
            return;
        }
        if (remoteSsrc != p.ssrc()) {
            // the first source, or a new one after the old fell silent (a B2BUA or PBX switched the media
            // behind the same signalling): follow it, and latch to its address again
            if (remoteSsrc >= 0) {
                LOG.debug("remote source changed from {} to {}", Long.toHexString(remoteSsrc),
                        Long.toHexString(p.ssrc()));
                rtpLatched = false;
                rtcpLatched = false;
            }
            remoteSsrc = p.ssrc();
            remoteStats = stats;
            sources.keySet().retainAll(List.of(remoteSsrc));
        }
        lastRemoteMillis = now;
        if (config.symmetricRtp() && !rtpLatched) {
            // symmetric RTP: answer to where the remote's first valid packets come from (NAT help)
            rtpLatched = true;
            if (!from.equals(rtpRemote)) {
                LOG.debug("RTP latched to {} (signalled {})", from, rtpRemote);
            }
            rtpRemote = from;
            if (rtcpMux) {
                rtcpRemote = from;
            }
            network.latched(from);
        }
        stats.onOctets(p.payloadLength());
        if (audio) {
            stats.onTiming(p.timestamp(), arrivalMicros);
            playout.put(p.timestamp(), received, plain, p.payloadOffset(), p.payloadLength());
        } else {
            dtmfReceiver.onPacket(p.timestamp(), Arrays.copyOfRange(plain, p.payloadOffset(),
                    p.payloadOffset() + p.payloadLength()));
        }
    }

    /** The parsed packet, or null when the transform refused it or it does not parse (counted and logged). */
    private <T> T accept(byte[] plain, Function<byte[], ParseResult<T>> parser, String what,
                         InetSocketAddress from) {
        if (plain == null) {
            drop(what + " " + transform.refusal(), from);
            return null;
        }
        ParseResult<T> parsed = parser.apply(plain);
        if (!parsed.isOk()) {
            drop(parsed.error(), from);
            return null;
        }
        return parsed.value();
    }

    private void drop(String reason, InetSocketAddress from) {
        dropped++;
        LOG.debug("dropped a packet from {}: {}", from, reason);
    }

    /** rtcp-mux demultiplexing (RFC 5761 §4): RTCP packet types 192-223 occupy RTP payload types 64-95 + M. */
    public static boolean isRtcp(byte[] datagram) {
        return isRtcp(datagram, datagram.length);
    }

    /** {@link #isRtcp(byte[])} for the first {@code length} bytes of {@code datagram}. */
    public static boolean isRtcp(byte[] datagram, int length) {
        if (length < 2) {
            return false;
        }
        int pt = datagram[1] & 0xFF;
        return pt >= 192 && pt <= 223;
    }

    // ---------------------------------------------------------------- RTCP

    private void scheduleRtcp(boolean initial) {
        if (closed) {
            return;
        }
        // §6.2 / §6.3.1, simplified for two parties: the mean interval, randomised over [0.5, 1.5] and divided by
        // e - 3/2; the first report comes after half of it
        double interval = config.rtcpIntervalMillis() * (0.5 + random.nextDouble()) / COMPENSATION;
        if (initial) {
            interval /= 2;
        }
        rtcpTimer = scheduler.schedule(Math.round(interval), () -> {
            sendRtcp(null);
            scheduleRtcp(false);
        });
    }

    private void sendRtcp(Bye bye) {
        if (rtcpRemote == null) {
            return;
        }
        long now = scheduler.nowMillis();
        List<ReportBlock> blocks = new ArrayList<>();
        for (ReceptionStatistics s : sources.values()) {
            if (s.valid()) {
                blocks.add(s.report(now));
            }
        }
        List<RtcpPacket> packets = new ArrayList<>();
        if (sentSinceReport || packetsSent > 0 && bye != null) {
            long ntp = NtpTime.fromUnixMillis(wallClockMillis.getAsLong());
            packets.add(new SenderReport(ssrc, ntp, timestamp, packetsSent & 0xFFFFFFFFL, octetsSent & 0xFFFFFFFFL,
                    blocks));
        } else {
            packets.add(new ReceiverReport(ssrc, blocks));
        }
        sentSinceReport = false;
        packets.add(SourceDescription.cname(ssrc, config.cname()));
        if (bye != null) {
            packets.add(bye);
        }
        rtcpSent++;
        network.sendRtcp(transform.protectRtcp(RtcpCompound.write(packets)), rtcpRemote);
    }

    /** Handles one datagram on the RTCP port (or demultiplexed from an rtcp-mux port). */
    public void onRtcp(byte[] datagram, InetSocketAddress from, long arrivalMicros) {
        List<RtcpPacket> packets = closed ? null
                : accept(transform.unprotectRtcp(datagram), RtcpCompound::parse, "RTCP", from);
        if (packets == null) {
            return;
        }
        rtcpReceived++;
        long now = scheduler.nowMillis();
        for (RtcpPacket p : packets) {
            if (p instanceof SenderReport sr) {
                ReceptionStatistics s = sources.get(sr.ssrc());
                if (s != null) {
                    s.onSenderReport(sr.ntpTimestamp(), now);
                }
                latchRtcp(sr.ssrc(), from);
                readBlocks(sr.reports());
            } else if (p instanceof ReceiverReport rr) {
                latchRtcp(rr.ssrc(), from);
                readBlocks(rr.reports());
            } else if (p instanceof Bye bye && remoteSsrc >= 0 && bye.ssrcs().contains(remoteSsrc)) {
                remoteBye = true;
            }
            // SDES and others: nothing to do yet
        }
    }

    private void latchRtcp(long sender, InetSocketAddress from) {
        if (config.symmetricRtp() && !rtcpLatched && sender == remoteSsrc) {
            rtcpLatched = true;
            rtcpRemote = from;
        }
    }

    private void readBlocks(List<ReportBlock> blocks) {
        for (ReportBlock b : blocks) {
            if (b.ssrc() != ssrc) {
                continue;
            }
            remoteLost = b.cumulativeLost();
            remoteJitterMillis = b.jitter() * 1000.0 / codec.clockRate();
            long rtt = b.roundTrip(NtpTime.middle32(NtpTime.fromUnixMillis(wallClockMillis.getAsLong())));
            if (rtt >= 0) {
                rttMillis = NtpTime.shortUnitsToMillis(rtt);
            }
        }
    }

    /** Sends a final report with a BYE (§6.6) and stops. */
    public void close(String reason) {
        if (closed) {
            return;
        }
        rtcpTimer.cancel();
        sendRtcp(new Bye(List.of(ssrc), reason));
        closed = true;
    }

    public RtpStatistics statistics() {
        ReceptionStatistics remote = remoteStats;
        return new RtpStatistics(packetsSent, octetsSent, remote == null ? 0 : remote.received(),
                remote == null ? 0 : remote.octets(), remote == null ? 0 : Math.max(0, remote.lost()),
                remote == null ? 0 : remote.jitterMillis(), rttMillis, remoteLost, remoteJitterMillis, rtcpSent,
                rtcpReceived, dropped, playout.lateOrDuplicate(), playout.concealed());
    }
}

package io.callisto.media.rtp;

import io.callisto.media.codec.AudioCodec;
import io.callisto.media.codec.G711Codec;
import java.net.InetAddress;
import java.util.Objects;

/**
 * How an {@link RtpSession} binds and sends.
 *
 * @param bindAddress                local address to bind (the wildcard or one interface)
 * @param ports                      local port range; RTP takes an even port (RFC 3550 §11)
 * @param rtcpMux                    RTP and RTCP on one port (RFC 5761)
 * @param codec                      the audio codec
 * @param telephoneEventPayloadType  dynamic payload type of RFC 4733 events (commonly 101), or -1 for none
 * @param cname                      the SDES CNAME (RFC 3550 §6.5.1), e.g. "user@host"
 * @param rtcpIntervalMillis         mean RTCP report interval (§6.2 minimum is 5000 ms; smaller for tests)
 * @param symmetricRtp               send to where the remote's packets come from (latch; NAT help)
 * @param transform                  SRTP hook; {@link PacketTransform#IDENTITY} for plain RTP
 * @param strictRtp                  once symmetric RTP has latched, connect the RTP socket to that address: the kernel
 *                                   then drops datagrams from anyone else (RTP bleed and injection, as Asterisk's
 *                                   {@code strictrtp}), and sending and receiving skip the per-packet address work.
 *                                   New signalled addresses (a re-offer) undo it until the next latch
 */
public record RtpSessionConfig(InetAddress bindAddress, PortRange ports, boolean rtcpMux, AudioCodec codec,
                               int telephoneEventPayloadType, String cname, int rtcpIntervalMillis,
                               boolean symmetricRtp, PacketTransform transform, boolean strictRtp) {

    public RtpSessionConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(cname, "cname");
        transform = transform == null ? PacketTransform.IDENTITY : transform;
        if (telephoneEventPayloadType != -1 && (telephoneEventPayloadType < 96 || telephoneEventPayloadType > 127)) {
            throw new IllegalArgumentException("telephone-event payload type must be dynamic (96..127) or -1");
        }
        if (rtcpIntervalMillis < 100) {
            throw new IllegalArgumentException("RTCP interval below 100 ms: " + rtcpIntervalMillis);
        }
    }

    /**
     * PCMU, telephone-event 101, separate RTCP port, 5 s RTCP, symmetric and strict RTP, plain RTP, ports
     * 10000-20000.
     */
    public static RtpSessionConfig defaults(InetAddress bindAddress, String cname) {
        return new RtpSessionConfig(bindAddress, PortRange.DEFAULT, false, G711Codec.PCMU, 101, cname, 5000, true,
                PacketTransform.IDENTITY, true);
    }

    public RtpSessionConfig withPorts(PortRange ports) {
        return new RtpSessionConfig(bindAddress, ports, rtcpMux, codec, telephoneEventPayloadType, cname,
                rtcpIntervalMillis, symmetricRtp, transform, strictRtp);
    }

    public RtpSessionConfig withRtcpMux(boolean mux) {
        return new RtpSessionConfig(bindAddress, ports, mux, codec, telephoneEventPayloadType, cname,
                rtcpIntervalMillis, symmetricRtp, transform, strictRtp);
    }

    public RtpSessionConfig withCodec(AudioCodec codec) {
        return new RtpSessionConfig(bindAddress, ports, rtcpMux, codec, telephoneEventPayloadType, cname,
                rtcpIntervalMillis, symmetricRtp, transform, strictRtp);
    }

    public RtpSessionConfig withRtcpInterval(int millis) {
        return new RtpSessionConfig(bindAddress, ports, rtcpMux, codec, telephoneEventPayloadType, cname, millis,
                symmetricRtp, transform, strictRtp);
    }

    public RtpSessionConfig withTransform(PacketTransform transform) {
        return new RtpSessionConfig(bindAddress, ports, rtcpMux, codec, telephoneEventPayloadType, cname,
                rtcpIntervalMillis, symmetricRtp, transform, strictRtp);
    }

    public RtpSessionConfig withStrictRtp(boolean strict) {
        return new RtpSessionConfig(bindAddress, ports, rtcpMux, codec, telephoneEventPayloadType, cname,
                rtcpIntervalMillis, symmetricRtp, transform, strict);
    }
}

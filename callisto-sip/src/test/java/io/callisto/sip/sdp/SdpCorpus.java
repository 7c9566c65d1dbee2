package io.callisto.sip.sdp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SDP bodies copied from the RFCs, written here with LF line ends ({@link #crlf(String)} gives the CRLF form).
 * Where an RFC wraps a long line for page formatting (RFC 4568's a=crypto lines) it is joined back into one line
 * as the RFC text says it is; a wrap after the ";" between key parameters is joined without a space, since the
 * §9.1 grammar allows none there.
 */
final class SdpCorpus {
    private SdpCorpus() {}

    static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 8866 §5. */
    static final String RFC8866_5 = """
            v=0
            o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1
            s=Call to John Smith
            i=SDP Offer #1
            u=http://www.jdoe.example.com/home.html
            e=Jane Doe <jane@jdoe.example.com>
            p=+1 617 555-6011
            c=IN IP4 198.51.100.1
            t=0 0
            m=audio 49170 RTP/AVP 0
            m=audio 49180 RTP/AVP 0
            m=video 51372 RTP/AVP 99
            c=IN IP6 2001:db8::2
            a=rtpmap:99 h263-1998/90000
            """;

    /** RFC 8866 §6.7. */
    static final String RFC8866_6_7 = """
            v=0
            o=jdoe 3724395000 3724395001 IN IP6 2001:db8::1
            s=-
            c=IN IP6 2001:db8::1
            t=0 0
            a=inactive
            m=audio 49170 RTP/AVP 0
            a=sendrecv
            m=audio 49180 RTP/AVP 0
            m=video 51372 RTP/AVP 99
            a=rtpmap:99 h263-1998/90000
            """;

    /**
     * The t=, r= and z= lines of RFC 8866 §5.9-§5.11 (without their explanatory "; ..." comments) in a session
     * built around them.
     */
    static final String RFC8866_TIMES = """
            v=0
            o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1
            s=Seminar
            c=IN IP4 233.252.0.1/127
            t=3724394400 3724398000
            t=3724484400 3724488000
            t=3724394400 3730536000
            r=604800 3600 0 90000
            r=7d 1h 0 25h
            t=3724394400 3754123200
            r=604800 3600 0 90000
            z=3730928400 -1h 3749680800 0
            m=audio 49170 RTP/AVP 0
            """;

    /** RFC 3264 §10.1, Alice's offer. */
    static final String RFC3264_10_1_OFFER = """
            v=0
            o=alice 2890844526 2890844526 IN IP4 host.anywhere.com
            s=
            c=IN IP4 host.anywhere.com
            t=0 0
            m=audio 49170 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            m=video 51372 RTP/AVP 31
            a=rtpmap:31 H261/90000
            m=video 53000 RTP/AVP 32
            a=rtpmap:32 MPV/90000
            """;

    /** RFC 3264 §10.1, Bob's answer. */
    static final String RFC3264_10_1_ANSWER = """
            v=0
            o=bob 2890844730 2890844730 IN IP4 host.example.com
            s=
            c=IN IP4 host.example.com
            t=0 0
            m=audio 49920 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            m=video 0 RTP/AVP 31
            m=video 53000 RTP/AVP 32
            a=rtpmap:32 MPV/90000
            """;

    /** RFC 3264 §10.1, Bob's second offer. */
    static final String RFC3264_10_1_OFFER2 = """
            v=0
            o=bob 2890844730 2890844731 IN IP4 host.example.com
            s=
            c=IN IP4 host.example.com
            t=0 0
            m=audio 65422 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            m=video 0 RTP/AVP 31
            m=video 53000 RTP/AVP 32
            a=rtpmap:32 MPV/90000
            m=audio 51434 RTP/AVP 110
            a=rtpmap:110 telephone-events/8000
            a=recvonly
            """;

    /** RFC 3264 §10.1, Alice's second answer. */
    static final String RFC3264_10_1_ANSWER2 = """
            v=0
            o=alice 2890844526 2890844527 IN IP4 host.anywhere.com
            s=
            c=IN IP4 host.anywhere.com
            t=0 0
            m=audio 49170 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            m=video 0 RTP/AVP 31
            a=rtpmap:31 H261/90000
            m=video 53000 RTP/AVP 32
            a=rtpmap:32 MPV/90000
            m=audio 53122 RTP/AVP 110
            a=rtpmap:110 telephone-events/8000
            a=sendonly
            """;

    /** RFC 3264 §10.2, the initial offer. */
    static final String RFC3264_10_2_OFFER = """
            v=0
            o=alice 2890844526 2890844526 IN IP4 host.anywhere.com
            s=
            c=IN IP4 host.anywhere.com
            t=0 0
            m=audio 62986 RTP/AVP 0 4 18
            a=rtpmap:0 PCMU/8000
            a=rtpmap:4 G723/8000
            a=rtpmap:18 G729/8000
            a=inactive
            """;

    /** RFC 3264 §10.2, the answer. */
    static final String RFC3264_10_2_ANSWER = """
            v=0
            o=bob 2890844730 2890844731 IN IP4 host.example.com
            s=
            c=IN IP4 host.example.com
            t=0 0
            m=audio 54344 RTP/AVP 0 4
            a=rtpmap:0 PCMU/8000
            a=rtpmap:4 G723/8000
            a=inactive
            """;

    /** RFC 3264 §10.2, the updated offer. */
    static final String RFC3264_10_2_OFFER2 = """
            v=0
            o=alice 2890844526 2890844527 IN IP4 host.anywhere.com
            s=
            c=IN IP4 host.anywhere.com
            t=0 0
            m=audio 62986 RTP/AVP 4
            a=rtpmap:4 G723/8000
            a=sendrecv
            """;

    /** RFC 3264 §10.2, the final answer. */
    static final String RFC3264_10_2_ANSWER2 = """
            v=0
            o=bob 2890844730 2890844732 IN IP4 host.example.com
            s=
            c=IN IP4 host.example.com
            t=0 0
            m=audio 54344 RTP/AVP 4
            a=rtpmap:4 G723/8000
            a=sendrecv
            """;

    /** RFC 3264 §9, Figure 1: note its c= line comes after t=, against the RFC 8866 §5 order. */
    static final String RFC3264_9_CAPABILITIES = """
            v=0
            o=carol 28908764872 28908764872 IN IP4 100.3.6.6
            s=-
            t=0 0
            c=IN IP4 192.0.2.4
            m=audio 0 RTP/AVP 0 1 3
            a=rtpmap:0 PCMU/8000
            a=rtpmap:1 1016/8000
            a=rtpmap:3 GSM/8000
            m=video 0 RTP/AVP 31 34
            a=rtpmap:31 H261/90000
            a=rtpmap:34 H263/90000
            """;

    /** RFC 4568 §4.5 (the a=crypto lines joined). */
    static final String RFC4568_4_5 = """
            v=0
            o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5
            s=SDP Seminar
            i=A Seminar on the session description protocol
            u=http://www.example.com/seminars/sdp.pdf
            e=j.doe@example.com (Jane Doe)
            c=IN IP4 161.44.17.12/127
            t=2873397496 2873404696
            m=video 51372 RTP/SAVP 31
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj|2^20|1:32
            m=audio 49170 RTP/SAVP 0
            a=crypto:1 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32
            m=application 32416 udp wb
            a=orient:portrait
            """;

    /** RFC 4568 §7.1.5, the offer (the a=crypto lines joined). */
    static final String RFC4568_7_1_5_OFFER = """
            v=0
            o=sam 2890844526 2890842807 IN IP4 10.47.16.5
            s=SRTP Discussion
            i=A discussion of Secure RTP
            u=http://www.example.com/seminars/srtp.pdf
            e=marge@example.com (Marge Simpson)
            c=IN IP4 168.2.17.12
            t=2873397496 2873404696
            m=audio 49170 RTP/SAVP 0
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4 \
            FEC_ORDER=FEC_SRTP
            a=crypto:2 F8_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:4;\
            inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:4 FEC_ORDER=FEC_SRTP
            """;

    /** RFC 4568 §7.1.5, the answer (the a=crypto line joined). */
    static final String RFC4568_7_1_5_ANSWER = """
            v=0
            o=jill 25690844 8070842634 IN IP4 10.47.16.5
            s=SRTP Discussion
            i=A discussion of Secure RTP
            u=http://www.example.com/seminars/srtp.pdf
            e=homer@example.com (Homer Simpson)
            c=IN IP4 168.2.17.11
            t=2873397526 2873405696
            m=audio 32640 RTP/SAVP 0
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4
            """;

    /** RFC 5118 §4.6, ipv6-in-sdp. */
    static final String RFC5118_IPV6_IN_SDP = """
            v=0
            o=assistant 971731711378798081 0 IN IP6 2001:db8::20
            s=Live video feed for today's meeting
            c=IN IP6 2001:db8::20
            t=3338481189 3370017201
            m=audio 6000 RTP/AVP 2
            a=rtpmap:2 G726-32/8000
            m=video 6024 RTP/AVP 107
            a=rtpmap:107 H263-1998/90000
            """;

    /** RFC 5118 §4.8, mult-ip-in-sdp. */
    static final String RFC5118_MULT_IP_IN_SDP = """
            v=0
            o=bob 280744730 28977631 IN IP4 host.example.com
            s=
            t=0 0
            m=audio 22334 RTP/AVP 0
            c=IN IP4 192.0.2.1
            m=video 6024 RTP/AVP 107
            c=IN IP6 2001:db8::1
            a=rtpmap:107 H263-1998/90000
            """;

    /** RFC 5118 §4.9, ipv4-mapped-ipv6. */
    static final String RFC5118_IPV4_MAPPED = """
            v=0
            o=assistant 971731711378798081 0 IN IP6 ::ffff:192.0.2.2
            s=Call me soon, please!
            c=IN IP6 ::ffff:192.0.2.2
            t=3338481189 3370017201
            m=audio 6000 RTP/AVP 2
            a=rtpmap:2 G726-32/8000
            m=video 6024 RTP/AVP 107
            a=rtpmap:107 H263-1998/90000
            """;

    /** RFC 4475 §3.1.1.1, wsinv (the same body, other addresses, is in many of its messages). */
    static final String RFC4475_WSINV = """
            v=0
            o=mhandley 29739 7272939 IN IP4 192.0.2.3
            s=-
            c=IN IP4 192.0.2.4
            t=0 0
            m=audio 49217 RTP/AVP 0 12
            m=video 3227 RTP/AVP 31
            a=rtpmap:31 LPC
            """;

    /** RFC 4475 §3.4.1, inv2543. */
    static final String RFC4475_INV2543 = """
            v=0
            o=mhandley 29739 7272939 IN IP4 192.0.2.5
            s=-
            c=IN IP4 192.0.2.5
            t=0 0
            m=audio 49217 RTP/AVP 0
            """;

    /** The three a=rtcp examples of RFC 3605 §2.1 as media descriptions of one session. */
    static final String RFC3605_RTCP = """
            v=0
            o=- 1 1 IN IP4 126.16.64.4
            s=-
            c=IN IP4 126.16.64.4
            t=0 0
            m=audio 49170 RTP/AVP 0
            a=rtcp:53020
            m=audio 49170 RTP/AVP 0
            a=rtcp:53020 IN IP4 126.16.64.4
            m=audio 49170 RTP/AVP 0
            a=rtcp:53020 IN IP6 2001:2345:6789:ABCD:EF01:2345:6789:ABCD
            """;

    /** Every valid body above (RFC 3264 §9's is left out: it breaks the line order). */
    static final List<String> VALID = List.of(RFC8866_5, RFC8866_6_7, RFC8866_TIMES, RFC3264_10_1_OFFER,
            RFC3264_10_1_ANSWER, RFC3264_10_1_OFFER2, RFC3264_10_1_ANSWER2, RFC3264_10_2_OFFER,
            RFC3264_10_2_ANSWER, RFC3264_10_2_OFFER2, RFC3264_10_2_ANSWER2, RFC4568_4_5, RFC4568_7_1_5_OFFER,
            RFC4568_7_1_5_ANSWER, RFC5118_IPV6_IN_SDP, RFC5118_MULT_IP_IN_SDP, RFC5118_IPV4_MAPPED, RFC4475_WSINV,
            RFC4475_INV2543, RFC3605_RTCP);
}

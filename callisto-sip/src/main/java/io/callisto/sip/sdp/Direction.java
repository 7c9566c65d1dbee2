package io.callisto.sip.sdp;

import java.util.Optional;

/**
 * The media direction attributes {@code a=sendrecv}, {@code a=sendonly}, {@code a=recvonly} and
 * {@code a=inactive} (RFC 8866 §6.7, RFC 3264 §5.1 and §6.1).
 *
 * <p>A media description's direction is its own direction attribute if it has one, else the session-level one,
 * else sendrecv (RFC 8866 §6.7; RFC 3264 §5.1: "a stream is marked with a direction if [it] was present as
 * either a media stream attribute or a session attribute"); see
 * {@link MediaDescription#effectiveDirection()}.
 */
public enum Direction {
    /** Send and receive (the default). */
    SENDRECV("sendrecv"),
    /** Send only. */
    SENDONLY("sendonly"),
    /** Receive only. */
    RECVONLY("recvonly"),
    /** Neither send nor receive. */
    INACTIVE("inactive");

    private final String attributeName;

    Direction(String attributeName) {
        this.attributeName = attributeName;
    }

    /** The attribute name as written in SDP, e.g. "sendonly". */
    public String attributeName() {
        return attributeName;
    }

    /** The property attribute for this direction, e.g. {@code a=sendonly}. */
    public Attribute attribute() {
        return Attribute.flag(attributeName);
    }

    /** The direction named by an attribute name (case-sensitive), if it is one of the four. */
    public static Optional<Direction> fromAttributeName(String name) {
        for (Direction d : values()) {
            if (d.attributeName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    static Direction of(Attribute a) {
        for (Direction d : values()) {
            if (d.attributeName.equals(a.name()) && a.value() == null) {
                return d;
            }
        }
        return null;
    }

    /** True when media flows from the describing side (sendrecv, sendonly). */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** True when media flows to the describing side (sendrecv, recvonly). */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /**
     * The direction as seen from the other side: sendonly and recvonly swap, sendrecv and inactive stay.
     * This is the most permissive answer to an offer with this direction (RFC 3264 §6.1).
     */
    public Direction reverse() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    /**
     * The direction of an answer that wants {@code wanted} to an offer with this direction (RFC 3264 §6.1):
     * the intersection of what the offer allows and what the answerer wants.
     */
    public Direction answer(Direction wanted) {
        Direction allowed = reverse();
        boolean send = allowed.sends() && wanted.sends();
        boolean receive = allowed.receives() && wanted.receives();
        return send ? (receive ? SENDRECV : SENDONLY) : (receive ? RECVONLY : INACTIVE);
    }
}

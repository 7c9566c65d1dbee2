package io.callisto.sip.message;

/** A SIP response: {@code SIP-Version SP Status-Code SP Reason-Phrase} plus headers and body (RFC 3261 §7.2). */
public final class SipResponse extends SipMessage {
    private int status;
    private String reason;
    private final String version;

    SipResponse(HeaderTable headers, int msgStart, int startLineEnd, int headersEnd, int bodyStart, int bodyEnd,
            String version, int status, String reason) {
        super(headers, msgStart, startLineEnd, headersEnd, bodyStart, bodyEnd);
        this.version = version;
        this.status = status;
        this.reason = reason;
    }

    SipResponse(HeaderTable headers, int status, String reason) {
        super(headers, -1, -1, -1, 0, 0);
        this.version = SIP_2_0;
        this.status = status;
        this.reason = reason;
    }

    @Override
    public boolean isRequest() {
        return false;
    }

    /** The three-digit status code (100-699). */
    public int status() {
        return status;
    }

    /** The reason phrase as written (may be empty). */
    public String reason() {
        return reason;
    }

    /** The class of the status code: 1 for provisional ... 6 for global failure (§7.2). */
    public int statusClass() {
        return status / 100;
    }

    public boolean isProvisional() {
        return status < 200;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public boolean isFinal() {
        return status >= 200;
    }

    /** Changes status code and reason phrase. */
    public void setStatus(int status, String reason) {
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("status code must be 100-699: " + status);
        }
        this.status = status;
        this.reason = reason == null ? ReasonPhrases.of(status) : reason;
        this.startLineEdited = true;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String startLine() {
        return version + ' ' + status + ' ' + reason;
    }

    @Override
    public SipResponse copy() {
        return (SipResponse) SipParser.TRUSTED.parseDatagram(toBytes());
    }
}

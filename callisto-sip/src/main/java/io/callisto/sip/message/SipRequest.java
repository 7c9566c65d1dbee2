package io.callisto.sip.message;

import io.callisto.sip.uri.Uri;
import java.nio.charset.StandardCharsets;

/** A SIP request: {@code Method SP Request-URI SP SIP-Version} plus headers and body (RFC 3261 §7.1). */
public final class SipRequest extends SipMessage {
    private String method;
    private final int uriFrom;
    private final int uriTo;
    private String uriText;
    private Uri uri;
    private final String version;

    SipRequest(HeaderTable headers, int msgStart, int startLineEnd, int headersEnd, int bodyStart, int bodyEnd,
            String method, int uriFrom, int uriTo, String version) {
        super(headers, msgStart, startLineEnd, headersEnd, bodyStart, bodyEnd);
        this.method = method;
        this.uriFrom = uriFrom;
        this.uriTo = uriTo;
        this.version = version;
    }

    /** A request built in memory (see {@link MessageBuilder}). */
    SipRequest(HeaderTable headers, String method, Uri uri) {
        super(headers, -1, -1, -1, 0, 0);
        this.method = method;
        this.uriFrom = -1;
        this.uriTo = 0;
        this.uri = uri;
        this.uriText = uri.toString();
        this.version = SIP_2_0;
    }

    @Override
    public boolean isRequest() {
        return true;
    }

    /** The method, case-sensitive as §7.1 says (e.g. "INVITE"). */
    public String method() {
        return method;
    }

    public boolean isMethod(String m) {
        return method.equals(m);
    }

    @Override
    public String version() {
        return version;
    }

    /** The Request-URI as written. */
    public String requestUriText() {
        if (uriText == null) {
            uriText = new String(headers.src, uriFrom, uriTo - uriFrom, StandardCharsets.UTF_8);
        }
        return uriText;
    }

    /** The Request-URI, parsed on first access ({@link io.callisto.sip.parse.ParseError} if malformed). */
    public Uri requestUri() {
        if (uri == null) {
            uri = uriFrom >= 0 && uriText == null ? Uri.parse(headers.src, uriFrom, uriTo)
                    : Uri.parse(requestUriText());
        }
        return uri;
    }

    @Override
    public void releaseParsedValues() {
        super.releaseParsedValues();
        uri = null; // parsed again from the original bytes or the edited text when next asked for
    }

    /** Replaces the Request-URI (a proxy retargeting, §16.5). */
    public void setRequestUri(Uri newUri) {
        this.uri = newUri;
        this.uriText = newUri.toString();
        this.startLineEdited = true;
    }

    @Override
    public String startLine() {
        return method + ' ' + requestUriText() + ' ' + version;
    }

    @Override
    public SipRequest copy() {
        return (SipRequest) SipParser.TRUSTED.parseDatagram(toBytes());
    }
}

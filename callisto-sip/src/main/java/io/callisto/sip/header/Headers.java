package io.callisto.sip.header;

/**
 * Typed keys for the headers Callisto parses into values. Headers without a key here are still kept and can be
 * read as raw text by name.
 */
public final class Headers {
    private Headers() {}

    public static final HeaderKey<Via> VIA = new HeaderKey<>(HeaderName.VIA, Via::parse);
    public static final HeaderKey<NameAddress> FROM = new HeaderKey<>(HeaderName.FROM, NameAddress::parse);
    public static final HeaderKey<NameAddress> TO = new HeaderKey<>(HeaderName.TO, NameAddress::parse);
    public static final HeaderKey<String> CALL_ID = new HeaderKey<>(HeaderName.CALL_ID, Scalars::callId);
    public static final HeaderKey<CSeq> CSEQ = new HeaderKey<>(HeaderName.CSEQ, CSeq::parse);
    public static final HeaderKey<NameAddress> CONTACT = new HeaderKey<>(HeaderName.CONTACT, NameAddress::parse);
    public static final HeaderKey<NameAddress> ROUTE = new HeaderKey<>(HeaderName.ROUTE, NameAddress::parse);
    public static final HeaderKey<NameAddress> RECORD_ROUTE =
            new HeaderKey<>(HeaderName.RECORD_ROUTE, NameAddress::parse);
    public static final HeaderKey<NameAddress> PATH = new HeaderKey<>(HeaderName.PATH, NameAddress::parse);
    public static final HeaderKey<NameAddress> SERVICE_ROUTE =
            new HeaderKey<>(HeaderName.SERVICE_ROUTE, NameAddress::parse);
    public static final HeaderKey<NameAddress> REPLY_TO = new HeaderKey<>(HeaderName.REPLY_TO, NameAddress::parse);
    public static final HeaderKey<NameAddress> REFER_TO = new HeaderKey<>(HeaderName.REFER_TO, NameAddress::parse);
    public static final HeaderKey<NameAddress> REFERRED_BY =
            new HeaderKey<>(HeaderName.REFERRED_BY, NameAddress::parse);
    public static final HeaderKey<NameAddress> P_ASSERTED_IDENTITY =
            new HeaderKey<>(HeaderName.P_ASSERTED_IDENTITY, NameAddress::parse);
    public static final HeaderKey<NameAddress> P_PREFERRED_IDENTITY =
            new HeaderKey<>(HeaderName.P_PREFERRED_IDENTITY, NameAddress::parse);
    public static final HeaderKey<Integer> MAX_FORWARDS =
            new HeaderKey<>(HeaderName.MAX_FORWARDS, Scalars::maxForwards);
    public static final HeaderKey<Long> CONTENT_LENGTH =
            new HeaderKey<>(HeaderName.CONTENT_LENGTH, Scalars::deltaSeconds);
    public static final HeaderKey<MediaType> CONTENT_TYPE =
            new HeaderKey<>(HeaderName.CONTENT_TYPE, MediaType::parse);
    public static final HeaderKey<Long> EXPIRES = new HeaderKey<>(HeaderName.EXPIRES, Scalars::deltaSeconds);
    public static final HeaderKey<Long> MIN_EXPIRES = new HeaderKey<>(HeaderName.MIN_EXPIRES, Scalars::deltaSeconds);
    public static final HeaderKey<String> ALLOW = tokens(HeaderName.ALLOW);
    public static final HeaderKey<String> SUPPORTED = tokens(HeaderName.SUPPORTED);
    public static final HeaderKey<String> REQUIRE = tokens(HeaderName.REQUIRE);
    public static final HeaderKey<String> PROXY_REQUIRE = tokens(HeaderName.PROXY_REQUIRE);
    public static final HeaderKey<String> UNSUPPORTED = tokens(HeaderName.UNSUPPORTED);
    public static final HeaderKey<String> CONTENT_ENCODING = tokens(HeaderName.CONTENT_ENCODING);
    public static final HeaderKey<String> SUBJECT = text(HeaderName.SUBJECT);
    public static final HeaderKey<String> USER_AGENT = text(HeaderName.USER_AGENT);
    public static final HeaderKey<String> SERVER = text(HeaderName.SERVER);
    public static final HeaderKey<String> ORGANIZATION = text(HeaderName.ORGANIZATION);

    static HeaderKey<String> tokens(HeaderName name) {
        return new HeaderKey<>(name, Scalars::token, s -> s, true);
    }

    static HeaderKey<String> text(HeaderName name) {
        return new HeaderKey<>(name, Scalars::text, s -> s, true);
    }
}

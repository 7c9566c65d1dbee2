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

    // Authentication: RFC 3261 §20.6, §20.7, §20.27, §20.28, §20.44, §25.1; RFC 7616 §3; RFC 8760 §2.
    public static final HeaderKey<Credentials> AUTHORIZATION =
            new HeaderKey<>(HeaderName.AUTHORIZATION, Credentials::parse);
    public static final HeaderKey<Credentials> PROXY_AUTHORIZATION =
            new HeaderKey<>(HeaderName.PROXY_AUTHORIZATION, Credentials::parse);
    public static final HeaderKey<Challenge> WWW_AUTHENTICATE =
            new HeaderKey<>(HeaderName.WWW_AUTHENTICATE, Challenge::parse);
    public static final HeaderKey<Challenge> PROXY_AUTHENTICATE =
            new HeaderKey<>(HeaderName.PROXY_AUTHENTICATE, Challenge::parse);
    public static final HeaderKey<AuthenticationInfo> AUTHENTICATION_INFO =
            new HeaderKey<>(HeaderName.AUTHENTICATION_INFO, AuthenticationInfo::parse);

    // Content negotiation and description: RFC 3261 §20.1-§20.3, §20.11, §20.12, §20.13, §20.24.
    public static final HeaderKey<MediaRange> ACCEPT =
            new HeaderKey<>(HeaderName.ACCEPT, MediaRange::parse, String::valueOf, true);
    public static final HeaderKey<AcceptToken> ACCEPT_ENCODING =
            new HeaderKey<>(HeaderName.ACCEPT_ENCODING, AcceptToken::parseEncoding, String::valueOf, true);
    public static final HeaderKey<AcceptToken> ACCEPT_LANGUAGE =
            new HeaderKey<>(HeaderName.ACCEPT_LANGUAGE, AcceptToken::parseLanguage, String::valueOf, true);
    public static final HeaderKey<String> CONTENT_LANGUAGE =
            new HeaderKey<>(HeaderName.CONTENT_LANGUAGE, MoreScalars::languageTag);
    public static final HeaderKey<ContentDisposition> CONTENT_DISPOSITION =
            new HeaderKey<>(HeaderName.CONTENT_DISPOSITION, ContentDisposition::parse);
    public static final HeaderKey<String> MIME_VERSION =
            new HeaderKey<>(HeaderName.MIME_VERSION, MoreScalars::mimeVersion);

    // Other RFC 3261 headers: §20.4, §20.9, §20.17, §20.18, §20.21, §20.26, §20.33, §20.38, §20.43.
    public static final HeaderKey<InfoUri> ALERT_INFO = new HeaderKey<>(HeaderName.ALERT_INFO, InfoUri::parse);
    public static final HeaderKey<InfoUri> CALL_INFO = new HeaderKey<>(HeaderName.CALL_INFO, InfoUri::parse);
    public static final HeaderKey<InfoUri> ERROR_INFO = new HeaderKey<>(HeaderName.ERROR_INFO, InfoUri::parse);
    public static final HeaderKey<SipDate> DATE = new HeaderKey<>(HeaderName.DATE, SipDate::parse);
    public static final HeaderKey<String> IN_REPLY_TO = new HeaderKey<>(HeaderName.IN_REPLY_TO, Scalars::callId);
    public static final HeaderKey<String> PRIORITY = new HeaderKey<>(HeaderName.PRIORITY, Scalars::token);
    public static final HeaderKey<RetryAfter> RETRY_AFTER =
            new HeaderKey<>(HeaderName.RETRY_AFTER, RetryAfter::parse);
    public static final HeaderKey<Timestamp> TIMESTAMP = new HeaderKey<>(HeaderName.TIMESTAMP, Timestamp::parse);
    public static final HeaderKey<Warning> WARNING = new HeaderKey<>(HeaderName.WARNING, Warning::parse);

    // Reliable provisional responses: RFC 3262 §7.
    public static final HeaderKey<Long> RSEQ = new HeaderKey<>(HeaderName.RSEQ, MoreScalars::rseq);
    public static final HeaderKey<RAck> RACK = new HeaderKey<>(HeaderName.RACK, RAck::parse);

    // Events and REFER: RFC 6665 §8.4, RFC 4488, RFC 3891 §6.1.
    public static final HeaderKey<Event> EVENT = new HeaderKey<>(HeaderName.EVENT, Event::parse);
    public static final HeaderKey<String> ALLOW_EVENTS =
            new HeaderKey<>(HeaderName.ALLOW_EVENTS, Event::parseType);
    public static final HeaderKey<SubscriptionState> SUBSCRIPTION_STATE =
            new HeaderKey<>(HeaderName.SUBSCRIPTION_STATE, SubscriptionState::parse);
    public static final HeaderKey<ReferSub> REFER_SUB = new HeaderKey<>(HeaderName.REFER_SUB, ReferSub::parse);
    public static final HeaderKey<Replaces> REPLACES = new HeaderKey<>(HeaderName.REPLACES, Replaces::parse);

    // Session timers (RFC 4028 §4, §5), Reason (RFC 3326 §2), Privacy (RFC 3323 §4.2).
    public static final HeaderKey<SessionExpires> SESSION_EXPIRES =
            new HeaderKey<>(HeaderName.SESSION_EXPIRES, SessionExpires::parse);
    public static final HeaderKey<MinSE> MIN_SE = new HeaderKey<>(HeaderName.MIN_SE, MinSE::parse);
    public static final HeaderKey<Reason> REASON = new HeaderKey<>(HeaderName.REASON, Reason::parse);
    public static final HeaderKey<Privacy> PRIVACY = new HeaderKey<>(HeaderName.PRIVACY, Privacy::parse);

    // Caller preferences (RFC 3841 §10), PUBLISH (RFC 3903 §11.3, §12), INFO packages (RFC 6086 §9.2).
    public static final HeaderKey<FeaturePreference> ACCEPT_CONTACT =
            new HeaderKey<>(HeaderName.ACCEPT_CONTACT, FeaturePreference::parse);
    public static final HeaderKey<FeaturePreference> REJECT_CONTACT =
            new HeaderKey<>(HeaderName.REJECT_CONTACT, FeaturePreference::parse);
    public static final HeaderKey<String> REQUEST_DISPOSITION =
            new HeaderKey<>(HeaderName.REQUEST_DISPOSITION, Scalars::token);
    public static final HeaderKey<String> SIP_ETAG = new HeaderKey<>(HeaderName.SIP_ETAG, Scalars::token);
    public static final HeaderKey<String> SIP_IF_MATCH = new HeaderKey<>(HeaderName.SIP_IF_MATCH, Scalars::token);
    public static final HeaderKey<InfoPackage> INFO_PACKAGE =
            new HeaderKey<>(HeaderName.INFO_PACKAGE, InfoPackage::parse);
    public static final HeaderKey<InfoPackage> RECV_INFO =
            new HeaderKey<>(HeaderName.RECV_INFO, InfoPackage::parse, String::valueOf, true);

    // Identity (RFC 8224): kept as text; its info=<URI> parameter is not a generic-param.
    public static final HeaderKey<String> IDENTITY = text(HeaderName.IDENTITY);

    static HeaderKey<String> tokens(HeaderName name) {
        return new HeaderKey<>(name, Scalars::token, s -> s, true);
    }

    static HeaderKey<String> text(HeaderName name) {
        return new HeaderKey<>(name, Scalars::text, s -> s, true);
    }
}

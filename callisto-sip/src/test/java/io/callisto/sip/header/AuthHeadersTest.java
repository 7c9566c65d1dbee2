package io.callisto.sip.header;

import static io.callisto.sip.header.HeaderAssertions.canonical;
import static io.callisto.sip.header.HeaderAssertions.one;
import static io.callisto.sip.header.HeaderAssertions.reason;
import static io.callisto.sip.header.HeaderAssertions.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Authorization, Proxy-Authorization, WWW-Authenticate, Proxy-Authenticate and Authentication-Info. */
class AuthHeadersTest {
    /** RFC 3261 §22.4, with the folds a real message would carry. */
    private static final String RFC3261_AUTHORIZATION = "Digest username=\"bob\",\r\n"
            + "        realm=\"biloxi.com\",\r\n        nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\",\r\n"
            + "        uri=\"sip:bob@biloxi.com\",\r\n        qop=auth,\r\n        nc=00000001,\r\n"
            + "        cnonce=\"0a4f113b\",\r\n        response=\"6629fae49393a05397450978507c4ef1\",\r\n"
            + "        opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

    @Test
    void rfc3261DigestCredentials() {
        Credentials c = one(Headers.AUTHORIZATION, RFC3261_AUTHORIZATION);
        assertThat(c.scheme()).isEqualTo("Digest");
        assertThat(c.isDigest()).isTrue();
        assertThat(c.username()).isEqualTo("bob");
        assertThat(c.realm()).isEqualTo("biloxi.com");
        assertThat(c.nonce()).isEqualTo("dcd98b7102dd2f0e8b11d0f600bfb0c093");
        assertThat(c.uri()).isEqualTo("sip:bob@biloxi.com");
        assertThat(c.qop()).isEqualTo("auth");
        assertThat(c.nonceCount()).isEqualTo(1);
        assertThat(c.cnonce()).isEqualTo("0a4f113b");
        assertThat(c.response()).isEqualTo("6629fae49393a05397450978507c4ef1");
        assertThat(c.opaque()).isEqualTo("5ccc069c403ebaf9f0171e9517f40e41");
        assertThat(c.algorithm()).isNull();
        assertThat(c.parameters().get("username")).isEqualTo("\"bob\"");
        assertThat(c.toString()).startsWith("Digest username=\"bob\", realm=\"biloxi.com\", nonce=");
        roundTrip(Headers.AUTHORIZATION, RFC3261_AUTHORIZATION);
    }

    @Test
    void rfc3261Section20Examples() {
        // §20.7: the response is not 32 hex digits; RFC 8760 §2.7 made request-digest *LHEX.
        canonical(Headers.AUTHORIZATION, "Digest username=\"Alice\", realm=\"atlanta.com\", "
                + "nonce=\"84a4cc6f3082121f32b42a2187831a9e\", response=\"7587245234b3434cc3412213e5f113a5432\"");
        canonical(Headers.PROXY_AUTHORIZATION, "Digest username=\"Alice\", realm=\"atlanta.com\", "
                + "nonce=\"c60f3082ee1212b402a21831ae\", response=\"245f23415f11432b3434341c022\"");
        Challenge ch = one(Headers.PROXY_AUTHENTICATE, "Digest realm=\"atlanta.com\",\r\n"
                + " domain=\"sip:ss1.carrier.com\", qop=\"auth\",\r\n nonce=\"f84f1cec41e6cbe5aea9c8e88d359\",\r\n"
                + " opaque=\"\", stale=FALSE, algorithm=MD5");
        assertThat(ch.realm()).isEqualTo("atlanta.com");
        assertThat(ch.domain()).containsExactly("sip:ss1.carrier.com");
        assertThat(ch.qopOptions()).containsExactly("auth");
        assertThat(ch.opaque()).isEmpty();
        assertThat(ch.stale()).isFalse();
        assertThat(ch.algorithm()).isEqualTo("MD5");
        canonical(Headers.WWW_AUTHENTICATE, "Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\", "
                + "qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5");
        AuthenticationInfo info = one(Headers.AUTHENTICATION_INFO, "nextnonce=\"47364c23432d2e131a5fb210812c\"");
        assertThat(info.nextNonce()).isEqualTo("47364c23432d2e131a5fb210812c");
        assertThat(info.nonceCount()).isEqualTo(-1);
        canonical(Headers.AUTHENTICATION_INFO, "nextnonce=\"47364c23432d2e131a5fb210812c\"");
    }

    @Test
    void rfc3261Section22Challenge() {
        Challenge ch = one(Headers.WWW_AUTHENTICATE, "Digest\r\n        realm=\"biloxi.com\",\r\n"
                + "        qop=\"auth,auth-int\",\r\n        nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\",\r\n"
                + "        opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        assertThat(ch.qopOptions()).containsExactly("auth", "auth-int");
        assertThat(ch.nonce()).isEqualTo("dcd98b7102dd2f0e8b11d0f600bfb0c093");
        assertThat(ch.domain()).isEmpty();
    }

    @Test
    void rfc7616Sha256Examples() {
        Challenge sha = one(Headers.WWW_AUTHENTICATE, "Digest\r\n    realm=\"http-auth@example.org\",\r\n"
                + "    qop=\"auth, auth-int\",\r\n    algorithm=SHA-256,\r\n"
                + "    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n"
                + "    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
        assertThat(sha.algorithm()).isEqualTo("SHA-256");
        assertThat(sha.qopOptions()).containsExactly("auth", "auth-int");
        assertThat(sha.opaque()).isEqualTo("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
        Credentials c = one(Headers.AUTHORIZATION, "Digest username=\"Mufasa\",\r\n"
                + "    realm=\"http-auth@example.org\",\r\n    uri=\"/dir/index.html\",\r\n    algorithm=SHA-256,\r\n"
                + "    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n    nc=00000001,\r\n"
                + "    cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\",\r\n    qop=auth,\r\n"
                + "    response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\",\r\n"
                + "    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
        assertThat(c.algorithm()).isEqualTo("SHA-256");
        assertThat(c.response()).hasSize(64);
        assertThat(c.uri()).isEqualTo("/dir/index.html");
        assertThat(c.userhash()).isFalse();
    }

    @Test
    void rfc7616UserhashAndCharset() {
        Challenge ch = one(Headers.WWW_AUTHENTICATE, "Digest realm=\"api@example.org\", qop=\"auth\", "
                + "algorithm=SHA-512-256, nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", "
                + "opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", charset=UTF-8, userhash=true");
        assertThat(ch.charset()).isEqualTo("UTF-8");
        assertThat(ch.userhash()).isTrue();
        assertThat(ch.algorithm()).isEqualTo("SHA-512-256");
        Credentials star = one(Headers.AUTHORIZATION, "Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, "
                + "realm=\"api@example.org\", uri=\"/doe.json\", algorithm=SHA-512-256, "
                + "nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", nc=00000001, "
                + "cnonce=\"NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v\", qop=auth, "
                + "response=\"ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd\", "
                + "opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", userhash=false");
        assertThat(star.param("username*")).isEqualTo("UTF-8''J%C3%A4s%C3%B8n%20Doe");
        assertThat(star.username()).isNull();
        assertThat(star.userhash()).isFalse();
        roundTrip(Headers.AUTHORIZATION, star.toString());
    }

    @Test
    void authenticationInfoForMutualAuthentication() {
        AuthenticationInfo info = one(Headers.AUTHENTICATION_INFO,
                "qop=auth, rspauth=\"6629fae49393a05397450978507c4ef1\", cnonce=\"0a4f113b\", nc=0000000A");
        assertThat(info.qop()).isEqualTo("auth");
        assertThat(info.rspauth()).isEqualTo("6629fae49393a05397450978507c4ef1");
        assertThat(info.cnonce()).isEqualTo("0a4f113b");
        assertThat(info.nonceCount()).isEqualTo(10);
        assertThat(AuthenticationInfo.nextNonce("abc").toString()).isEqualTo("nextnonce=\"abc\"");
    }

    @Test
    void unknownSchemeParsesGenerically() {
        // RFC 4475 §3.3.7 regaut01.
        Credentials c = one(Headers.AUTHORIZATION, "NoOneKnowsThisScheme opaque-data=here");
        assertThat(c.scheme()).isEqualTo("NoOneKnowsThisScheme");
        assertThat(c.isDigest()).isFalse();
        assertThat(c.param("opaque-data")).isEqualTo("here");
        canonical(Headers.AUTHORIZATION, "NoOneKnowsThisScheme opaque-data=here");
        // nc is checked for Digest only.
        assertThat(one(Headers.AUTHORIZATION, "Other nc=1").param("nc")).isEqualTo("1");
        Challenge ch = one(Headers.PROXY_AUTHENTICATE, "Newauth realm=\"apps\", type=1, title=\"Login, please\"");
        assertThat(ch.param("title")).isEqualTo("Login, please");
        assertThat(ch.stale()).isFalse();
    }

    @Test
    void builtValues() {
        Challenge ch = Challenge.digest("atlanta.example.com", "wf84f1ceczx41ae6cbe5aea9c8e88d359", "SHA-256");
        assertThat(ch.toString()).isEqualTo("Digest realm=\"atlanta.example.com\", "
                + "nonce=\"wf84f1ceczx41ae6cbe5aea9c8e88d359\", algorithm=SHA-256, qop=\"auth\"");
        assertThat(ch.withToken("stale", "TRUE").stale()).isTrue();
        Credentials c = new Credentials("Digest", Parameters.ofPairs("username", "\"bob\""))
                .withQuoted("realm", "a \"b\"").withToken("nc", "00000002");
        assertThat(c.realm()).isEqualTo("a \"b\"");
        assertThat(c.nonceCount()).isEqualTo(2);
        roundTrip(Headers.AUTHORIZATION, c.toString());
        assertThat(c).isEqualTo(one(Headers.AUTHORIZATION, "digest username=\"bob\" , realm=\"a \\\"b\\\"\",nc=00000002"));
        assertThatThrownBy(() -> new Credentials("Digest", Parameters.EMPTY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Challenge("Di gest", Parameters.ofPairs("a", "b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuthenticationInfo(Parameters.ofPairs("flag", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedCredentials() {
        assertThat(reason(Headers.AUTHORIZATION, "Digest")).isEqualTo("auth-param expected after authentication scheme");
        assertThat(reason(Headers.AUTHORIZATION, "Digest,username=\"a\""))
                .isEqualTo("space expected after authentication scheme");
        assertThat(reason(Headers.AUTHORIZATION, "Digest username=\"bob")).isEqualTo("unterminated quoted string");
        assertThat(reason(Headers.AUTHORIZATION, "Digest username")).isEqualTo("'=' expected after auth-param name");
        assertThat(reason(Headers.AUTHORIZATION, "Digest username=")).isEqualTo("auth-param value expected");
        assertThat(reason(Headers.AUTHORIZATION, "Digest uri=sip:bob@biloxi.com"))
                .isEqualTo("unexpected characters after value");
        assertThat(reason(Headers.AUTHORIZATION, "Digest uri=<sip:bob@biloxi.com>"))
                .isEqualTo("auth-param value must be a token or a quoted string");
        assertThat(reason(Headers.AUTHORIZATION, "Digest realm=\"a\",, nonce=\"b\"")).isEqualTo("empty auth-param");
        assertThat(reason(Headers.AUTHORIZATION, "Digest realm=\"a\",")).isEqualTo("auth-param expected after ','");
        assertThat(reason(Headers.AUTHORIZATION, "Digest realm=\"a\", realm=\"b\"")).isEqualTo("duplicate auth-param realm");
        assertThat(reason(Headers.AUTHORIZATION, "Digest nc=1")).isEqualTo("nc must be 8 hexadecimal digits");
        assertThat(reason(Headers.AUTHORIZATION, "Digest nc=0000000g")).isEqualTo("nc must be 8 hexadecimal digits");
        assertThat(reason(Headers.AUTHORIZATION, "Digest username=\"a\", username*=UTF-8''b"))
                .isEqualTo("both username and username* present");
        assertThat(reason(Headers.AUTHORIZATION, "\"Digest\" username=\"a\"")).isEqualTo("authentication scheme expected");
        assertThat(reason(Headers.AUTHORIZATION, "Digest =\"a\"")).isEqualTo("auth-param name expected");
        assertThat(reason(Headers.AUTHORIZATION, "")).isEqualTo("empty header value");
        assertThat(reason(Headers.AUTHENTICATION_INFO, "nextnonce=\"a\", nc=12")).isEqualTo("nc must be 8 hexadecimal digits");
        assertThat(reason(Headers.WWW_AUTHENTICATE, "Basic")).isEqualTo("auth-param expected after authentication scheme");
        StringBuilder many = new StringBuilder("Digest p0=0");
        for (int i = 1; i <= AuthParams.MAX_PARAMS; i++) {
            many.append(", p").append(i).append('=').append(i);
        }
        assertThat(reason(Headers.WWW_AUTHENTICATE, many.toString())).isEqualTo("too many auth-params");
    }
}

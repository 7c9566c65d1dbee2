package io.callisto.sip.header;

import static io.callisto.sip.header.HeaderAssertions.canonical;
import static io.callisto.sip.header.HeaderAssertions.one;
import static io.callisto.sip.header.HeaderAssertions.reason;
import static io.callisto.sip.header.HeaderAssertions.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Accept, Accept-Encoding, Accept-Language, Content-Language, Content-Disposition and MIME-Version. */
class ContentNegotiationTest {
    @Test
    void acceptRfc3261Example() {
        List<MediaRange> ranges = Headers.ACCEPT.parse("application/sdp;level=1, application/x-private, text/html");
        assertThat(ranges).hasSize(3);
        assertThat(ranges.get(0).type()).isEqualTo("application");
        assertThat(ranges.get(0).subtype()).isEqualTo("sdp");
        assertThat(ranges.get(0).parameters().get("level")).isEqualTo("1");
        assertThat(ranges.get(0).q()).isEqualTo(1.0);
        assertThat(ranges.get(0).matches(MediaType.SDP)).isTrue();
        assertThat(ranges.get(2).matches(MediaType.SDP)).isFalse();
        canonical(Headers.ACCEPT, "application/sdp;level=1, application/x-private, text/html");
    }

    @Test
    void acceptWildcardsAndQ() {
        List<MediaRange> ranges = Headers.ACCEPT.parse("*/*;q=0.1, text/*;q=0.5 , application/SDP;q=1.000");
        assertThat(ranges.get(0)).isEqualTo(new MediaRange("*", "*", Parameters.ofPairs("q", "0.1")));
        assertThat(ranges.get(0)).isNotEqualTo(MediaRange.ANY);
        assertThat(ranges.get(0).q()).isEqualTo(0.1);
        assertThat(ranges.get(0).matches(MediaType.SDP)).isTrue();
        assertThat(ranges.get(1).matches(new MediaType("TEXT", "plain", null))).isTrue();
        assertThat(ranges.get(1).q()).isEqualTo(0.5);
        assertThat(ranges.get(2).matches(MediaType.SDP)).isTrue();
        assertThat(MediaRange.of(MediaType.SDP).toString()).isEqualTo("application/sdp");
        roundTrip(Headers.ACCEPT, "*/*;q=0.1, text/*;q=0.5 , application/SDP;q=1.000");
        // §20.1: an empty Accept means no body is acceptable.
        assertThat(Headers.ACCEPT.parse("")).isEmpty();
        assertThat(Headers.ACCEPT.parse("application/sdp ; q = 0")).singleElement()
                .extracting(MediaRange::q).isEqualTo(0.0);
    }

    @Test
    void malformedAccept() {
        assertThat(reason(Headers.ACCEPT, "*/sdp")).isEqualTo("'*' type requires '*' subtype");
        assertThat(reason(Headers.ACCEPT, "application")).isEqualTo("'/' expected in media range");
        assertThat(reason(Headers.ACCEPT, "application/")).isEqualTo("media subtype expected");
        assertThat(reason(Headers.ACCEPT, "text/html;q=1.5")).startsWith("invalid q value");
        assertThat(reason(Headers.ACCEPT, "text/html;q=0.1234")).startsWith("invalid q value");
        assertThat(reason(Headers.ACCEPT, "text/html;q=1.001")).startsWith("invalid q value");
        assertThat(reason(Headers.ACCEPT, "text/html;q")).startsWith("invalid q value");
        assertThat(reason(Headers.ACCEPT, "text/html,,text/plain")).isEqualTo("empty element in comma-separated list");
        assertThatThrownBy(() -> new MediaRange("*", "html", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaRange("a", "b", Parameters.ofPairs("q", "2")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptEncodingAndLanguage() {
        AcceptToken gzip = one(Headers.ACCEPT_ENCODING, "gzip");
        assertThat(gzip.value()).isEqualTo("gzip");
        assertThat(gzip.q()).isEqualTo(1.0);
        List<AcceptToken> encodings = Headers.ACCEPT_ENCODING.parse("gzip;q=1.0, identity; q=0.5, *;q=0");
        assertThat(encodings).extracting(AcceptToken::q).containsExactly(1.0, 0.5, 0.0);
        assertThat(encodings.get(2).isWildcard()).isTrue();
        assertThat(Headers.ACCEPT_ENCODING.parse("")).isEmpty();

        List<AcceptToken> languages = Headers.ACCEPT_LANGUAGE.parse("da, en-gb;q=0.8, en;q=0.7");
        assertThat(languages).extracting(AcceptToken::value).containsExactly("da", "en-gb", "en");
        assertThat(languages).extracting(AcceptToken::q).containsExactly(1.0, 0.8, 0.7);
        canonical(Headers.ACCEPT_LANGUAGE, "da, en-gb;q=0.8, en;q=0.7");
        assertThat(one(Headers.ACCEPT_LANGUAGE, "es-419").value()).isEqualTo("es-419");
        assertThat(one(Headers.ACCEPT_LANGUAGE, "*;q=0.1").isWildcard()).isTrue();
        assertThat(one(Headers.ACCEPT_LANGUAGE, "EN-GB")).isEqualTo(one(Headers.ACCEPT_LANGUAGE, "en-gb"));
    }

    @Test
    void malformedAcceptEncodingAndLanguage() {
        assertThat(reason(Headers.ACCEPT_ENCODING, "gzip;q=2")).startsWith("invalid q value");
        assertThat(reason(Headers.ACCEPT_ENCODING, "\"gzip\"")).isEqualTo("content-coding expected");
        assertThat(reason(Headers.ACCEPT_LANGUAGE, "1en")).isEqualTo("language range expected");
        assertThat(reason(Headers.ACCEPT_LANGUAGE, "en-Latnxxxxx")).isEqualTo("language subtag longer than 8 characters");
        assertThat(reason(Headers.ACCEPT_LANGUAGE, "abcdefghi")).isEqualTo("language range longer than 8 characters");
        assertThat(reason(Headers.ACCEPT_LANGUAGE, "en-")).isEqualTo("language subtag expected");
        assertThat(reason(Headers.ACCEPT_LANGUAGE, "en_US")).isEqualTo("unexpected characters after value");
    }

    @Test
    void contentLanguage() {
        assertThat(Headers.CONTENT_LANGUAGE.parse("fr")).containsExactly("fr");
        assertThat(Headers.CONTENT_LANGUAGE.parse("en-US, fr")).containsExactly("en-US", "fr");
        assertThat(reason(Headers.CONTENT_LANGUAGE, "es-419")).isEqualTo("language subtag expected");
        assertThat(reason(Headers.CONTENT_LANGUAGE, "*")).isEqualTo("language tag expected");
        assertThat(reason(Headers.CONTENT_LANGUAGE, "")).isEqualTo("empty header value");
    }

    @Test
    void contentDisposition() {
        ContentDisposition d = one(Headers.CONTENT_DISPOSITION, "session");
        assertThat(d).isEqualTo(ContentDisposition.SESSION);
        assertThat(d.handling()).isEqualTo("required");
        assertThat(d.isOptional()).isFalse();
        ContentDisposition icon = one(Headers.CONTENT_DISPOSITION, "icon ; handling=Optional;x=\"y z\"");
        assertThat(icon.is("ICON")).isTrue();
        assertThat(icon.isOptional()).isTrue();
        assertThat(icon.parameters().unquoted("x")).isEqualTo("y z");
        canonical(Headers.CONTENT_DISPOSITION, "render;handling=optional");
        canonical(Headers.CONTENT_DISPOSITION, "early-session");
        assertThat(ContentDisposition.RENDER.withParameter("handling", "optional").toString())
                .isEqualTo("render;handling=optional");
        assertThat(reason(Headers.CONTENT_DISPOSITION, "")).isEqualTo("empty header value");
        assertThat(reason(Headers.CONTENT_DISPOSITION, ";handling=optional")).isEqualTo("disposition type expected");
        assertThat(reason(Headers.CONTENT_DISPOSITION, "session, render"))
                .isEqualTo("more than one value in a single-value header");
        assertThat(reason(Headers.CONTENT_DISPOSITION, "session;")).isEqualTo("empty parameter");
    }

    @Test
    void mimeVersion() {
        assertThat(Headers.MIME_VERSION.parse("1.0")).containsExactly("1.0");
        assertThat(reason(Headers.MIME_VERSION, "1")).isEqualTo("'.' in MIME-Version expected, found end of value");
        assertThat(reason(Headers.MIME_VERSION, "1.")).isEqualTo("MIME minor version expected");
        assertThat(reason(Headers.MIME_VERSION, "v1.0")).isEqualTo("MIME major version expected");
    }
}

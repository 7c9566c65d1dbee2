package io.callisto.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TemplateTest {

    /** Resolves each keyword to a visible marker. */
    private static final Template.Resolver MARKERS = (k, out) -> {
        switch (k.kind()) {
            case LAST_HEADER -> out.append(k.header().equals("Via") ? "Via: a\r\nVia: b" : "");
            case CSEQ -> out.append(7 + k.number());
            case FIELD -> out.append("f").append(k.number());
            case ROUTES -> { }
            default -> out.append('<').append(k.kind().name().toLowerCase()).append('>');
        }
    };

    @Test
    void trimsLinesSplitsBodyAndComputesLen() {
        Template t = Template.compile("""

                    INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
                    [last_Via:]
                    [routes]
                    CSeq: [cseq+2] INVITE
                    Content-Length: [len]

                    v=0
                    o=[field1]
                """);
        String msg = new String(t.render(MARKERS), StandardCharsets.UTF_8);
        assertThat(msg).isEqualTo("INVITE sip:<service>@<remote_ip>:<remote_port> SIP/2.0\r\n"
                + "Via: a\r\nVia: b\r\n"
                + "CSeq: 9 INVITE\r\n"
                + "Content-Length: 11\r\n\r\n"
                + "v=0\r\no=f1\r\n");
        assertThat(t.firstWord()).isEqualTo("INVITE");
        assertThat(t.maxField()).isEqualTo(1);
        assertThat(t.uses(Keyword.Kind.CSEQ)).isTrue();
    }

    @Test
    void messageWithoutBodyEndsWithAnEmptyLine() {
        Template t = Template.compile("BYE sip:x SIP/2.0\nCall-ID: [call_id]\nContent-Length: [len]\n");
        assertThat(new String(t.render(MARKERS), StandardCharsets.UTF_8))
                .isEqualTo("BYE sip:x SIP/2.0\r\nCall-ID: <call_id>\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void parsesKeywordArguments() {
        Keyword a = Keyword.parse("authentication username=[field0] password=secret");
        assertThat(a.username()).isEqualTo("[field0]");
        assertThat(a.password()).isEqualTo("secret");
        assertThat(Keyword.fieldReference(a.username())).isZero();
        assertThat(Keyword.fieldReference(a.password())).isEqualTo(-1);
        assertThat(Keyword.parse("cseq-1").number()).isEqualTo(-1);
        assertThat(Keyword.parse("last_Record-Route:").header()).isEqualTo("Record-Route");
        assertThat(Template.compile("X sip:a SIP/2.0\n[authentication username=[field2] password=[field3]]").maxField())
                .isEqualTo(3);
        assertThatThrownBy(() -> Keyword.parse("authentication username=a")).hasMessageContaining("password");
        assertThatThrownBy(() -> Keyword.parse("$var")).hasMessageContaining("unsupported keyword [$var]");
    }

    @Test
    void injectionPatternsAndFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        InjectionData d = InjectionData.pattern("user{5..7}", "pw");
        assertThat(d.rows()).hasSize(3);
        assertThat(d.row(1)).containsExactly("user5", "pw");
        assertThat(d.row(4)).containsExactly("user5", "pw");
        java.nio.file.Path f = dir.resolve("users.csv");
        java.nio.file.Files.writeString(f, "SEQUENTIAL\n# comment\nalice;a1\n\nbob;b2;x\n");
        InjectionData csv = InjectionData.read(f);
        assertThat(csv.rows()).hasSize(2);
        assertThat(csv.minFields()).isEqualTo(2);
        assertThat(csv.row(2)).containsExactly("bob", "b2", "x");
        java.nio.file.Files.writeString(f, "SEQUENTIAL\n");
        assertThatThrownBy(() -> InjectionData.read(f)).hasMessageContaining("no data rows");
        assertThatThrownBy(() -> InjectionData.read(dir.resolve("missing"))).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> InjectionData.pattern("u{9..1}", "")).hasMessageContaining("bad range");
    }
}

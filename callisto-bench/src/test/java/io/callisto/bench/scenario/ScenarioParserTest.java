package io.callisto.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenarioParserTest {

    private static final String SIPP_STYLE = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <!DOCTYPE scenario SYSTEM "sipp.dtd">
            <scenario name="Mine">
              <send retrans="500" start_rtd="1">
                <![CDATA[
                  OPTIONS sip:[service]@[remote_ip]:[remote_port] SIP/2.0
                  Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                  Call-ID: [call_id]
                  CSeq: [cseq] OPTIONS
                  Content-Length: [len]
                ]]>
              </send>
              <recv response="100" optional="true" crlf="true"></recv>
              <recv response="200" rtd="true" next="end"/>
              <nop chance="0.5" next="end"/>
              <pause milliseconds="10"/>
              <pause/>
              <label id="end"/>
              <ResponseTimeRepartition value="10, 20"/>
              <CallLengthRepartition value="10, 50"/>
            </scenario>
            """;

    @Test
    void readsTheSippSubset() {
        Scenario s = ScenarioParser.parse(SIPP_STYLE, "file");
        assertThat(s.name()).isEqualTo("Mine");
        assertThat(s.steps()).hasSize(7);
        Step.Send send = (Step.Send) s.steps().get(0);
        assertThat(send.retransMs()).isEqualTo(500);
        assertThat(send.common().startRtd()).isEqualTo("1");
        Step.Recv r100 = (Step.Recv) s.steps().get(1);
        assertThat(r100.optional()).isTrue();
        assertThat(r100.matches(false, 100, null)).isTrue();
        assertThat(r100.matches(true, 0, "INVITE")).isFalse();
        Step.Recv r200 = (Step.Recv) s.steps().get(2);
        assertThat(r200.common().rtd()).isEqualTo("1");
        assertThat(r200.common().next()).isEqualTo("end");
        assertThat(((Step.Nop) s.steps().get(3)).common().chance()).isEqualTo(0.5);
        assertThat(((Step.Pause) s.steps().get(4)).milliseconds()).isEqualTo(10);
        assertThat(((Step.Pause) s.steps().get(5)).milliseconds()).isEqualTo(-1);
        assertThat(s.labelIndex("end")).isEqualTo(6);
        assertThat(s.isServer()).isFalse();
    }

    @Test
    void everyBuiltInParsesAndRoundTripsThroughDump() {
        for (String name : BuiltinScenarios.NAMES) {
            String xml = BuiltinScenarios.xml(name, Map.of());
            Scenario s = ScenarioParser.parse(xml, name);
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.isServer()).isEqualTo(name.equals("uas"));
        }
        assertThat(BuiltinScenarios.load("register", Map.of()).maxField()).isEqualTo(1);
    }

    @Test
    void answerMixAddsRejectionBranches() {
        Scenario s = BuiltinScenarios.load("uas", Map.of("answer_mix", "200:90,486:5,603:5"));
        assertThat(s.steps()).anySatisfy(st -> assertThat(st).isEqualTo(new Step.Label("reject486")));
        assertThat(s.steps()).anySatisfy(st -> assertThat(st).isEqualTo(new Step.Label("reject603")));
        Step.Nop first = (Step.Nop) s.steps().get(1);
        assertThat(first.common().chance()).isEqualTo(0.05);
        Step.Nop second = (Step.Nop) s.steps().get(2);
        assertThat(second.common().chance()).isCloseTo(5.0 / 95, org.assertj.core.data.Offset.offset(1e-6));
        assertThatThrownBy(() -> BuiltinScenarios.load("uas", Map.of("answer_mix", "200:90,180:10")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("answer mix");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<scenario><send><![CDATA[OPTIONS sip:a SIP/2.0]]></send><recv response=\"200\"><action/></recv></scenario>"
                + "|unsupported element <action>",
        "<scenario><send lost=\"10\"><![CDATA[OPTIONS sip:a SIP/2.0]]></send></scenario>|unsupported attribute lost",
        "<scenario><send><![CDATA[OPTIONS sip:[foo] SIP/2.0]]></send></scenario>|unsupported keyword [foo]",
        "<scenario><send><![CDATA[OPTIONS sip:[service SIP/2.0]]></send></scenario>|unclosed '['",
        "<scenario><sendCmd/></scenario>|unsupported element <sendCmd>",
        "<scenario><recv/></scenario>|exactly one of response",
        "<scenario><recv response=\"abc\"/></scenario>|not a non-negative integer",
        "<scenario><recv response=\"99\"/></scenario>|not a status code",
        "<scenario><recv request=\"INVITE\" next=\"nowhere\"/></scenario>|names no <label",
        "<scenario><recv request=\"INVITE\" optional=\"maybe\"/></scenario>|must be true or false",
        "<scenario><nop chance=\"0.5\"/></scenario>|needs a value from 0 to 1 and a next",
        "<scenario><label id=\"a\"/><label id=\"a\"/></scenario>|defined twice",
        "<scenario></scenario>|no steps",
        "<scenario><send></send></scenario>|no message text",
        "<other/>|root element is <other>",
        "<scenario><recv request=\"INVITE\">|malformed XML",
        "<scenario><send><![CDATA[x]]></send>text</scenario>|unexpected text",
        "<scenario><send><![CDATA[[authentication user=a]]]></send></scenario>|unsupported [authentication] argument",
    })
    void rejectsWhatItDoesNotSupportByName(String caseText) {
        String[] parts = caseText.split("\\|");
        assertThatThrownBy(() -> ScenarioParser.parse(parts[0], "bad"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining(parts[1]);
    }

    @Test
    void doesNotFetchExternalEntities() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE scenario [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<scenario><send><![CDATA[OPTIONS sip:a SIP/2.0]]>&x;</send></scenario>";
        try {
            Scenario s = ScenarioParser.parse(xml, "x");
            assertThat(((Step.Send) s.steps().get(0)).template().toString()).doesNotContain("root:");
        } catch (ScenarioException e) {
            assertThat(e.getMessage()).isNotEmpty();
        }
    }
}

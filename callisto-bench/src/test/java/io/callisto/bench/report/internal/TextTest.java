package io.callisto.bench.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void xmlEscapesMarkupQuotesAndForbiddenControls() {
        assertThat(Text.xml("<a href='x'>\"&\"</a>\u0000\u001b"))
                .isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;\uFFFD\uFFFD");
        assertThat(Text.xml(null)).isEmpty();
        assertThat(Text.xml("caf\u00e9 \uD83D\uDE00")).isEqualTo("caf\u00e9 \uD83D\uDE00");
        assertThat(Text.xml("lone \uD800 surrogate")).isEqualTo("lone \uFFFD surrogate");
    }

    @Test
    void plainRemovesTerminalControls() {
        assertThat(Text.plain("\u001b[2Jx\r\ny\u0007")).isEqualTo("?[2Jx??y?");
        assertThat(Text.plain(null)).isEqualTo("-");
    }

    @Test
    void csvQuotesOnlyWhatRfc4180Requires() {
        assertThat(Csv.field("plain")).isEqualTo("plain");
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(Csv.field(" padded")).isEqualTo("\" padded\"");
        assertThat(Csv.field(null)).isEmpty();
        assertThat(Csv.record(List.of("a", "b,c", ""))).isEqualTo("a,\"b,c\",\r\n");
    }

    @Test
    void numbersUseADotAndNeverPrintHundredsOfDigits() {
        assertThat(Numbers.ms(0.4242)).isEqualTo("0.42");
        assertThat(Numbers.ms(21.34)).isEqualTo("21.3");
        assertThat(Numbers.ms(32000.4)).isEqualTo("32000");
        assertThat(Numbers.ms(Double.NaN)).isEqualTo("-");
        assertThat(Numbers.ms(1e300)).isEqualTo("1.000e+300");
        assertThat(Numbers.percent(0.98765)).isEqualTo("98.77 %");
        assertThat(Numbers.compact(500.0)).isEqualTo("500");
        assertThat(Numbers.compact(-0.0001)).isEqualTo("0");
        assertThat(Numbers.machine(12.0)).isEqualTo("12");
        assertThat(Numbers.machine(12.25)).isEqualTo("12.25");
        assertThat(Numbers.machine(Double.POSITIVE_INFINITY)).isEmpty();
        assertThat(Double.parseDouble(Numbers.machine(1e300))).isEqualTo(1e300);
    }

    @Test
    void tablesAlignTheirColumns() {
        String t = new TextTable("  ").row("name", "1").row("longer name", "12345").render();
        assertThat(t).isEqualTo("  name             1\n  longer name  12345\n");
    }
}

package io.callisto.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class HtmlReportTest {

    private static final Pattern SVG = Pattern.compile("<svg[\\s\\S]*?</svg>");

    @TempDir
    Path dir;

    static Document xml(String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new InputSource(new StringReader(text)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed: " + e.getMessage(), e);
        }
    }

    static List<Document> svgs(String html) {
        List<Document> out = new ArrayList<>();
        Matcher m = SVG.matcher(html);
        while (m.find()) {
            out.add(xml(m.group()));
        }
        return out;
    }

    static List<Element> elements(Document d, String tag, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList all = d.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (cls == null || List.of(e.getAttribute("class").split(" ")).contains(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    static Document chart(List<Document> svgs, String cls) {
        return svgs.stream().filter(d -> List.of(d.getDocumentElement().getAttribute("class").split(" "))
                .contains(cls)).findFirst().orElseThrow(() -> new AssertionError("no chart " + cls));
    }

    @Test
    void writesOneSelfContainedWellFormedFile() throws IOException {
        Path f = dir.resolve("a/report.html");
        HtmlReport.write(Fixtures.realistic(), f);
        String html = Files.readString(f);
        Document doc = xml(html);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("http://", "https://", "src=", "href=", "url(", "@import", "<script",
                "<link", "<img", "<iframe", "<object", "xlink");
        assertThat(html).contains("Content-Security-Policy", "default-src 'none'");
        assertThat(html).contains("callisto bench <span class=\"scenario\">call</span>", "127.0.0.1:5060",
                "2025-06-01 10:00:00 UTC", "Load kept up: achieved 499.9/s of 500/s", "sip:service@127.0.0.1");
        assertThat(html.length()).isLessThan(300_000);
    }

    @Test
    void hasTheTablesAndTheCharts() {
        RunResult r = Fixtures.realistic();
        String html = HtmlReport.render(r);
        assertThat(html).contains(">" + r.totals().attempted() + "<", ">" + r.totals().answered() + "<",
                ">98.58 %<", ">Answer delay (INVITE → 200)<", ">Post-dial delay (INVITE → 180/183)<");
        List<Document> svgs = svgs(html);
        assertThat(svgs).hasSize(3 + r.latencies().size());
        assertThat(elements(chart(svgs, "rates"), "path", "series")).extracting(e -> e.getAttribute("data-series"))
                .containsExactly("achieved", "offered", "failed");
        assertThat(elements(chart(svgs, "concurrent"), "path", "series")).hasSize(1);
        assertThat(elements(chart(svgs, "percentiles"), "path", "series"))
                .extracting(e -> e.getAttribute("data-series")).containsExactly("p50", "p90", "p99", "p99.9", "max");
        List<Document> histograms = svgs.stream().filter(d -> d.getDocumentElement().getAttribute("class")
                .contains("histogram")).toList();
        assertThat(histograms).hasSize(3);
        for (Document h : histograms) {
            assertThat(elements(h, "path", "bars")).hasSize(1);
            assertThat(elements(h, "line", "marker")).extracting(e -> e.getAttribute("data-marker"))
                    .containsExactly("p50", "p90", "p99");
        }
        // every chart: a title, axis titles, legend entries, one path point per interval
        for (Document d : svgs) {
            assertThat(elements(d, "text", "title")).hasSize(1);
            assertThat(elements(d, "text", "axistitle")).hasSize(2);
            assertThat(elements(d, "text", "legendlabel")).isNotEmpty();
        }
        String achieved = elements(chart(svgs, "rates"), "path", "series").get(0).getAttribute("d");
        assertThat(achieved.split("[ML]").length - 1).isEqualTo(r.timeline().size());
    }

    @Test
    void tickLabelsAreNiceNumbers() {
        for (RunResult r : List.of(Fixtures.realistic(), Fixtures.hour(), Fixtures.oneInterval(), Fixtures.huge(),
                Fixtures.withNulls())) {
            for (Document d : svgs(HtmlReport.render(r))) {
                for (String anchor : List.of("end", "middle")) {
                    List<BigDecimal> ticks = new ArrayList<>();
                    for (Element e : elements(d, "text", "ticklabel")) {
                        if (e.getAttribute("text-anchor").equals(anchor)) {
                            ticks.add(value(e.getTextContent()));
                        }
                    }
                    if (ticks.isEmpty()) {
                        continue;
                    }
                    assertThat(ticks.size()).isBetween(2, 13);
                    boolean log = elements(d, "text", "axistitle").stream()
                            .filter(t -> t.hasAttribute("transform") == anchor.equals("end"))
                            .anyMatch(t -> t.getTextContent().contains("log scale"));
                    for (int i = 1; i < ticks.size(); i++) {
                        assertThat(ticks.get(i)).isGreaterThan(ticks.get(i - 1));
                        if (!log) {
                            BigDecimal step = ticks.get(1).subtract(ticks.get(0));
                            assertThat(ticks.get(i).subtract(ticks.get(i - 1))).isEqualByComparingTo(step);
                            assertThat(isNice(step)).as("step %s", step).isTrue();
                        }
                    }
                    if (log) {
                        assertThat(ticks).allMatch(HtmlReportTest::isNice);
                    }
                }
            }
        }
    }

    private static boolean isNice(BigDecimal v) {
        int m = v.stripTrailingZeros().unscaledValue().abs().intValue();
        return m == 1 || m == 2 || m == 5;
    }

    private static BigDecimal value(String label) {
        String s = label.strip();
        int shift = 0;
        String suffixes = "kMGT";
        if (!s.isEmpty() && suffixes.indexOf(s.charAt(s.length() - 1)) >= 0) {
            shift = 3 * (1 + suffixes.indexOf(s.charAt(s.length() - 1)));
            s = s.substring(0, s.length() - 1);
        }
        return new BigDecimal(s).movePointRight(shift);
    }

    @Test
    void hostileStringsAreEscapedEverywhere() {
        String html = HtmlReport.render(Fixtures.hostile());
        Document doc = xml(html); // would not parse if anything broke out of its element or attribute
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script", "<img", "<i>", "<!--", "]]>");
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            assertThat(e.getTagName()).isNotIn("script", "img", "i");
            NamedNodeMap attrs = e.getAttributes();
            for (int a = 0; a < attrs.getLength(); a++) {
                assertThat(attrs.item(a).getNodeName()).doesNotStartWith("on");
            }
        }
        // and each string reads back exactly as it was
        String text = doc.getDocumentElement().getTextContent();
        assertThat(text).contains(Fixtures.EVIL, "\"127.0.0.1\" & <b>", "name'with\"quotes", "<i>bad</i> & \"worse\"",
                "</svg><img src=x onerror=alert(1)>", "fell behind: ]]> & <!-- -->");
        assertThat(svgs(html)).hasSize(4);
    }

    @Test
    void emptyRunsSayThereIsNothingToPlot() {
        String empty = HtmlReport.render(Fixtures.empty());
        xml(empty);
        assertThat(empty).contains("no intervals recorded", "no latency recorded");
        assertThat(svgs(empty)).allMatch(d -> d.getDocumentElement().getAttribute("class").contains("empty"));
        String zero = HtmlReport.render(Fixtures.zeroCalls());
        assertThat(zero).contains("no call answered in any interval");
        Document rates = chart(svgs(zero), "rates");
        assertThat(elements(rates, "path", "series")).hasSize(3);
    }

    @Test
    void oneIntervalIsDrawnAsDots() {
        List<Document> svgs = svgs(HtmlReport.render(Fixtures.oneInterval()));
        assertThat(elements(chart(svgs, "rates"), "circle", null)).hasSize(3);
        assertThat(elements(chart(svgs, "percentiles"), "circle", null)).hasSize(5);
        assertThat(elements(chart(svgs, "concurrent"), "circle", null)).hasSize(1);
    }

    @Test
    void nullLatenciesAreGapsInTheLines() {
        Document p = chart(svgs(HtmlReport.render(Fixtures.withNulls())), "percentiles");
        String d = elements(p, "path", "series").get(0).getAttribute("d");
        // intervals 3, 6 and 9 have no latency: segments 1-2, 4-5, 7-8 and the lone point 10
        assertThat(d.chars().filter(c -> c == 'M').count()).isEqualTo(4);
        assertThat(d.chars().filter(c -> c == 'L').count()).isEqualTo(3);
        assertThat(elements(p, "circle", null)).hasSize(5);
    }

    @Test
    void anHourStaysLight() {
        RunResult r = Fixtures.hour();
        String html = HtmlReport.render(r);
        assertThat(html.length()).isLessThan(400_000);
        List<Document> svgs = svgs(html);
        for (Element path : elements(chart(svgs, "percentiles"), "path", "series")) {
            long points = path.getAttribute("d").chars().filter(c -> c == 'M' || c == 'L').count();
            assertThat(points).isBetween(200L, 1500L);
        }
        // the one-interval spike at 1850 s survives the downsampling
        String max = elements(chart(svgs, "concurrent"), "path", "series").get(0).getAttribute("d");
        double top = Double.MAX_VALUE;
        for (String part : max.split("[ML]")) {
            if (!part.isBlank()) {
                top = Math.min(top, Double.parseDouble(part.strip().split(" ")[1]));
            }
        }
        assertThat(top).isLessThan(io.callisto.bench.report.internal.SvgChart.TOP + 30);
    }

    @Test
    void hugeAndNonFiniteValuesDoNotBreakTheCharts() {
        String html = HtmlReport.render(Fixtures.huge());
        List<Document> svgs = svgs(html);
        assertThat(svgs).hasSize(4);
        assertThat(html).doesNotContain("NaN", "Infinity", "0000000000000000000000");
    }
}

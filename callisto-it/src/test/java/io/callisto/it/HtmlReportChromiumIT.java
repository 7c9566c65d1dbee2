package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.bench.report.HtmlReport;
import io.callisto.bench.report.JsonReport;
import io.callisto.bench.report.RunResult;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench HTML report as a browser shows it: a report written from a run shaped like a real one (60 s at 500
 * calls/s after a 10 s ramp, some 486 and timeouts; {@code bench/realistic-run.json}) is opened in headless
 * Chromium (Debian {@code chromium}), which must parse it (its DOM has the charts' SVG elements) and paint it (a
 * screenshot of the right size, not blank, with the series' colours in it). Skipped only when Chromium is not
 * installed. Every Chromium run has a time limit and is killed by PID, with its children, when it ends or hangs.
 */
class HtmlReportChromiumIT {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 2000;
    private static final long TIMEOUT_SECONDS = 90;

    private static String chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void findChromium() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    chromium = p.toString();
                    return;
                }
            }
        }
        Assumptions.abort("chromium is not installed: run `apt-get install -y chromium` (.ci/run does); "
                + "the HTML report's browser check is skipped");
    }

    private static RunResult fixture() throws IOException {
        try (InputStream in = HtmlReportChromiumIT.class.getResourceAsStream("/bench/realistic-run.json")) {
            assertThat(in).as("bench/realistic-run.json on the test class path").isNotNull();
            return JsonReport.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Runs Chromium headless on {@code page} with {@code args}; returns its standard output. */
    private String runChromium(Path page, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--disable-gpu", "--no-sandbox",
                "--hide-scrollbars", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile"))));
        cmd.addAll(List.of(args));
        cmd.add(page.toUri().toString());
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process p = Reaper.track(new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start());
        try {
            boolean ended = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(ended).as("chromium ended within %d s; stderr: %s", TIMEOUT_SECONDS,
                    Files.exists(err) ? Files.readString(err) : "").isTrue();
            assertThat(p.exitValue()).as("chromium exit status; stderr: %s", Files.readString(err)).isZero();
            return Files.readString(out);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void chromiumParsesTheReport() throws Exception {
        RunResult run = fixture();
        Path page = dir.resolve("report.html");
        HtmlReport.write(run, page);
        String dom = runChromium(page, "--dump-dom");
        assertThat(dom).contains("<main>", "callisto bench");
        assertThat(count(dom, "<svg ")).isEqualTo(3 + run.latencies().size());
        assertThat(count(dom, "<path class=\"series\"")).isEqualTo(3 + 1 + 5);
        assertThat(count(dom, "<path class=\"bars\"")).isEqualTo(run.latencies().size());
        assertThat(dom).contains("data-series=\"achieved\"", "data-series=\"offered\"", "data-series=\"p99.9\"")
                .doesNotContain("<script");
    }

    @Test
    void chromiumPaintsTheChartsAndTheirColours() throws Exception {
        Path page = dir.resolve("report.html");
        HtmlReport.write(fixture(), page);
        Path png = dir.resolve("report.png");
        runChromium(page, "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT);
        assertThat(png).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("a PNG that ImageIO decodes").isNotNull();
        assertThat(img.getWidth()).isEqualTo(WIDTH);
        assertThat(img.getHeight()).isEqualTo(HEIGHT);

        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    nonWhite++;
                }
            }
        }
        double inked = (double) nonWhite / ((long) WIDTH * HEIGHT);
        assertThat(colours.size()).as("distinct colours").isGreaterThan(100);
        assertThat(inked).as("share of non-white pixels").isBetween(0.02, 0.6);
        // the series are painted: their colours (Okabe-Ito) show up in quantity, in the chart areas (below the
        // tables, which use none of them) and spread over the plot width, not in one corner
        int chartsTop = HEIGHT / 4;
        for (int colour : new int[] {0x0072b2, 0xe69f00, 0x009e73, 0xd55e00, 0xcc79a7}) {
            int pixels = 0;
            int minX = WIDTH;
            int maxX = 0;
            for (int y = chartsTop; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    if (close(img.getRGB(x, y), colour)) {
                        pixels++;
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                    }
                }
            }
            assertThat(pixels).as("pixels of #%06x", colour).isGreaterThan(300);
            assertThat(maxX - minX).as("horizontal spread of #%06x", colour).isGreaterThan(WIDTH / 2);
        }
        // keep the screenshot for a human to look at
        Path kept = Path.of("target", "bench-report.png");
        Files.createDirectories(kept.getParent());
        Files.copy(png, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean close(int argb, int rgb) {
        int dr = Math.abs(((argb >> 16) & 0xff) - ((rgb >> 16) & 0xff));
        int dg = Math.abs(((argb >> 8) & 0xff) - ((rgb >> 8) & 0xff));
        int db = Math.abs((argb & 0xff) - (rgb & 0xff));
        return dr + dg + db <= 24;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}

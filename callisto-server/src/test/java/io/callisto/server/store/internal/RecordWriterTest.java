package io.callisto.server.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Strings in journal records: the in-place UTF-8 encoder gives exactly the bytes the JDK's encoder gives. */
class RecordWriterTest {

    private static final String[] SAMPLES = {
        "", "sip:alice@example.com", "caf\u00e9", "\u20ac100", "x\u07ffy\u0800z", "\ud83d\udcde call",
        "lone \ud83d high", "lone \udcde low", "end \ud83d", "\u0000\u007f\u0080", "mixed \u00e9\u20ac\ud83d\udcde!",
    };

    @Test
    void eachStringIsItsUtf8BytesBehindTheirLength() {
        for (String s : SAMPLES) {
            RecordWriter w = new RecordWriter();
            w.writeString(s);
            ByteBuffer out = w.pending();
            byte[] expected = s.getBytes(StandardCharsets.UTF_8);
            assertThat(out.getInt()).as("length of %s", s).isEqualTo(expected.length);
            byte[] actual = new byte[out.remaining()];
            out.get(actual);
            assertThat(actual).as("bytes of %s", s).isEqualTo(expected);
        }
    }

    @Test
    void stringsReadBackAsWrittenAfterOneAnother() throws IOException {
        RecordWriter w = new RecordWriter();
        for (String s : SAMPLES) {
            w.writeString(s);
        }
        w.writeString(null);
        RecordReader r = new RecordReader(w.pending());
        for (String s : SAMPLES) {
            assertThat(r.readString()).isEqualTo(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
        assertThat(r.readString()).isNull();
    }

    @Test
    void aStringLongerThanTheBufferGrowsIt() {
        String big = "\u20ac".repeat(40_000); // 120,000 bytes, more than the 64 KiB the writer starts with
        RecordWriter w = new RecordWriter();
        w.writeInt(7);
        w.writeString(big);
        ByteBuffer out = w.pending();
        assertThat(out.getInt()).isEqualTo(7);
        assertThat(out.getInt()).isEqualTo(120_000);
        byte[] actual = new byte[out.remaining()];
        out.get(actual);
        assertThat(actual).isEqualTo(big.getBytes(StandardCharsets.UTF_8));
    }
}

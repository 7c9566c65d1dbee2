package io.callisto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.exec.Scheduler;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** Event lines: their format, and holding them so that the lines of a few milliseconds share one write. */
class EventPrinterTest {

    private final StringWriter sink = new StringWriter();
    // buffered and auto-flushing, like picocli's writer over System.out: only a flush reaches the sink
    private final PrintWriter writer = new PrintWriter(new BufferedWriter(sink), true);
    private final EventPrinter printer = new EventPrinter(writer);

    /** A scheduler that keeps its tasks until the test runs them. */
    private static class Held implements Scheduler {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();

        @Override
        public long nowMillis() {
            return 0;
        }

        @Override
        public io.callisto.exec.Cancellable schedule(long delayMillis, Runnable task) {
            delays.add(delayMillis);
            tasks.add(task);
            return () -> { };
        }
    }

    private List<String> lines() {
        return sink.toString().lines().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }

    @Test
    void eachLineIsWrittenAtOnceUntilLinesAreHeld() {
        printer.event("incoming", "call", "1", "from", "Alice <sip:a@x>");
        assertThat(lines()).containsExactly("incoming call=1 from=\"Alice <sip:a@x>\"");
    }

    @Test
    void heldLinesShareOneWriteWhenTheScheduledTaskRuns() {
        Held loop = new Held();
        printer.holdLines(loop, 2);
        printer.event("incoming", "call", "1");
        printer.event("answered", "call", "1");
        assertThat(sink.toString()).isEmpty();
        assertThat(loop.delays).containsExactly(2L); // one task for both lines

        loop.tasks.remove(0).run();
        assertThat(lines()).containsExactly("incoming call=1", "answered call=1");

        printer.event("ended", "call", "1");
        assertThat(loop.tasks).hasSize(1); // the next line arms a new write
        printer.flush();
        assertThat(lines()).containsExactly("incoming call=1", "answered call=1", "ended call=1");
    }

    @Test
    void aStoppedLoopMeansTheLineIsWrittenAtOnce() {
        printer.holdLines(new Held() {
            @Override
            public io.callisto.exec.Cancellable schedule(long delayMillis, Runnable task) {
                throw new RejectedExecutionException("event loop terminated");
            }
        }, 2);
        printer.event("summary", "calls", "3");
        assertThat(lines()).containsExactly("summary calls=3");
        printer.event("summary", "calls", "4");
        assertThat(lines()).containsExactly("summary calls=3", "summary calls=4");
    }
}

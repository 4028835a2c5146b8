package dev.quarry.engine.progress;

import java.io.PrintStream;
import java.time.Duration;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on a console stream. When the stream is not an interactive terminal (a CI log, a
 * redirected file) each task prints one summary line when it ends instead of redrawing a bar.
 */
public final class ConsoleProgressReporter implements ProgressReporter {

    private final PrintStream out;
    private final boolean interactive;

    /**
     * Reports to a stream.
     *
     * @param out usually {@code System.err}, so that results on standard output stay clean
     * @param interactive whether to redraw bars in place (true on a terminal)
     */
    public ConsoleProgressReporter(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /**
     * Reports to standard error, drawing bars when the process has a terminal.
     *
     * @return the reporter
     */
    public static ConsoleProgressReporter stderr() {
        return new ConsoleProgressReporter(System.err, System.console() != null);
    }

    @Override
    public ProgressTask start(String description, long total, String unit) {
        if (!interactive) {
            return new LineTask(out, description, total, unit);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(description)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setMaxRenderedLength(110)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .showSpeed()
                .build();
        return new ProgressTask() {
            @Override
            public void step(long amount) {
                bar.stepBy(amount);
            }

            @Override
            public void message(String message) {
                bar.setExtraMessage(" " + message);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** A task that prints one line when it ends, for logs. */
    private static final class LineTask implements ProgressTask {
        private final PrintStream out;
        private final String description;
        private final String unit;
        private final long total;
        private final long startNanos = System.nanoTime();
        private long done;
        private String message = "";

        LineTask(PrintStream out, String description, long total, String unit) {
            this.out = out;
            this.description = description;
            this.total = total;
            this.unit = unit;
        }

        @Override
        public void step(long amount) {
            done += amount;
        }

        @Override
        public void message(String text) {
            message = text;
        }

        @Override
        public void close() {
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            String count = total >= 0 ? done + "/" + total : Long.toString(done);
            out.printf("%s: %s %s in %.1f s%s%n", description, count, unit, took.toMillis() / 1000.0,
                    message.isEmpty() ? "" : " (" + message + ")");
        }
    }
}

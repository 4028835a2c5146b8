package dev.quarry.cli;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.loop.CheckpointStore;
import dev.quarry.labeling.LabelFileReader;
import dev.quarry.labeling.LabelImport;
import dev.quarry.labeling.LabelServer;
import dev.quarry.labeling.LabelStatus;
import dev.quarry.labeling.LabelingSession;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code quarry label}: people's labels for a run that waits for them. */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = "People label a run's queries: import answers, see what is pending, or serve the labeling page.",
        subcommands = {LabelCommand.Import.class, LabelCommand.Status.class, LabelCommand.Serve.class,
            CommandLine.HelpCommand.class})
final class LabelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code quarry label import RUN_DIR FILE}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Record answers from a label file in a paused run (atomically; a refused file changes nothing).",
                "FILE: a CSV with item_id,label; or Label Studio's JSON export (full or JSON-MIN). Cancelled answers are "
                        + "skipped; several answers for one item are resolved by ground truth, then majority, then the "
                        + "most recent. Unknown items or classes and repeated CSV rows refuse the file, naming the rows. "
                        + "Items left unanswered stay pending.",
                "Then `quarry resume RUN_DIR` continues once every pending item is answered."})
    static final class Import implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory.")
        Path runDirectory;

        @Parameters(index = "1", paramLabel = "FILE", description = "The label file (.csv or .json).")
        Path file;

        @Option(names = "--from-name", paramLabel = "NAME",
                description = "The Choices control's name in a Label Studio export (default label).")
        String fromName = LabelFileReader.DEFAULT_FROM_NAME;

        @Override
        public Integer call() throws Exception {
            LabelImport.Report report = LabelImport.importFile(runDirectory, file, fromName);
            spec.commandLine().getOut().print(report.describe());
            LabelStatus status = LabelStatus.of(runDirectory);
            spec.commandLine().getOut().println(status.waiting() && status.answered() == status.pending()
                    ? "Every pending item is answered; continue with `quarry resume " + runDirectory + "`."
                    : status.describe());
            return QuarryCommand.OK;
        }
    }

    /** {@code quarry label serve RUN_DIR}. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Serve the labeling page for a run with the files oracle (and Label Studio's ML-backend protocol).",
                "The page shows the pending batch, the model's prediction and each item's score; answer with buttons or "
                        + "keys, skip, undo. Every answer is in the checkpoint before it is acknowledged. When the batch "
                        + "is complete the next round runs in the background and its batch appears.",
                "Label Studio: add the printed ML backend URL, with basic auth and the token as password."})
    static final class Serve implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        RuntimeOptionsMixin runtime;

        @Parameters(paramLabel = "RUN_DIR", description = "The run directory (started with --oracle files).")
        Path runDirectory;

        @Option(names = "--port", paramLabel = "P", description = "The port (default 8765; 0 = any free port).")
        int port = 8765;

        @Option(names = "--from-name", paramLabel = "NAME",
                description = "The Choices control's name in Label Studio's annotations (default label).")
        String fromName = LabelFileReader.DEFAULT_FROM_NAME;

        @Option(names = "--bind", paramLabel = "ADDR",
                description = "The address to listen on (default 127.0.0.1: this machine only). Another address lets "
                        + "others on the network reach the page; they still need the token.")
        String bind;

        @Override
        public Integer call() throws Exception {
            runtime.apply();
            InetAddress address;
            try {
                address = bind == null ? LabelServer.loopback() : InetAddress.getByName(bind);
            } catch (UnknownHostException e) {
                throw new InvalidInputException("--bind " + bind + " is not an address of this machine (" + e.getMessage()
                        + "); leave it out to serve this machine only.");
            }
            LabelServer server = LabelServer.start(LabelingSession.open(runDirectory), address, port, fromName);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    System.err.println("quarry: closing the server: " + e.getMessage());
                }
            }));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Labeling page: " + server.pageUrl());
            out.println("Label Studio ML backend URL: " + server.baseUrl() + " (basic auth: any user, password "
                    + server.token() + ")");
            out.println("Every answer is saved in " + runDirectory.resolve(CheckpointStore.STATE_FILE)
                    + " before it is acknowledged. Stop with Ctrl-C.");
            out.flush();
            new CountDownLatch(1).await(); // serve until the process is stopped
            return QuarryCommand.OK;
        }
    }

    /** {@code quarry label status RUN_DIR}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Say what a run has and what it waits for.")
    static final class Status implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "RUN_DIR", description = "The run directory.")
        Path runDirectory;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println(LabelStatus.of(runDirectory).describe());
            return QuarryCommand.OK;
        }
    }
}

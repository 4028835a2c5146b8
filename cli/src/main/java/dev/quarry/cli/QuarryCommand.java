package dev.quarry.cli;

import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.ModelFailureException;
import dev.quarry.engine.errors.Setting;

import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code quarry} command: entry point and error handling. */
@Command(name = "quarry",
        mixinStandardHelpOptions = true,
        versionProvider = QuarryCommand.Version.class,
        description = "Deep active learning on the JVM (DJL + PyTorch).",
        subcommands = {DemoCommand.class, RunCommand.class, CompareCommand.class, ResumeCommand.class, ScoreCommand.class,
                SelectCommand.class, StrategiesCommand.class, LabelCommand.class, RfiCommand.class, DoctorCommand.class, CommandLine.HelpCommand.class})
public final class QuarryCommand implements Runnable {

    /** Success. */
    public static final int OK = 0;
    /** Anything else went wrong. */
    public static final int FAILURE = 1;
    /** Bad usage or bad input. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    /**
     * The configured picocli command line, for embedding and tests.
     *
     * @return the command line
     */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new QuarryCommand());
        cli.setExecutionExceptionHandler(QuarryCommand::handle);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOverwrittenOptionsAllowed(true); // the last of a repeated flag wins, as in most CLIs
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The flag that sets each configuration setting an engine error may name (the items have none). */
    static final Map<Setting, String> FLAGS = Map.ofEntries(Map.entry(Setting.DATASET_PATH, "--data-dir"),
            Map.entry(Setting.DATASET_LABEL_COLUMN, "--label-column"), Map.entry(Setting.INITIAL_LABELED, "--initial"),
            Map.entry(Setting.BUDGET_PER_ROUND, "--budget"), Map.entry(Setting.ROUNDS, "--rounds"),
            Map.entry(Setting.STRATEGY, "--strategy"), Map.entry(Setting.STRATEGY_OPTIONS, "--option KEY=VALUE"),
            Map.entry(Setting.MODEL_KIND, "--learner"), Map.entry(Setting.RUN_DIRECTORY, "--out"),
            Map.entry(Setting.LAYOUT, "--layout"), Map.entry(Setting.PROBABILITIES, "--probs"),
            Map.entry(Setting.EMBEDDINGS, "--embeddings"), Map.entry(Setting.IMAGE_SIZE, "--image-size"),
            Map.entry(Setting.IMAGE_CLASSES, "--classes"), Map.entry(Setting.ORACLE, "--oracle"),
            Map.entry(Setting.POOL_SIZE, "--pool-size"),
            Map.entry(Setting.IMBALANCE, "--imbalance"));

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (isBadInput(e)) {
            err.println("quarry: error: " + describe(e));
            return BAD_INPUT;
        }
        err.println("quarry: failed: " + describe(e));
        if (!(e instanceof ModelFailureException)) {
            e.printStackTrace(err); // an unexpected failure: the trace is for a bug report
        }
        return FAILURE;
    }

    static boolean isBadInput(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof DataFormatException
                || e instanceof NoSuchFileException || e instanceof CommandLine.ParameterException;
    }

    private static String describe(Throwable e) {
        if (e instanceof FileSystemException fs) {
            String reason = fs.getReason() == null ? e.getClass().getSimpleName() : fs.getReason();
            return fs.getFile() + ": " + reason;
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e instanceof InvalidInputException invalid) {
            String flag = invalid.setting().map(FLAGS::get).orElse(null);
            return flag == null ? message : message + " (set with " + flag + ")";
        }
        return message;
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = QuarryCommand.class.getPackage().getImplementationVersion();
            return new String[] {"quarry " + (v == null ? "(development build)" : v)};
        }
    }
}

package dev.quarry.bench.report;

/**
 * The README's benchmark section: the text between {@value #BEGIN} and {@value #END}, which {@link
 * RenderReport} writes and a test compares with a fresh rendering.
 */
public final class ReadmeBlock {

    /** Opens the section. */
    public static final String BEGIN = "<!-- bench:begin -->";
    /** Closes the section. */
    public static final String END = "<!-- bench:end -->";

    private ReadmeBlock() {}

    /**
     * The section's text.
     *
     * @param readme the README
     * @return what lies between the markers, without them
     * @throws IllegalArgumentException if the markers are missing or out of order
     */
    public static String extract(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("The README has no " + BEGIN + " ... " + END + " section.");
        }
        return readme.substring(begin + BEGIN.length(), end);
    }

    /**
     * The README with its section replaced.
     *
     * @param readme the README
     * @param block the new section text
     * @return the new README
     */
    public static String replace(String readme, String block) {
        extract(readme);
        return readme.substring(0, readme.indexOf(BEGIN) + BEGIN.length()) + "\n" + block.strip() + "\n"
                + readme.substring(readme.indexOf(END));
    }
}

package dev.quarry.bench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A time measured outside the JVM (a Python tool on the same kind of machine), kept in {@code
 * docs/bench/references.json} so that the report can set Quarry's figure beside it.
 *
 * @param suite the suite whose rows it matches
 * @param params the row it matches (every listed parameter must be equal)
 * @param seconds the tool's time per call
 * @param tool what was timed
 */
public record ExternalReference(String suite, Map<String, String> params, double seconds, String tool) {

    /**
     * Checks the reference.
     *
     * @param suite the suite
     * @param params the row, at least one parameter
     * @param seconds a positive time
     * @param tool what was timed
     * @throws IllegalArgumentException naming what is missing
     */
    public ExternalReference {
        if (suite == null || params == null || params.isEmpty() || !(seconds > 0) || tool == null) {
            throw new IllegalArgumentException("A reference needs a suite, the parameters of its row, a positive time "
                    + "and the tool; got suite " + suite + ", params " + params + ", seconds " + seconds + ".");
        }
    }

    /**
     * The references file.
     *
     * @param source where and how the references were measured
     * @param references the references
     */
    public record File(String source, List<ExternalReference> references) {}

    /**
     * Reads a references file.
     *
     * @param json the file
     * @return its contents
     * @throws IOException if it cannot be read
     */
    public static File read(Path json) throws IOException {
        return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json.toFile(),
                File.class);
    }

    /**
     * Whether this reference is for a row.
     *
     * @param rowSuite the row's suite
     * @param rowParams the row's parameters
     * @return true when the suite and every listed parameter match
     */
    public boolean matches(String rowSuite, Map<String, String> rowParams) {
        return suite.equals(rowSuite) && params.entrySet().stream().allMatch(e -> e.getValue().equals(rowParams.get(e.getKey())));
    }
}

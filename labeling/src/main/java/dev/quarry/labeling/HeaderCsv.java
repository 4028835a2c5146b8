package dev.quarry.labeling;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import dev.quarry.engine.data.DataFormatException;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A CSV file with a header, as the label files and image manifests are: one map per row with its
 * physical line number, values trimmed, empty lines skipped. Jackson's own parse errors (quotes,
 * column counts, bad UTF-8) become a {@link DataFormatException} naming the file.
 */
final class HeaderCsv {

    private HeaderCsv() {}

    /**
     * One row.
     *
     * @param line its line in the file
     * @param values its values by column name (a missing trailing value is absent)
     */
    record Row(int line, Map<String, String> values) {}

    /**
     * Reads the rows.
     *
     * @param file the file
     * @param required the columns the header must have
     * @param what what the file should be, for messages (e.g. "a CSV with item_id and label")
     * @return the rows, in file order
     * @throws DataFormatException if it is not such a CSV or a required column is missing
     * @throws IOException if it cannot be read
     */
    static List<Row> read(Path file, List<String> required, String what) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            boolean more = it.hasNextValue(); // reads the header
            CsvSchema header = (CsvSchema) it.getParserSchema();
            if (header == null || required.stream().anyMatch(c -> header.column(c) == null)) {
                throw new DataFormatException(file, "the header needs the column" + (required.size() > 1 ? "s " : " ")
                        + String.join(" and ", required) + "; it has " + (header == null ? "none" : header.getColumnDesc())
                        + ".");
            }
            while (more) {
                int line = it.getCurrentLocation().getLineNr();
                rows.add(new Row(line, it.nextValue()));
                more = it.hasNextValue();
            }
        } catch (JacksonException | CharConversionException | RuntimeException e) {
            throw new DataFormatException(file.toString(), "is not " + what + ": " + e.getMessage(), e);
        }
        return rows;
    }
}

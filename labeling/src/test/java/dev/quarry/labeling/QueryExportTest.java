package dev.quarry.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class QueryExportTest {

    private static final List<String> CLASSES = List.of("wifi", "bluetooth", "radar");
    private static final List<QueryExport.Item> ITEMS = List.of(
            new QueryExport.Item(41, "/data/local-files/?d=a.png", "/pool/a.png", 0.93, 1, "wifi", 0.41),
            new QueryExport.Item(7, "/data/local-files/?d=b.png", "/pool/b.png", 0.88, 2, "radar", 0.52));

    @TempDir
    Path dir;

    @Test
    void givenAQuery_whenWrittenAsTasksAndLabeledInLabelStudio_thenTheExportReadsBackToTheSameItems() throws Exception {
        Path tasks = dir.resolve("round-1/tasks.json");
        QueryExport.writeTasks(tasks, ITEMS, "margin", 1);
        ObjectMapper json = new ObjectMapper();
        JsonNode written = json.readTree(tasks.toFile());

        JsonNode first = written.get(0);
        assertEquals(41, first.at("/data/item_id").asLong());
        assertEquals(0.93, first.at("/data/al_uncertainty").asDouble());
        assertEquals(1, first.at("/data/al_round").asInt());
        assertEquals(1, first.at("/data/al_rank").asInt());
        assertEquals("margin", first.at("/data/al_strategy").asText());
        assertEquals("quarry-r1", first.at("/predictions/0/model_version").asText());
        assertEquals(0.41, first.at("/predictions/0/score").asDouble());
        assertEquals("wifi", first.at("/predictions/0/result/0/value/choices/0").asText());
        assertEquals("label", first.at("/predictions/0/result/0/from_name").asText());
        assertEquals("image", first.at("/predictions/0/result/0/to_name").asText());

        // Label Studio keeps data as imported and adds annotations with results shaped like the prediction's.
        ArrayNode export = (ArrayNode) written.deepCopy();
        String[] answers = {"bluetooth", "radar"};
        for (int t = 0; t < export.size(); t++) {
            ObjectNode task = (ObjectNode) export.get(t);
            task.put("id", 900 + t);
            ObjectNode annotation = task.putArray("annotations").addObject();
            annotation.put("was_cancelled", false);
            annotation.put("completed_by", 1);
            annotation.put("updated_at", "2024-05-01T11:00:00Z");
            annotation.set("result", task.at("/predictions/0/result").deepCopy());
            ((ObjectNode) annotation.at("/result/0/value")).putArray("choices").add(answers[t]);
        }
        Path exported = dir.resolve("export.json");
        json.writeValue(exported.toFile(), export);
        LabelVotes.Outcome outcome = LabelVotes.resolve(exported.toString(), LabelFileReader.read(exported, "label"),
                Set.of("41", "7"), CLASSES, false, 0);
        assertEquals(Map.of("41", 1, "7", 2), outcome.labels());
    }

    @Test
    void givenClassNamesWithMarkup_whenTheConfigIsWritten_thenItIsWellFormedAndKeepsTheNames() throws Exception {
        List<String> classes = List.of("wifi", "a \"b\" <c> & 'd'");
        String xml = QueryExport.labelingConfig(classes);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList choices = doc.getElementsByTagName("Choice");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < choices.getLength(); i++) {
            values.add(choices.item(i).getAttributes().getNamedItem("value").getNodeValue());
        }
        assertEquals(classes, values);
        assertEquals("label", doc.getElementsByTagName("Choices").item(0).getAttributes().getNamedItem("name").getNodeValue());
        assertThrows(IllegalArgumentException.class, () -> QueryExport.labelingConfig(List.of()));
    }

    @Test
    void givenFilesBelowAndOutsideTheDocumentRoot_whenMadeLocalFilesUrls_thenSegmentsAreEncodedOrRefused() {
        Path root = dir.resolve("data");
        assertEquals("/data/local-files/?d=al/round%203/img%20%231.png",
                QueryExport.localFilesUrl(root, root.resolve("al/round 3/img #1.png")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QueryExport.localFilesUrl(root, root.resolve("../secret.png")));
        assertTrue(e.getMessage().contains("not below the Label Studio document root"), e.getMessage());
    }

    @Test
    void givenAQuery_whenWrittenAsCsv_thenEachRowHoldsTheItemInRankOrder() throws Exception {
        Path csv = dir.resolve("query.csv");
        QueryExport.writeCsv(csv, ITEMS);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("item_id,path,score,predicted,probability,rank", lines.get(0));
        assertEquals("41,/pool/a.png,0.93,wifi,0.41,1", lines.get(1));
        assertEquals("7,/pool/b.png,0.88,radar,0.52,2", lines.get(2));
        QueryExport.writeCsv(csv, List.of(new QueryExport.Item(3, "i", "/pool/a,\"b\".png", 0.5, 1, "wifi", 0.5)));
        assertEquals("3,\"/pool/a,\"\"b\"\".png\",0.5,wifi,0.5,1", Files.readAllLines(csv).get(1));
        assertThrows(IllegalArgumentException.class,
                () -> new QueryExport.Item(1, "i", "p", Double.NaN, 1, "wifi", 0.5));
    }
}

package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quarry run --dataset images --oracle files}, then {@code label status}, {@code label import} and {@code resume}. */
class ImagesRunTest {

    @TempDir
    Path dir;

    private static void image(Path file, Random random, int tint) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.setRGB(x, y, (random.nextInt(256) << 16) | (tint << 8) | random.nextInt(256));
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    @Test
    void givenAFolderOfImages_whenRunWithPeopleAsTheOracle_thenItAsksImportsAndContinues() throws IOException {
        Random random = new Random(4);
        Path images = dir.resolve("photos");
        for (int i = 0; i < 3; i++) {
            image(images.resolve("cat/c" + i + ".png"), random, 10);
            image(images.resolve("dog/d" + i + ".png"), random, 200);
        }
        for (int i = 0; i < 40; i++) {
            image(images.resolve("unlabeled/u" + i + ".png"), random, i % 2 == 0 ? 10 : 200);
        }
        Files.writeString(images.resolve("unlabeled/broken.png"), "this is not a PNG");
        Path run = dir.resolve("run");
        String[] args = {"run", "--dataset", "images", "--data-dir", images.toString(), "--oracle", "files", "--initial", "10",
            "--budget", "5", "--rounds", "2", "--epochs", "1", "--device", "cpu", "--out", run.toString()};

        CliTest.Outcome refused = CliTest.quarry(args);
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("broken.png") && refused.err().contains("--skip-bad"), refused.err());

        List<String> skipping = new ArrayList<>(List.of(args));
        skipping.add("--skip-bad");
        CliTest.Outcome paused = CliTest.quarry(skipping.toArray(String[]::new));
        assertEquals(0, paused.code(), paused.err());
        assertTrue(paused.out().contains("Waiting for 4 labels for round 1"), "6 given labels + 4 asked: " + paused.out());
        Path query = run.resolve("queries/round-1/query.csv");
        List<String> rows = Files.readAllLines(query);
        assertEquals(5, rows.size());
        assertTrue(rows.get(1).contains(images.resolve("unlabeled").toString()), rows.get(1));
        assertTrue(Files.readString(run.resolve("queries/round-1/tasks.json")).contains("/data/local-files/?d=unlabeled/u"));

        CliTest.Outcome status = CliTest.quarry("label", "status", run.toString());
        assertTrue(status.out().contains("6 items labeled") && status.out().contains("0 of 4 items answered"), status.out());

        StringBuilder answers = new StringBuilder("item_id,label\n");
        for (String row : rows.subList(1, rows.size())) {
            answers.append(row.substring(0, row.indexOf(','))).append(row.contains("/u1") ? ",dog\n" : ",cat\n");
        }
        Path labels = Files.writeString(dir.resolve("answers.csv"), answers);
        CliTest.Outcome imported = CliTest.quarry("label", "import", run.toString(), labels.toString());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("Every pending item is answered"), imported.out());

        CliTest.Outcome resumed = CliTest.quarry("resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("Waiting for 5 labels for round 2"), resumed.out());
        assertTrue(Files.readString(run.resolve("queries/round-2/query.csv")).lines().skip(1)
                .allMatch(line -> line.matches("\\d+,\".*\\.png\",-?[0-9.E-]+,(cat|dog),[0-9.E-]+,\\d")), "scores and "
                + "predictions in the second query");
    }
}

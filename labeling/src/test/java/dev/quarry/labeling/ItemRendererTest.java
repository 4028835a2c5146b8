package dev.quarry.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.HostArray;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class ItemRendererTest {

    private static BufferedImage render(ArrayDataset items, long id) throws IOException {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            return ImageIO.read(new ByteArrayInputStream(ItemRenderer.png(items, id, manager)));
        }
    }

    @Test
    void givenAnRfFootprint_whenRendered_thenEachPolarisationIsAHeatMapOfSubBandsByPackets() throws IOException {
        float[] values = new float[2 * 2 * 16 * 8];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 + i % 256; // item 1 = item 0
        }
        values[256] = 5000; // item 1, V polarisation, sub-band 0, packet 0: a strong RFI cell
        ArrayDataset footprints = ArrayDataset.of("rf", HostArray.ofFloats(values, 2, 2, 16, 8), null, List.of("clean", "rfi"));
        BufferedImage image = render(footprints, 1);
        int cell = 16;
        assertEquals(2 * 8 * cell + cell, image.getWidth(), "two channels of 8 packets, a gap between");
        assertEquals(16 * cell, image.getHeight(), "16 sub-bands, the lowest at the bottom");
        int hot = image.getRGB(cell / 2, image.getHeight() - cell / 2) & 0xffffff;
        int cold = image.getRGB(cell / 2 + cell, image.getHeight() - cell / 2) & 0xffffff;
        assertEquals(0xff, hot >> 16, "the strongest cell is at the top of the ramp");
        assertNotEquals(hot, cold);
        assertEquals(0xffffff, image.getRGB(8 * cell + cell / 2, 10) & 0xffffff, "the gap between channels is white");
    }

    @Test
    void givenAGrayImageItem_whenRendered_thenItIsEnlargedAndScaledToItsRange() throws IOException {
        float[] values = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110};
        ArrayDataset images = ArrayDataset.of("tiny", HostArray.ofFloats(values, 1, 4, 3), null, List.of("a", "b"));
        BufferedImage image = render(images, 0);
        int scale = ItemRenderer.MIN_SIDE / 3;
        assertEquals(3 * scale, image.getWidth());
        assertEquals(4 * scale, image.getHeight());
        assertEquals(0, image.getRGB(0, 0) & 0xff, "the lowest value is black");
        assertEquals(255, image.getRGB(image.getWidth() - 1, image.getHeight() - 1) & 0xff, "the highest is white");
    }
}

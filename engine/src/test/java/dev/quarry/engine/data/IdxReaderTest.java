package dev.quarry.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.testing.IdxFiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    private static final byte[] PIXELS = {0, 1, 2, (byte) 255, 4, 5, 6, 7, 8, 9, 10, 11};

    @Test
    void givenRawAndGzippedFiles_whenRead_thenShapeTypeAndValuesMatch() throws IOException {
        byte[] raw = IdxFiles.ubyte(PIXELS, 2, 2, 3);
        for (byte[] bytes : new byte[][] {raw, IdxFiles.gzip(raw)}) {
            Path f = dir.resolve("images-" + bytes.length);
            Files.write(f, bytes);
            HostArray a = IdxReader.read(f);
            assertEquals(ElementType.UINT8, a.type());
            assertArrayEquals(new long[] {2, 2, 3}, a.shape());
            assertArrayEquals(new float[] {0, 1, 2, 255, 4, 5, 6, 7, 8, 9, 10, 11}, a.toFloatArray());
        }
    }

    @Test
    void givenBigEndianFloats_whenRead_thenConvertedToLittleEndian() throws IOException {
        HostArray a = IdxReader.read(new ByteArrayInputStream(IdxFiles.float32(new float[] {1.5f, -2.25f, 1e-3f}, 3)), "f");
        assertEquals(ElementType.FLOAT32, a.type());
        assertArrayEquals(new float[] {1.5f, -2.25f, 1e-3f}, a.toFloatArray());
    }

    @Test
    void givenTheEmbeddedFashionMnist_whenRead_thenTenThousandImagesAndBalancedLabels() throws IOException {
        try (var images = getClass().getResourceAsStream("/dev/quarry/engine/data/fashion-mnist/t10k-images-idx3-ubyte.gz");
                var labels = getClass().getResourceAsStream("/dev/quarry/engine/data/fashion-mnist/t10k-labels-idx1-ubyte.gz")) {
            assertArrayEquals(new long[] {10000, 28, 28}, IdxReader.read(images, "images").shape());
            int[] counts = new int[10];
            for (int l : IdxReader.read(labels, "labels").toIntArray()) {
                counts[l]++;
            }
            int[] expected = new int[10];
            Arrays.fill(expected, 1000);
            assertArrayEquals(expected, counts);
        }
    }

    @Test
    void givenATruncatedFile_whenRead_thenTheMessageSaysHowMuchIsMissing() {
        byte[] raw = IdxFiles.ubyte(PIXELS, 2, 2, 3);
        byte[] cut = Arrays.copyOf(raw, raw.length - 5);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.read(new ByteArrayInputStream(cut), "cut.idx"));
        assertEquals("cut.idx: truncated: the header declares UINT8 [2, 2, 3] (12 data bytes) but only 7 follow it",
                e.getMessage());
    }

    @Test
    void givenExtraBytes_whenRead_thenCorrupt() {
        byte[] raw = IdxFiles.ubyte(PIXELS, 2, 2, 3);
        byte[] longer = Arrays.copyOf(raw, raw.length + 3);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.read(new ByteArrayInputStream(longer), "x"));
        assertTrue(e.getMessage().contains("3 bytes follow the 12 data bytes"), e.getMessage());
    }

    @Test
    void givenABadMagicNumber_whenRead_thenTheMessageShowsIt() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0};
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.read(new ByteArrayInputStream(png), "photo.png"));
        assertEquals("photo.png: bad magic number 0x89504e47; an IDX file starts with two zero bytes", e.getMessage());
    }

    @Test
    void givenAnUnknownTypeCodeOrRank_whenRead_thenRejected() {
        byte[] badType = {0, 0, 0x07, 1, 0, 0, 0, 0};
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.read(new ByteArrayInputStream(badType), "t"))
                .getMessage().contains("unknown IDX type code 0x07"));
        byte[] badRank = {0, 0, 0x08, 0};
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.read(new ByteArrayInputStream(badRank), "r"))
                .getMessage().contains("declares 0 dimensions"));
        byte[] shortHeader = {0, 0, 0x08, 3, 0, 0, 0, 2};
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.read(new ByteArrayInputStream(shortHeader), "h"))
                .getMessage().contains("truncated inside its header"));
    }

    @Test
    void givenACorruptOrTruncatedGzip_whenRead_thenTheMessageSaysGzip() {
        byte[] gz = IdxFiles.gzip(IdxFiles.ubyte(PIXELS, 2, 2, 3));
        byte[] truncated = Arrays.copyOf(gz, gz.length - 10);
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.read(new ByteArrayInputStream(truncated), "a.gz"))
                .getMessage().contains("gzip stream is truncated"));
        byte[] corrupt = gz.clone();
        for (int i = 12; i < corrupt.length - 8; i++) {
            corrupt[i] ^= 0x5a;
        }
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.read(new ByteArrayInputStream(corrupt), "b.gz"))
                .getMessage().startsWith("b.gz: the gzip stream"));
    }

    @Test
    void givenAMissingFile_whenRead_thenNoSuchFile() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxReader.read(dir.resolve("absent")));
        assertEquals("IDX file not found", e.getReason());
    }
}

package dev.quarry.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures under src/test/resources/npy were written by NumPy (make_fixtures.py beside them). */
class NpyReaderWriterTest {

    @TempDir
    Path dir;

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = NpyReaderWriterTest.class.getResourceAsStream("/npy/" + name)) {
            return in.readAllBytes();
        }
    }

    private static HostArray read(String name) throws IOException {
        return NpyReader.parse(fixture(name), name);
    }

    @Test
    void givenNumpyFilesOfEachType_whenRead_thenShapesAndValuesMatchNumpy() throws IOException {
        HostArray f4 = read("f4_2x3.npy");
        assertEquals(ElementType.FLOAT32, f4.type());
        assertArrayEquals(new long[] {2, 3}, f4.shape());
        assertArrayEquals(new float[] {0.5f, -1.25f, 3.0f, 1e-3f, 2.5e6f, -0.0f}, f4.toFloatArray());

        HostArray f8 = read("f8_4.npy");
        assertEquals(ElementType.FLOAT64, f8.type());
        assertEquals(1.0 / 3.0, f8.data().getDouble(0));
        assertEquals(1e-300, f8.data().getDouble(16));

        assertArrayEquals(new int[] {-7, 0, Integer.MAX_VALUE}, read("i4_3.npy").toIntArray());
        assertArrayEquals(new long[] {-(1L << 40), (1L << 53) + 1}, read("i8_2.npy").toLongArray());

        HostArray u1 = read("u1_2x2x2.npy");
        assertArrayEquals(new long[] {2, 2, 2}, u1.shape());
        assertArrayEquals(new int[] {0, 30, 60, 90, 120, 150, 180, 210}, u1.toIntArray());

        HostArray scalar = read("scalar_f4.npy");
        assertEquals(0, scalar.rank());
        assertArrayEquals(new float[] {4.5f}, scalar.toFloatArray());

        assertArrayEquals(new float[] {1, 2, 3}, read("v2_f4_3.npy").toFloatArray());
    }

    @Test
    void givenAnArray_whenWritten_thenTheBytesEqualWhatNumpyWrites() throws IOException {
        HostArray a = HostArray.ofFloats(new float[] {0.5f, -1.25f, 3.0f, 1e-3f, 2.5e6f, -0.0f}, 2, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyWriter.write(a, out);
        assertArrayEquals(fixture("f4_2x3.npy"), out.toByteArray());

        ByteArrayOutputStream u1 = new ByteArrayOutputStream();
        NpyWriter.write(HostArray.ofUnsignedBytes(new byte[] {0, 30, 60, 90, 120, (byte) 150, (byte) 180, (byte) 210},
                2, 2, 2), u1);
        assertArrayEquals(fixture("u1_2x2x2.npy"), u1.toByteArray());
    }

    @Test
    void givenEveryType_whenWrittenToAFileAndReadBack_thenIdentical() throws IOException {
        HostArray[] arrays = {
            HostArray.ofFloats(new float[] {1, Float.MIN_VALUE, Float.MAX_VALUE}, 3),
            HostArray.ofDoubles(new double[] {Math.PI, -0.0, 1e308, 4}, 2, 2),
            HostArray.ofInts(new int[] {Integer.MIN_VALUE, 5}, 2, 1),
            HostArray.ofLongs(new long[] {Long.MAX_VALUE}, 1),
            HostArray.ofUnsignedBytes(new byte[0], 0, 28, 28),
        };
        for (HostArray a : arrays) {
            Path f = dir.resolve(a.type() + ".npy");
            NpyWriter.write(f, a);
            HostArray back = NpyReader.read(f);
            assertEquals(a.type(), back.type());
            assertArrayEquals(a.shape(), back.shape());
            assertEquals(a.data(), back.data());
            assertEquals(0, (Files.size(f) - a.elementCount() * a.type().bytes()) % 64, "header padded to 64 bytes");
        }
    }

    @Test
    void givenFortranOrBigEndianOrHalfFloat_whenRead_thenTheMessageSaysHowToConvert() {
        assertTrue(assertThrows(DataFormatException.class, () -> read("fortran_f4_2x2.npy")).getMessage()
                .contains("is in Fortran order; save a C-ordered array"));
        assertTrue(assertThrows(DataFormatException.class, () -> read("bigendian_f4_2.npy")).getMessage()
                .contains("is big-endian ('>f4')"));
        assertTrue(assertThrows(DataFormatException.class, () -> read("f2_2.npy")).getMessage()
                .contains("has dtype '<f2'; supported are uint8, int8, int32, int64, float32 and float64"));
    }

    @Test
    void givenATruncatedOrPaddedFile_whenRead_thenTheByteCountsAreNamed() throws IOException {
        byte[] good = fixture("f4_2x3.npy");
        DataFormatException cut = assertThrows(DataFormatException.class,
                () -> NpyReader.parse(Arrays.copyOf(good, good.length - 4), "cut.npy"));
        assertEquals("cut.npy: truncated: the header declares <f4 [2, 3] (24 data bytes) but only 20 follow it",
                cut.getMessage());
        DataFormatException extra = assertThrows(DataFormatException.class,
                () -> NpyReader.parse(Arrays.copyOf(good, good.length + 8), "pad.npy"));
        assertTrue(extra.getMessage().contains("8 bytes follow the 24 data bytes"), extra.getMessage());
    }

    @Test
    void givenNotAnNpyFile_whenRead_thenTheMessageSaysWhatItExpects() throws IOException {
        Path f = dir.resolve("text.npy");
        Files.writeString(f, "hello, this is not numpy");
        assertTrue(assertThrows(DataFormatException.class, () -> NpyReader.read(f)).getMessage()
                .endsWith("not a NumPy .npy file (it does not start with \\x93NUMPY); save arrays with numpy.save"));
        byte[] badVersion = fixture("f4_2x3.npy");
        badVersion[6] = 9;
        assertTrue(assertThrows(DataFormatException.class, () -> NpyReader.parse(badVersion, "v")).getMessage()
                .contains("unsupported .npy format version 9.0"));
        byte[] noShape = new String(fixture("f4_2x3.npy"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("'shape'", "'shapf'").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(assertThrows(DataFormatException.class, () -> NpyReader.parse(noShape, "s")).getMessage()
                .contains("the header has no valid 'shape' entry"));
        assertThrows(NoSuchFileException.class, () -> NpyReader.read(dir.resolve("absent.npy")));
    }
}

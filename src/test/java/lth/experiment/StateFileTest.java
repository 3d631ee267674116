package lth.experiment;

import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import lth.model.PrunableParam;
import lth.prune.LayerMask;
import lth.prune.Mask;
import lth.train.Trainer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The compact state file ("LTH3"): masks as bits, weights kept once, zeros as bits; exact round trips; "LTH2" still read. */
class StateFileTest {
    static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) b[i] = Float.floatToRawIntBits(a[i]);
        return b;
    }

    static void assertSameState(TrunkState got, TrunkState want) {
        assertThat(got.keep().keySet()).containsExactlyElementsOf(want.keep().keySet());
        for (String k : want.keep().keySet()) {
            assertThat(bits(got.keep().get(k))).as("mask of %s", k).isEqualTo(bits(want.keep().get(k)));
            assertThat(bits(got.weights().get(k))).as("weights of %s", k).isEqualTo(bits(want.weights().get(k)));
        }
        assertThat(bits(got.params())).as("parameters").isEqualTo(bits(want.params()));
    }

    static TrunkState roundTrip(TrunkState s, Path dir) throws IOException {
        Path f = dir.resolve("state-" + System.nanoTime() + ".bin");
        Files.write(f, StateFile.bytes(s));
        return StateFile.read(f);
    }

    @ParameterizedTest(name = "{0} weights")
    @ValueSource(ints = {0, 1, 63, 64, 65, 1000, 4097})
    @DisplayName("a mask is one bit per weight and reads back exactly")
    void masksAsBits(int n) throws IOException {
        SplittableRandom r = new SplittableRandom(n);
        for (double density : new double[]{0, 0.01, 0.5, 1}) {
            float[] keep = new float[n];
            for (int i = 0; i < n; i++) keep[i] = r.nextDouble() < density ? 1f : 0f;
            var bytes = new ByteArrayOutputStream();
            StoredFloats.writeMask(new DataOutputStream(bytes), "0_W", keep);
            assertThat(bytes.size()).isEqualTo(4 + 8 * ((n + 63) / 64));
            ByteBuffer in = ByteBuffer.wrap(bytes.toByteArray());
            assertThat(bits(StoredFloats.readMask(in, bytes.size()))).isEqualTo(bits(keep));
            assertThat(in.remaining()).isZero();
        }
    }

    @Test
    @DisplayName("a mask value other than 0 or 1 (-0.0 included) is an error, not rounded")
    void maskValuesAreZeroOrOne() {
        for (float bad : new float[]{0.5f, -0f, 2f, Float.NaN})
            assertThatThrownBy(() -> StoredFloats.writeMask(new DataOutputStream(new ByteArrayOutputStream()), "3_W", new float[]{1, bad}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mask of 3_W holds");
    }

    @Test
    @DisplayName("floats read back bit for bit, -0.0, NaN payloads, infinities and subnormals included, written plain or with zeros as bits")
    void floatsExactly() throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        float[] special = {0f, -0f, Float.intBitsToFloat(0x7fc00123), Float.intBitsToFloat(0xffc00001), Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, 1e-40f};
        for (double zeros : new double[]{0, 0.5, 0.99, 1}) {
            for (int n : new int[]{0, 1, 10, 64, 1001, 100_000}) {
                float[] a = new float[n];
                for (int i = 0; i < n; i++)
                    a[i] = r.nextDouble() < zeros ? (r.nextBoolean() ? 0f : -0f)
                            : r.nextInt(20) == 0 ? special[r.nextInt(special.length)] : (float) r.nextGaussian();
                var bytes = new ByteArrayOutputStream();
                StoredFloats.writeFloats(new DataOutputStream(bytes), a);
                ByteBuffer in = ByteBuffer.wrap(bytes.toByteArray());
                assertThat(bits(StoredFloats.readFloats(in, bytes.size()))).as("%d floats, %s zeros", n, zeros).isEqualTo(bits(a));
                assertThat(in.remaining()).isZero();
                assertThat(bytes.size()).as("never larger than plain").isLessThanOrEqualTo(5 + 4 * n);
                if (n >= 1000 && zeros >= 0.99) assertThat(bytes.size()).as("mostly zeros: about 2 bits each").isLessThan(n / 2);
            }
        }
    }

    @Test
    @DisplayName("a tensor slice gathers the weights as ND4J lays them out, in C order, for 'c' and 'f' tensors")
    void sliceGathersLikeNd4j() {
        SplittableRandom r = new SplittableRandom(3);
        float[] params = new float[1000];
        for (int i = 0; i < params.length; i++) params[i] = (float) r.nextGaussian();
        for (long[] shape : List.of(new long[]{7}, new long[]{3, 5}, new long[]{1, 9}, new long[]{2, 3, 4, 5}, new long[]{4, 1, 3, 3}))
            for (char order : new char[]{'c', 'f'}) {
                int n = (int) Arrays.stream(shape).reduce(1, (x, y) -> x * y);
                float[] nd4j = Nd4j.create(Arrays.copyOfRange(params, 11, 11 + n), shape, order).dup('c').data().asFloat();
                assertThat(bits(new TensorSlice(11, shape, order).gather(params))).as("%s %s", Arrays.toString(shape), order)
                        .isEqualTo(bits(nd4j));
            }
        assertThatThrownBy(() -> new TensorSlice(995, new long[]{2, 3}, 'c').gather(params))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends past the 1000 parameters");
    }

    /** A network with a random mask installed (pruned weights ±0, as training leaves them) and its trunk state. */
    static TrunkState maskedState(String model, double width, long seed) {
        Network net = Architectures.build(new ModelSpec(model, width), Optimizer.sgd(0.1), seed, 1, 28, 28, 10);
        SplittableRandom r = new SplittableRandom(seed);
        List<LayerMask> layers = new ArrayList<>();
        for (PrunableParam p : net.prunable()) {
            float[] keep = new float[(int) p.size()];
            for (int i = 0; i < keep.length; i++) keep[i] = r.nextDouble() < 0.2 ? 1f : 0f;
            layers.add(new LayerMask(p, keep));
        }
        Mask mask = new Mask(layers);
        Trainer.installMasks(net, mask);
        return RunMasks.stateOf(mask, net, net.net().params());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lenet-300-100", "conv-2", "vgg-11", "resnet-20"})
    @DisplayName("a network's state: every weight tensor kept as its place in the parameters, and everything reads back exactly")
    void networkStates(String model, @TempDir Path dir) throws IOException {
        TrunkState s = maskedState(model, model.equals("lenet-300-100") ? 1.0 : 0.125, 5);
        assertThat(s.slices().keySet()).as("a slice for every weight tensor").containsExactlyElementsOf(s.keep().keySet());
        for (String k : s.keep().keySet())
            assertThat(bits(s.slices().get(k).gather(s.params()))).as("%s gathered from the parameters", k).isEqualTo(bits(s.weights().get(k)));
        assertSameState(roundTrip(s, dir), s);
        long n = s.params().length, weights = s.keep().values().stream().mapToLong(k -> k.length).sum();
        long nonzero = 0;
        for (float f : s.params()) if (f != 0f) nonzero++;
        assertThat((long) StateFile.bytes(s).length).as("masks as bits, weights not twice, zeros as bits")
                .isLessThan(weights / 8 + n / 4 + 4 * nonzero + 64L * s.keep().size() + 1024);
        assertThat((long) LegacyStateFile.bytes(s).length).isGreaterThan(4 * (n + 2 * weights));
    }

    @Test
    @DisplayName("a slice that does not give the weights bit for bit is not trusted: the weights are written themselves")
    void mismatchedSliceIsNotTrusted(@TempDir Path dir) throws IOException {
        Map<String, float[]> keep = new LinkedHashMap<>(), w = new LinkedHashMap<>();
        keep.put("0_W", new float[]{1, 1, 0});
        w.put("0_W", new float[]{0.5f, 0.25f, -0f});
        float[] params = {9f, 0.5f, 0.25f, 0f, 7f};       // +0.0 where the weight is -0.0
        TrunkState s = new TrunkState(keep, w, params, Map.of("0_W", new TensorSlice(1, new long[]{3}, 'c')));
        TrunkState back = roundTrip(s, dir);
        assertSameState(back, s);
        assertThat(back.slices()).isEmpty();
    }

    static TrunkState fixtureState() {
        Map<String, float[]> keep = new LinkedHashMap<>(), w = new LinkedHashMap<>();
        keep.put("0_W", new float[]{1, 0, 1, 1, 0, 1});
        w.put("0_W", new float[]{0.5f, -0f, 0.125f, -3.25f, 0f, 1e-40f});
        keep.put("1_W", new float[]{0, 1, 1});
        w.put("1_W", new float[]{0f, -0.75f, Float.MAX_VALUE});
        return new TrunkState(keep, w, new float[]{0.5f, -0f, 0.125f, -3.25f, 0f, 1e-40f, 0.1f, 0f, -0.75f, Float.MAX_VALUE, -2f});
    }

    @Test
    @DisplayName("an \"LTH2\" state file (written by the store before masks as bits) is read exactly; the test's legacy writer makes its bytes")
    void readsTheOldFormat(@TempDir Path dir) throws IOException, java.net.URISyntaxException {
        Path fixture = Path.of(StateFileTest.class.getResource("/store/lth2-state.bin").toURI());
        assertSameState(StateFile.read(fixture), fixtureState());
        assertThat(LegacyStateFile.bytes(fixtureState())).as("LegacyStateFile is the old writer").isEqualTo(Files.readAllBytes(fixture));
        TrunkState rewritten = roundTrip(StateFile.read(fixture), dir);
        assertSameState(rewritten, fixtureState());
    }

    @Test
    @DisplayName("a damaged or malformed state file is an IOException naming the file, never a state")
    void damagedFiles(@TempDir Path dir) throws IOException {
        byte[] good = StateFile.bytes(maskedState("lenet-300-100", 0.25, 2));
        Path f = dir.resolve("state.bin");
        Files.write(f, Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> StateFile.read(f)).isInstanceOf(IOException.class).hasMessageContaining(f + ": checksum mismatch");
        byte[] flipped = good.clone();
        flipped[good.length / 3] ^= 0x04;
        Files.write(f, flipped);
        assertThatThrownBy(() -> StateFile.read(f)).isInstanceOf(IOException.class).hasMessageContaining("checksum mismatch");
        // well-formed checksum around bad fields: a slice past the parameters, an unknown magic
        for (byte[] body : List.of(sliceBeyondParams(), new byte[]{0x4C, 0x54, 0x48, 0x39, 0, 0, 0, 0})) {
            Files.write(f, withCrc(body));
            assertThatThrownBy(() -> StateFile.read(f)).isInstanceOf(IOException.class).hasMessageStartingWith(f + ": ");
        }
    }

    private static byte[] sliceBeyondParams() throws IOException {
        var b = new ByteArrayOutputStream();
        var out = new DataOutputStream(b);
        out.writeInt(0x4C544833);
        out.writeInt(1);
        out.writeUTF("0_W");
        StoredFloats.writeMask(out, "0_W", new float[]{1, 1});
        out.writeByte(1);
        out.writeLong(5);
        out.writeByte('c');
        out.writeByte(1);
        out.writeLong(2);
        StoredFloats.writeFloats(out, new float[]{1, 2, 3});
        return b.toByteArray();
    }

    private static byte[] withCrc(byte[] body) {
        var crc = new java.util.zip.CRC32();
        crc.update(body);
        return ByteBuffer.allocate(body.length + 8).put(body).putLong(crc.getValue()).array();
    }
}

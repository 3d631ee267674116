package lth.experiment;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The "LTH2" writer the store used before masks were kept as bits (StateFile.bytes at commit ef2ad83,
 * verbatim): to make old-format entries in tests. {@code StateFileTest} checks it writes the bytes of the
 * fixture {@code store/lth2-state.bin}, made by that commit's own classes.
 */
final class LegacyStateFile {
    private LegacyStateFile() { }

    private static final int MAGIC = 0x4C544832;   // "LTH2": masks, weights by tensor, all parameters

    static byte[] bytes(TrunkState s) throws IOException {
        CRC32 crc = new CRC32();
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(bytes, crc)))) {
            out.writeInt(MAGIC);
            out.writeInt(s.keep().size());
            for (String key : s.keep().keySet()) {
                out.writeUTF(key);
                writeFloats(out, s.keep().get(key));
                writeFloats(out, s.weights().get(key));
            }
            writeFloats(out, s.params());
            out.flush();
            out.writeLong(crc.getValue());
        }
        return bytes.toByteArray();
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float f : a) out.writeFloat(f);
    }
}

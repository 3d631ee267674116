package lth.data;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The dry run's generated data loads through the catalog as subsets, split in the paper's shares; only when asked to. */
class DryRunDataTest {
    @TempDir Path dir;

    @AfterEach
    void clear() {
        for (String p : new String[]{DataCatalog.PROP_MNIST, DataCatalog.PROP_CIFAR10, DataCatalog.PROP_IMAGENET, ImageNet.PROP_COUNTS,
                DataCatalog.PROP_COUNTS})
            System.clearProperty(p);
        DataCatalog.clearCache();
    }

    @Test
    @DisplayName("generated MNIST IDX, CIFAR-10 binary batches and ImageNet folders load through the catalog as subsets "
            + "(-Dlth.data.counts=any, said in the data line), refused without it")
    void loadsThroughTheCatalog() throws Exception {
        DryRunData.main(new String[]{dir.toString()});
        System.setProperty(DataCatalog.PROP_MNIST, dir.resolve("mnist").toString());
        System.setProperty(DataCatalog.PROP_CIFAR10, dir.resolve("cifar-10-batches-bin").toString());
        System.setProperty(DataCatalog.PROP_IMAGENET, dir.resolve("imagenet").toString());
        System.setProperty(ImageNet.PROP_COUNTS, "any");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataCatalog.load("mnist")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("has 6000 training images, expected 60000");
        System.setProperty(DataCatalog.PROP_COUNTS, "any");
        assertThat(DataCatalog.load("mnist").describe()).contains("a SUBSET of 6000 training images, not 60000")
                .contains("train 5500 / validation 500 / test 1000");
        Splits cifar = DataCatalog.load("cifar10");
        assertThat(cifar.describe()).contains("SUBSET").contains("train 4500 / validation 500 / test 1000");
        assertThat(DataCatalog.trainAndValidation(60_000, 12)).containsExactly(55_000, 5_000);
        assertThat(DataCatalog.trainAndValidation(50_000, 10)).containsExactly(45_000, 5_000);
        assertThat(cifar.train().labels()).contains(0, 9);
        assertThat(DataCatalog.source("imagenet").describe()).contains("3 classes").contains("train 57 / validation 3");
    }
}

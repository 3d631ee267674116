package lth.data;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static lth.data.ImageNetFixtures.WNIDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ImageNet directory: layout and counts checked on open, errors that name the path, the catalog's id. */
class ImageNetTest {
    static final ImageNet.Counts ANY = ImageNet.Counts.ANY;

    @TempDir Path root;

    @AfterEach
    void clearProperties() {
        System.clearProperty(DataCatalog.PROP_IMAGENET);
        System.clearProperty(ImageNet.PROP_COUNTS);
        DataCatalog.clearCache();
    }

    @Test
    @DisplayName("a well-formed subset opens: classes are the sorted wnids, files sorted within, labels their class's position")
    void opensASubset() {
        ImageNet in = ImageNet.open(ImageNetFixtures.write(root, 4, 2), "test", ANY);
        assertThat(in.classes()).isEqualTo(3);
        assertThat(in.train().wnids()).isEqualTo(WNIDS);
        assertThat(in.train().size()).isEqualTo(12);
        assertThat(in.val().size()).isEqualTo(6);
        assertThat(in.train().classCounts()).containsExactly(4, 4, 4);
        assertThat(in.train().file(0)).isEqualTo(root.resolve("train/n01440764/n01440764_1.JPEG"));
        assertThat(in.train().label(5)).isEqualTo(1);
        assertThat(in.val().file(5)).isEqualTo(root.resolve("val/n03000684/ILSVRC2012_val_00022.JPEG"));
        assertThat(in.val().label(5)).isEqualTo(2);
        assertThat(in.describe()).contains("3 classes, train 12 / val 6").contains("SUBSET").contains("-Dlth.data.imagenet.counts=any");
        assertThat(ImageNet.open(root, "test", ImageNet.Counts.parse("3/12/6")).describe()).contains("counts 3/12/6");
    }

    @Test
    @DisplayName("the full set's counts are the default: 1000 classes, 1,281,167 / 50,000; a subset fails naming train/ and the switch")
    void fullCountsAreTheDefault() {
        ImageNetFixtures.write(root, 2, 1);
        assertThat(ImageNet.Counts.parse("full")).isEqualTo(new ImageNet.Counts(1000, 1_281_167, 50_000));
        assertThatThrownBy(() -> ImageNet.open(root, "test", ImageNet.Counts.FULL)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(root.resolve("train").toString())
                .hasMessageContaining("3 class folders, expected 1000").hasMessageContaining("-Dlth.data.imagenet.counts=any");
        assertThatThrownBy(() -> ImageNet.open(root, "test", ImageNet.Counts.parse("3/6/4"))).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(root.resolve("val").toString()).hasMessageContaining("3 images, expected 4");
        assertThatThrownBy(() -> ImageNet.Counts.parse("most")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dlth.data.imagenet.counts=most").hasMessageContaining("full, any or classes/train/val");
    }

    @Test
    @DisplayName("no directory, or one with neither train/ nor val/: unavailable (the claim skips), naming where and the property")
    void absentIsUnavailable() throws IOException {
        assertThatThrownBy(() -> ImageNet.open(root.resolve("nowhere"), "lth.data.imagenet", ANY))
                .isInstanceOf(DataUnavailableException.class).hasMessageContaining("'imagenet' is not available")
                .hasMessageContaining(root.resolve("nowhere").toString()).hasMessageContaining("-Dlth.data.imagenet=DIR");
        Files.createDirectories(root.resolve("other"));
        assertThatThrownBy(() -> ImageNet.open(root, "lth.data.imagenet", ANY)).isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining("no train/ or val/");
    }

    @Test
    @DisplayName("wrong layouts fail naming the path: missing val/, a class missing in val/, a file outside a class folder, ...")
    void wrongLayouts() throws IOException {
        ImageNetFixtures.write(root, 2, 1);
        Path val = root.resolve("val"), stash = root.resolve("stash");
        Files.move(val, stash);
        assertThatThrownBy(() -> ImageNet.open(root, "test", ANY)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(val + ": missing");
        Files.move(stash, val);

        Path missing = val.resolve(WNIDS.get(2));
        Files.move(missing, root.resolve("n03000684-moved"));
        assertThatThrownBy(() -> ImageNet.open(root, "test", ANY)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(val.toString()).hasMessageContaining("1 missing in val/ [n03000684]");
        Files.move(root.resolve("n03000684-moved"), missing);

        Path stray = ImageNetFixtures.jpeg(root.resolve("val/ILSVRC2012_val_00000001.JPEG"), 0);
        assertThatThrownBy(() -> ImageNet.open(root, "test", ANY)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(stray.toString()).hasMessageContaining("outside any class folder");
        Files.delete(stray);

        Path notWnid = Files.createDirectories(root.resolve("train/goldfish"));
        assertThatThrownBy(() -> ImageNet.open(root, "test", ANY)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(notWnid.toString()).hasMessageContaining("WordNet id");
        Files.delete(notWnid);

        Path text = Files.writeString(root.resolve("train/n02102040/labels.txt"), "x");
        assertThatThrownBy(() -> ImageNet.open(root, "test", ANY)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(text.toString()).hasMessageContaining("not a *.JPEG file");
        Files.delete(text);

        Path empty = Files.createDirectories(root.resolve("train/n09999999"));
        Files.createDirectories(root.resolve("val/n09999999"));
        assertThatThrownBy(() -> ImageNet.open(root, "test", ANY)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(empty.toString()).hasMessageContaining("without images");
    }

    @Test
    @DisplayName("the catalog knows 'imagenet': absent directory -> unavailable (skip with the fix); present -> checked, then "
            + "streamed splits for a run (never loaded into memory)")
    void throughTheCatalog() {
        assertThat(DataCatalog.ids()).contains("imagenet");
        assertThat(DataCatalog.location("imagenet")).isEqualTo(Path.of("data/imagenet").toAbsolutePath());
        System.setProperty(DataCatalog.PROP_IMAGENET, root.resolve("absent").toString());
        assertThatThrownBy(() -> DataCatalog.load("imagenet")).isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining(root.resolve("absent") + " (lth.data.imagenet)").hasMessageContaining("Fix: pass -Dlth.data.imagenet=DIR");

        System.setProperty(DataCatalog.PROP_IMAGENET, ImageNetFixtures.write(root.resolve("in"), 2, 1).toString());
        assertThatThrownBy(DataCatalog::imagenet).isInstanceOf(DataFormatException.class).hasMessageContaining("expected 1000");
        System.setProperty(ImageNet.PROP_COUNTS, "any");
        ImageNet in = DataCatalog.imagenet();
        assertThat(in.train().size()).isEqualTo(6);
        assertThat(DataCatalog.imagenet()).as("opened once per location and counts").isSameAs(in);
        assertThatThrownBy(() -> DataCatalog.load("imagenet")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("train 6 / val 3").hasMessageContaining("streamed in batches, never loaded into memory");
        TrainingData source = DataCatalog.source("imagenet");
        assertThat(source).isInstanceOf(ImageNetSplits.class).isSameAs(DataCatalog.source("imagenet"));
        assertThat(source.describe()).contains("train 3 / validation 3 (held out of train/) / test 3 (val/), streamed; views 224x224");
        assertThat(new int[]{source.channels(), source.height(), source.width(), source.classes()}).containsExactly(3, 224, 224, 3);
    }

    @Test
    @DisplayName("the held-out validation: 10,000 images of the full train/ (1/128 of a subset, at least one per class), stratified "
            + "under the fixed split seed, disjoint from what is trained on; test is val/")
    void heldOutValidation() {
        assertThat(ImageNetSplits.validationSize(root, ImageNet.TRAIN_IMAGES, 1000)).isEqualTo(10_000);
        assertThat(ImageNet.TRAIN_IMAGES - 10_000).as("left to train on: 1241 full batches of 1024 per epoch").isEqualTo(1_271_167);
        assertThat((ImageNet.TRAIN_IMAGES - 10_000) / 1024).isEqualTo(1241);
        assertThat(ImageNetSplits.validationSize(root, 12_800, 10)).isEqualTo(100);
        assertThat(ImageNetSplits.validationSize(root, 30, 3)).isEqualTo(3);
        assertThatThrownBy(() -> ImageNetSplits.validationSize(root, 3, 3)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(root.toString()).hasMessageContaining("too few");

        ImageNet in = ImageNet.open(ImageNetFixtures.write(root, 8, 2), "test", ANY);
        ImageNetSplits s = ImageNetSplits.of(in, ImageNetTransform.View.STANDARD);
        assertThat(s.validation().size()).isEqualTo(3);
        assertThat(s.validation().classCounts()).containsExactly(1, 1, 1);
        assertThat(s.train().classCounts()).containsExactly(7, 7, 7);
        assertThat(s.test()).isSameAs(in.val());
        java.util.Set<Path> trained = new java.util.HashSet<>(), held = new java.util.HashSet<>();
        for (int i = 0; i < s.train().size(); i++) trained.add(s.train().file(i));
        for (int i = 0; i < s.validation().size(); i++) {
            held.add(s.validation().file(i));
            assertThat(s.validation().label(i)).isEqualTo(WNIDS.indexOf(s.validation().file(i).getParent().getFileName().toString()));
        }
        assertThat(trained).doesNotContainAnyElementsOf(held).hasSize(21);
        ImageNetSplits again = ImageNetSplits.of(in, ImageNetTransform.View.STANDARD);
        for (int i = 0; i < 3; i++) assertThat(again.validation().file(i)).as("the same held-out images every time").isEqualTo(s.validation().file(i));
    }

    @Test
    @DisplayName("a smaller view (-Dlth.data.imagenet.size) is for subsets only: the full set always trains on 224x224")
    void smallerViewsOnlyForSubsets() {
        Path dir = ImageNetFixtures.write(root, 8, 2);
        assertThat(ImageNetSplits.view(null, ANY)).isEqualTo(ImageNetTransform.View.STANDARD);
        assertThat(ImageNetSplits.view("32", ANY)).isEqualTo(new ImageNetTransform.View(32, 37));
        assertThat(ImageNetSplits.view("32", new ImageNet.Counts(3, 24, 6))).isEqualTo(new ImageNetTransform.View(32, 37));
        assertThatThrownBy(() -> ImageNetSplits.view("x", ANY)).hasMessageContaining("-Dlth.data.imagenet.size=x");
        assertThat(ImageNetSplits.view("224", ImageNet.Counts.FULL)).isEqualTo(ImageNetTransform.View.STANDARD);
        assertThatThrownBy(() -> ImageNetSplits.view("32", ImageNet.Counts.FULL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never for the full ImageNet set");
        assertThatThrownBy(() -> ImageNetTransform.View.ofSize(4)).hasMessageContaining("at least 8");
        System.setProperty(DataCatalog.PROP_IMAGENET, dir.toString());
        System.setProperty(ImageNet.PROP_COUNTS, "any");
        System.setProperty(ImageNetSplits.PROP_SIZE, "48");
        try {
            assertThat(DataCatalog.source("imagenet").describe()).contains("views 48x48 (NOT the standard 224");
        } finally {
            System.clearProperty(ImageNetSplits.PROP_SIZE);
        }
    }
}

package lth.model;

import java.util.Locale;

/** The optimizer and its hyperparameters: Adam (LeNet/Conv) or SGD with momentum (VGG/ResNet). */
public record Optimizer(String name, double lr, double momentum, double weightDecay) {
    public Optimizer {
        name = name.toLowerCase(Locale.ROOT);
        if (!name.equals("adam") && !name.equals("sgd"))
            throw new IllegalArgumentException("optimizer must be adam or sgd, got " + name);
        if (!(lr > 0)) throw new IllegalArgumentException("optimizer lr must be > 0, got " + lr);
    }

    public static Optimizer adam(double lr) { return new Optimizer("adam", lr, 0, 0); }

    public String canonical() {
        return name.equals("adam") ? "adam(lr=" + lr + ")"
                : "sgd(lr=" + lr + ",m=" + momentum + ",wd=" + weightDecay + ")";
    }
}

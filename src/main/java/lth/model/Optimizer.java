package lth.model;

import java.util.Locale;

/**
 * The optimizer and its hyperparameters: Adam (LeNet/Conv) or SGD with plain momentum (VGG/ResNet).
 * {@code weightDecay} is L2 on the weights (conv kernels and FC matrices; not biases, not batch
 * norm), added to the gradient before the momentum update, as in the paper's TensorFlow code and
 * PyTorch's {@code weight_decay}. {@code schedule} is the learning-rate schedule (constant by
 * default); its lr must equal {@code lr}.
 */
public record Optimizer(String name, double lr, double momentum, double weightDecay, Schedule schedule) {
    public Optimizer {
        name = name.toLowerCase(Locale.ROOT);
        if (!name.equals("adam") && !name.equals("sgd"))
            throw new IllegalArgumentException("optimizer must be adam or sgd, got " + name);
        if (!(lr > 0)) throw new IllegalArgumentException("optimizer lr must be > 0, got " + lr);
        if (momentum < 0 || momentum >= 1) throw new IllegalArgumentException("momentum must be in [0,1), got " + momentum);
        if (weightDecay < 0) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        if (schedule == null) schedule = Schedule.constant(lr);
        else if (schedule.lr() != lr)
            throw new IllegalArgumentException("schedule lr " + schedule.lr() + " differs from optimizer lr " + lr);
    }

    /** A constant learning rate. */
    public Optimizer(String name, double lr, double momentum, double weightDecay) {
        this(name, lr, momentum, weightDecay, null);
    }

    public static Optimizer adam(double lr) { return new Optimizer("adam", lr, 0, 0); }

    /** The paper's VGG/ResNet optimizer: SGD, momentum 0.9, weight decay 1e-4, constant lr. */
    public static Optimizer sgd(double lr) { return new Optimizer("sgd", lr, 0.9, 1e-4); }

    /** The same optimizer with linear warmup over {@code warmup} iterations and drops by {@code factor}. */
    public Optimizer withSchedule(int warmup, int[] dropAt, double factor) {
        return new Optimizer(name, lr, momentum, weightDecay, new Schedule(lr, warmup, dropAt, factor));
    }

    /** Run-key text; a constant schedule adds nothing, so keys from before schedules existed stay valid. */
    public String canonical() {
        return name.equals("adam") ? "adam(lr=" + lr + schedule.canonical() + ")"
                : "sgd(lr=" + lr + ",m=" + momentum + ",wd=" + weightDecay + schedule.canonical() + ")";
    }
}

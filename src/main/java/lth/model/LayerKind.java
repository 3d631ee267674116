package lth.model;

/**
 * What a weight tensor is, for per-type pruning rates (paper: conv 10-20%, fc 20%, output 10%).
 * {@code SHORTCUT} marks ResNet 1x1 projection convolutions: counted in Pm, never pruned
 * (its rate is always 0, whatever the {@link lth.prune.Rates}).
 */
public enum LayerKind { CONV, FC, OUTPUT, SHORTCUT }

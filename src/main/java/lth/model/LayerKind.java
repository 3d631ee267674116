package lth.model;

/** What a weight tensor is, for per-type pruning rates (paper: conv 10-20%, fc 20%, output 10%). */
public enum LayerKind { CONV, FC, OUTPUT }

package lth.claims;

import lth.claim.ClaimCase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/**
 * The claims beyond LeNet: Conv-2/4/6, VGG and ResNet on CIFAR-10 (LTH §3-4), late resetting (STAB)
 * and the negative results. Most run in the nightly profile only; their claim files say why.
 * Tags per method: the claim family ({@code lth}, {@code stab}, {@code liu}), the model ({@code conv},
 * {@code vgg}, {@code resnet}) and {@code gpu} where a profile of the claim requires a GPU
 * (checked against the claim files by ClaimTagsTest).
 */
@DisplayName("LTH on convolutional networks, VGG and ResNet")
class DeepNetClaimIT {

    @ClaimTest("LTH-6")
    @Tag("lth")
    @Tag("conv")
    @DisplayName("LTH-6 Conv-2 tickets learn faster, gain accuracy, and beat reinitialization")
    void conv2Tickets(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("LTH-7")
    @Tag("lth")
    @Tag("conv")
    @DisplayName("LTH-7 Conv-4 tickets learn faster, gain accuracy, and beat reinitialization")
    void conv4Tickets(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("LTH-8")
    @Tag("lth")
    @Tag("conv")
    @DisplayName("LTH-8 Conv-6 tickets learn faster, gain accuracy, and beat reinitialization")
    void conv6Tickets(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("LTH-9")
    @Tag("lth")
    @Tag("conv")
    @DisplayName("LTH-9 winning tickets are still found with dropout")
    void ticketsWithDropout(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("LTH-10")
    @Tag("lth")
    @Tag("vgg")
    @Tag("gpu")
    @DisplayName("LTH-10 VGG-19 at rate 0.1 without warmup has no winning tickets")
    void noTicketsWithoutWarmup(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("LTH-11")
    @Tag("lth")
    @Tag("vgg")
    @Tag("gpu")
    @DisplayName("LTH-11 VGG-19 at rate 0.01 finds tickets within 1pp of dense")
    void ticketsAtLowRate(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("LTH-12")
    @Tag("lth")
    @Tag("vgg")
    @Tag("gpu")
    @DisplayName("LTH-12 warmup enables winning tickets for VGG-19 at rate 0.1")
    void warmupEnablesTickets(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("LTH-13")
    @Tag("lth")
    @Tag("vgg")
    @Tag("gpu")
    @DisplayName("LTH-13 global pruning beats layer-wise pruning on VGG-19")
    void globalBeatsLayerwise(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("LTH-14")
    @Tag("lth")
    @Tag("resnet")
    @Tag("gpu")
    @DisplayName("LTH-14 ResNet-18: no tickets at rate 0.1, tickets at 0.03 with warmup")
    void resnetTicketsNeedWarmup(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("STAB-1")
    @Tag("stab")
    @Tag("resnet")
    @Tag("gpu")
    @DisplayName("STAB-1 rewinding to an early iteration finds tickets where iteration 0 fails")
    void lateResetting(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("STAB-2")
    @Tag("stab")
    @Tag("resnet")
    @Tag("gpu")
    @DisplayName("STAB-2 late resetting finds matching ResNet-50 subnetworks on ImageNet")
    void lateResettingAtScale(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("STAB-3")
    @Tag("stab")
    @Tag("vgg")
    @Tag("gpu")
    @DisplayName("STAB-3 IMP beats random pruning only where tickets exist")
    void impBeatsRandomPruning(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("LIU-1")
    @Tag("liu")
    @Tag("vgg")
    @Tag("gpu")
    @DisplayName("LIU-1 at rate 0.1 the ticket's initialization is no better than reinitialization")
    void initializationDoesNotMatterAtHighRate(ClaimCase c, ClaimSession claims) { claims.verify(c); }
}

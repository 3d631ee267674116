package lth.claims;

import lth.claim.ClaimCase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/**
 * The claims of Frankle & Carbin (2019) §2 on LeNet-300-100 / MNIST. Cases come from claims/*.yaml.
 * Tags: the model ({@code lenet}) on the class, the claim family ({@code lth}, {@code lmc}) on each
 * method, so {@code -Dgroups=lenet} or {@code -Dgroups=lmc} selects them (checked by ClaimTagsTest).
 */
@Tag("lenet")
@DisplayName("LTH on LeNet-300-100")
class LeNetClaimIT {

    @ClaimTest("LTH-1")
    @Tag("lth")
    @DisplayName("LTH-1 winning tickets learn faster than the dense network")
    void ticketsLearnFaster(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("LTH-2")
    @Tag("lth")
    @DisplayName("LTH-2 winning tickets reach higher test accuracy than the dense network")
    void ticketsReachHigherAccuracy(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("LTH-3")
    @Tag("lth")
    @DisplayName("LTH-3 winning tickets beat random reinitialization")
    void ticketsBeatReinitialization(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("LTH-5")
    @Tag("lth")
    @DisplayName("LTH-5 one-shot pruning finds tickets; iterative pruning finds smaller ones")
    void oneShotAndIterativePruning(ClaimCase c, ClaimSession claims) { claims.verify(c); }

    @ClaimTest("LMC-1")
    @Tag("lmc")
    @DisplayName("LMC-1 LeNet and its winning tickets are linearly mode connected from initialization")
    void stableFromInitialization(ClaimCase c, ClaimSession claims) { claims.verify(c); }
}

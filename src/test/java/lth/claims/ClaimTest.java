package lth.claims;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test method as the test of one claim: one case per comparison and pruning level, read
 * from {@code claims/*.yaml} for the active profile. The method receives a {@link lth.claim.ClaimCase}
 * and the run's {@link ClaimSession}, which evaluates it: {@code void m(ClaimCase c, ClaimSession claims) { claims.verify(c); }}.
 * Zero invocations are allowed only for a claim deselected by {@code -Dlth.claims.only}
 * ({@link ClaimArguments}); a selected claim without cases still fails.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}", allowZeroInvocations = true)
@ArgumentsSource(ClaimArguments.class)
@ExtendWith(ClaimSession.Extension.class)
public @interface ClaimTest {
    /** The claim id, e.g. {@code "LTH-3"}. */
    String value();
}

package lth.evaluation;

import lth.claim.ClaimSpec;
import lth.claim.Metric;
import lth.claim.ProfileClaim;
import lth.stats.Hypothesis;
import lth.stats.Pair;
import lth.stats.PairedAnalysis;
import lth.stats.PairedResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tests each comparison of a measured claim over its levels, with Holm's correction across them. */
final class ClaimAnalysis {
    private ClaimAnalysis() { }

    /** The hypothesis a comparison states, in the statistics' terms. */
    static Hypothesis hypothesis(ClaimSpec.Comparison c, ClaimSpec.Statistics st) {
        return new Hypothesis(c.kind(), c.direction(), c.relative(), c.margin(), c.minEffect(), c.equivalenceBound(),
                st.alpha(), st.power(), st.test()).withEarlyStop(c.metric() == Metric.ES_ITERATION);
    }

    /** One paired result per case, by {@link ClaimResult#key}. */
    static Map<String, PairedResult> of(Measurements m) {
        ProfileClaim claim = m.plan().claim();
        Map<String, PairedResult> out = new LinkedHashMap<>();
        for (int ci = 0; ci < claim.comparisons().size(); ci++) {
            if (m.plan().seeds(ci).isEmpty()) continue;     // a seed group holding none of this comparison's seeds
            ClaimSpec.Comparison c = claim.comparison(ci);
            List<Integer> levels = claim.levels(ci);
            List<Pair> pairs = new ArrayList<>();
            for (int level : levels)
                pairs.add(new Pair(c.name() + " @ round " + level, m.side(ci, true, level), m.side(ci, false, level),
                        m.cappedFraction(ci, true, level), m.cappedFraction(ci, false, level)));
            List<PairedResult> results = PairedAnalysis.family(pairs, hypothesis(c, claim.claim().statistics()));
            for (int i = 0; i < levels.size(); i++) out.put(ClaimResult.key(ci, levels.get(i)), results.get(i));
        }
        return out;
    }
}

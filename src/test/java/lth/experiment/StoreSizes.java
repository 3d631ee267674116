package lth.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import lth.claim.ClaimFiles;
import lth.claim.ClaimPlan;
import lth.claim.ClaimSpec;
import lth.claim.ProfileClaim;
import lth.model.Architectures;
import lth.model.Network;
import lth.model.PrunableParam;
import lth.prune.LayerMask;
import lth.prune.Mask;
import lth.prune.Rates;
import lth.prune.Scope;
import lth.train.RunMetrics;
import lth.train.Trainer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes of the run store's entries for the VGG shards of the nightly workflow (and the reduced tier's
 * VGG-19), in the old format ("LTH2") and the compact one ("LTH3"), from the claims' plans and the
 * networks' tensor shapes: each ticket, θ_k and twin state is written by {@link StateFile} with its
 * level's per-layer survivor counts (every survivor and every other parameter non-zero, as after
 * training), the old size by the old format's arithmetic (checked against {@link LegacyStateFile} once).
 * Not a test: {@code java -cp target/test-classes:target/classes:<classpath> lth.experiment.StoreSizes}.
 */
public final class StoreSizes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, long[]> cache = new HashMap<>();     // kept total -> {old, new} state bytes

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> shards = shards(Path.of(".github/workflows/nightly.yml"));
        var sizes = new StoreSizes();
        for (String shard : List.of("vgg19-warmup", "vgg-standard")) sizes.report(shard, shards.get(shard), "nightly");
        sizes.report("reduced tier LTH-12", List.of("LTH-12"), "reduced");
        sizes.report("reduced tier VGG-19 claims", List.of("LTH-10", "LTH-11", "LTH-12", "LTH-13", "STAB-3", "LIU-1"), "reduced");
    }

    static Map<String, List<String>> shards(Path workflow) throws java.io.IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("- name: (\\S+)\\s+claims: (\\S+)").matcher(Files.readString(workflow));
        while (m.find()) out.put(m.group(1), List.of(m.group(2).split(",")));
        return out;
    }

    void report(String name, List<String> claimIds, String profile) throws Exception {
        Map<String, ClaimSpec> all = ClaimFiles.loadAll(Path.of("claims"));
        List<ClaimPlan> plans = new ArrayList<>();
        for (String id : claimIds) if (all.containsKey(id)) plans.add(ClaimPlan.of(ProfileClaim.of(all.get(id), profile)));
        Map<String, RunSpec> runs = RunGraph.closure(plans.stream().flatMap(p -> p.runs().stream()).toList());
        ProfileClaim first = ProfileClaim.of(all.get(claimIds.get(0)), profile);
        boolean cifar = first.scale().dataset().startsWith("cifar");
        long oldTotal = 0, newTotal = 0, states = 0, entries = runs.size(), entryFiles = 0;
        RunSpec any = runs.values().iterator().next();
        Network net = Architectures.build(any.setup().model(), any.setup().optimizer(), 1, cifar ? 3 : 1, cifar ? 32 : 28, cifar ? 32 : 28, 10);
        long[] trunk = new long[2], dense = null, deepest = null;
        int deepestLevel = first.deepest();
        for (RunSpec s : runs.values()) {
            entryFiles += s.canonical().getBytes(StandardCharsets.UTF_8).length + metricsBytes(s, net);
            if (s.arm() != Arm.TICKET && s.arm() != Arm.TWIN) continue;
            long[] b = stateBytes(net, s);
            states++;
            oldTotal += b[0];
            newTotal += b[1];
            boolean baseTrunk = s.arm() == Arm.TICKET && s.rewind() == 0 && s.seed() == firstSeed(plans)
                    && s.setup().canonical(s.level() > 0).equals(first.setup().canonical(s.level() > 0));
            if (baseTrunk) {
                trunk[0] += b[0];
                trunk[1] += b[1];
                if (s.level() == 0) dense = b;
                if (s.level() == deepestLevel) deepest = b;
            }
        }
        System.out.printf("%n== %s (%s: %s), width %s, %d parameters, %d weights in masks%n", name, profile, claimIds,
                any.setup().model().width(), net.net().params().length(), net.prunable().stream().mapToLong(PrunableParam::size).sum());
        System.out.printf("one dense entry: %s -> %s%n", mb(dense[0]), mb(dense[1]));
        System.out.printf("deepest trunk entry (level %d): %s -> %s%n", deepestLevel, mb(deepest[0]), mb(deepest[1]));
        System.out.printf("one seed's trunk (ticket levels 0..%d): %s -> %s%n", deepestLevel, mb(trunk[0]), mb(trunk[1]));
        System.out.printf("whole store: %d entries, %d with weights: %s -> %s (spec.txt + metrics.json: %s)%n", entries, states,
                mb(oldTotal + entryFiles), mb(newTotal + entryFiles), mb(entryFiles));
    }

    static long firstSeed(List<ClaimPlan> plans) { return plans.get(0).seeds().get(0); }

    static String mb(long bytes) { return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6); }

    /** metrics.json of a run with its number of evaluations (numbers of typical length) plus its per-layer counts. */
    static long metricsBytes(RunSpec s, Network net) throws Exception {
        int evals = (int) Math.ceil(s.setup().train().iterations() / (double) s.setup().train().evalEvery());
        double[] v = new double[evals];
        Arrays.fill(v, 0.123456789012345);
        int[] its = new int[evals];
        Map<String, Long> kept = new LinkedHashMap<>();
        for (PrunableParam p : net.prunable()) kept.put(p.key(), p.size());
        return JSON.writeValueAsBytes(new RunStore.Entry(new RunMetrics(its, v, v, v, 1000, 91.23, 91.23, false, 1.5, 12345.6), kept)).length;
    }

    /** {old, new} bytes of the state of a ticket or twin at its level. */
    long[] stateBytes(Network net, RunSpec s) throws Exception {
        long[] kept = keptPerLayer(net.prunable(), s.setup(), s.impRounds());
        String key = Arrays.toString(kept);
        long[] known = cache.get(key);
        if (known != null) return known;
        List<LayerMask> layers = new ArrayList<>();
        for (int i = 0; i < kept.length; i++) {
            float[] keep = new float[(int) net.prunable().get(i).size()];
            Arrays.fill(keep, 0, (int) kept[i], 1f);
            layers.add(new LayerMask(net.prunable().get(i), keep));
        }
        Mask mask = new Mask(layers);
        net.net().params().assign(0.5);
        Trainer.installMasks(net, mask);
        TrunkState state = RunMasks.stateOf(mask, net, net.net().params());
        long old = oldBytes(state);
        if (cache.isEmpty() && old != LegacyStateFile.bytes(state).length) throw new IllegalStateException("old size arithmetic is off");
        long[] b = {old, StateFile.bytes(state).length};
        cache.put(key, b);
        return b;
    }

    /** "LTH2": magic, count, per tensor its key and mask and weights as floats, the parameters as floats, CRC. */
    static long oldBytes(TrunkState s) {
        long n = 8 + 4 + 4L * s.params().length + 8;
        for (var e : s.keep().entrySet()) n += 2 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 2 * (4 + 4L * e.getValue().length);
        return n;
    }

    /** Survivors per layer after {@code rounds} IMP rounds: layer-wise per layer, global over the layers with a rate (spread in proportion). */
    static long[] keptPerLayer(List<PrunableParam> params, Setup s, int rounds) {
        Rates r = s.impRates();
        long[] kept = new long[params.size()];
        if (s.scope() == Scope.LAYERWISE) {
            for (int i = 0; i < kept.length; i++) kept[i] = Rates.survivors(params.get(i).size(), r.of(params.get(i).kind()), rounds);
            return kept;
        }
        long pool = 0;
        for (PrunableParam p : params) if (r.of(p.kind()) != 0) pool += p.size();
        long left = Rates.survivors(pool, r.globalRate(), rounds), given = 0;
        int last = -1;
        for (int i = 0; i < kept.length; i++) {
            PrunableParam p = params.get(i);
            if (r.of(p.kind()) == 0) { kept[i] = p.size(); continue; }
            kept[i] = p.size() * left / pool;
            given += kept[i];
            last = i;
        }
        kept[last] += left - given;
        return kept;
    }
}

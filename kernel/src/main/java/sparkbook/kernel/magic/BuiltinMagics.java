package sparkbook.kernel.magic;

import sparkbook.kernel.interpreter.EvalOutcome;

import java.util.Map;

/** %lsmagic and %time / %%time. (%classpath and %maven are in {@code sparkbook.kernel.deps}.) */
public final class BuiltinMagics {
    private BuiltinMagics() {}

    public static void register(Magics magics) {
        magics.registerLine("lsmagic", "list the available magics", (args, ctx) -> {
            StringBuilder sb = new StringBuilder("Available magics:\n");
            for (Map.Entry<String, String> e : ctx.magics().descriptions().entrySet()) {
                sb.append(String.format("  %-12s %s%n", e.getKey(), e.getValue()));
            }
            System.out.print(sb);
            return null;
        });
        magics.registerLine("time", "time one Java statement or expression: %time expr", (args, ctx) -> {
            if (args.isEmpty()) throw new MagicException("%time needs something to time, e.g. %time sc.parallelize(List.of(1,2,3)).count()");
            return timed(ctx, ctx.rawArgs());
        });
        magics.registerCell("time", "time the whole cell", (args, body, ctx) -> timed(ctx, body));
    }

    private static EvalOutcome timed(MagicContext ctx, String code) {
        long start = System.nanoTime();
        EvalOutcome outcome = ctx.run(code);
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.println(ms < 1000 ? String.format("Wall time: %.1f ms", ms) : String.format("Wall time: %.2f s", ms / 1000));
        return outcome;
    }

}

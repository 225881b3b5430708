using BenchmarkDotNet.Running;

namespace LtiPD.Benchmarks;

/// <summary>dotnet run -c Release --project bench/LtiPD.Benchmarks -- --filter '*'</summary>
public static class BenchmarkEntry
{
    public static void Main(string[] args)
    {
        if (args is ["loop-launch", ..])
        {
            LaunchLoop.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
            return;
        }
        if (args is ["launch-cpu", ..])
        {
            LaunchCpuRun.Run(Arg(args, 1, 10_000), Arg(args, 2, 64), Arg(args, 3, 4_000));
            return;
        }
        if (args is ["development", ..])
        {
            DevelopmentRecomputeRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000, args.Length > 2 ? args[2] : null,
                args.Length > 3 ? Enum.Parse<DevelopmentRecomputeRun.Seeding>(args[3].Replace("-", "", StringComparison.Ordinal), ignoreCase: true) : DevelopmentRecomputeRun.Seeding.Seed);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args, new BenchConfig());
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

using BenchmarkDotNet.Running;

namespace LtiPD.Benchmarks;

/// <summary>dotnet run -c Release --project bench/LtiPD.Benchmarks -- --filter '*'</summary>
public static class BenchmarkEntry
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args, new BenchConfig());
}

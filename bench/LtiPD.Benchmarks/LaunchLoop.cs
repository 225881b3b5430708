using System.Diagnostics;

namespace LtiPD.Benchmarks;

/// <summary>
/// A plain loop over the full-launch benchmark's launches from a cold start, 200 per round: it shows how long the JIT
/// takes to reach the steady state the benchmark measures, and gives a profiler (dotnet-trace) a process to attach to.
/// dotnet run -c Release --project bench/LtiPD.Benchmarks -- loop-launch [rounds]
/// </summary>
public static class LaunchLoop
{
    public static void Run(int rounds)
    {
        var bench = new FullLaunchBenchmarks { WarmUp = false };
        bench.Setup();
        try
        {
            for (var round = 0; round < rounds; round++)
            {
                bench.PrepareLaunches();
                var launches = bench.PreparedCount;
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < launches; i++)
                    bench.LaunchPost().GetAwaiter().GetResult();
                var launch = watch.Elapsed.TotalMicroseconds / launches;
                watch.Restart();
                for (var i = 0; i < launches; i++)
                    bench.LoginInitiation().GetAwaiter().GetResult();
                var login = watch.Elapsed.TotalMicroseconds / launches;
                Console.WriteLine($"round {round}: launch {launch:F0} µs, login {login:F0} µs");
            }
        }
        finally
        {
            bench.Cleanup();
        }
    }
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace CredentialLedger.Benchmarks;

/// <summary>
/// Medians and ratios against each class's baseline, measured in the same run: the build machines are shared
/// and noisy, so absolute times travel badly while ratios do not.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        // Loggers, exporters and the default columns come from the default config; ManualConfig starts empty.
        Add(DefaultConfig.Instance);
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, BaselineRatioColumn.RatioMean);
    }
}

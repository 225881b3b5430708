namespace LtiPD.Domain.Competencies;

/// <summary>The five described levels of a competency (seed 001), numbered 1–5 in that order.</summary>
public enum Level
{
    Low = 1,
    Acceptable = 2,
    Average = 3,
    High = 4,
    Advanced = 5,
}

namespace LtiPD.Domain.Competencies;

/// <summary>
/// The three components of a teacher's professional competence (seed 001). Social is the base of
/// the pyramid and the environment in which subject and pedagogical competence are applied.
/// </summary>
public enum Component
{
    Social = 0,
    Subject = 1,
    Pedagogical = 2,
}

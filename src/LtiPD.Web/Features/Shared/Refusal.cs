namespace LtiPD.Web.Features.Shared;

/// <summary>A refused request as a person sees it: the stable code, a sentence, and the HTTP status.</summary>
public sealed record Refusal(string Code, string Message, int Status = StatusCodes.Status400BadRequest)
{
    public static Refusal From(LtiPD.Lti.LtiError error) => new(error.Code, error.Message, StatusFor(error.Code));

    private static int StatusFor(string code) => code switch
    {
        LtiPD.Lti.LtiErrorCodes.BodyTooLarge => StatusCodes.Status413PayloadTooLarge,
        LtiPD.Lti.LtiErrorCodes.SessionInvalid => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status400BadRequest,
    };
}

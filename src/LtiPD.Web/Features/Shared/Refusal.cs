using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Shared;

/// <summary>
/// A refused request as a person sees it: the stable code, a sentence in the reader's language, and the HTTP status. The
/// sentence of a code is written once, in the resources as <c>Error.{code}</c> (en, ru, kk); code names the code, never the words.
/// </summary>
public sealed record Refusal(string Code, string Message, int Status = StatusCodes.Status400BadRequest)
{
    /// <summary>The refusal whose sentence is the resource <c>Error.{code}</c>, with its placeholders filled from <paramref name="arguments"/>.</summary>
    public static Refusal Of(IStringLocalizer t, string code, int status, params object[] arguments) =>
        new(code, t["Error." + code, arguments], status);

    /// <summary>
    /// A protocol refusal: the resource sentence of its code where there is one, otherwise the protocol library's own message
    /// (LtiPD.Lti has no resources; its messages name the LTI rule that failed, for the LMS administrator).
    /// </summary>
    public static Refusal From(LtiPD.Lti.LtiError error, IStringLocalizer t) => Worded(t, error.Code, error.Message, StatusFor(error.Code));

    /// <summary>The refusal whose sentence is the resource <c>Error.{code}</c> where there is one, otherwise <paramref name="fallback"/>.</summary>
    public static Refusal Worded(IStringLocalizer t, string code, string fallback, int status) =>
        new(code, t["Error." + code] is { ResourceNotFound: false } sentence ? sentence.Value : fallback, status);

    private static int StatusFor(string code) => code switch
    {
        LtiPD.Lti.LtiErrorCodes.BodyTooLarge => StatusCodes.Status413PayloadTooLarge,
        LtiPD.Lti.LtiErrorCodes.SessionInvalid => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status400BadRequest,
    };
}

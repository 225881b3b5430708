namespace LtiPD.Web.Features.Lti;

/// <summary>
/// LTI Client Side postMessages (platform storage): the tool frame asks the LMS window to keep a value
/// (lti.put_data) and later to give it back (lti.get_data). Messages go only to the platform's origin,
/// taken from its OIDC auth URL, and answers are accepted only from that origin — that check is what
/// ties the launch to the browser that started it when no cookie can.
/// </summary>
public static class PlatformStorage
{
    /// <summary>
    /// The key a login's state is kept under: named by the state's random id (<see cref="LtiPD.Lti.Login.PendingLogins"/>), which
    /// is short and unique, rather than by the whole sealed state.
    /// </summary>
    public static string StateKey(string state) => "ltipd_state_" + state.Split('.', 2)[0];

    public static string OriginOf(Uri url) => url.GetLeftPart(UriPartial.Authority);
}

namespace LtiPD.Web.Features.Lti;

/// <summary>
/// LTI Client Side postMessages (platform storage): the tool frame asks the LMS window to keep a value
/// (lti.put_data) and later to give it back (lti.get_data). Messages go only to the platform's origin,
/// taken from its OIDC auth URL, and answers are accepted only from that origin — that check is what
/// ties the launch to the browser that started it when no cookie can.
/// </summary>
public static class PlatformStorage
{
    public static string StateKey(string state) => "ltipd_state_" + state;

    public static string OriginOf(Uri url) => url.GetLeftPart(UriPartial.Authority);
}

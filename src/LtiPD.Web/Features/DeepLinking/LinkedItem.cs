namespace LtiPD.Web.Features.DeepLinking;

/// <summary>
/// What a link created by our deep-linking response carries. The platform sends the custom parameters back on every launch of
/// the link (LTI Core 1.3 §5.4.6), which is how a later launch opens exactly the chosen item.
/// </summary>
public static class LinkedItem
{
    public const string InstrumentParameter = "ltipd_instrument";

    /// <summary>Names the micro-credential module a link opens (its code).</summary>
    public const string ModuleParameter = "ltipd_module";

    /// <summary>The AGS tag (AGS 2.0 §3.2.6) on every line item we ask the platform to create, so ours are told apart.</summary>
    public const string LineItemTag = "ltipd";
}

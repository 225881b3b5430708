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

    /// <summary>The item a link's custom parameters name (an assessment or a module, never both), or null for any other link.</summary>
    public static (AttachedKind Kind, string Code)? Named(IReadOnlyDictionary<string, string>? custom) =>
        custom?.GetValueOrDefault(InstrumentParameter) is { Length: > 0 } instrument ? (AttachedKind.Assessment, instrument)
        : custom?.GetValueOrDefault(ModuleParameter) is { Length: > 0 } module ? (AttachedKind.Module, module)
        : null;
}

using System.ComponentModel.DataAnnotations;

namespace LtiPD.Web.Hosting;

/// <summary>Bound from "Tool". The public base URL is what LMS administrators register.</summary>
public sealed class ToolOptions : IValidatableObject
{
    public const string Section = "Tool";

    [Required, MaxLength(100)]
    public string Name { get; set; } = "LtiPD";

    /// <summary>
    /// The URL the LMS and browsers reach the tool at (behind a proxy: the public https address). Required outside
    /// Development, where it is the only source of the tool's announced URLs and of the allowed Host name; in
    /// Development, when empty, each request's own scheme and host are used.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(PublicBaseUrl)
            && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query)))
            yield return new ValidationResult("Tool:PublicBaseUrl must be an absolute http(s) URL without a query, e.g. https://ltipd.example.edu.", [nameof(PublicBaseUrl)]);
    }
}

/// <summary>Bound from "Admin".</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The shared secret that opens the admin pages. Required outside Development (16+ characters).</summary>
    public string? Secret { get; set; }
}

namespace LtiPD.Web;

/// <summary>Marker for the UI texts in Resources/SharedResource{,.ru,.kk}.resx (English is the fallback).</summary>
public sealed class SharedResource;

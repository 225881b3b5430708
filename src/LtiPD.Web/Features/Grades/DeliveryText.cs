using System.Globalization;
using LtiPD.Data.Entities;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Grades;

/// <summary>What the pages say about one grade's way to the LMS, in the reader's language.</summary>
public static class DeliveryText
{
    /// <summary>The sentence a teacher reads under a result or a completed module.</summary>
    public static LocalizedString Status(GradeDeliveryEntity delivery, IStringLocalizer t) => (DeliveryStatus)delivery.Status switch
    {
        DeliveryStatus.Sent => t["Grades.Sent"],
        DeliveryStatus.Failed when delivery.LastError == GradeDispatcher.NoColumn => t["Grades.NoColumn"],
        DeliveryStatus.Failed => t["Grades.Refused", delivery.LastError ?? ""],
        DeliveryStatus.NotGradable => t["Grades.NotGradable"],
        _ => t["Grades.Waiting", delivery.Tries, delivery.NextAttemptAt.ToString("g", CultureInfo.CurrentCulture)],
    };

    /// <summary>Why a delivery failed, for the lists of course designers and administrators: the LMS's words, or the tool's own reason.</summary>
    public static LocalizedString Failure(GradeDeliveryEntity delivery, IStringLocalizer t) =>
        delivery.LastError == GradeDispatcher.NoColumn ? t["Grades.NoColumn"] : t["Grades.Failed", delivery.LastError ?? ""];
}

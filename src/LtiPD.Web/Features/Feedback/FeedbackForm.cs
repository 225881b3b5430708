using LtiPD.Data.Entities;

namespace LtiPD.Web.Features.Feedback;

/// <summary>What the module page's feedback form needs: where to post, the teacher's current answers, and whether they were just saved.</summary>
public sealed record FeedbackForm(string SessionId, string ModuleCode, ModuleFeedbackEntity? Current, bool JustSaved)
{
    public int? Rating(FeedbackQuestion question) => Current is null ? null : question switch
    {
        FeedbackQuestion.Useful => Current.Useful,
        FeedbackQuestion.Relevant => Current.Relevant,
        _ => Current.Recommend,
    };
}

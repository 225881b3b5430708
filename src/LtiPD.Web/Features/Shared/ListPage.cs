namespace LtiPD.Web.Features.Shared;

/// <summary>
/// One page of a long list (a cohort of 2,000, a review queue): the rows shown and where they sit in the whole, so a page
/// renders a fixed number of rows whatever the course's size. A page number out of range shows the nearest page.
/// </summary>
public sealed record ListPage<T>(IReadOnlyList<T> Rows, int Number, int Count, int Total)
{
    public const int Size = 50;

    public bool HasPrevious => Number > 1;

    public bool HasNext => Number < Count;

    public static ListPage<T> Of(IReadOnlyList<T> all, int requested)
    {
        ArgumentNullException.ThrowIfNull(all);
        var count = Math.Max(1, (all.Count + Size - 1) / Size);
        var number = Math.Clamp(requested, 1, count);
        return new(all.Skip((number - 1) * Size).Take(Size).ToList(), number, count, all.Count);
    }
}

/// <summary>What the pager partial needs: the page and the address of another page of the same list.</summary>
public sealed record PagerView(int Number, int Count, Func<int, string> Link);

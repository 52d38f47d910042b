namespace Allnimall.Marketing.Core.Segments;

/// <summary>The usual named RFM groups, from the recency (R) and frequency (F) quintile scores.</summary>
public enum RfmGroup { Champions, LoyalCustomers, PotentialLoyalists, NewCustomers, Promising, NeedAttention, AboutToSleep, AtRisk, CannotLoseThem, Hibernating }

public static class RfmGroups
{
    /// <summary>
    /// The R × F grid most RFM tools use. Rows are checked in order; the first match names the group, so every
    /// (R, F) pair of scores 1–5 has exactly one group.
    /// </summary>
    public static readonly IReadOnlyList<(RfmGroup Group, int MinR, int MaxR, int MinF, int MaxF)> Grid =
    [
        (RfmGroup.Champions, 5, 5, 4, 5),
        (RfmGroup.Champions, 4, 4, 5, 5),
        (RfmGroup.CannotLoseThem, 1, 1, 5, 5),
        (RfmGroup.AtRisk, 1, 2, 3, 5),
        (RfmGroup.NeedAttention, 3, 3, 3, 3),
        (RfmGroup.LoyalCustomers, 3, 4, 3, 5),
        (RfmGroup.NewCustomers, 5, 5, 1, 1),
        (RfmGroup.Promising, 4, 4, 1, 1),
        (RfmGroup.PotentialLoyalists, 4, 5, 2, 3),
        (RfmGroup.AboutToSleep, 3, 3, 1, 2),
        (RfmGroup.Hibernating, 1, 2, 1, 2),
    ];

    public static RfmGroup Classify(int r, int f) =>
        Grid.First(g => r >= g.MinR && r <= g.MaxR && f >= g.MinF && f <= g.MaxF).Group;
}

namespace Allnimall.Marketing.Core.Messaging;

/// <summary>How an SMS text is split into billable segments.</summary>
/// <param name="Encoding">GSM-7 when every character is in the GSM 03.38 alphabet, otherwise UCS-2.</param>
/// <param name="Units">Characters as the network counts them: GSM extension characters (€, [, …) take two.</param>
public sealed record SmsSegments(SmsEncoding Encoding, int Units, int Segments, int PerSegment)
{
    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Gsm7Extension = "^{}\\[~]|€\f";

    /// <summary>Counts <paramref name="text"/>: GSM-7 160 per single message, 153 per part; UCS-2 70, 67 per part.</summary>
    public static SmsSegments Count(string? text)
    {
        text ??= "";
        var units = 0;
        var gsm = true;
        foreach (var c in text)
        {
            if (Gsm7Basic.Contains(c)) units++;
            else if (Gsm7Extension.Contains(c)) units += 2;
            else { gsm = false; break; }
        }
        if (!gsm)
        {
            // UCS-2 counts UTF-16 code units: an emoji (a surrogate pair) takes two.
            units = text.Length;
            return Build(SmsEncoding.Ucs2, units, 70, 67);
        }
        return Build(SmsEncoding.Gsm7, units, 160, 153);
    }

    private static SmsSegments Build(SmsEncoding encoding, int units, int single, int multi) =>
        units <= single
            ? new(encoding, units, units == 0 ? 0 : 1, single)
            : new(encoding, units, (units + multi - 1) / multi, multi);
}

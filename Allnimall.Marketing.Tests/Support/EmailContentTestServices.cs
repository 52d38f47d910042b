using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Email.Content;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Support;

public static class EmailContentTestServices
{
    /// <summary>The composer the app builds (renderer over the database, the sanitiser), in rupiah.</summary>
    public static EmailContentComposer Composer(IDbContextFactory<MarketingDbContext> database, MessageTemplateRenderer liquid)
    {
        var sanitizer = new EmailHtmlSanitizer();
        return new EmailContentComposer(new EmailDocumentRenderer(database, sanitizer, CurrencyOptions.Idr), sanitizer, liquid);
    }
}

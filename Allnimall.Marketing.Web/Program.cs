using Allnimall.Marketing.Core;
using Allnimall.Marketing.Web.Api;
using Allnimall.Marketing.Web.Components;
using Allnimall.Marketing.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddMarketingCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.AddMarketingWeb();

var app = builder.Build();

await app.InitializeDatabaseAsync();

app.UseMarketingPipeline();
app.MapMarketingApi();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .RequireAuthorization();
app.MapAdditionalIdentityEndpoints();
app.UseMarketingSchedules();

app.Run();

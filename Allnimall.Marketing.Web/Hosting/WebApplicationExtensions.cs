using Allnimall.Marketing.Core.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace Allnimall.Marketing.Web.Hosting;

public static class WebApplicationExtensions
{
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        // Demo data is for Development only unless configured otherwise (tests seed accounts without the store).
        var isDevelopment = app.Environment.IsDevelopment();
        var demo = new DemoSeedOptions(
            Accounts: app.Configuration.GetValue("Demo:Accounts", isDevelopment),
            Store: app.Configuration.GetValue("Demo:Store", isDevelopment));
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(demo);
    }

    public static WebApplication UseMarketingPipeline(this WebApplication app)
    {
        app.UseMarketingSecurityHeaders();
        // API errors are problem details without stack traces; page errors go to /Error.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            },
            ExceptionHandler = async context =>
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                    await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context });
                    return;
                }
                context.Response.Redirect("/Error");
            },
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Request.Path.StartsWithSegments("/api"))
                await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(new ProblemDetailsContext { HttpContext = http });
        });
        // Pages get the not-found page; API responses keep their problem details (a re-executed PUT would turn into a 405).
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the status-code pages, so that a re-executed /not-found is matched to its (anonymous) page.
        app.UseRouting();
        app.UseRateLimiter(); // after routing: the public email endpoints name their policies
        app.UseFirstRunSetupGate();

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        // Any other path is a plain 404 for everyone; without this the fallback policy would send anonymous callers
        // to the login page for paths that do not exist (appsettings.json, .env, the database file…).
        app.MapFallback("{*path}", () => Results.NotFound()).AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}

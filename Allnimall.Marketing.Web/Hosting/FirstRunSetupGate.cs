using Allnimall.Marketing.Core.Identity;

namespace Allnimall.Marketing.Web.Hosting;

/// <summary>
/// <c>/setup</c> exists only while no account does: otherwise GET and POST alike get the plain 404, before the page
/// (and its form handling) runs. The page re-checks under a lock, for two visitors racing each other.
/// </summary>
public static class FirstRunSetupGate
{
    public const string Path = "/setup";

    public static WebApplication UseFirstRunSetupGate(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase), setup => setup.Use(
            async (context, next) =>
            {
                var firstRun = context.RequestServices.GetRequiredService<FirstRunSetupService>();
                if (await firstRun.IsOpenAsync(context.RequestAborted))
                {
                    await next(context);
                    return;
                }
                context.SetEndpoint(null);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }));
        return app;
    }
}

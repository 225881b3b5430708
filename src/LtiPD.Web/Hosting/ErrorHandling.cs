using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Diagnostics;

namespace LtiPD.Web.Hosting;

/// <summary>
/// The last line of defence: malformed requests that the framework rejects before our code runs
/// (a body over the limit, a broken form) are answered with their 4xx and a stable code, never a 500; every status
/// without a body of its own gets the refusal page in the reader's language.
/// </summary>
public static class ErrorHandling
{
    public static WebApplication UseToolErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            ExceptionHandler = context =>
            {
                var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var status = error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
                return RefusalPage.WriteAsync(context, RefusalPage.ForStatus(context, status), context.RequestAborted);
            },
        });
        // A status with no body (an address no page has, a method a page does not take) gets its page too, in the
        // reader's language, instead of the browser's blank one.
        app.UseStatusCodePages(context => context.HttpContext.Response.StatusCode >= 400
            ? RefusalPage.WriteAsync(context.HttpContext, RefusalPage.ForStatus(context.HttpContext, context.HttpContext.Response.StatusCode),
                context.HttpContext.RequestAborted)
            : Task.CompletedTask);
        return app;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // The development platform simulator is another party (an LMS) that only shares our process.
            if (context.Request.Path.StartsWithSegments(Features.Dev.DevSimulator.Prefix))
                return next();
            var headers = context.Response.Headers;
            // frame-ancestors *: the tool lives inside LMS iframes on any university's domain. Hangfire's dashboard (admins
            // only) sets inline styles from its scripts (its charts and tooltips); nothing else of the tool needs them.
            var styles = context.Request.Path.StartsWithSegments(Features.Jobs.JobsServices.DashboardPath) ? "'self' 'unsafe-inline'" : "'self'";
            headers.ContentSecurityPolicy = $"default-src 'self'; script-src 'self'; style-src {styles}; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors *";
            headers.XContentTypeOptions = "nosniff";
            // Session references travel in URLs; never leak them to other sites.
            headers["Referrer-Policy"] = "no-referrer";
            return next();
        });
        return app;
    }
}

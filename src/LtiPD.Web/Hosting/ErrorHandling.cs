using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Diagnostics;

namespace LtiPD.Web.Hosting;

/// <summary>
/// The last line of defence: malformed requests that the framework rejects before our code runs
/// (a body over the limit, a broken form) are answered with their 4xx and a stable code, never a 500.
/// </summary>
public static class ErrorHandling
{
    public static WebApplication UseToolErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            ExceptionHandler = async context =>
            {
                var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var (code, message) = error switch
                {
                    BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ("body_too_large", "The request is larger than this tool accepts."),
                    BadHttpRequestException => ("bad_request", "The request could not be read."),
                    _ => ("internal_error", "Something went wrong in the tool. The error was logged; please try again."),
                };
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(
                    $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error · LtiPD</title></head><body><main><h1>Request refused</h1><p>{HtmlEncoder.Default.Encode(message)}</p><p>Error code: <code id=\"error-code\">{code}</code></p></main></body></html>");
            },
        });
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
            // frame-ancestors *: the tool lives inside LMS iframes on any university's domain.
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors *";
            headers.XContentTypeOptions = "nosniff";
            // Session references travel in URLs; never leak them to other sites.
            headers["Referrer-Policy"] = "no-referrer";
            return next();
        });
        return app;
    }
}

using LtiPD.Data;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Cohort;
using LtiPD.Web.Features.Credentials;
using LtiPD.Web.Features.DeepLinking;
using LtiPD.Web.Features.Development;
using LtiPD.Web.Features.Dev;
using LtiPD.Web.Features.Feedback;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Features.Jobs;
using LtiPD.Web.Features.Modules;
using LtiPD.Web.Features.Registration;
using LtiPD.Web.Features.Roster;
using LtiPD.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddToolOptions();
builder.AddSessionLogRedaction();
builder.AddReverseProxy();
builder.AddRateLimits();
builder.Services.AddLtiPdData();
builder.AddToolDataProtection();
builder.AddLaunchServices();
builder.AddRegistration();
builder.AddAssessments();
builder.AddModules();
builder.AddDevelopment();
builder.AddFeedback();
builder.AddCredentials();
builder.AddRoster();
builder.AddCohort();
builder.AddGrades();
builder.AddDeepLinking();
builder.AddJobs();
builder.AddToolPages();
builder.AddDevSimulator();

var app = builder.Build();
await app.Services.PrepareDatabaseAsync();

if (ToolCommands.IsCommand(args))
    return await ToolCommands.RunAsync(app.Services, args, Console.Out);

app.UseToolPipeline();
app.MapToolEndpoints();
app.MapJobsDashboard();
app.MapDevSimulator();
app.PrintWelcomeOnStart();
await app.RunAsync();
return 0;

/// <summary>Exposed for the integration tests' WebApplicationFactory.</summary>
public partial class Program;

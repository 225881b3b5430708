using LtiPD.Lti.Login;

namespace LtiPD.Lti.Tests.Login;

public sealed class LoginInitiationTests
{
    private static LoginInitiationParse Parse(Dictionary<string, string> values) =>
        LoginInitiation.Parse(name => values.GetValueOrDefault(name));

    [Fact]
    public void ReadsMoodlesParameters()
    {
        var parsed = Parse(new()
        {
            ["iss"] = "http://127.0.0.1:8300", ["target_link_uri"] = "http://127.0.0.1:8400/lti/launch", ["login_hint"] = "3",
            ["lti_message_hint"] = "{\"cmid\":2}", ["client_id"] = "mlgNgu4CnoI1lWD", ["lti_deployment_id"] = "1",
        });

        Assert.Null(parsed.Error);
        Assert.Equal(new LoginInitiation("http://127.0.0.1:8300", "3", new Uri("http://127.0.0.1:8400/lti/launch"), "{\"cmid\":2}", "mlgNgu4CnoI1lWD", "1", null), parsed.Login);
    }

    [Fact]
    public void ReadsCanvasDeploymentIdAndTheStorageTarget()
    {
        var parsed = Parse(new()
        {
            ["iss"] = "https://canvas.instructure.com", ["target_link_uri"] = "https://tool.example/lti/launch", ["login_hint"] = "abc",
            ["deployment_id"] = "12:abc", ["lti_storage_target"] = "post_message_forwarding",
        });

        Assert.Equal("12:abc", parsed.Login!.DeploymentId);
        Assert.Equal("post_message_forwarding", parsed.Login.StorageTarget);
        Assert.Null(parsed.Login.ClientId);
    }

    [Fact]
    public void NamesEveryMissingRequiredParameter()
    {
        var parsed = Parse(new() { ["lti_message_hint"] = "x" });

        Assert.Equal(LtiErrorCodes.LoginParameterMissing, parsed.Error!.Code);
        Assert.Contains("iss, login_hint, target_link_uri", parsed.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative")]
    [InlineData("ftp://files.example/x")]
    public void RefusesATargetLinkUriThatIsNotAWebAddress(string target)
    {
        var parsed = Parse(new() { ["iss"] = "https://lms", ["login_hint"] = "1", ["target_link_uri"] = target });

        Assert.Equal(LtiErrorCodes.LoginParameterMissing, parsed.Error!.Code);
    }
}

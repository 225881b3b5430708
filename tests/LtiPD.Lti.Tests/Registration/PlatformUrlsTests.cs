using LtiPD.Lti.Registration;

namespace LtiPD.Lti.Tests.Registration;

public sealed class PlatformUrlsTests
{
    [Theory]
    [InlineData("https://moodle.example.edu/.well-known/openid-configuration", "https://moodle.example.edu", true)]
    [InlineData("https://MOODLE.example.edu:443/mod/lti/openid-configuration.php", "https://moodle.example.edu", true)]
    [InlineData("https://moodle.example.edu/moodle/mod/lti/openid-configuration.php", "https://moodle.example.edu/moodle", true)]
    // Text-prefix tricks: each starts with the issuer's text, none is served by the issuer.
    [InlineData("https://moodle.example.edu.evil.example/.well-known/openid-configuration", "https://moodle.example.edu", false)]
    [InlineData("https://moodle.example.edu:8443/.well-known/openid-configuration", "https://moodle.example.edu", false)]
    [InlineData("http://moodle.example.edu/.well-known/openid-configuration", "https://moodle.example.edu", false)]
    [InlineData("https://evil.example/.well-known/openid-configuration", "https://moodle.example.edu", false)]
    public void TheIssuerOwnsOnlyConfigurationsServedFromItsOwnOrigin(string configuration, string issuer, bool owns) =>
        Assert.Equal(owns, PlatformUrls.IssuerOwnsConfiguration(new Uri(issuer), new Uri(configuration)));

    [Theory]
    [InlineData("https://canvas.instructure.com", "https://sso.canvaslms.com/api/lti/security/openid-configuration", true)]
    [InlineData("https://canvas.instructure.com", "https://school.instructure.com/api/lti/security/openid-configuration", true)]
    [InlineData("https://canvas.beta.instructure.com", "https://sso.beta.canvaslms.com/api/lti/security/openid-configuration", true)]
    [InlineData("https://canvas.test.instructure.com", "https://school.test.instructure.com/api/lti/security/openid-configuration", true)]
    [InlineData("https://canvas.instructure.com", "https://school.instructure.com.evil.example/api/lti/security/openid-configuration", false)]
    [InlineData("https://canvas.instructure.com", "https://evilinstructure.com/api/lti/security/openid-configuration", false)]
    [InlineData("https://canvas.instructure.com", "http://school.instructure.com/api/lti/security/openid-configuration", false)]
    [InlineData("https://canvas.instructure.com", "https://school.instructure.com:8443/api/lti/security/openid-configuration", false)]
    [InlineData("https://canvas.beta.instructure.com", "https://sso.canvaslms.com/api/lti/security/openid-configuration", false)]
    // A self-hosted Canvas is its own issuer, under the general rule.
    [InlineData("https://canvas.university.example", "https://sso.canvaslms.com/api/lti/security/openid-configuration", false)]
    public void InstructureHostedCanvasIssuersAcceptTheirDocumentedConfigurationHostsOnly(string issuer, string configuration, bool owns) =>
        Assert.Equal(owns, PlatformUrls.IssuerOwnsConfiguration(new Uri(issuer), new Uri(configuration)));

    [Theory]
    [InlineData("https://moodle.example.edu@evil.example/.well-known/openid-configuration")]
    [InlineData("https://user:secret@moodle.example.edu/.well-known/openid-configuration")]
    [InlineData("http://moodle.example.edu/.well-known/openid-configuration")]
    [InlineData("ftp://moodle.example.edu/config")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://moodle.example.edu/config#fragment")]
    [InlineData("/relative/config")]
    [InlineData("")]
    public void UrlsWithUserInfoOtherSchemesOrNoHostAreRefused(string url) =>
        Assert.Null(PlatformUrls.Parse(url, allowLoopbackHttp: true));

    [Theory]
    [InlineData("http://127.0.0.1:8080/config", true, true)]
    [InlineData("http://[::1]:8080/config", true, true)]
    [InlineData("http://127.0.0.1:8080/config", false, false)]
    [InlineData("http://10.0.0.5/config", true, false)]
    [InlineData("https://moodle.example.edu/mod/lti/auth.php", false, true)]
    public void PlainHttpIsAcceptedOnlyForLoopbackAndOnlyWhenAllowed(string url, bool allowLoopbackHttp, bool accepted) =>
        Assert.Equal(accepted, PlatformUrls.Parse(url, allowLoopbackHttp) is not null);

    [Theory]
    [InlineData("https://moodle.example.edu", true)]
    [InlineData("https://moodle.example.edu/moodle", true)]
    [InlineData("https://moodle.example.edu?tenant=2", false)]
    [InlineData("https://moodle.example.edu@evil.example", false)]
    public void AnIssuerHasNoQueryNoFragmentAndNoUserInfo(string issuer, bool accepted) =>
        Assert.Equal(accepted, PlatformUrls.ParseIssuer(issuer, allowLoopbackHttp: false) is not null);
}

using System.Security.Cryptography;
using LtiPD.PlatformSimulator.Protocol;
using LtiPD.PlatformSimulator.Security;
using LtiPD.PlatformSimulator.State;
using Microsoft.AspNetCore.Http;

namespace LtiPD.PlatformSimulator;

/// <summary>
/// All state of one simulated LMS: its keys, users, course, resource links, gradebook, issued tokens and registrations.
/// Thread-safe; the endpoints (<see cref="SimulatorEndpoints"/>) are a thin HTTP layer over it.
/// </summary>
public sealed class SimulatedPlatform
{
    private static readonly TimeSpan RegistrationTokenLifetime = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly PlatformKeyRing _keys = new();
    private readonly IdTokenComposer _composer;
    private readonly List<SimResourceLink> _links;
    private readonly List<SimUser> _users;
    private readonly Dictionary<string, SimUser> _usersBySub;
    private readonly List<SimRegistration> _registrations = [];
    private readonly List<SimDeepLinkingResponse> _deepLinkingResponses = [];
    private readonly OneTimeValues _registrationTokens = new();
    private readonly OneTimeValues _deepLinkingData = new();
    private string? _baseUrl;
    private int _addedLearners;
    private volatile string _clientId;
    private volatile ToolRegistration? _tool;

    public SimulatedPlatform(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ClientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DeploymentId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.IdTokenLifetime, TimeSpan.Zero);
        Options = options;
        _clientId = options.ClientId;
        _composer = new IdTokenComposer(this);
        Gradebook = new Gradebook(LineItemUrl);
        JwtValidator = new ToolJwtValidator(new ToolKeyResolver());

        // The people and course of the Moodle fixtures; "Teacher" is the PD participant, so an LTI Learner.
        Teacher = new SimUser("4", "Sam Student", "Sam", "Student", "student1@example.com", [LtiRoles.Learner]);
        Designer = new SimUser("3", "Terry Teacher", "Terry", "Teacher", "teacher1@example.com", [LtiRoles.Instructor]);
        Administrator = new SimUser("2", "Admin User", "Admin", "User", "admin@example.com", [LtiRoles.InstitutionAdministrator, LtiRoles.Instructor]);
        _users =
        [
            Teacher, Designer, Administrator,
            Learner("5", "Ana", "Costa", 2), Learner("6", "Ben", "Okafor", 3), Learner("7", "Chen", "Wei", 4),
            Learner("8", "Dana", "Novak", 5), Learner("9", "Eli", "Haddad", 6),
        ];
        _usersBySub = _users.ToDictionary(user => user.Sub, StringComparer.Ordinal);
        Course = new SimContext("2", "LTI101", "LTI Test Course");
        _links =
        [
            new SimResourceLink("1", "LTI Activity (existing window)", null, new Dictionary<string, string> { ["activity_param"] = "act_value" }),
            new SimResourceLink("2", "LTI Activity (embed)", null, new Dictionary<string, string> { ["activity_param"] = "embed_value" }),
        ];
    }

    public SimulatorOptions Options { get; }

    public PlatformFlavor Flavor => Options.Flavor;

    public TimeProvider TimeProvider => Options.TimeProvider;

    /// <summary>True once the base URL is known (<see cref="Attach"/>).</summary>
    public bool IsAttached => Volatile.Read(ref _baseUrl) is not null;

    /// <summary>Where the endpoints are served, e.g. "http://127.0.0.1:41234" or "http://127.0.0.1:5080/dev/platform".</summary>
    public Uri BaseUrl => new(BaseUrlText);

    /// <summary>The <c>iss</c> of every id_token: <see cref="SimulatorOptions.Issuer"/> when set, otherwise the base URL.</summary>
    public string Issuer => Options.Issuer ?? BaseUrlText;

    /// <summary>The tool's client_id; after a Dynamic Registration, the one issued then.</summary>
    public string ClientId => _clientId;

    public string DeploymentId => Options.DeploymentId;

    public Uri AuthUrl => Url("/auth");

    public Uri TokenUrl => Url("/token");

    public Uri JwksUrl => Url("/jwks");

    public Uri OpenIdConfigurationUrl => Url("/.well-known/openid-configuration");

    public Uri RegistrationUrl => Url("/register");

    public Uri DeepLinkingReturnUrl => Url("/deeplinking/return");

    /// <summary>The AGS line-item container of the course; Moodle adds its tool type as <c>?type_id=</c>.</summary>
    public Uri LineItemsUrl => Url($"/ags/{Course.Id}/lineitems{MoodleTypeQuery}");

    public Uri MembershipsUrl => Url($"/nrps/{Course.Id}/memberships");

    /// <summary>The tool as configured on the platform; null until set or registered.</summary>
    public ToolRegistration? Tool
    {
        get => _tool;
        set => _tool = value;
    }

    public SimUser Teacher { get; }

    public SimUser Designer { get; }

    public SimUser Administrator { get; }

    public SimContext Course { get; }

    /// <summary>Course members: the three named users and five more learners (enough for NRPS paging), then any <see cref="AddLearners"/> made.</summary>
    public IReadOnlyList<SimUser> Users
    {
        get
        {
            lock (_gate)
            {
                return [.. _users];
            }
        }
    }

    /// <summary>Links placed in the course: two at start (as in the fixtures) and those a deep-linking response created.</summary>
    public IReadOnlyList<SimResourceLink> ResourceLinks
    {
        get
        {
            lock (_gate)
            {
                return [.. _links];
            }
        }
    }

    public SimulatorRecorder Recorder { get; } = new();

    public FaultPlan Faults { get; } = new();

    /// <summary>Offer platform storage (<c>lti_storage_target</c>) in login initiations unless the launch page says otherwise.</summary>
    public bool StorageEnabled { get; set; }

    public IReadOnlyList<SimLineItem> LineItems => Gradebook.LineItems;

    /// <summary>
    /// A column the platform made itself, as Moodle and Canvas do when a course designer saves an activity created through
    /// deep linking with a lineItem (Deep Linking 2.0 §3.3) for a resource link.
    /// </summary>
    public SimLineItem AddLineItem(string label, double scoreMaximum, string? resourceId, string? tag, string? resourceLinkId) =>
        Gradebook.Create(new LineItemFields(label, scoreMaximum, resourceId, tag, resourceLinkId, null, null));

    public IReadOnlyList<SimScore> Scores => Gradebook.Scores;

    /// <summary>Client registrations posted by tools (Dynamic Registration §3.5), in order.</summary>
    public IReadOnlyList<SimRegistration> Registrations
    {
        get
        {
            lock (_gate)
            {
                return [.. _registrations];
            }
        }
    }

    /// <summary>Deep-linking responses the tool sent back (Deep Linking §4.5), in order.</summary>
    public IReadOnlyList<SimDeepLinkingResponse> DeepLinkingResponses
    {
        get
        {
            lock (_gate)
            {
                return [.. _deepLinkingResponses];
            }
        }
    }

    internal Gradebook Gradebook { get; }

    internal AccessTokenStore AccessTokens { get; } = new();

    internal OneTimeValues AssertionIds { get; } = new();

    internal OneTimeValues DeepLinkingNonces { get; } = new();

    internal ToolJwtValidator JwtValidator { get; }

    internal string CurrentKeyId => _keys.Current.KeyId;

    internal string PlatformGuid { get; } = RandomNumberGenerator.GetHexString(32, lowercase: true);

    private string BaseUrlText => Volatile.Read(ref _baseUrl)
        ?? throw new InvalidOperationException("The simulated platform has no base URL yet: start it with PlatformSimulatorHost or call Attach.");

    private string MoodleTypeQuery => Flavor == PlatformFlavor.Moodle ? $"?type_id={Uri.EscapeDataString(DeploymentId)}" : "";

    /// <summary>Tells the platform where its endpoints are served. Called by the host; a second call must name the same URL.</summary>
    public void Attach(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The base URL must be absolute.", nameof(baseUrl));
        }

        var text = baseUrl.AbsoluteUri.TrimEnd('/');
        var previous = Interlocked.CompareExchange(ref _baseUrl, text, null);
        if (previous is not null && previous != text)
        {
            throw new InvalidOperationException($"The simulated platform is already attached at {previous}.");
        }
    }

    /// <summary>Lazily learns the base URL from the first request when the host did not call <see cref="Attach"/>; the first request wins.</summary>
    internal void AttachFrom(HttpRequest request, string prefix)
    {
        if (!IsAttached)
        {
            // Kestrel has already validated the Host header, so the URL parses.
            var seen = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{prefix}");
            Interlocked.CompareExchange(ref _baseUrl, seen.AbsoluteUri.TrimEnd('/'), null);
        }
    }

    /// <summary>The platform's public keys as a JWKS document.</summary>
    public string JwksJson() => _keys.JwksJson();

    /// <summary>A new signing key (new kid) becomes current; earlier keys stay published.</summary>
    public void RotateKey() => _keys.Rotate();

    /// <summary>Signs the draft as <see cref="IdTokenDraft.Signing"/> says.</summary>
    public string SignIdToken(IdTokenDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return JwtWriter.Write(draft, _keys);
    }

    /// <summary>Claims for a launch by <paramref name="user"/> through the first resource link (opened in the window), or a deep-linking request.</summary>
    public IdTokenDraft DraftIdToken(SimUser user, string nonce, LaunchKind kind = LaunchKind.ResourceLink, string? targetLinkUri = null) =>
        DraftIdToken(user, nonce, kind, targetLinkUri, LaunchPresentation.Window);

    /// <summary>
    /// Claims for a launch, fresh iat/exp. A resource-link launch uses <paramref name="resourceLinkId"/> or the default link of the
    /// presentation ("1" for the window, "2" embedded, as in the fixtures), and creates that link's line item if it has none.
    /// </summary>
    public IdTokenDraft DraftIdToken(
        SimUser user, string nonce, LaunchKind kind, string? targetLinkUri, LaunchPresentation presentation, string? resourceLinkId = null,
        string? locale = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        var link = kind == LaunchKind.ResourceLink ? ResolveLink(resourceLinkId, presentation) : null;
        var target = targetLinkUri is not null ? new Uri(targetLinkUri) : DefaultTargetLinkUri(kind, link);
        return _composer.Compose(new LaunchRequest(user, nonce, kind, presentation, link, target, locale ?? "en"));
    }

    /// <summary>A bearer token for AGS/NRPS without going through the token endpoint (for tests of the services alone).</summary>
    public string IssueAccessToken(IEnumerable<string> scopes) =>
        AccessTokens.Issue(scopes.ToList(), TimeProvider.GetUtcNow()).Value;

    /// <summary>A registration token for Dynamic Registration (§3.3), usable once within an hour.</summary>
    public string IssueRegistrationToken()
    {
        var token = RandomNumberGenerator.GetHexString(40, lowercase: true);
        var now = TimeProvider.GetUtcNow();
        _registrationTokens.TryRemember(token, now + RegistrationTokenLifetime, now);
        return token;
    }

    /// <summary>The course page that launches the tool (see the launch endpoint's query parameters).</summary>
    public Uri LaunchPageUrl(
        string user = "teacher", LaunchKind kind = LaunchKind.ResourceLink, LaunchPresentation presentation = LaunchPresentation.Window, bool? storage = null,
        string? locale = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["user"] = user,
            ["kind"] = kind == LaunchKind.DeepLinking ? LaunchHint.DeepLinkingKind : LaunchHint.ResourceKind,
            ["presentation"] = presentation == LaunchPresentation.Iframe ? LaunchHint.IframePresentation : LaunchHint.WindowPresentation,
        };
        if (storage is { } offered)
        {
            query["storage"] = offered ? "1" : "0";
        }

        if (locale is not null)
        {
            query["locale"] = locale;
        }

        return Url("/launch" + QueryString.Create(query).Value);
    }

    /// <summary>The administrator page that runs Dynamic Registration against the tool's registration URL.</summary>
    public Uri RegisterToolPageUrl(Uri toolRegistrationUrl)
    {
        ArgumentNullException.ThrowIfNull(toolRegistrationUrl);
        return Url("/register-tool" + QueryString.Create("url", toolRegistrationUrl.AbsoluteUri).Value);
    }

    /// <summary>A user by launch-page name ("teacher", "designer", "admin") or by sub.</summary>
    public SimUser? FindUser(string nameOrSub) => nameOrSub switch
    {
        "teacher" => Teacher,
        "designer" => Designer,
        "admin" or "administrator" => Administrator,
        _ => FindMember(nameOrSub),
    };

    /// <summary>The course member with this sub, or null.</summary>
    public SimUser? FindMember(string sub)
    {
        lock (_gate)
        {
            return _usersBySub.GetValueOrDefault(sub);
        }
    }

    /// <summary>
    /// Enrols <paramref name="count"/> more learners (subs "L1", "L2", … continuing across calls), so a test can grade far more
    /// people than the fixtures' course holds: Moodle refuses a score for anyone who is not a member.
    /// </summary>
    public IReadOnlyList<SimUser> AddLearners(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            var added = new List<SimUser>(count);
            for (var i = 0; i < count; i++)
            {
                var number = ++_addedLearners;
                var n = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var user = new SimUser($"L{n}", $"Learner {n}", "Learner", n, $"learner{n}@example.com", [LtiRoles.Learner]);
                _users.Add(user);
                _usersBySub.Add(user.Sub, user);
                added.Add(user);
            }

            return added;
        }
    }

    public SimResourceLink? FindResourceLink(string id)
    {
        lock (_gate)
        {
            return _links.FirstOrDefault(link => link.Id == id);
        }
    }

    internal Uri Url(string relative) => new(BaseUrlText + relative);

    internal Uri LineItemUrl(int number) => Url($"/ags/{Course.Id}/lineitems/{number}/lineitem{MoodleTypeQuery}");

    internal Uri ReturnUrl(SimResourceLink link) => Url("/return" + QueryString.Create("link", link.Id).Value);

    internal SimLineItem LineItemFor(SimResourceLink link) => Gradebook.EnsureFor(link);

    internal SimResourceLink ResolveLink(string? resourceLinkId, LaunchPresentation presentation)
    {
        var id = resourceLinkId ?? (presentation == LaunchPresentation.Iframe ? "2" : "1");
        return FindResourceLink(id) ?? throw new ArgumentException($"No resource link '{id}' in the course.", nameof(resourceLinkId));
    }

    internal Uri DefaultTargetLinkUri(LaunchKind kind, SimResourceLink? link)
    {
        var tool = Tool ?? throw new InvalidOperationException("No tool is configured: set SimulatedPlatform.Tool or register the tool first.");
        return kind == LaunchKind.DeepLinking ? tool.DeepLinkingUrl ?? tool.LaunchUrl : link?.TargetLinkUri ?? tool.LaunchUrl;
    }

    internal bool IsLiveRegistrationToken(string token) => _registrationTokens.IsLive(token, TimeProvider.GetUtcNow());

    internal bool TryConsumeRegistrationToken(string token) => _registrationTokens.TryConsume(token, TimeProvider.GetUtcNow());

    internal string IssueDeepLinkingData()
    {
        var data = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var now = TimeProvider.GetUtcNow();
        _deepLinkingData.TryRemember(data, now + TimeSpan.FromHours(1), now);
        return data;
    }

    internal bool TryConsumeDeepLinkingData(string data) => _deepLinkingData.TryConsume(data, TimeProvider.GetUtcNow());

    /// <summary>Adopts a dynamically registered tool: it replaces any configured one and its client_id becomes the platform's.</summary>
    internal void Adopt(SimRegistration registration, ToolRegistration tool)
    {
        lock (_gate)
        {
            _registrations.Add(registration);
            _tool = tool;
            _clientId = registration.ClientId;
        }
    }

    internal SimResourceLink AddResourceLink(string title, Uri? targetLinkUri, IReadOnlyDictionary<string, string> custom)
    {
        lock (_gate)
        {
            var link = new SimResourceLink((_links.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), title, targetLinkUri, custom);
            _links.Add(link);
            return link;
        }
    }

    internal void AddDeepLinkingResponse(SimDeepLinkingResponse response)
    {
        lock (_gate)
        {
            _deepLinkingResponses.Add(response);
        }
    }

    private static SimUser Learner(string sub, string given, string family, int number) =>
        new(sub, $"{given} {family}", given, family, $"student{number}@example.com", [LtiRoles.Learner]);
}

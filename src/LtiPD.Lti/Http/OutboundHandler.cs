namespace LtiPD.Lti.Http;

/// <summary>
/// The request side of <see cref="OutboundHttpPolicy"/> (the scheme, before anything is sent) and its answer side (the size
/// cap, on whatever way the caller reads the body: buffered by HttpClient, as a string, as a stream).
/// </summary>
internal sealed class OutboundHandler(OutboundHttpPolicy policy) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri ?? throw new InvalidOperationException("An outbound request needs an absolute URL.");
        policy.CheckScheme(url);
        // HTTP/3 runs over QUIC, which does not pass through the connect-time address check: it is never asked for.
        if (request.Version.Major >= 3 || request.VersionPolicy == HttpVersionPolicy.RequestVersionOrHigher)
        {
            request.Version = request.Version.Major >= 3 ? System.Net.HttpVersion.Version20 : request.Version;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }
        var response = await base.SendAsync(request, cancellationToken);
        var cap = policy.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } announced && announced > cap)
        {
            response.Dispose();
            throw new OutboundRefusedException(OutboundRefusal.TooLarge,
                $"{url.Host} announced an answer of {announced} bytes, more than Outbound:MaxResponseBytes ({cap}).");
        }
        response.Content = new CappedContent(response.Content, cap, url.Host);
        return response;
    }

    /// <summary>The remote body, readable up to the cap; reading past it fails the call instead of growing without end.</summary>
    private sealed class CappedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly long _cap;
        private readonly string _host;

        public CappedContent(HttpContent inner, long cap, string host)
        {
            (_inner, _cap, _host) = (inner, cap, host);
            foreach (var header in inner.Headers)
                Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            await using var source = await CreateContentReadStreamAsync(cancellationToken);
            await source.CopyToAsync(stream, cancellationToken);
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            new CappedStream(await _inner.ReadAsStreamAsync(cancellationToken), _cap, _host);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _inner.Dispose();
            base.Dispose(disposing);
        }
    }

    private sealed class CappedStream(Stream inner, long cap, string host) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            _read += read;
            if (_read > cap)
                throw new OutboundRefusedException(OutboundRefusal.TooLarge,
                    $"The answer of {host} passed Outbound:MaxResponseBytes ({cap} bytes) and was cut off.");
            return read;
        }
    }
}

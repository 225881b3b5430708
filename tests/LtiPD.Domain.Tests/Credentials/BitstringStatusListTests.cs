using System.IO.Compression;
using LtiPD.Domain.Credentials;
using Base64Url = System.Buffers.Text.Base64Url;

namespace LtiPD.Domain.Tests.Credentials;

public sealed class BitstringStatusListTests
{
    [Fact]
    public void ANewListHasTheSpecsMinimumOf131072EntriesAllClear()
    {
        var list = new BitstringStatusList();

        Assert.Equal(131_072, list.Length);
        Assert.False(list[0]);
        Assert.False(list[131_071]);
    }

    [Fact]
    public void IndexZeroIsTheLeftMostBitOfTheFirstByte()
    {
        var list = new BitstringStatusList();
        list[0] = true;
        list[9] = true;

        var bytes = Expand(list.Encode());

        Assert.Equal(0b1000_0000, bytes[0]);
        Assert.Equal(0b0100_0000, bytes[1]);
        Assert.Equal(16 * 1024, bytes.Length);
    }

    [Fact]
    public void EncodingIsMultibaseBase64UrlOfGzipAndDecodesBackToTheSameBits()
    {
        var list = new BitstringStatusList();
        list[42] = true;
        list[131_071] = true;

        var encoded = list.Encode();
        var decoded = BitstringStatusList.Decode(encoded)!;

        Assert.StartsWith("u", encoded, StringComparison.Ordinal);
        Assert.DoesNotContain('=', encoded);
        Assert.True(decoded[42] && decoded[131_071]);
        Assert.False(decoded[41] || decoded[43]);
    }

    [Fact]
    public void AHandMadeListIsReadAsTheSpecDescribes()
    {
        var bits = new byte[16 * 1024];
        bits[2] = 0b0010_0000; // index 18
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(bits);

        var list = BitstringStatusList.Decode("u" + Base64Url.EncodeToString(buffer.ToArray()))!;

        Assert.True(list[18]);
        Assert.Equal(1, Enumerable.Range(0, list.Length).Count(i => list[i]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("H4sIAAAA")]
    [InlineData("u!!!")]
    [InlineData("uAAAA")]
    public void ANonListIsNotDecoded(string? encoded) => Assert.Null(BitstringStatusList.Decode(encoded));

    [Fact]
    public void AListShorterThanTheMinimumIsRefused()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(new byte[1024]);

        Assert.Null(BitstringStatusList.Decode("u" + Base64Url.EncodeToString(buffer.ToArray())));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitstringStatusList(1024));
    }

    private static byte[] Expand(string encoded)
    {
        using var gzip = new GZipStream(new MemoryStream(Base64Url.DecodeFromChars(encoded.AsSpan(1))), CompressionMode.Decompress);
        using var bits = new MemoryStream();
        gzip.CopyTo(bits);
        return bits.ToArray();
    }
}

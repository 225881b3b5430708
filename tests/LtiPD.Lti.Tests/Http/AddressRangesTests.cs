using System.Net;
using LtiPD.Lti.Http;

namespace LtiPD.Lti.Tests.Http;

public sealed class AddressRangesTests
{
    [Theory]
    [InlineData("93.184.216.34", AddressKind.Public)]
    [InlineData("8.8.8.8", AddressKind.Public)]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.255.254", AddressKind.Loopback)]
    [InlineData("10.0.0.1", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("172.32.0.1", AddressKind.Public)]
    [InlineData("192.168.10.10", AddressKind.Private)]
    [InlineData("169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("100.64.0.1", AddressKind.SharedAddressSpace)]
    [InlineData("100.127.255.255", AddressKind.SharedAddressSpace)]
    [InlineData("100.128.0.1", AddressKind.Public)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("0.1.2.3", AddressKind.Unspecified)]
    [InlineData("224.0.0.251", AddressKind.Multicast)]
    [InlineData("255.255.255.255", AddressKind.Reserved)]
    [InlineData("198.18.0.1", AddressKind.Reserved)]
    public void IPv4AddressesAreClassifiedByTheirRange(string address, AddressKind expected) =>
        Assert.Equal(expected, AddressRanges.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("2606:4700:4700::1111", AddressKind.Public)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("fc00::1", AddressKind.UniqueLocal)]
    [InlineData("fd12:3456::1", AddressKind.UniqueLocal)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("2001:db8::1", AddressKind.Reserved)]
    [InlineData("::127.0.0.1", AddressKind.Reserved)]
    public void IPv6AddressesAreClassifiedByTheirRange(string address, AddressKind expected) =>
        Assert.Equal(expected, AddressRanges.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("::ffff:10.0.0.1", AddressKind.Private)]
    [InlineData("::ffff:169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("::ffff:100.64.1.1", AddressKind.SharedAddressSpace)]
    [InlineData("::ffff:93.184.216.34", AddressKind.Public)]
    [InlineData("64:ff9b::a00:1", AddressKind.Private)]
    [InlineData("64:ff9b::5db8:d822", AddressKind.Public)]
    [InlineData("2002:7f00:1::1", AddressKind.Loopback)]
    public void IPv6FormsCarryingAnIPv4AddressAreJudgedByIt(string address, AddressKind expected) =>
        Assert.Equal(expected, AddressRanges.Classify(IPAddress.Parse(address)));
}

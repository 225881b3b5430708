using LtiPD.Domain.Competencies.Interchange;

namespace LtiPD.Domain.Tests.Competencies.Interchange;

public sealed class CsvTests
{
    [Fact]
    public void QuotedFieldsKeepCommasDoubledQuotesAndLineBreaksAndRecordsKnowTheirLine()
    {
        var (records, unterminated) = Csv.Parse("\uFEFFa,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",2,3\nlast,,\n");

        Assert.Null(unterminated);
        Assert.Equal(3, records.Count);
        Assert.Equal(["a", "b,c", "say \"hi\""], records[0].Fields);
        Assert.Equal(["multi\nline", "2", "3"], records[1].Fields);
        Assert.Equal(4, records[2].Line);
        Assert.Equal(["last", "", ""], records[2].Fields);
    }

    [Fact]
    public void WriteThenParseGivesTheSameFields()
    {
        string[] row = ["plain", "with, comma", "with \"quote\"", "two\nlines", " padded ", ""];

        var (records, _) = Csv.Parse(Csv.Write([row]));

        Assert.Equal(row, Assert.Single(records).Fields);
    }
}

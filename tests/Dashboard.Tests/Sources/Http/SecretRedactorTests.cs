using Dashboard.Sources.Http;

namespace Dashboard.Tests.Sources.Http;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Masks_whole_values_the_secret_part_and_its_escaped_form()
    {
        var redactor = new SecretRedactor();
        redactor.Add("Bearer {secret:TOKEN}", "Bearer tok en/1");

        Assert.Equal("got *** and ***", redactor.Redact("got Bearer tok en/1 and tok en/1"));
        Assert.Equal("url ?t=***", redactor.Redact("url ?t=tok%20en%2F1"));
    }

    [Fact]
    public void Leaves_very_short_values_alone()
    {
        var redactor = new SecretRedactor();
        redactor.Add("{secret:A}", "ab");

        Assert.Equal("abc", redactor.Redact("abc"));
    }
}

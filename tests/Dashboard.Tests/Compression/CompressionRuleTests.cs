using Dashboard.Compression;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Tests.Compression;

public sealed class CompressionRuleTests
{
    [Theory]
    [InlineData("/", false, false)]
    [InlineData("/d/sales", false, false)]
    [InlineData("/d/sales/panels/p1", false, false)]
    [InlineData("/status/404", false, false)]
    [InlineData("/administrator", false, false)]
    [InlineData("/admin", false, true)]
    [InlineData("/admin/sign-in", false, true)]
    [InlineData("/ADMIN/sources/s/edit", false, true)]
    [InlineData("/d/sales", true, true)]
    [InlineData("/", true, true)]
    public void Admin_pages_and_signed_in_viewers_may_carry_secrets(string path, bool signedIn, bool secret) =>
        Assert.Equal(secret, CompressionRule.MayCarrySecrets(new PathString(path), signedIn));
}

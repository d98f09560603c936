namespace Dashboard.Tests.Browser;

/// <summary>A test that drives Debian's Chromium (<see cref="BrowserFixture.ChromiumPath"/>) through Playwright:
/// skipped when Chromium is not installed, except under CI=true, where it runs and fails clearly instead of
/// passing unnoticed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    // xunit v2 has no dynamic skip, so the rule is applied when the attribute is created at discovery.
    public ChromiumFactAttribute() => Skip = BrowserFixture.SkipReason!;
}

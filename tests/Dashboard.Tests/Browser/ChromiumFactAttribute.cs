using System.Runtime.CompilerServices;

namespace Dashboard.Tests.Browser;

/// <summary>A test that drives Debian's Chromium (<see cref="BrowserFixture.ChromiumPath"/>) through Playwright:
/// skipped when Chromium is not installed, except under CI=true, where it runs and fails clearly instead of
/// passing unnoticed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    // The environment is known at discovery, so the skip is static (reported with its reason, never run).
    public ChromiumFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber) => Skip = BrowserFixture.SkipReason!;
}

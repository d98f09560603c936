using Microsoft.Extensions.Options;

namespace Dashboard.Hosting;

/// <summary>Start-up validation for options that list their own problems: every problem is reported at once.</summary>
public sealed class ProblemsValidation<TOptions>(Func<TOptions, IEnumerable<string>> problems) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var found = problems(options).ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}

using Microsoft.AspNetCore.ResponseCompression;

namespace Dashboard.Compression;

public static class CompressionServiceCollectionExtensions
{
    /// <summary>Brotli and gzip for responses that ask for it, at the fastest level (a page is compressed once per
    /// rendering: the page cache stores the compressed bytes). Both flush per streamed batch: the compressing body passes
    /// every flush of Blazor's renderer on as a Brotli/Deflate flush, so each batch leaves when it is ready.</summary>
    public static IServiceCollection AddDashboardCompression(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CompressionOptions>()
            .Bind(configuration.GetSection(CompressionOptions.Section))
            .Validate(o => o.MaxConcurrent is >= 0 and <= 10_000, $"{CompressionOptions.Section}:MaxConcurrent: must be between 0 (off) and 10000")
            .ValidateOnStart();
        services.AddSingleton(sp => new CompressionSlots(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<CompressionOptions>>().Value.MaxConcurrent));
        // Before AddResponseCompression, which only adds its own provider when none is registered.
        services.AddSingleton<IResponseCompressionProvider, SecretSafeCompressionProvider>();
        services.AddResponseCompression(options =>
        {
            // Safe over HTTPS because of the BREACH rule (CompressionRule): what may carry a secret is never compressed.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        // Brotli's fastest level loses to gzip's on a streamed page, which is flushed after every write; level 4
        // ("Optimal") costs a little more CPU per page (measured in bench/README.md) and wins on both kinds of page.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = System.IO.Compression.CompressionLevel.Optimal);
        return services;
    }
}

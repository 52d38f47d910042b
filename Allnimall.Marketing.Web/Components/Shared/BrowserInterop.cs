using Microsoft.JSInterop;

namespace Allnimall.Marketing.Web.Components.Shared;

/// <summary>Clipboard and file download for a component; create one per component and dispose it with the component.</summary>
public sealed class BrowserInterop(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? module;

    public async Task CopyTextAsync(string text) =>
        await (await ModuleAsync()).InvokeVoidAsync("copyText", text);

    /// <summary>Streams <paramref name="content"/> to the browser, which saves it as <paramref name="fileName"/>.</summary>
    public async Task DownloadAsync(string fileName, string contentType, byte[] content)
    {
        using var stream = new DotNetStreamReference(new MemoryStream(content));
        await (await ModuleAsync()).InvokeVoidAsync("downloadFile", fileName, contentType, stream);
    }

    public async ValueTask DisposeAsync()
    {
        if (module is null) return;
        try
        {
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the module with it.
        }
    }

    private async Task<IJSObjectReference> ModuleAsync() =>
        module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/browser.js");
}

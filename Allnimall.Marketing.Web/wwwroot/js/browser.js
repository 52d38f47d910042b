// Small browser helpers for Blazor Server components (see Components/Shared/BrowserInterop.cs).

export function copyText(text) {
    return navigator.clipboard.writeText(text);
}

export async function downloadFile(fileName, contentType, streamReference) {
    const buffer = await streamReference.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: contentType }));
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = fileName;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    URL.revokeObjectURL(url);
}

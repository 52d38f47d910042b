using Allnimall.Marketing.Core.Email.Content;
using Microsoft.AspNetCore.Components;

namespace Allnimall.Marketing.Web.Components.Pages.Campaigns.EmailBlocks;

/// <summary>
/// What every block's editor shares: the block (edited in place), a callback after each change (the preview renders
/// again) and the field errors the service reported for this block (<c>EmailBlocks.Blocks[i].Url</c> → "Url").
/// </summary>
public abstract class BlockEditorBase<TBlock> : ComponentBase where TBlock : EmailBlock
{
    [Parameter, EditorRequired] public TBlock Block { get; set; } = null!;
    [Parameter, EditorRequired] public int Index { get; set; }
    [Parameter] public EventCallback<string> Changed { get; set; }
    [Parameter] public Func<string, string?> Error { get; set; } = _ => null;
    [Parameter] public bool Disabled { get; set; }

    /// <summary>A unique id for a field of this block ("block-3-url").</summary>
    protected string FieldId(string field) => $"block-{Index}-{field.ToLowerInvariant()}";

    protected Task OnChangedAsync(string field) => Changed.InvokeAsync(field);
}

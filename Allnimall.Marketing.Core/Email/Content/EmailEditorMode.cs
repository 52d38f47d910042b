namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>How an email's content is edited: with blocks, or as raw HTML (experts; sanitised).</summary>
public enum EmailEditorMode { Html, Blocks }

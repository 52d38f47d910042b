// The text block's WYSIWYG editing (see TextBlockEditor.razor): a contenteditable element whose innerHTML goes to .NET
// (debounced while typing, at once on blur and after a toolbar command). The server sanitises and maps what comes back
// (b → strong, i → em, div → p), so nothing here has to be trusted.

const sendDelayMs = 300;
const editors = new WeakMap();

export function init(element, toolbar, dotNet, html) {
    dispose(element);
    const state = { dotNet, sent: null, timer: 0, range: null, listeners: [] };
    editors.set(element, state);
    // New lines are paragraphs, not divs (Chromium and Firefox; the server maps divs anyway).
    document.execCommand("defaultParagraphSeparator", false, "p");
    element.innerHTML = html ?? "";
    state.sent = element.innerHTML;

    const on = (target, type, handler) => {
        target.addEventListener(type, handler);
        state.listeners.push(() => target.removeEventListener(type, handler));
    };
    on(element, "input", () => {
        clearTimeout(state.timer);
        state.timer = setTimeout(() => send(element), sendDelayMs);
    });
    on(element, "blur", () => send(element));
    // Pasted Word or web markup would bring fonts, colours and spans: only its text goes in.
    on(element, "paste", event => {
        event.preventDefault();
        const text = event.clipboardData?.getData("text/plain") ?? "";
        document.execCommand("insertText", false, text);
    });
    // The toolbar acts on the selection: a click there must not take the focus (and the selection) away, and what was
    // typed is sent before the click reaches .NET (the HTML toggle shows it at once).
    if (toolbar) {
        on(toolbar, "mousedown", event => {
            event.preventDefault();
            send(element);
        });
        // Formatting buttons (data-command) run here, in the click: a round trip through the server would let the next
        // keystrokes overtake it.
        on(toolbar, "click", event => {
            const button = event.target.closest("[data-command]");
            if (button && toolbar.contains(button) && !button.disabled) command(element, button.dataset.command);
        });
    }
    // The link field takes the focus: remember the last selection inside the editor to act on it afterwards.
    on(document, "selectionchange", () => {
        // The element left the page without a dispose (the circuit went first): clean up here.
        if (!element.isConnected) {
            dispose(element);
            return;
        }
        const selection = document.getSelection();
        if (selection && selection.rangeCount > 0 && element.contains(selection.getRangeAt(0).commonAncestorContainer))
            state.range = selection.getRangeAt(0).cloneRange();
    });
}

// Only called when the value changed outside the editor (HTML view, another block, a template): it moves the caret.
export function setHtml(element, html) {
    const state = editors.get(element);
    element.innerHTML = html ?? "";
    if (!state) return;
    clearTimeout(state.timer);
    state.sent = element.innerHTML;
    state.range = null;
}

// bold, italic, insertUnorderedList, insertOrderedList, clear (plain paragraphs): from the toolbar's buttons;
// createLink (value: the URL): from .NET, once the link field's address is checked.
export function command(element, name, value) {
    const state = editors.get(element);
    if (!state) return;
    restoreSelection(element, state);
    if (name === "clear") {
        document.execCommand("removeFormat", false);
        document.execCommand("unlink", false);
        document.execCommand("formatBlock", false, "p");
    } else if (name === "createLink") {
        const selection = document.getSelection();
        if (selection && selection.isCollapsed) {
            // No text selected: the link's address becomes its text.
            document.execCommand("insertHTML", false, `<a href="${escapeAttribute(value)}">${escapeText(value)}</a>`);
        } else {
            document.execCommand("createLink", false, value);
        }
    } else {
        document.execCommand(name, false, value ?? null);
    }
    send(element);
}

export function dispose(element) {
    if (!element) return;
    const state = editors.get(element);
    if (!state) return;
    clearTimeout(state.timer);
    state.listeners.forEach(remove => remove());
    editors.delete(element);
}

function restoreSelection(element, state) {
    const selection = document.getSelection();
    // Looked at before focusing: focus() puts a caret at the start of an editor the selection had left (the link field).
    const inside = !!selection && selection.rangeCount > 0 && element.contains(selection.getRangeAt(0).commonAncestorContainer);
    element.focus();
    if (!selection || inside) return;
    let range = state.range && element.contains(state.range.commonAncestorContainer) ? state.range : null;
    if (!range) {
        // Nothing selected in the editor yet: act at its end.
        range = document.createRange();
        range.selectNodeContents(element);
        range.collapse(false);
    }
    selection.removeAllRanges();
    selection.addRange(range);
}

function send(element) {
    const state = editors.get(element);
    if (!state) return;
    clearTimeout(state.timer);
    const html = element.innerHTML;
    if (html === state.sent) return;
    state.sent = html;
    state.dotNet.invokeMethodAsync("HtmlChangedAsync", html).catch(() => {
        // The circuit is gone: nothing left to save to.
    });
}

function escapeText(value) {
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(value) {
    return escapeText(value).replace(/"/g, "&quot;");
}

"""Swedish words for Streamlit's own texts, which it has no setting for.

Streamlit (1.67) writes some texts of its own in English: the uploader's "Drag and drop files
here", "Upload" and "Limit 20MB per file", a text field's "Press Enter to apply", a table's
toolbar and column menu, "Page not found", "Skip to main content". A small script, run once per
browser tab, replaces exactly these texts (text nodes and the ``placeholder``, ``title`` and
``aria-label`` attributes) whenever Streamlit draws them; every other text is left alone.
:data:`TEXTS` and :data:`PATTERNS` are the whole list; docs/app.md names what stays English, and the
browser test fails on any English text from its list that reaches the screen.
"""

from __future__ import annotations

import json

import streamlit as st

__all__ = ["PATTERNS", "TEXTS", "swedish_builtins"]

#: Streamlit's text -> ours (exact, after trimming).
TEXTS: dict[str, str] = {
    "Skip to main content": "Till sidans innehåll",
    "Drag and drop files here": "Dra och släpp filer här",
    "Drag and drop file here": "Dra och släpp en fil här",
    "Browse files": "Välj filer",
    "Upload": "Välj filer",
    "Press Enter to apply": "Tryck Enter för att söka",
    "Press Enter to submit form": "Tryck Enter för att skicka",
    "Choose an option": "Välj",
    "Choose options": "Välj",
    "No results": "Inga träffar",
    "No options to select": "Inget att välja",
    "Clear all": "Rensa alla",
    "Clear value": "Rensa",
    "Page not found": "Sidan finns inte",
    "You have requested page /": "Du bad om sidan /",
    "Running...": "Arbetar …",
    "Stop": "Stoppa",
    "Connecting": "Ansluter",
    "Download as CSV": "Ladda ner som CSV",
    "Download": "Ladda ner",
    "Search": "Sök",
    "Fullscreen": "Helskärm",
    "Close fullscreen": "Stäng helskärm",
    "Show/hide columns": "Visa eller dölj kolumner",
    "Sort ascending": "Sortera stigande",
    "Sort descending": "Sortera fallande",
    "Pin column": "Fäst kolumnen",
    "Unpin column": "Lossa kolumnen",
    "Hide column": "Dölj kolumnen",
    "Autosize": "Anpassa bredden",
    "Format": "Format",
    "Copy to clipboard": "Kopiera",
    "Copied to clipboard": "Kopierat",
    "Collapse sidebar": "Fäll in sidopanelen",
    "Expand sidebar": "Fäll ut sidopanelen",
    "Show password text": "Visa lösenordet",
    "Delete": "Ta bort",
    "Remove file": "Ta bort filen",
    "Increment": "Öka",
    "Decrement": "Minska",
    "Link to heading": "Länk till rubriken",
    "Open": "Öppna",
    "Close": "Stäng",
    "file upload": "filuppladdning",
    "Select": "Välj",
    "Select all": "Välj alla",
    "Loading...": "Laddar …",
    "Please wait...": "Vänta …",
    # a table's column menu and its statistics
    "Dataframe column menu": "Kolumnens meny",
    "Copy column name": "Kopiera kolumnens namn",
    "Statistics": "Statistik",
    "Average": "Medelvärde",
    "Minimum": "Minsta",
    "Maximum": "Största",
    "Sum": "Summa",
    "Count": "Antal",
    "Distinct": "Olika värden",
    "Empty": "Tomma",
    "Standard deviation": "Standardavvikelse",
    "Distribution histogram": "Fördelning",
    "Average length": "Medellängd",
    "Minimum length": "Kortast",
    "Maximum length": "Längst",
    "Based on sample": "Enligt ett urval",
    "Automatic": "Automatiskt",
    "Localized": "Svenska tal",
    "Plain": "Utan formatering",
    "Percent": "Procent",
    "Scientific": "Vetenskaplig",
    "Compact": "Kompakt",
    "Accounting": "Bokföring",
    "Clear selection": "Rensa markeringen",
    "No data": "Inga data",
    "No options": "Inga val",
}
#: Streamlit's texts with a number or a name in them: (JavaScript regular expression, replacement
#: with $1 … for its groups).
PATTERNS: list[tuple[str, str]] = [
    (r"^Limit (\d+)MB per file(.*)$", "Högst $1 MB per fil$2"),
    (r"^(\d+)MB per file(.*)$", "Högst $1 MB per fil$2"),
    (
        r"^The page that you have requested does not seem to exist\..*$",
        "Sidan du bad om finns inte; startsidan visas i stället.",
    ),
    (r"^(\d+) rows?$", "$1 rader"),
    (r"^Remove (.+)$", "Ta bort $1"),
    (r"^Help for (.+)$", "Hjälp om $1"),
]

_SCRIPT = """
<script>
(function () {
  var root = window.parent && window.parent.document ? window.parent : window;
  if (root.__samverkanSwedish) return;
  root.__samverkanSwedish = true;
  var TEXTS = %(texts)s, PATTERNS = %(patterns)s.map(function (p) { return [new RegExp(p[0]), p[1]]; });
  var ATTRS = ["placeholder", "title", "aria-label"], SELECTOR = "[placeholder],[title],[aria-label]";
  var doc = root.document;
  function swedish(text) {
    var trimmed = text.trim();
    if (!trimmed) return null;
    if (Object.prototype.hasOwnProperty.call(TEXTS, trimmed)) return text.replace(trimmed, TEXTS[trimmed]);
    for (var i = 0; i < PATTERNS.length; i++) {
      if (PATTERNS[i][0].test(trimmed)) return text.replace(trimmed, trimmed.replace(PATTERNS[i][0], PATTERNS[i][1]));
    }
    return null;
  }
  function attributes(el) {
    for (var a = 0; a < ATTRS.length; a++) {
      var value = el.getAttribute(ATTRS[a]);
      if (value) {
        var out = swedish(value);
        if (out !== null && out !== value) el.setAttribute(ATTRS[a], out);
      }
    }
  }
  function translate(node) {
    if (node.nodeType === 3) {
      var done = swedish(node.nodeValue);
      if (done !== null && done !== node.nodeValue) node.nodeValue = done;
      return;
    }
    if (node.nodeType !== 1 || node.tagName === "SCRIPT" || node.tagName === "STYLE") return;
    var walker = doc.createTreeWalker(node, NodeFilter.SHOW_TEXT), text;
    while ((text = walker.nextNode())) translate(text);
    if (node.matches(SELECTOR)) attributes(node);
    var marked = node.querySelectorAll(SELECTOR);
    for (var i = 0; i < marked.length; i++) attributes(marked[i]);
  }
  // changes are gathered and translated together, a moment after Streamlit has drawn them
  var pending = new Set(), timer = null;
  function flush() {
    timer = null;
    var nodes = Array.from(pending);
    pending.clear();
    nodes.forEach(function (n) { if (n.isConnected) translate(n); });
  }
  translate(doc.body);
  new root.MutationObserver(function (mutations) {
    mutations.forEach(function (m) {
      if (m.type === "childList") m.addedNodes.forEach(function (n) { pending.add(n); });
      else pending.add(m.target);
    });
    if (!timer) timer = root.setTimeout(flush, 40);
  }).observe(doc.body, { subtree: true, childList: true, characterData: true, attributes: true,
                         attributeFilter: ATTRS });
})();
</script>
"""


def swedish_builtins() -> None:
    """Install the translation once per tab (the script returns at once when it already runs)."""
    script = _SCRIPT % {"texts": json.dumps(TEXTS, ensure_ascii=False), "patterns": json.dumps(PATTERNS)}
    with st.sidebar:
        st.html(script, unsafe_allow_javascript=True)

/// The page's inline CSS and optional inline script (no external resources of any kind).
enum ReportStylesheet {
    static let css = """
    :root { --ink: #222; --muted: #5f5f5f; --rule: #d0d0d0; --soft: #f4f5f7; --accent: #0b5cad; --warn: #8a4b00; --warn-bg: #fff6e5; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0 auto; max-width: 820px; padding: 24px 20px 48px; color: var(--ink); background: #fff;
      font: 15px/1.5 Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
    h1 { font-size: 1.7em; margin: 0 0 .2em; line-height: 1.2; }
    h2 { font-size: 1.3em; margin: 1.8em 0 .5em; padding-bottom: .2em; border-bottom: 1px solid var(--rule); }
    h3 { font-size: 1.08em; margin: 1.3em 0 .4em; }
    p { margin: .5em 0 .8em; }
    .subtitle { color: var(--muted); margin: 0 0 1em; }
    a { color: var(--accent); }
    code, pre, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .88em; }
    pre { background: var(--soft); padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
    table { border-collapse: collapse; margin: .4em 0 1em; font-size: .9em; font-variant-numeric: tabular-nums; }
    caption { text-align: left; font-weight: bold; padding: 0 0 .3em; caption-side: top; }
    th, td { padding: 3px 10px 3px 6px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid #999; background: var(--soft); white-space: nowrap; }
    tbody tr:nth-child(even) { background: #fafbfc; }
    .num { text-align: right; }
    table.sortable thead th::after { content: " \\2195"; color: #aaa; font-weight: normal; }
    table.sortable thead th[aria-sort="ascending"]::after { content: " \\2191"; color: var(--ink); }
    table.sortable thead th[aria-sort="descending"]::after { content: " \\2193"; color: var(--ink); }
    table.sortable.js thead th { cursor: pointer; }
    .table-wrap { overflow-x: auto; max-width: 100%; }
    table.kv th { font-weight: 600; white-space: nowrap; background: none; border-bottom: 1px solid var(--rule); width: 1%; }
    table.kv td { overflow-wrap: anywhere; }
    figure { margin: 1em 0 1.6em; }
    .figure-row { display: flex; flex-wrap: wrap; gap: 8px; justify-content: center; }
    .figure-row svg { max-width: 100%; height: auto; display: block; }
    figcaption { color: var(--muted); font-size: .9em; margin-top: .4em; }
    figcaption .label { color: var(--ink); font-weight: bold; }
    .warnings { border: 1px solid #e0b060; border-left: 5px solid #d08a00; background: var(--warn-bg); padding: 8px 14px; margin: 1em 0; }
    .warnings h2 { border: 0; margin: 0 0 .3em; font-size: 1.05em; color: var(--warn); }
    .warnings ul { margin: 0; padding-left: 1.2em; }
    .note { color: var(--muted); font-size: .92em; }
    nav.toc { background: var(--soft); padding: 8px 14px; margin: 1em 0; }
    nav.toc h2 { border: 0; margin: 0 0 .2em; font-size: 1em; }
    nav.toc ol { margin: 0; padding-left: 1.4em; columns: 2; }
    footer { margin-top: 3em; color: var(--muted); font-size: .85em; border-top: 1px solid var(--rule); padding-top: .5em; }
    @media print {
      @page { size: A4; margin: 15mm 14mm 16mm; }
      body { max-width: none; padding: 0; font-size: 10pt; }
      h2 { break-after: avoid; page-break-after: avoid; }
      figure, .warnings, table.kv { break-inside: avoid; page-break-inside: avoid; }
      thead { display: table-header-group; }
      tr { break-inside: avoid; page-break-inside: avoid; }
      .table-wrap { overflow: visible; }
      nav.toc { display: none; }
      a { color: inherit; text-decoration: none; }
      table.sortable thead th::after { content: ""; }
      tbody tr:nth-child(even) { background: none; }
      * { -webkit-print-color-adjust: exact; }
    }
    """

    /// Click-to-sort for tables with class "sortable" (numeric by `data-v`, else by text). Optional: without
    /// scripting the tables read the same, in the order written.
    static let script = """
    (function () {
      document.querySelectorAll("table.sortable").forEach(function (table) {
        table.classList.add("js");
        var heads = table.tHead ? table.tHead.rows[0].cells : [];
        Array.prototype.forEach.call(heads, function (th, col) {
          th.addEventListener("click", function () {
            var asc = th.getAttribute("aria-sort") !== "ascending";
            Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
            th.setAttribute("aria-sort", asc ? "ascending" : "descending");
            var body = table.tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            var key = function (r) {
              var c = r.cells[col]; if (!c) { return null; }
              var v = c.getAttribute("data-v");
              return v === null ? c.textContent : parseFloat(v);
            };
            rows.sort(function (a, b) {
              var x = key(a), y = key(b);
              if (typeof x === "number" && typeof y === "number") { return asc ? x - y : y - x; }
              if (typeof x === "number") { return -1; }
              if (typeof y === "number") { return 1; }
              x = String(x); y = String(y);
              return asc ? x.localeCompare(y) : y.localeCompare(x);
            });
            rows.forEach(function (r) { body.appendChild(r); });
          });
        });
      });
    })();
    """
}

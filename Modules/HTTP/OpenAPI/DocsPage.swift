/// The `/docs` page: self-contained HTML (inline CSS and vanilla JavaScript, nothing fetched
/// from elsewhere) that loads `/openapi.json` and lists every operation with its parameters,
/// request body and responses, schemas resolved from `components`.
enum DocsPage {
    /// Allows only this page's inline code and same-origin fetches.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'"

    static let html = """
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
    <title>API documentation</title>
    <style>
    body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
    header{background:#1d2330;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}
    main{max-width:1100px;margin:0 auto;padding:16px 24px}
    .op{background:#fff;border:1px solid #dde1e7;border-radius:6px;margin:10px 0}
    .op>summary{cursor:pointer;padding:8px 12px;display:flex;gap:12px;align-items:baseline}
    .m{font:bold 12px monospace;padding:2px 8px;border-radius:4px;color:#fff;min-width:56px;text-align:center}
    .get{background:#2b7bb9}.post{background:#2f9e44}.put{background:#b7791f}.patch{background:#8c5cc7}.delete{background:#c92a2a}
    .path{font-family:monospace;font-weight:600}.sum{color:#5c6675}.body{padding:4px 16px 12px;border-top:1px solid #eef0f3}
    table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-bottom:1px solid #eef0f3;padding:4px 6px;text-align:left;vertical-align:top}
    pre{background:#f1f3f6;padding:8px;border-radius:4px;overflow:auto;font-size:13px}h4{margin:12px 0 4px}
    .tag{margin-top:24px;font-size:18px;border-bottom:2px solid #dde1e7}#err{color:#c92a2a}
    </style></head>
    <body><header><h1 id="title">API documentation</h1><div id="desc"></div></header>
    <main><p id="err"></p><div id="ops">Loading /openapi.json…</div></main>
    <script>
    "use strict";
    const esc = s => String(s ?? "").replace(/[&<>"']/g, c => ({"&":"&amp;","<":"&lt;",">":"&gt;","\\"":"&quot;","'":"&#39;"}[c]));
    let doc = {};
    function resolve(s) {
      let seen = 0;
      while (s && s.$ref && seen++ < 20) {
        s = s.$ref.replace(/^#\\//, "").split("/").reduce((o, k) => o && o[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
      }
      return s || {};
    }
    function refName(s) { return s && s.$ref ? s.$ref.split("/").pop() : null; }
    function schemaText(s, depth, ind) {
      const name = refName(s); s = resolve(s);
      if (depth > 6) return name || "…";
      const pad = "  ".repeat(ind);
      for (const k of ["oneOf", "anyOf", "allOf"]) if (s[k]) return s[k].map(x => schemaText(x, depth + 1, ind)).join(k === "allOf" ? " & " : " | ");
      let t = Array.isArray(s.type) ? s.type.join(" | ") : s.type;
      if (s.enum) return s.enum.map(v => JSON.stringify(v)).join(" | ");
      if (s.const !== undefined) return JSON.stringify(s.const);
      if (t === "array" || s.items) return "[" + schemaText(s.items || {}, depth + 1, ind) + "]";
      if (t === "object" || s.properties) {
        const req = new Set(s.required || []);
        const props = Object.entries(s.properties || {});
        if (!props.length) return name || "object";
        const lines = props.map(([k, v]) => {
          const r = resolve(v); const note = [r.pattern && "pattern " + r.pattern,
            r.minimum !== undefined && "≥ " + r.minimum, r.maximum !== undefined && "≤ " + r.maximum,
            r.minLength !== undefined && "minLength " + r.minLength, r.maxLength !== undefined && "maxLength " + r.maxLength].filter(Boolean).join(", ");
          return pad + "  " + k + (req.has(k) ? "" : "?") + ": " + schemaText(v, depth + 1, ind + 1) + (note ? "   // " + note : "");
        });
        return (name ? name + " " : "") + "{\\n" + lines.join("\\n") + "\\n" + pad + "}";
      }
      return (t || name || "any") + (s.format ? " (" + s.format + ")" : "");
    }
    function content(c) {
      if (!c) return "";
      return Object.entries(c).map(([type, m]) => "<div><code>" + esc(type) + "</code><pre>" + esc(schemaText(m.schema || {}, 0, 0)) + "</pre></div>").join("");
    }
    function operation(path, method, op, shared) {
      const params = [...(shared || []), ...(op.parameters || [])].map(resolve);
      let h = "<details class='op'><summary><span class='m " + esc(method) + "'>" + esc(method.toUpperCase()) + "</span><span class='path'>" +
        esc(path) + "</span><span class='sum'>" + esc(op.summary || "") + "</span></summary><div class='body'>";
      if (op.description) h += "<p>" + esc(op.description) + "</p>";
      if (op.security && op.security.length) h += "<p>Requires: " + esc(op.security.map(x => Object.keys(x).join("+")).join(" or ")) + "</p>";
      if (params.length) h += "<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>required</th><th>schema</th><th>description</th></tr>" +
        params.map(p => "<tr><td><code>" + esc(p.name) + "</code></td><td>" + esc(p.in) + "</td><td>" + (p.required ? "yes" : "no") +
          "</td><td><code>" + esc(schemaText(p.schema || {}, 0, 0)) + "</code></td><td>" + esc(p.description || "") + "</td></tr>").join("") + "</table>";
      const rb = op.requestBody && resolve(op.requestBody);
      if (rb) h += "<h4>Request body" + (rb.required ? "" : " (optional)") + "</h4>" + content(rb.content);
      h += "<h4>Responses</h4><table>" + Object.entries(op.responses || {}).map(([code, r]) => { r = resolve(r);
        return "<tr><td><b>" + esc(code) + "</b></td><td>" + esc(r.description || "") + content(r.content) + "</td></tr>"; }).join("") + "</table>";
      return h + "</div></details>";
    }
    fetch("/openapi.json").then(r => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); }).then(d => {
      doc = d;
      document.getElementById("title").textContent = (d.info && d.info.title || "API") + " " + (d.info && d.info.version || "");
      document.getElementById("desc").textContent = d.info && d.info.description || "";
      const groups = {};
      for (const [path, item] of Object.entries(d.paths || {}))
        for (const method of ["get", "post", "put", "patch", "delete", "options", "head"])
          if (item[method]) { const tag = (item[method].tags || ["other"])[0]; (groups[tag] = groups[tag] || []).push(operation(path, method, item[method], item.parameters)); }
      document.getElementById("ops").innerHTML = Object.entries(groups).map(([t, ops]) => "<div class='tag'>" + esc(t) + "</div>" + ops.join("")).join("");
    }).catch(e => { document.getElementById("err").textContent = "Could not load /openapi.json: " + e.message; document.getElementById("ops").textContent = ""; });
    </script></body></html>
    """
}

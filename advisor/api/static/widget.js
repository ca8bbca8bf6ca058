/* advisor chat widget — embed with one tag:
 *   <script src="https://ADVISOR/widget.js" data-advisor-url="https://ADVISOR" data-key="YOUR-KEY"></script>
 * A self-contained web component (Shadow DOM, no framework): launcher, streamed replies, sanitised
 * Markdown, citation chips, quick replies, plan progress and downloads, keyboard and screen-reader
 * support, mobile layout; the session survives page reloads (localStorage).
 */
(function () {
  "use strict";
  if (window.customElements && customElements.get("advisor-chat")) return;
  var script = document.currentScript;
  var scriptUrl = script && script.src ? new URL(script.src, location.href) : new URL(location.href);
  var BASE = ((script && script.getAttribute("data-advisor-url")) || scriptUrl.origin).replace(/\/$/, "") || scriptUrl.origin;
  var KEY = (script && script.getAttribute("data-key")) || "";
  var STORE = "advisor-session:" + BASE;

  var CSS = [
    ":host{all:initial;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2433}",
    ".launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:28px;padding:14px 20px;",
    "background:#2453a6;color:#fff;font:600 15px system-ui,sans-serif;box-shadow:0 6px 20px rgba(0,0,0,.25);cursor:pointer}",
    ".launcher:focus-visible,button:focus-visible,textarea:focus-visible{outline:3px solid #f5a623;outline-offset:2px}",
    ".panel{position:fixed;right:20px;bottom:84px;z-index:2147483000;width:400px;max-width:calc(100vw - 40px);height:600px;",
    "max-height:calc(100vh - 110px);display:none;flex-direction:column;background:#fff;border-radius:14px;",
    "box-shadow:0 12px 40px rgba(0,0,0,.3);overflow:hidden}",
    ".panel.open{display:flex}",
    "header{background:#2453a6;color:#fff;padding:10px 14px;display:flex;align-items:center;gap:10px}",
    "header h2{font-size:15px;margin:0;flex:1}",
    ".close{background:transparent;border:0;color:#fff;font-size:22px;line-height:1;cursor:pointer;padding:2px 6px}",
    ".progress{padding:8px 14px;border-bottom:1px solid #e3e7ee;font-size:12px;color:#5b6475}",
    ".bar{height:6px;background:#e3e7ee;border-radius:3px;overflow:hidden;margin-top:4px}",
    ".bar span{display:block;height:100%;background:#2aa876;width:0;transition:width .3s}",
    ".downloads{display:none;gap:8px;margin-top:6px}.downloads.ready{display:flex}",
    ".downloads button{border:1px solid #2453a6;background:#fff;color:#2453a6;border-radius:6px;padding:3px 8px;cursor:pointer;font-size:12px}",
    ".log{flex:1;overflow-y:auto;padding:12px 14px;display:flex;flex-direction:column;gap:10px}",
    ".msg{max-width:88%;padding:8px 11px;border-radius:12px;word-wrap:break-word;overflow-wrap:anywhere}",
    ".msg p{margin:.3em 0}.msg ul,.msg ol{margin:.3em 0;padding-left:1.2em}",
    ".msg table{border-collapse:collapse;font-size:12px;display:block;overflow-x:auto}.msg td,.msg th{border:1px solid #d9dee7;padding:2px 4px}",
    ".advisor{align-self:flex-start;background:#f1f4f9}.user{align-self:flex-end;background:#2453a6;color:#fff}",
    ".error{align-self:center;background:#fdecea;color:#8a1c13;font-size:13px}",
    ".cite{display:inline-block;border:0;background:#2453a6;color:#fff;border-radius:9px;font-size:11px;line-height:1;",
    "padding:3px 6px;margin:0 1px;cursor:pointer;vertical-align:super}",
    ".source{align-self:stretch;background:#fffbe6;border:1px solid #f0dc8c;border-radius:8px;padding:8px 10px;font-size:13px}",
    ".source .where{font-weight:600;font-size:12px;color:#5b6475}",
    ".quick{display:flex;flex-wrap:wrap;gap:6px;padding:0 14px 8px}",
    ".quick button{border:1px solid #2453a6;background:#fff;color:#2453a6;border-radius:14px;padding:4px 10px;cursor:pointer;font-size:13px}",
    "form{display:flex;gap:8px;padding:10px 14px;border-top:1px solid #e3e7ee}",
    "textarea{flex:1;resize:none;border:1px solid #c9d0dc;border-radius:8px;padding:8px;font:inherit;min-height:40px;max-height:120px}",
    ".send{border:0;background:#2453a6;color:#fff;border-radius:8px;padding:0 14px;cursor:pointer;font-weight:600}",
    ".send[disabled]{opacity:.5;cursor:default}",
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}",
    "@media (max-width:600px){.panel{right:0;bottom:0;width:100vw;max-width:100vw;height:100vh;max-height:100vh;border-radius:0}",
    ".launcher{right:12px;bottom:12px}}"
  ].join("");

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Markdown subset → HTML. Everything is escaped first; only our own tags are added.
  function inline(text) {
    return esc(text)
      .replace(/`([^`]+)`/g, "<code>$1</code>")
      .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
      .replace(/(^|[\s(])_([^_]+)_(?=[\s).,;:!?]|$)/g, "$1<em>$2</em>")
      .replace(/\[(\d{1,3})\]/g, '<button type="button" class="cite" data-n="$1" aria-label="Show source $1">$1</button>');
  }

  function markdown(md) {
    var lines = String(md).split("\n"), out = [], i = 0, m;
    while (i < lines.length) {
      var line = lines[i];
      if (!line.trim()) { i++; continue; }
      if ((m = line.match(/^#{1,4}\s+(.*)$/))) { out.push("<p><strong>" + inline(m[1]) + "</strong></p>"); i++; continue; }
      if (/^\|/.test(line)) {
        var rows = [];
        while (i < lines.length && /^\|/.test(lines[i])) { rows.push(lines[i]); i++; }
        var cells = function (r) { return r.replace(/^\||\|$/g, "").split("|").map(function (c) { return c.trim(); }); };
        var html = "<table><thead><tr>" + cells(rows[0]).map(function (c) { return "<th>" + inline(c) + "</th>"; }).join("") + "</tr></thead><tbody>";
        rows.slice(2).forEach(function (r) { html += "<tr>" + cells(r).map(function (c) { return "<td>" + inline(c) + "</td>"; }).join("") + "</tr>"; });
        out.push(html + "</tbody></table>");
        continue;
      }
      var list = line.match(/^\s*([-*]|\d+\.)\s+/);
      if (list) {
        var ordered = /\d/.test(list[1]), items = [];
        while (i < lines.length && (m = lines[i].match(/^\s*(?:[-*]|\d+\.)\s+(.*)$/))) { items.push("<li>" + inline(m[1]) + "</li>"); i++; }
        out.push((ordered ? "<ol>" : "<ul>") + items.join("") + (ordered ? "</ol>" : "</ul>"));
        continue;
      }
      var para = [];
      while (i < lines.length && lines[i].trim() && !/^(#|\||\s*[-*]\s|\s*\d+\.\s)/.test(lines[i])) { para.push(lines[i]); i++; }
      out.push("<p>" + inline(para.join(" ")) + "</p>");
    }
    return out.join("");
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  class AdvisorChat extends HTMLElement {
    constructor() {
      super();
      this.sessionId = null;
      this.busy = false;
      this.started = false;
      var root = this.attachShadow({ mode: "open" });
      root.appendChild(el("style", {}, CSS));
      this.launcher = el("button", { class: "launcher", type: "button", "aria-expanded": "false", "aria-controls": "advisor-panel" }, "AI plan advisor");
      this.panel = el("section", { class: "panel", id: "advisor-panel", role: "dialog", "aria-label": "AI strategy advisor" });
      var header = el("header");
      header.appendChild(el("h2", {}, "AI strategy advisor"));
      this.closeBtn = el("button", { class: "close", type: "button", "aria-label": "Close advisor" }, "×");
      header.appendChild(this.closeBtn);
      var progress = el("div", { class: "progress" });
      this.progressText = el("div", { "aria-live": "polite" }, "Your plan: not started");
      this.bar = el("div", { class: "bar", role: "progressbar", "aria-label": "Plan progress", "aria-valuemin": "0", "aria-valuemax": "11", "aria-valuenow": "0" });
      this.barFill = el("span");
      this.bar.appendChild(this.barFill);
      this.downloads = el("div", { class: "downloads" });
      this.mdBtn = el("button", { type: "button" }, "Download plan (Markdown)");
      this.htmlBtn = el("button", { type: "button" }, "Download plan (HTML)");
      this.downloads.append(this.mdBtn, this.htmlBtn);
      progress.append(this.progressText, this.bar, this.downloads);
      this.log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions" });
      this.quick = el("div", { class: "quick", role: "group", "aria-label": "Quick replies" });
      var form = el("form");
      var label = el("label", { class: "sr", for: "advisor-input" }, "Your message");
      this.input = el("textarea", { id: "advisor-input", rows: "1", placeholder: "Type your answer or a question…", maxlength: "8000" });
      this.sendBtn = el("button", { class: "send", type: "submit" }, "Send");
      form.append(label, this.input, this.sendBtn);
      this.panel.append(header, progress, this.log, this.quick, form);
      root.append(this.launcher, this.panel);
      this.citations = {};

      var self = this;
      this.launcher.addEventListener("click", function () { self.toggle(); });
      this.closeBtn.addEventListener("click", function () { self.toggle(false); });
      this.panel.addEventListener("keydown", function (e) { if (e.key === "Escape") self.toggle(false); });
      form.addEventListener("submit", function (e) { e.preventDefault(); self.send(self.input.value); });
      this.input.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); self.send(self.input.value); }
      });
      this.log.addEventListener("click", function (e) {
        var t = e.target;
        if (t && t.classList && t.classList.contains("cite")) self.showSource(t);
      });
      this.mdBtn.addEventListener("click", function () { self.download("md"); });
      this.htmlBtn.addEventListener("click", function () { self.download("html"); });
    }

    headers(extra) {
      var h = { "Content-Type": "application/json" };
      if (KEY) h["X-Advisor-Key"] = KEY;
      return Object.assign(h, extra || {});
    }

    toggle(open) {
      var show = open === undefined ? !this.panel.classList.contains("open") : open;
      this.panel.classList.toggle("open", show);
      this.launcher.setAttribute("aria-expanded", String(show));
      if (show) {
        this.input.focus();
        if (!this.started) { this.started = true; this.begin(); }
      } else {
        this.launcher.focus();
      }
    }

    async begin() {
      var saved = null;
      try { saved = localStorage.getItem(STORE); } catch (e) { saved = null; }
      if (saved) {
        var res = await fetch(BASE + "/v1/sessions/" + encodeURIComponent(saved), { headers: this.headers() });
        if (res.ok) {
          var view = await res.json();
          this.sessionId = saved;
          var last = null;
          view.transcript.forEach(function (m) {
            if (m.role === "user") this.bubble("user", m.text);
            else { last = m.payload; this.advisorBubble(m.text, (m.payload && m.payload.citations) || []); }
          }, this);
          this.progress(view.plan_progress, view.plan_complete);
          if (last) this.quickReplies(last.quick_replies || []);
          return;
        }
        try { localStorage.removeItem(STORE); } catch (e) { /* ignore */ }
      }
      var created = await fetch(BASE + "/v1/sessions", { method: "POST", headers: this.headers() });
      if (!created.ok) { this.bubble("error", await this.errorText(created)); return; }
      var data = await created.json();
      this.sessionId = data.session_id;
      try { localStorage.setItem(STORE, this.sessionId); } catch (e) { /* private mode */ }
      this.finishTurn(this.advisorBubble(data.turn.message, data.turn.citations), data.turn);
    }

    async errorText(res) {
      try { var body = await res.json(); return (body.error && body.error.message) || res.statusText; }
      catch (e) { return res.status + " " + res.statusText; }
    }

    bubble(kind, text) {
      var node = el("div", { class: "msg " + kind });
      if (kind === "user" || kind === "error") node.textContent = text;
      this.log.appendChild(node);
      this.log.scrollTop = this.log.scrollHeight;
      return node;
    }

    advisorBubble(markdownText, citations) {
      var node = this.bubble("advisor", "");
      node.innerHTML = markdown(markdownText);
      this.remember(node, citations);
      return node;
    }

    remember(node, citations) {
      node._citations = {};
      (citations || []).forEach(function (c) { node._citations[c.n] = c; });
    }

    showSource(chip) {
      var bubble = chip.closest(".msg");
      var c = bubble && bubble._citations && bubble._citations[chip.getAttribute("data-n")];
      if (!c) return;
      var box = el("div", { class: "source", role: "note", tabindex: "-1" });
      box.appendChild(el("div", { class: "where" }, "[" + c.n + "] " + c.section + " — " + c.source));
      box.appendChild(el("div", {}, "“" + c.quote + "”"));
      bubble.after(box);
      box.focus();
    }

    quickReplies(options) {
      this.quick.textContent = "";
      var self = this;
      (options || []).forEach(function (text) {
        var b = el("button", { type: "button" }, text);
        b.addEventListener("click", function () { self.send(text); });
        self.quick.appendChild(b);
      });
    }

    progress(p, complete) {
      if (!p) return;
      this.barFill.style.width = Math.round((100 * p.filled) / p.total) + "%";
      this.bar.setAttribute("aria-valuenow", String(p.filled));
      this.bar.setAttribute("aria-valuemax", String(p.total));
      this.progressText.textContent = complete ? "Your plan is ready" : "Your plan: " + p.filled + " of " + p.total + " answers";
      this.downloads.classList.toggle("ready", !!complete);
    }

    finishTurn(node, turn) {
      node.innerHTML = markdown(turn.message);
      this.remember(node, turn.citations);
      this.quickReplies(turn.quick_replies);
      this.progress(turn.plan_progress, turn.plan_complete);
    }

    async send(text) {
      text = (text || "").trim();
      if (!text || this.busy || !this.sessionId) return;
      this.busy = true;
      this.sendBtn.disabled = true;
      this.input.value = "";
      this.quickReplies([]);
      this.bubble("user", text);
      var node = this.bubble("advisor", "…");
      try {
        var res = await fetch(BASE + "/v1/sessions/" + encodeURIComponent(this.sessionId) + "/messages", {
          method: "POST", headers: this.headers({ Accept: "text/event-stream" }), body: JSON.stringify({ text: text })
        });
        if (res.status === 404) {
          try { localStorage.removeItem(STORE); } catch (e) { /* ignore */ }
          node.remove();
          this.bubble("error", "That session has expired — starting a new one.");
          this.sessionId = null;
          await this.begin();
          return;
        }
        if (!res.ok) { node.remove(); this.bubble("error", await this.errorText(res)); return; }
        await this.readStream(res, node);
      } catch (e) {
        node.remove();
        this.bubble("error", "Could not reach the advisor. Please try again.");
      } finally {
        this.busy = false;
        this.sendBtn.disabled = false;
        this.input.focus();
      }
    }

    async readStream(res, node) {
      var reader = res.body.getReader(), decoder = new TextDecoder(), buffer = "", streamed = "";
      node.textContent = "";
      for (;;) {
        var chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        var events = buffer.split("\n\n");
        buffer = events.pop();
        for (var i = 0; i < events.length; i++) {
          var ev = events[i].match(/^event: (.*)\ndata: (.*)$/s);
          if (!ev) continue;
          var data = JSON.parse(ev[2]);
          if (ev[1] === "delta") { streamed += data.text; node.textContent = streamed; this.log.scrollTop = this.log.scrollHeight; }
          else if (ev[1] === "progress") this.progress(data, false);
          else if (ev[1] === "turn") this.finishTurn(node, data);
          else if (ev[1] === "error") { node.remove(); this.bubble("error", data.message); }
        }
      }
    }

    async download(format) {
      var res = await fetch(BASE + "/v1/sessions/" + encodeURIComponent(this.sessionId) + "/plan?format=" + format, { headers: this.headers() });
      if (!res.ok) { this.bubble("error", await this.errorText(res)); return; }
      var blob = await res.blob();
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "ai-action-plan." + format;
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }
  }

  customElements.define("advisor-chat", AdvisorChat);
  function mount() { if (!document.querySelector("advisor-chat")) document.body.appendChild(document.createElement("advisor-chat")); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();

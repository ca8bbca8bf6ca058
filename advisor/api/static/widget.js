/* advisor chat widget — embed with one tag:
 *   <script src="https://ADVISOR/widget.js" data-advisor-url="https://ADVISOR" data-key="YOUR-KEY"></script>
 * A self-contained web component (Shadow DOM, no framework). Sections below: styles, Markdown,
 * connection (reconnects with backoff), sending (working indicator, streamed reply, retry, busy),
 * rendering (always scrolled to the newest message), citations popover, editable summary, plan view,
 * start over, accessibility (focus trap while modal, live regions). The session survives reloads.
 */
(function () {
  "use strict";
  if (window.customElements && customElements.get("advisor-chat")) return;
  var script = document.currentScript;
  var scriptUrl = script && script.src ? new URL(script.src, location.href) : new URL(location.href);
  var BASE = ((script && script.getAttribute("data-advisor-url")) || scriptUrl.origin).replace(/\/$/, "") || scriptUrl.origin;
  var KEY = (script && script.getAttribute("data-key")) || "";
  var STORE = "advisor-session:" + BASE;
  var MAX_CHARS = 8000; // the API's one limit, in characters (code points) of any script
  var BACKOFF = [1, 2, 4, 8, 15]; // seconds between reconnection attempts (then every 15 s)
  var BUSY_RETRIES = 3; // automatic retries after 429 before Retry is offered
  var REQUEST_TIMEOUT = 30000; // ms until a response starts
  var STREAM_IDLE_TIMEOUT = 90000; // ms without a byte from a reply stream
  var MODAL_QUERY = "(max-width: 600px)"; // the panel covers the page: a modal dialog

  /* ---------------------------------------------------------------- styles */
  var CSS = [
    ":host{all:initial;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2433}",
    "*{box-sizing:border-box}[hidden]{display:none!important}",
    "button{font:inherit;min-height:24px;min-width:24px;cursor:pointer}",
    ".launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:28px;padding:14px 20px;",
    "background:#2453a6;color:#fff;font:600 15px system-ui,sans-serif;box-shadow:0 6px 20px rgba(0,0,0,.25)}",
    "button:focus-visible,textarea:focus-visible,input:focus-visible,.log:focus-visible,.planbody:focus-visible,summary:focus-visible,",
    ".popover:focus-visible{outline:3px solid #b35c00;outline-offset:2px}",
    ".panel{position:fixed;right:20px;bottom:84px;z-index:2147483000;width:400px;max-width:calc(100vw - 40px);height:600px;",
    "max-height:calc(100vh - 110px);display:none;flex-direction:column;background:#fff;border-radius:14px;",
    "box-shadow:0 12px 40px rgba(0,0,0,.3);overflow:hidden}",
    ".panel.open{display:flex}",
    ".head{background:#2453a6;color:#fff;padding:8px 10px 8px 14px;display:flex;align-items:center;gap:6px}",
    ".head h2{font-size:15px;margin:0;flex:1}",
    ".head button{background:transparent;border:1px solid rgba(255,255,255,.7);color:#fff;border-radius:6px;padding:4px 10px;font-size:13px;min-height:32px}",
    ".head .close{border:0;font-size:24px;line-height:1;width:36px;padding:0}",
    ".progress{padding:6px 14px 8px;border-bottom:1px solid #e3e7ee;font-size:13px;color:#4a5263;display:flex;align-items:center;gap:10px}",
    ".progress .meter{flex:1}",
    ".bar{height:6px;background:#e3e7ee;border-radius:3px;overflow:hidden;margin-top:4px}",
    ".bar span{display:block;height:100%;background:#2aa876;width:0;transition:width .3s}",
    ".linkbtn{border:1px solid #2453a6;background:#fff;color:#2453a6;border-radius:6px;padding:4px 10px;font-size:13px;min-height:32px}",
    ".notice{display:none;align-items:center;gap:8px;padding:6px 14px;background:#fff4d6;color:#5c3d00;font-size:13px;border-bottom:1px solid #f0dc8c}",
    ".notice.show{display:flex}.notice span{flex:1}",
    ".main{flex:1;min-height:0;display:flex;flex-direction:column;position:relative}",
    ".log{flex:1;min-height:0;overflow-y:auto;padding:12px 14px;display:flex;flex-direction:column;gap:10px;position:relative}",
    ".msg{max-width:88%;padding:8px 11px;border-radius:12px;word-wrap:break-word;overflow-wrap:anywhere}",
    ".msg p{margin:.3em 0}.msg ul,.msg ol{margin:.3em 0;padding-left:1.2em}",
    "table{border-collapse:collapse;font-size:13px;display:block;overflow-x:auto;margin:.4em 0}td,th{border:1px solid #c9d0dc;padding:3px 6px;text-align:left;vertical-align:top}",
    ".advisor{align-self:flex-start;background:#f1f4f9}.user{align-self:flex-end;background:#2453a6;color:#fff;white-space:pre-wrap}",
    ".error{align-self:center;background:#fdecea;color:#8a1c13;font-size:13px}.note{align-self:center;font-size:12px;color:#4a5263;padding:0 8px}",
    ".typing{color:#4a5263;font-style:italic;display:flex;align-items:center;gap:8px}",
    ".dots{display:inline-flex;gap:3px}.dots i{width:7px;height:7px;border-radius:50%;background:#4a5263;animation:blink 1.2s infinite both}",
    ".dots i:nth-child(2){animation-delay:.2s}.dots i:nth-child(3){animation-delay:.4s}",
    "@keyframes blink{0%,80%,100%{opacity:.25}40%{opacity:1}}",
    "@media (prefers-reduced-motion:reduce){.dots i{animation:none;opacity:.7}.bar span{transition:none}}",
    ".failed{opacity:.95;outline:2px dashed #c0392b;outline-offset:2px}",
    ".state{display:flex;align-items:center;gap:8px;margin-top:6px;font-size:13px;white-space:normal}",
    ".state button{background:#fff;color:#8a1c13;border:1px solid #fff;border-radius:6px;padding:2px 10px;font-weight:600;min-height:28px}",
    ".cite{display:inline-flex;align-items:center;justify-content:center;border:0;background:#2453a6;color:#fff;border-radius:12px;",
    "font-size:12px;line-height:1;min-width:24px;min-height:24px;padding:0 6px;margin:0 2px;vertical-align:middle}",
    ".cite[aria-expanded=true]{background:#b35c00}",
    ".popover{position:absolute;left:10px;right:10px;z-index:3;background:#fffbe6;border:1px solid #d9b84a;border-radius:10px;",
    "box-shadow:0 8px 24px rgba(0,0,0,.2);padding:10px 12px;font-size:13px;max-height:60%;overflow-y:auto}",
    ".popover h3{font-size:13px;margin:0 34px 2px 0}.popover .section{color:#4a5263;margin:0 0 6px}",
    ".popover .pclose{position:absolute;top:4px;right:4px;border:0;background:transparent;font-size:20px;line-height:1;width:32px;height:32px;color:#1d2433}",
    ".popover blockquote{margin:0;padding-left:8px;border-left:3px solid #d9b84a}",
    ".fact{cursor:pointer;border-radius:6px;padding:2px 4px;margin-left:-4px}.fact:hover{background:#e3e9f5}",
    ".fact .edit{border:1px solid #2453a6;background:#fff;color:#2453a6;border-radius:6px;font-size:12px;padding:0 8px;margin-left:6px;min-height:24px}",
    ".fact form{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:4px 0}",
    ".fact input{flex:1;min-width:140px;font:inherit;padding:4px 6px;border:1px solid #8a93a6;border-radius:6px;min-height:32px}",
    ".fact form button,.confirm button{border-radius:6px;padding:2px 10px;min-height:32px;border:1px solid #2453a6;background:#fff;color:#2453a6}",
    ".fact form .primary,.confirm .primary{background:#2453a6;color:#fff}.confirm .danger{background:#a61b1b;border-color:#a61b1b;color:#fff}",
    ".quick{display:flex;flex-wrap:wrap;gap:6px;padding:0 14px 8px;max-height:35%;overflow-y:auto}",
    ".quick button{border:1px solid #2453a6;background:#fff;color:#2453a6;border-radius:16px;padding:4px 12px;font-size:13px;min-height:32px}",
    ".confirm{display:none;position:absolute;inset:0;z-index:4;background:rgba(29,36,51,.45);align-items:center;justify-content:center;padding:16px}",
    ".confirm.show{display:flex}.confirm>div{background:#fff;border-radius:12px;padding:16px;max-width:320px;box-shadow:0 8px 30px rgba(0,0,0,.3)}",
    ".confirm h3{margin:0 0 6px;font-size:16px}.confirm p{margin:0 0 12px;font-size:14px}.confirm .row{display:flex;gap:8px;justify-content:flex-end}",
    ".planview{display:none;flex:1;min-height:0;flex-direction:column}.planview.show{display:flex}",
    ".planhead{display:flex;align-items:center;gap:8px;padding:8px 14px;border-bottom:1px solid #e3e7ee}.planhead h3{margin:0;font-size:15px;flex:1}",
    ".planbody{flex:1;min-height:0;overflow-y:auto;padding:10px 14px;font-size:14px;position:relative}",
    ".planbody details{border:1px solid #e3e7ee;border-radius:8px;margin:0 0 8px;padding:0 10px}",
    ".planbody summary{cursor:pointer;font-weight:600;padding:8px 0;min-height:24px}",
    ".downloads{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0;align-items:center}",
    ".downloads button{border:1px solid #2453a6;background:#fff;color:#2453a6;border-radius:6px;padding:4px 10px;font-size:13px;min-height:32px}",
    ".muted{color:#4a5263}",
    "form.compose{display:flex;gap:8px;padding:10px 14px 4px;border-top:1px solid #e3e7ee;align-items:flex-end}",
    "textarea{flex:1;resize:none;border:1px solid #8a93a6;border-radius:8px;padding:8px;font:inherit;min-height:40px;max-height:120px}",
    ".send{border:0;background:#2453a6;color:#fff;border-radius:8px;padding:0 16px;font-weight:600;min-height:40px}",
    ".send[aria-disabled=true]{opacity:.6;cursor:default}",
    ".count{font-size:12px;color:#4a5263;padding:0 14px 6px;text-align:right;min-height:6px}.count.over{color:#a61b1b;font-weight:600}",
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}",
    "@media (max-width:600px){.panel{right:0;bottom:0;top:0;width:100vw;max-width:100vw;height:100vh;height:100dvh;max-height:none;border-radius:0}",
    ".launcher{right:12px;bottom:12px}}"
  ].join("");

  /* ---------------------------------------------------------------- Markdown (sanitised) */
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Everything is escaped first; only our own tags are added.
  function inline(text) {
    return esc(text)
      .replace(/`([^`]+)`/g, "<code>$1</code>")
      .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
      .replace(/(^|[\s(])_([^_]+)_(?=[\s).,;:!?]|$)/g, "$1<em>$2</em>")
      .replace(/\[(\d{1,3})\]/g, '<button type="button" class="cite" data-n="$1" aria-haspopup="dialog" aria-expanded="false" aria-label="Source $1">$1</button>');
  }

  function cells(row) {
    return row.trim().replace(/^\||\|$/g, "").split(/(?<!\\)\|/).map(function (c) { return c.trim().replace(/\\\|/g, "|"); });
  }

  function isRule(row) { return /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(row.trim()); }

  // Table rows (lines starting with "|") as an HTML table; a separator row after the first makes it a header.
  function table(rows) {
    var header = rows.length > 1 && isRule(rows[1]);
    var body = rows.filter(function (r) { return !isRule(r); });
    var html = "<table>";
    if (header) html += "<thead><tr>" + cells(body.shift()).map(function (c) { return "<th>" + inline(c) + "</th>"; }).join("") + "</tr></thead>";
    html += "<tbody>" + body.map(function (r) {
      return "<tr>" + cells(r).map(function (c) { return "<td>" + inline(c) + "</td>"; }).join("") + "</tr>";
    }).join("") + "</tbody></table>";
    return html;
  }

  function markdown(md) {
    var lines = String(md).split("\n"), out = [], i = 0, m;
    while (i < lines.length) {
      var line = lines[i];
      if (!line.trim()) { i++; continue; }
      if ((m = line.match(/^#{1,6}\s+(.*)$/))) { out.push("<p><strong>" + inline(m[1]) + "</strong></p>"); i++; continue; }
      if (/^\s*\|/.test(line)) {
        var rows = [];
        while (i < lines.length && /^\s*\|/.test(lines[i])) { rows.push(lines[i]); i++; }
        out.push(table(rows));
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
      while (i < lines.length && lines[i].trim() && !/^(#|\s*\||\s*[-*]\s|\s*\d+\.\s)/.test(lines[i])) { para.push(lines[i]); i++; }
      out.push("<p>" + inline(para.join(" ")) + "</p>");
    }
    return out.join("");
  }

  // A quoted passage: table rows become a table, a row flattened into one line becomes "a · b · c".
  function quoteHtml(text) {
    var lines = String(text).split("\n"), rows = [], parts = [];
    function flush() { if (rows.length) { parts.push(table(rows)); rows = []; } }
    lines.forEach(function (line) {
      if (/^\s*\|.*\|\s*$/.test(line)) { rows.push(line); return; }
      flush();
      if (line.trim()) parts.push("<p>" + esc(line.indexOf(" | ") >= 0 ? line.split(/\s+\|\s+/).join(" · ") : line) + "</p>");
    });
    flush();
    return parts.join("");
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function chars(text) { return Array.from(text).length; } // code points, as the server counts
  function num(n) { return n.toLocaleString("en-US"); }
  function wait(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }

  // Server-sent events from a fetch body: calls onEvent(name, data) per event.
  async function readEvents(res, onEvent) {
    var reader = res.body.getReader(), decoder = new TextDecoder(), buffer = "";
    for (;;) {
      var timer, idle = new Promise(function (_, reject) {
        timer = setTimeout(function () { reject(new TypeError("the reply stalled")); }, STREAM_IDLE_TIMEOUT);
      });
      var chunk;
      try { chunk = await Promise.race([reader.read(), idle]); } finally { clearTimeout(timer); }
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n/g, "\n");
      var blocks = buffer.split("\n\n");
      buffer = blocks.pop();
      for (var i = 0; i < blocks.length; i++) {
        var name = "message", data = [];
        blocks[i].split("\n").forEach(function (line) {
          if (line.indexOf("event:") === 0) name = line.slice(6).trim();
          else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
        });
        if (data.length) onEvent(name, JSON.parse(data.join("\n")));
      }
    }
  }

  // A failed request, classified: what the widget does next depends on the kind.
  function Failure(kind, message, extra) {
    this.kind = kind; // offline | busy | forbidden | gone | input | server
    this.message = message;
    Object.assign(this, extra || {});
  }

  async function failureOf(res) {
    var message = res.status + " " + res.statusText, body = null;
    try { body = await res.json(); message = (body.error && body.error.message) || message; } catch (e) { /* not JSON */ }
    if (res.status === 429) {
      var after = parseInt(res.headers.get("Retry-After") || (body && body.error && body.error.retry_after) || "", 10);
      return new Failure("busy", message, { retryAfter: after > 0 ? Math.min(after, 120) : 5 });
    }
    if (res.status === 403) return new Failure("forbidden", message);
    if (res.status === 404) return new Failure("gone", message);
    if (res.status >= 400 && res.status < 500) return new Failure("input", message);
    return new Failure("server", message);
  }

  /* ---------------------------------------------------------------- the component */
  class AdvisorChat extends HTMLElement {
    constructor() {
      super();
      this.sessionId = null;
      this.busy = false;
      this.started = false;
      this.online = false;
      this.stick = true;
      this.sources = null;
      this.attempt = 0;
      var root = this.attachShadow({ mode: "open" });
      this.root = root;
      root.appendChild(el("style", {}, CSS));
      this.build();
      this.wire();
    }

    build() {
      this.launcher = el("button", { class: "launcher", type: "button", "aria-expanded": "false", "aria-controls": "advisor-panel" }, "AI plan advisor");
      this.panel = el("section", { class: "panel", id: "advisor-panel", role: "dialog", "aria-labelledby": "advisor-title", "aria-modal": "false" });
      var header = el("div", { class: "head" });
      header.appendChild(el("h2", { id: "advisor-title" }, "AI strategy advisor"));
      this.restartBtn = el("button", { type: "button", class: "restart" }, "Start over");
      this.closeBtn = el("button", { class: "close", type: "button", "aria-label": "Close advisor" }, "×");
      header.append(this.restartBtn, this.closeBtn);

      var progress = el("div", { class: "progress" });
      var meter = el("div", { class: "meter" });
      this.progressText = el("div", {}, "Your plan: not started");
      this.bar = el("div", { class: "bar", role: "progressbar", "aria-label": "Plan progress", "aria-valuemin": "0", "aria-valuemax": "11", "aria-valuenow": "0" });
      this.barFill = el("span");
      this.bar.appendChild(this.barFill);
      meter.append(this.progressText, this.bar);
      this.planBtn = el("button", { type: "button", class: "linkbtn plan-toggle", "aria-expanded": "false", "aria-controls": "advisor-plan" }, "View plan");
      progress.append(meter, this.planBtn);

      this.notice = el("div", { class: "notice" }); // its countdown is not live: changes are announced once
      this.noticeText = el("span");
      this.noticeBtn = el("button", { type: "button", class: "linkbtn" }, "Try now");
      this.notice.append(this.noticeText, this.noticeBtn);

      this.main = el("div", { class: "main" });
      this.log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Conversation", tabindex: "0" });
      this.planView = el("div", { class: "planview", id: "advisor-plan", role: "region", "aria-labelledby": "advisor-plan-title" });
      var planHead = el("div", { class: "planhead" });
      this.planTitle = el("h3", { id: "advisor-plan-title" }, "Your plan");
      planHead.append(this.planTitle);
      this.planBody = el("div", { class: "planbody", tabindex: "0", "aria-label": "Plan" });
      this.planView.append(planHead, this.planBody);
      this.confirmBox = el("div", { class: "confirm" });
      var box = el("div", { role: "alertdialog", "aria-modal": "true", "aria-labelledby": "advisor-confirm-title", "aria-describedby": "advisor-confirm-text" });
      box.append(el("h3", { id: "advisor-confirm-title" }, "Start over?"),
        el("p", { id: "advisor-confirm-text" }, "This clears the conversation and starts a new plan from the first question."));
      var row = el("div", { class: "row" });
      this.cancelRestart = el("button", { type: "button" }, "Cancel");
      this.confirmRestart = el("button", { type: "button", class: "danger" }, "Start over");
      row.append(this.cancelRestart, this.confirmRestart);
      box.appendChild(row);
      this.confirmBox.appendChild(box);
      this.main.append(this.log, this.planView, this.confirmBox);

      this.quick = el("div", { class: "quick", role: "group", "aria-label": "Quick replies" });
      this.form = el("form", { class: "compose" });
      var label = el("label", { class: "sr", for: "advisor-input" }, "Your message");
      this.input = el("textarea", { id: "advisor-input", rows: "1", placeholder: "Type your answer or a question…", "aria-describedby": "advisor-count" });
      this.sendBtn = el("button", { class: "send", type: "submit" }, "Send");
      this.form.append(label, this.input, this.sendBtn);
      this.count = el("div", { class: "count", id: "advisor-count", "aria-live": "polite" });
      this.announcer = el("div", { class: "sr", role: "status", "aria-live": "polite" });
      this.panel.append(header, progress, this.notice, this.main, this.quick, this.form, this.count, this.announcer);
      this.root.append(this.launcher, this.panel);
    }

    wire() {
      var self = this;
      this.launcher.addEventListener("click", function () { self.toggle(); });
      this.closeBtn.addEventListener("click", function () { self.toggle(false); });
      this.panel.addEventListener("keydown", function (e) { self.onKey(e); });
      this.form.addEventListener("submit", function (e) { e.preventDefault(); self.submit(); });
      this.input.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); self.submit(); }
      });
      this.input.addEventListener("input", function () { self.grow(); self.counter(); });
      this.main.addEventListener("click", function (e) { self.onClick(e); });
      this.noticeBtn.addEventListener("click", function () { self.connectNow(); });
      this.planBtn.addEventListener("click", function () { self.showPlan(!self.planView.classList.contains("show")); });
      this.restartBtn.addEventListener("click", function () { self.askRestart(true); });
      this.cancelRestart.addEventListener("click", function () { self.askRestart(false); });
      this.confirmRestart.addEventListener("click", function () { self.restart(); });
      this.log.addEventListener("scroll", function () {
        self.stick = self.log.scrollHeight - self.log.scrollTop - self.log.clientHeight < 48;
      });
      // Newest message in view after every render, layout change and keyboard change.
      new MutationObserver(function () { self.follow(); }).observe(this.log, { childList: true, subtree: true, characterData: true });
      if (window.ResizeObserver) new ResizeObserver(function () { self.follow(); }).observe(this.log);
      if (window.visualViewport) {
        var fit = function () { self.fitViewport(); };
        visualViewport.addEventListener("resize", fit);
        visualViewport.addEventListener("scroll", fit);
      }
      this.modalQuery = window.matchMedia(MODAL_QUERY);
      var modal = function () { self.panel.setAttribute("aria-modal", String(self.modalQuery.matches)); self.fitViewport(); };
      if (this.modalQuery.addEventListener) this.modalQuery.addEventListener("change", modal);
      modal();
      window.addEventListener("online", function () { if (self.started && !self.online) self.connectNow(); });
      document.addEventListener("focusin", function (e) {
        // A modal panel keeps focus: anything outside (the page behind) sends it back.
        if (self.isOpen() && self.modalQuery.matches && e.target !== self) self.firstFocusable().focus();
      });
    }

    headers(extra) {
      var h = { "Content-Type": "application/json" };
      if (KEY) h["X-Advisor-Key"] = KEY;
      return Object.assign(h, extra || {});
    }

    // fetch with a timeout; network failures become Failure("offline"), HTTP errors are classified.
    async request(path, options) {
      var controller = new AbortController();
      var timer = setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT); // cleared once headers arrive
      var res;
      try {
        res = await fetch(BASE + path, Object.assign({ headers: this.headers(), signal: controller.signal }, options || {}));
      } catch (e) {
        throw new Failure("offline", "Can't reach the advisor.");
      } finally {
        if (timer) clearTimeout(timer);
      }
      if (!res.ok) throw await failureOf(res);
      return res;
    }

    sessionPath(suffix) { return "/v1/sessions/" + encodeURIComponent(this.sessionId) + (suffix || ""); }

    /* ------------------------------------------------------------ open, close, keyboard */
    isOpen() { return this.panel.classList.contains("open"); }

    toggle(open) {
      var show = open === undefined ? !this.isOpen() : open;
      this.panel.classList.toggle("open", show);
      this.launcher.setAttribute("aria-expanded", String(show));
      if (show) {
        this.fitViewport();
        this.input.focus();
        this.stick = true;
        this.follow();
        if (!this.started) { this.started = true; this.connect(); }
      } else {
        this.closePopover(false);
        this.launcher.focus();
      }
    }

    onKey(e) {
      if (e.key === "Tab") return this.trap(e);
      if (e.key !== "Escape") return;
      e.stopPropagation();
      if (this.sourceBox) return this.closePopover(true);
      if (this.confirmBox.classList.contains("show")) return this.askRestart(false);
      var editing = this.root.querySelector(".fact form");
      if (editing) return this.cancelEdit(editing.closest(".fact"));
      if (this.planView.classList.contains("show")) return this.showPlan(false);
      this.toggle(false);
    }

    focusables() {
      var scope = this.confirmBox.classList.contains("show") ? this.confirmBox : this.panel;
      return Array.prototype.filter.call(
        scope.querySelectorAll("button, textarea, input, summary, [tabindex='0']"),
        function (n) { return !n.disabled && n.getClientRects().length > 0; }
      );
    }

    firstFocusable() { return this.focusables()[0] || this.input; }

    // Tab cycles inside the panel while it is a modal dialog (phones) or the start-over question is open.
    trap(e) {
      if (!this.modalQuery.matches && !this.confirmBox.classList.contains("show")) return;
      var items = this.focusables();
      if (!items.length) return;
      var active = this.root.activeElement, index = items.indexOf(active);
      if (index < 0 && active && this.panel.contains(active)) return; // e.g. in a popover: the browser moves on
      if (e.shiftKey && index <= 0) { e.preventDefault(); items[items.length - 1].focus(); }
      else if (!e.shiftKey && (index === items.length - 1 || index < 0)) { e.preventDefault(); items[0].focus(); }
    }

    // On phones the panel follows the visual viewport, so the on-screen keyboard never hides the newest message.
    fitViewport() {
      var vv = window.visualViewport;
      if (vv && this.modalQuery && this.modalQuery.matches) {
        this.panel.style.height = vv.height + "px";
        this.panel.style.top = vv.offsetTop + "px";
      } else {
        this.panel.style.height = "";
        this.panel.style.top = "";
      }
      this.follow();
    }

    follow() {
      if (!this.stick || this.sourceBox) return; // not while a source is being read
      this.log.scrollTop = this.log.scrollHeight;
      if (this.pendingScroll) return;
      var self = this; // once more after the browser has laid out what just changed
      this.pendingScroll = true;
      requestAnimationFrame(function () { self.pendingScroll = false; if (self.stick && !self.sourceBox) self.log.scrollTop = self.log.scrollHeight; });
    }

    scrollToEnd() { this.stick = true; this.log.scrollTop = this.log.scrollHeight; this.follow(); }

    /* ------------------------------------------------------------ connection */
    showNotice(text, button) {
      this.noticeText.textContent = text;
      this.noticeBtn.hidden = !button;
      if (!text) this.everOffline = false;
      this.notice.classList.toggle("show", !!text);
    }

    async connect() {
      clearInterval(this.countdown);
      if (this.connecting) return;
      this.connecting = true;
      try {
        if (this.sessionId) await this.request(this.sessionPath());
        else await this.openSession();
        this.online = true;
        this.attempt = 0;
        var failed = this.log.querySelectorAll(".failed").length;
        if (this.everOffline) this.announce(failed ? "Connected again. Press Retry to send your message." : "Connected again.");
        this.showNotice(this.everOffline ? (failed ? "Connected again. Press Retry to send your message." : "Connected again.") : "", false);
        if (this.everOffline) { var self = this; setTimeout(function () { if (self.online) self.showNotice("", false); }, 6000); }
        this.loadSources();
        if (this.sendWhenConnected) { this.sendWhenConnected = false; this.submit(); }
      } catch (f) {
        if (f.kind === "gone") { this.forget(); this.sessionId = null; this.connecting = false; return this.connect(); }
        this.offline(f);
      } finally {
        this.connecting = false;
      }
    }

    connectNow() { this.attempt = Math.max(0, this.attempt - 1); this.connect(); }

    // Not reachable: a short note, and another attempt after a growing pause.
    offline(failure) {
      this.online = false;
      this.everOffline = true;
      if (failure && failure.kind === "forbidden") { this.showNotice(failure.message, false); return; }
      var delay = BACKOFF[Math.min(this.attempt, BACKOFF.length - 1)], self = this;
      if (failure && failure.kind === "busy") delay = Math.max(delay, failure.retryAfter);
      var left = delay;
      this.attempt++;
      var why = { server: "The advisor is starting or unavailable.", busy: "The advisor is busy." }[failure && failure.kind] || "Can't reach the advisor.";
      var say = function () {
        self.showNotice(why +
          " Your text is kept. Retrying in " + left + " s…", true);
      };
      say();
      if (this.attempt === 1) this.announce(why + " Your text is kept; retrying.");
      clearInterval(this.countdown);
      this.countdown = setInterval(function () {
        left--;
        if (left <= 0) { clearInterval(self.countdown); self.connect(); } else say();
      }, 1000);
    }

    remember(id) {
      this.sessionId = id;
      try { localStorage.setItem(STORE, id); } catch (e) { /* private mode */ }
    }

    forget() { try { localStorage.removeItem(STORE); } catch (e) { /* ignore */ } }

    // Resume the stored session (transcript, progress) or start a new one.
    async openSession() {
      var saved = null;
      try { saved = localStorage.getItem(STORE); } catch (e) { saved = null; }
      if (saved) {
        try {
          var view = await (await this.request("/v1/sessions/" + encodeURIComponent(saved))).json();
          this.sessionId = saved;
          this.replay(view);
          return;
        } catch (f) {
          if (f.kind !== "gone") throw f;
          this.forget();
        }
      }
      var data = await (await this.request("/v1/sessions", { method: "POST" })).json();
      this.remember(data.session_id);
      this.log.textContent = "";
      this.finishTurn(this.advisorBubble(), data.turn);
    }

    replay(view) {
      this.log.textContent = "";
      var last = null;
      view.transcript.forEach(function (m) {
        if (m.role === "user") this.bubble("user", m.text);
        else { last = m.payload || { message: m.text }; this.renderInto(this.advisorBubble(), m.text, last.citations); }
      }, this);
      this.progress(view.plan_progress, view.plan_complete);
      if (last) { this.quickReplies(last.quick_replies || []); this.editable(last, this.log.querySelector(".msg.advisor:last-child")); }
      this.scrollToEnd();
    }

    async loadSources() {
      if (this.sources) return this.sources;
      try {
        var list = (await (await this.request("/v1/sources")).json()).sources || [];
        this.sources = {};
        list.forEach(function (d) { this.sources[d.source] = d.title; }, this);
      } catch (e) { /* titles are a nicety: the file name stays hidden, the section is still shown */ }
      return this.sources || {};
    }

    /* ------------------------------------------------------------ messages */
    bubble(kind, text) {
      var node = el("div", { class: "msg " + kind });
      if (text != null) node.textContent = text;
      this.log.appendChild(node);
      return node;
    }

    advisorBubble() { return this.bubble("advisor"); }

    error(text) { return this.bubble("error", text); }

    renderInto(node, markdownText, citations) {
      node.innerHTML = markdown(markdownText);
      node._citations = {};
      (citations || []).forEach(function (c) { node._citations[c.n] = c; });
    }

    finishTurn(node, turn) {
      this.renderInto(node, turn.message, turn.citations);
      this.quickReplies(turn.quick_replies);
      this.progress(turn.plan_progress, turn.plan_complete);
      this.editable(turn, node);
      if (turn.notice) this.bubble("note", turn.notice);
      if (this.planView.classList.contains("show")) this.loadPlan();
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
      this.planProgress = p;
      this.planComplete = !!complete;
      this.barFill.style.width = Math.round((100 * p.filled) / Math.max(1, p.total)) + "%";
      this.bar.setAttribute("aria-valuenow", String(p.filled));
      this.bar.setAttribute("aria-valuemax", String(p.total));
      this.progressText.textContent = complete ? "Your plan is ready" : "Your plan: " + p.filled + " of " + p.total + " answers";
    }

    grow() {
      this.input.style.height = "auto";
      this.input.style.height = Math.min(this.input.scrollHeight + 2, 120) + "px";
    }

    counter() {
      var n = chars(this.input.value.trim());
      var over = n > MAX_CHARS;
      this.count.classList.toggle("over", over);
      this.count.textContent = over ? "Too long: " + num(n) + " of " + num(MAX_CHARS) + " characters — please shorten it by " + num(n - MAX_CHARS) + "."
        : n > MAX_CHARS * 0.9 ? num(n) + " / " + num(MAX_CHARS) + " characters" : "";
      return !over;
    }

    announce(text) {
      var self = this;
      this.announcer.textContent = "";
      if (text) setTimeout(function () { self.announcer.textContent = text; }, 50);
    }

    submit() {
      var text = this.input.value.trim();
      if (!text) return;
      if (!this.counter()) { this.announce(this.count.textContent); this.input.focus(); return; }
      if (this.busy) { this.announce("Please wait for the advisor's reply."); return; }
      if (!this.sessionId) {
        // Not connected yet: keep the text, try at once, and send it as soon as the advisor answers.
        this.sendWhenConnected = true;
        this.connectNow();
        return;
      }
      this.send(text, null, true);
    }

    // Send one message. The indicator shows at once; a failed message keeps its text and offers Retry.
    async send(text, retryNode, fromInput) {
      if (this.busy || !text || !this.sessionId) return;
      this.busy = true;
      this.sendBtn.setAttribute("aria-disabled", "true");
      this.showPlan(false);
      this.closePopover(false);
      this.lockEditing();
      var userNode = retryNode || this.bubble("user", text);
      if (retryNode) { retryNode.classList.remove("failed"); this.clearState(retryNode); this.log.appendChild(retryNode); }
      Array.prototype.forEach.call(this.log.querySelectorAll(".msg.user.failed"), function (n) { if (n._text === text) n.remove(); });
      if (fromInput || this.input.value.trim() === text) { this.input.value = ""; this.grow(); this.counter(); }
      this.quickReplies([]);
      var indicator = this.indicator();
      this.scrollToEnd();
      var busyTries = 0;
      try {
        for (;;) {
          try {
            await this.exchange(text, indicator);
            if (!this.online) { clearInterval(this.countdown); this.online = true; this.attempt = 0; this.showNotice("", false); }
            return;
          } catch (f) {
            if (!(f instanceof Failure)) f = new Failure("offline", "The reply was interrupted.");
            if (f.kind === "busy" && busyTries < BUSY_RETRIES) {
              busyTries++;
              indicator = await this.busyWait(indicator, f.retryAfter);
              continue;
            }
            indicator.remove();
            this.failed(userNode, text, f);
            return;
          }
        }
      } finally {
        this.busy = false;
        this.sendBtn.removeAttribute("aria-disabled");
        var active = this.root.activeElement;
        if (this.isOpen() && (!active || active === this.sendBtn || !active.isConnected)) this.input.focus();
      }
    }

    indicator() {
      var node = el("div", { class: "msg advisor typing", "aria-hidden": "true" });
      var dots = el("span", { class: "dots" });
      dots.append(el("i"), el("i"), el("i"));
      node.append(dots, el("span", { class: "label" }, "Thinking…"));
      this.log.appendChild(node);
      this.announce("The advisor is thinking…");
      return node;
    }

    // Counts down in the indicator (a fresh one if a reply had started), then lets the caller retry.
    async busyWait(indicator, seconds) {
      if (!indicator.querySelector(".label")) {
        var fresh = this.indicator();
        indicator.replaceWith(fresh);
        indicator = fresh;
      }
      var label = indicator.querySelector(".label");
      this.announce("The advisor is busy. Retrying in " + seconds + " seconds.");
      for (var left = seconds; left > 0; left--) {
        label.textContent = "The advisor is busy — retrying in " + left + " s…";
        await wait(1000);
      }
      label.textContent = "Thinking…";
      return indicator;
    }

    // One POST; the reply streams into the indicator's place; the final turn replaces it.
    async exchange(text, indicator) {
      var res = await this.request(this.sessionPath("/messages"), {
        method: "POST", headers: this.headers({ Accept: "text/event-stream" }), body: JSON.stringify({ text: text })
      });
      if ((res.headers.get("content-type") || "").indexOf("text/event-stream") < 0) {
        this.finalNode(indicator, await res.json());
        return;
      }
      var streamed = "", done = false, failure = null, self = this, frame = 0;
      await readEvents(res, function (name, data) {
        if (name === "status") {
          var label = indicator.querySelector(".label");
          if (label) label.textContent = ({ thinking: "Thinking…", searching: "Looking through the guides…", writing: "Writing…" })[data.state] || "Working…";
        } else if (name === "delta") {
          streamed += data.text;
          if (!frame) {
            frame = requestAnimationFrame(function () {
              frame = 0;
              indicator.classList.replace("typing", "streaming");
              indicator.innerHTML = markdown(streamed);
            });
          }
        } else if (name === "progress") {
          self.progress(data, self.planComplete);
        } else if (name === "turn") {
          if (frame) cancelAnimationFrame(frame);
          self.finalNode(indicator, data);
          done = true;
        } else if (name === "error") {
          failure = data.status === 429 ? new Failure("busy", data.message, { retryAfter: 5 })
            : data.status === 404 ? new Failure("gone", data.message)
            : data.status >= 500 ? new Failure("server", data.message) : new Failure("input", data.message);
        }
      });
      if (failure) throw failure;
      if (!done) throw new Failure("offline", "The reply was interrupted.");
    }

    // The streamed node (hidden from screen readers while it grows) is swapped for the final one, read once.
    finalNode(indicator, turn) {
      var node = el("div", { class: "msg advisor" });
      indicator.replaceWith(node);
      this.finishTurn(node, turn);
      this.announce("");
    }

    clearState(node) { var s = node.querySelector(".state"); if (s) s.remove(); }

    failed(userNode, text, f) {
      if (f.kind === "gone") {
        userNode.remove();
        this.forget();
        this.sessionId = null;
        this.error("That conversation has expired — starting a new one. Your message is back in the box.");
        this.restoreText(text);
        this.connect();
        return;
      }
      if (f.kind === "input" || f.kind === "forbidden") {
        userNode.remove();
        this.error(f.message);
        this.restoreText(text);
        this.announce(f.message);
        return;
      }
      // offline, server, busy: the message stays, marked, with Retry; its text is also kept in the box.
      userNode._text = text;
      userNode.classList.add("failed");
      this.clearState(userNode);
      var state = el("div", { class: "state" });
      var why = f.kind === "busy" ? "The advisor is busy. Not sent." : f.kind === "server" ? "The advisor had a problem. Not sent." : "Not sent — can't reach the advisor.";
      var retry = el("button", { type: "button", class: "retry" }, "Retry");
      var self = this;
      retry.addEventListener("click", function () { self.send(text, userNode); });
      state.append(el("span", {}, why), retry);
      userNode.appendChild(state);
      this.restoreText(text);
      if (f.kind === "offline" && this.online) { this.online = false; this.attempt = 0; this.offline(f); }
      this.announce(why + " Press Retry to send it again.");
      this.scrollToEnd();
    }

    restoreText(text) {
      if (!this.input.value.trim()) { this.input.value = text; this.grow(); this.counter(); }
    }

    /* ------------------------------------------------------------ clicks: citations, summary edits */
    onClick(e) {
      var t = e.target;
      if (!(t instanceof Element)) return;
      var chip = t.closest(".cite");
      if (chip) { this.toggleSource(chip); return; }
      if (this.sourceBox && !t.closest(".popover")) this.closePopover(false);
      var fact = t.closest(".fact");
      if (fact && !t.closest("form")) this.startEdit(fact);
    }

    citationOf(chip) {
      var holder = chip.closest(".msg, .planbody");
      return holder && holder._citations && holder._citations[chip.getAttribute("data-n")];
    }

    async toggleSource(chip) {
      var same = this.sourceBox && this.sourceBox._chip === chip;
      this.closePopover(false);
      if (same) { chip.focus(); return; }
      var c = this.citationOf(chip);
      if (!c) return;
      var titles = await this.loadSources();
      this.closePopover(false); // one popover at a time, even after quick double clicks
      var container = chip.closest(".log, .planbody");
      var box = el("div", { class: "popover", role: "dialog", "aria-labelledby": "advisor-source-title", tabindex: "-1" });
      var close = el("button", { type: "button", class: "pclose", "aria-label": "Close source" }, "×");
      var self = this;
      close.addEventListener("click", function () { self.closePopover(true); });
      box.append(close, el("h3", { id: "advisor-source-title" }, "[" + c.n + "] " + (titles[c.source] || "Advisor guide")));
      if (c.section) box.appendChild(el("p", { class: "section" }, "Section: " + c.section));
      var quote = el("blockquote");
      quote.innerHTML = quoteHtml(c.quote);
      box.appendChild(quote);
      container.appendChild(box);
      var top = chip.getBoundingClientRect().bottom - container.getBoundingClientRect().top + container.scrollTop + 6;
      box.style.top = top + "px";
      box._chip = chip;
      this.sourceBox = box;
      chip.setAttribute("aria-expanded", "true");
      var overflow = box.offsetTop + box.offsetHeight - (container.scrollTop + container.clientHeight);
      if (overflow > 0) { this.stick = false; container.scrollTop += overflow + 8; }
      box.focus();
    }

    closePopover(refocus) {
      var box = this.sourceBox;
      if (!box) return;
      this.sourceBox = null;
      box._chip.setAttribute("aria-expanded", "false");
      box.remove();
      if (refocus) box._chip.focus();
      this.follow();
    }

    // At the confirmation step each "- **Label:** value" line can be corrected in place.
    editable(turn, node) {
      if (!turn || turn.asking !== "confirm" || !node) return;
      Array.prototype.forEach.call(node.querySelectorAll("li"), function (li) {
        var strong = li.firstElementChild;
        if (!strong || strong.tagName !== "STRONG" || !/:$/.test(strong.textContent)) return;
        var label = strong.textContent.replace(/:$/, "");
        var value = li.textContent.slice(strong.textContent.length).trim();
        li.classList.add("fact");
        li._label = label;
        li._value = /^not known\b/.test(value) ? "" : value;
        li._html = li.innerHTML;
        li.appendChild(el("button", { type: "button", class: "edit", "aria-label": "Correct " + label }, "Edit"));
      });
    }

    lockEditing() {
      Array.prototype.forEach.call(this.log.querySelectorAll(".fact"), function (li) {
        if (li._html) li.innerHTML = li._html;
        li.classList.remove("fact");
      });
    }

    startEdit(li) {
      if (li.querySelector("form") || this.busy) return;
      var open = this.root.querySelector(".fact form");
      if (open) this.cancelEdit(open.closest(".fact"));
      var form = el("form", { "aria-label": "Correct " + li._label });
      var id = "advisor-fact-" + Math.random().toString(36).slice(2, 8);
      var label = el("label", { for: id }, li._label + ":");
      var input = el("input", { id: id, type: "text", value: li._value, maxlength: "500" });
      var save = el("button", { type: "submit", class: "primary" }, "Save");
      var cancel = el("button", { type: "button" }, "Cancel");
      form.append(label, input, save, cancel);
      li.textContent = "";
      li.appendChild(form);
      var self = this;
      cancel.addEventListener("click", function () { self.cancelEdit(li); });
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var value = input.value.trim();
        if (!value || value === li._value) { self.cancelEdit(li); return; }
        var name = /^[A-Z][a-z]/.test(li._label) ? li._label[0].toLowerCase() + li._label.slice(1) : li._label;
        self.send("actually " + name + " is " + value);
      });
      input.focus();
      input.select();
    }

    cancelEdit(li) {
      li.innerHTML = li._html;
      li.appendChild(el("button", { type: "button", class: "edit", "aria-label": "Correct " + li._label }, "Edit"));
      var b = li.querySelector(".edit");
      if (b) b.focus();
    }

    /* ------------------------------------------------------------ plan view */
    showPlan(show) {
      var open = this.planView.classList.contains("show");
      if (show === open) return;
      this.closePopover(false);
      this.planView.classList.toggle("show", show);
      this.log.hidden = show;
      this.quick.hidden = show;
      this.planBtn.setAttribute("aria-expanded", String(show));
      this.planBtn.textContent = show ? "Back to chat" : "View plan";
      if (show) this.loadPlan();
      else this.scrollToEnd();
    }

    async loadPlan() {
      var body = this.planBody;
      if (!this.sessionId) { body.textContent = "Connecting…"; return; }
      if (this.planProgress && this.planProgress.filled === 0 && !this.planComplete) {
        this.noDraftYet(body);  // a plan built from no answers would be all assumptions
        return;
      }
      body.setAttribute("aria-busy", "true");
      try {
        var responses = await Promise.all([this.request(this.sessionPath("/plan?format=json")), this.request(this.sessionPath("/plan?format=md"))]);
        var plan = await responses[0].json(), md = await responses[1].text();
        this.renderPlan(plan, md);
      } catch (f) {
        body.textContent = "";
        if (f.kind === "input") {
          this.noDraftYet(body);
        } else {
          body.appendChild(el("p", {}, f.message || "Could not load the plan."));
          var again = el("button", { type: "button", class: "linkbtn" }, "Try again");
          var self = this;
          again.addEventListener("click", function () { self.loadPlan(); });
          body.appendChild(again);
        }
      } finally {
        body.removeAttribute("aria-busy");
      }
    }

    noDraftYet(body) {
      var p = this.planProgress;
      body.textContent = "";
      this.planTitle.textContent = "Your plan";
      body.appendChild(el("p", {}, "A draft is available after a few answers."));
      if (p) body.appendChild(el("p", { class: "muted" }, "So far: " + p.filled + " of " + p.total + " answers. Keep chatting and check back here."));
    }

    renderPlan(plan, md) {
      var body = this.planBody, self = this;
      var draft = plan.status !== "final" && !this.planComplete;
      this.planTitle.textContent = draft ? "Your plan (draft)" : "Your plan";
      body.textContent = "";
      var p = this.planProgress;
      body.appendChild(el("p", { class: "muted" }, (plan.status ? "Status: " + plan.status + ". " : "") +
        (p ? p.filled + " of " + p.total + " answers." : "")));
      var downloads = el("div", { class: "downloads", role: "group", "aria-labelledby": "advisor-dl" });
      downloads.appendChild(el("span", { id: "advisor-dl", class: "muted" }, "Download:"));
      [["md", "Markdown"], ["html", "HTML"], ["json", "JSON"]].forEach(function (f) {
        var b = el("button", { type: "button", "aria-label": "Download the plan as " + f[1] }, f[1]);
        b.addEventListener("click", function () { self.download(f[0]); });
        downloads.appendChild(b);
      });
      body.appendChild(downloads);
      body._citations = {};
      (plan.sources || []).forEach(function (s, i) { body._citations[i + 1] = Object.assign({ n: i + 1 }, s); });
      // One collapsible block per "## " section; the first is open.
      var sections = [], current = null;
      String(md).split("\n").forEach(function (line) {
        var h = line.match(/^##\s+(.*)$/);
        if (h) { current = { title: h[1], lines: [] }; sections.push(current); }
        else if (current) current.lines.push(line);
      });
      sections.forEach(function (s, i) {
        var d = el("details");
        if (i === 0) d.open = true;
        var summary = el("summary");
        summary.innerHTML = inline(s.title).replace(/<button[^>]*>(\d+)<\/button>/g, "[$1]");
        var content = el("div");
        content.innerHTML = markdown(s.lines.join("\n"));
        d.append(summary, content);
        body.appendChild(d);
      });
      if (!sections.length) { var all = el("div"); all.innerHTML = markdown(md); body.appendChild(all); }
    }

    async download(format) {
      try {
        var blob = await (await this.request(this.sessionPath("/plan?format=" + format))).blob();
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = "ai-action-plan." + format;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      } catch (f) {
        this.announce(f.message);
        this.planBody.appendChild(el("p", { class: "error", role: "alert" }, "Download failed: " + f.message));
      }
    }

    /* ------------------------------------------------------------ start over */
    askRestart(show) {
      this.confirmBox.classList.toggle("show", show);
      if (show) this.cancelRestart.focus(); else this.restartBtn.focus();
    }

    async restart() {
      this.confirmBox.classList.remove("show");
      if (this.busy) { this.announce("Please wait for the reply, then start over."); return; }
      try {
        var data = await (await this.request("/v1/sessions", { method: "POST" })).json();
        this.forget();
        this.remember(data.session_id);
        this.closePopover(false);
        this.showPlan(false);
        this.log.textContent = "";
        this.planComplete = false;
        this.finishTurn(this.advisorBubble(), data.turn);
        this.announce("Started over.");
        this.input.focus();
      } catch (f) {
        this.error("Could not start over: " + f.message + " Your conversation is unchanged.");
        this.restartBtn.focus();
      }
      this.scrollToEnd();
    }
  }

  customElements.define("advisor-chat", AdvisorChat);
  function mount() { if (!document.querySelector("advisor-chat")) document.body.appendChild(document.createElement("advisor-chat")); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();

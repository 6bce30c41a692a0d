// apiref pages work without this file; it only adds search, the theme switch, copy buttons,
// the reader's values in snippets, tabs over the snippets and examples, the phone's menu,
// nested schemas unfolded in place and, in an operation page's sidebar, the other operations
// of its tag.
(function () {
  "use strict";

  // --- theme: theme.js applied the stored choice before the first paint --------------------
  var root = document.documentElement;

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  // --- the sidebar: the open tag's operations ------------------------------------------------
  // An operation page lists only itself under its tag (ul[data-tag-nav]); the tag's script,
  // tags/<tag>.nav.js (one file per tag, loaded after this one), calls this with the tag's
  // operations, links relative to operations/. Built with the DOM: the labels are text.
  window.apirefTagNav = function (data) {
    var list = document.querySelector(".sidebar ul[data-tag-nav]");
    if (!list || !data || !Array.isArray(data.operations)) return;
    var own = list.querySelector("a");
    var ownHref = own ? own.getAttribute("href") : null;
    var items = document.createDocumentFragment();
    data.operations.forEach(function (op) {
      var href = String(op[0]), method = String(op[1]);
      var a = document.createElement("a");
      a.setAttribute("href", href);
      if (href === ownHref) a.setAttribute("aria-current", "page");
      if (op[3]) a.className = "deprecated";
      var badge = document.createElement("span");
      badge.className = "method method-" + method;
      badge.textContent = method.toUpperCase();
      a.appendChild(badge);
      a.appendChild(document.createTextNode(" " + op[2]));
      if (Array.isArray(op[4])) {  // build --changes-since: [kind, label]
        var change = document.createElement("span");
        change.className = "change-badge change-" + String(op[4][0]);
        change.textContent = String(op[4][1]);
        a.appendChild(document.createTextNode(" "));
        a.appendChild(change);
      }
      var li = document.createElement("li");
      li.appendChild(a);
      items.appendChild(li);
    });
    list.replaceChildren(items);
    // A tag of 200 operations is taller than the sidebar: scroll the sidebar (not the page) so
    // that this page's entry shows. On a phone the sidebar does not scroll on its own: no-op.
    var sidebar = list.closest(".sidebar");
    var current = list.querySelector('a[aria-current="page"]');
    if (sidebar && current && sidebar.scrollHeight > sidebar.clientHeight) {
      var offset = current.getBoundingClientRect().top - sidebar.getBoundingClientRect().top;
      if (offset < 0 || offset > sidebar.clientHeight - current.offsetHeight) {
        sidebar.scrollTop += offset - sidebar.clientHeight / 3;
      }
    }
  };

  ready(function () {
    var toggle = document.querySelector(".theme-toggle");
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        var dark = root.getAttribute("data-theme") === "dark" ||
          (!root.getAttribute("data-theme") && window.matchMedia("(prefers-color-scheme: dark)").matches);
        var next = dark ? "light" : "dark";
        root.setAttribute("data-theme", next);
        try { localStorage.setItem("apiref-theme", next); } catch (e) { /* ignore */ }
      });
    }

    // --- copy buttons on code blocks -------------------------------------------------------
    document.querySelectorAll(".code-block").forEach(function (block) {
      var button = block.querySelector(".copy");
      var code = block.querySelector("code");
      if (!button || !code || !navigator.clipboard) return;
      button.hidden = false;
      block.classList.add("has-copy");
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(code.textContent).then(function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy"; }, 1500);
        });
      });
    });

    setUpSearch();
    setUpTryValues();
    setUpUnfolding(document);
    document.querySelectorAll(".tabset").forEach(setUpTabs);
    setUpStatusLinks();
    setUpMenu();
    setUpPrinting();
  });

  // --- tabs over the snippets and the response examples ---------------------------------------
  // Each <details> of a .tabset becomes a tab named by its <summary>; without this script they
  // are stacked, the first open. A tabset with data-remember keeps the reader's choice (the
  // snippets' language) in localStorage, for every page of the site.
  var tabCount = 0;

  function setUpTabs(set) {
    var panels = Array.prototype.filter.call(set.children, function (c) { return c.localName === "details"; });
    if (panels.length < 1) return;
    var key = set.getAttribute("data-remember");
    var bar = document.createElement("div");
    bar.className = "tabs";
    bar.setAttribute("role", "tablist");
    var title = set.parentNode && set.parentNode.querySelector(".sample-title");
    if (title && title.id) bar.setAttribute("aria-labelledby", title.id);
    var tabs = panels.map(function (panel) {
      var n = ++tabCount;
      var tab = document.createElement("button");
      tab.type = "button";
      tab.className = "tab";
      tab.id = "tab-" + n;
      tab.setAttribute("role", "tab");
      tab.innerHTML = panel.querySelector("summary").innerHTML;  // the page's own markup
      // Several tabs: the status alone names each (the panel's own label is hidden).
      if (panels.length > 1) tab.querySelectorAll(".example-note, .media-type").forEach(function (n) { n.remove(); });
      var body = panel.querySelector(".code-block") || panel;
      body.id = body.id || "tabpanel-" + n;
      body.setAttribute("role", "tabpanel");
      body.setAttribute("aria-labelledby", tab.id);
      tab.setAttribute("aria-controls", body.id);
      bar.appendChild(tab);
      return tab;
    });
    function choose(i, remember) {
      panels.forEach(function (panel, j) {
        var on = i === j;
        panel.open = true;
        panel.hidden = !on;
        tabs[j].setAttribute("aria-selected", String(on));
        tabs[j].tabIndex = on ? 0 : -1;
      });
      if (remember && key) {
        try { localStorage.setItem(key, panels[i].getAttribute("data-language")); } catch (e) { /* storage may be disabled */ }
      }
    }
    set.apirefChoose = function (match) {
      for (var i = 0; i < panels.length; i++) if (match(panels[i])) { choose(i, false); return true; }
      return false;
    };
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () {
        choose(i, true);
        // Every tabset of the page that remembers the same choice follows.
        if (key) document.querySelectorAll('.tabset[data-remember="' + key + '"]').forEach(function (other) {
          if (other !== set && other.apirefChoose) {
            var lang = panels[i].getAttribute("data-language");
            other.apirefChoose(function (p) { return p.getAttribute("data-language") === lang; });
          }
        });
      });
      tab.addEventListener("keydown", function (ev) {
        var next = ev.key === "ArrowRight" ? i + 1 : ev.key === "ArrowLeft" ? i - 1 : ev.key === "Home" ? 0 : ev.key === "End" ? tabs.length - 1 : -1;
        if (next < 0 && ev.key !== "ArrowLeft") return;
        next = (next + tabs.length) % tabs.length;
        ev.preventDefault();
        tabs[next].click();
        tabs[next].focus();
      });
    });
    var stored = null;
    if (key) { try { stored = localStorage.getItem(key); } catch (e) { /* ignore */ } }
    var start = 0;
    panels.forEach(function (panel, i) { if (stored && panel.getAttribute("data-language") === stored) start = i; });
    choose(start, false);
    set.insertBefore(bar, set.firstChild);
    set.classList.add("tabbed");
  }

  // A status in the responses' summary, or a response's own link, shows that status's example.
  function setUpStatusLinks() {
    function show() {
      var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (!target || !target.classList.contains("response")) return;
      var status = target.id.slice(target.id.lastIndexOf("-response-") + 10);
      var grid = target.closest(".op-grid");
      var set = grid && grid.querySelector(".response-examples .tabset");
      if (set && set.apirefChoose) set.apirefChoose(function (p) { return p.getAttribute("data-status") === status; });
    }
    window.addEventListener("hashchange", show);
    show();
  }

  // --- the phone's menu -----------------------------------------------------------------------
  // On a narrow screen the header keeps the site's name, search and theme switch; its links and
  // the sidebar move into a panel that the menu button opens, and back when it closes.
  function setUpMenu() {
    var button = document.querySelector(".menu-toggle");
    var header = document.querySelector(".site-header");
    if (!button || !header) return;
    var parts = [header.querySelector(".header-links"), document.querySelector(".layout > .sidebar")].filter(Boolean);
    if (!parts.length) return;
    button.hidden = false;
    var drawer = null, backdrop = null, homes = [];
    function close(focusButton) {
      if (!drawer) return;
      parts.forEach(function (part, i) { homes[i].parent.insertBefore(part, homes[i].next); });
      drawer.remove();
      backdrop.remove();
      drawer = backdrop = null;
      button.setAttribute("aria-expanded", "false");
      button.removeAttribute("aria-controls");
      if (focusButton) button.focus();
    }
    function open() {
      drawer = document.createElement("div");
      drawer.className = "menu-drawer";
      drawer.id = "menu-drawer";
      drawer.style.setProperty("--drawer-top", header.getBoundingClientRect().bottom + "px");
      homes = parts.map(function (part) { return { parent: part.parentNode, next: part.nextSibling }; });
      parts.forEach(function (part) { drawer.appendChild(part); });
      backdrop = document.createElement("div");
      backdrop.className = "menu-backdrop";
      backdrop.addEventListener("click", function () { close(false); });
      document.body.appendChild(backdrop);
      document.body.appendChild(drawer);
      button.setAttribute("aria-expanded", "true");
      button.setAttribute("aria-controls", drawer.id);
      var current = drawer.querySelector('a[aria-current="page"]') || drawer.querySelector("a");
      if (current) {
        current.scrollIntoView({ block: "center" });
        current.focus();
      }
    }
    button.addEventListener("click", function () { if (drawer) close(true); else open(); });
    document.addEventListener("keydown", function (ev) { if (ev.key === "Escape" && drawer) close(true); });
    // Wider again (a rotated tablet): the sidebar goes back beside the content.
    var narrow = window.matchMedia("(max-width: 52em)");
    if (narrow.addEventListener) narrow.addEventListener("change", function () { if (!narrow.matches) close(false); });
  }

  // --- printing: every snippet and example open ---------------------------------------------
  function setUpPrinting() {
    var opened = [];
    function before() {
      document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
    }
    function after() {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    }
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    var print = window.matchMedia("print");
    if (print.addEventListener) print.addEventListener("change", function () { if (print.matches) before(); else after(); });
  }

  // --- nested schemas: unfolded in place ----------------------------------------------------
  // A named schema nested in a tree is a link to its own page (data-folded): expanded at every
  // use, GitHub's pages repeated the same users and repositories thousands of times. The button
  // fetches that page once and shows its tree under the row, filtered like the tree it joins
  // (a request leaves out readOnly properties, a response writeOnly ones). A page opened from
  // disk (file://) cannot fetch another: there the link alone does it, and no button is added;
  // when a fetch fails otherwise, the button follows the link.
  var schemaTrees = {};

  function fetchSchemaTree(url) {
    if (!schemaTrees[url]) {
      schemaTrees[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.text();
      }).then(function (html) {
        var tree = new DOMParser().parseFromString(html, "text/html").querySelector(".schema-tree");
        if (!tree) throw new Error("no schema tree at " + url);
        // Its links are relative to its page: made absolute before they move to this one.
        tree.querySelectorAll("a[href]").forEach(function (a) {
          a.setAttribute("href", new URL(a.getAttribute("href"), url).href);
        });
        return tree;
      });
      schemaTrees[url].catch(function () { delete schemaTrees[url]; });
    }
    return schemaTrees[url];
  }

  function unfoldedCopy(tree, direction) {
    var box = document.createElement("div");
    box.className = "schema-unfolded";
    Array.prototype.forEach.call(tree.children, function (part) {
      // The row already shows the type, title and description.
      if (part.matches(".schema-root, .schema-description")) return;
      box.appendChild(document.importNode(part, true));
    });
    var hide = direction === "request" ? ".badge-readonly" : direction === "response" ? ".badge-writeonly" : null;
    if (hide) {
      box.querySelectorAll(".schema-prop").forEach(function (row) {
        var head = row.querySelector(":scope > .schema-prop-head, :scope > details > summary");
        if (head && head.querySelector(":scope > " + hide)) row.remove();
      });
    }
    return box;
  }

  function setUpUnfolding(scope) {
    if (location.protocol === "file:") return;
    scope.querySelectorAll("[data-folded]").forEach(function (head) {
      var link = head.querySelector("a.schema-ref");
      if (!link || head.querySelector(".schema-unfold")) return;
      var name = link.textContent;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "schema-unfold";
      // The visible word and, for a screen reader, which schema: "Expand simple-user".
      function show(open) {
        button.textContent = open ? "Collapse" : "Expand";
        button.setAttribute("aria-label", button.textContent + " " + name);
        button.setAttribute("aria-expanded", String(open));
      }
      show(false);
      head.appendChild(button);
      var box = null;
      button.addEventListener("click", function () {
        if (box) {
          box.hidden = !box.hidden;
          show(!box.hidden);
          return;
        }
        button.disabled = true;
        var tree = head.closest(".schema-tree");
        fetchSchemaTree(link.href).then(function (source) {
          box = unfoldedCopy(source, tree && tree.getAttribute("data-for"));
          // Under the row: inside the property's <li>, or right after a linked item/variant.
          if (head.classList.contains("schema-prop-head")) head.parentNode.appendChild(box);
          else head.parentNode.insertBefore(box, head.nextSibling);
          setUpUnfolding(box);
          button.disabled = false;
          show(true);
        }, function () {
          window.location.href = link.href;
        });
      });
    });
  }

  // --- the reader's credentials and server, filled into every snippet of the page -----------
  // One field per variable the snippets read (data-var), each kept under the playground's key
  // for that variable (the token's is its variable too), so a value entered on either is found
  // on the other. Kept in sessionStorage (this tab only); nothing here sends them anywhere.
  //
  // Each snippet lists (data-fill) every expression that reads a variable, exactly as written,
  // with the value it spells: literal text and variables. A filled-in variable becomes text and
  // the expression is spelled again in the snippet's language, so a token lands inside one
  // properly quoted word ('token=eyJ...'), whatever quotes, spaces, $ or backslashes it holds.

  function shellWord(text) { return "'" + text.replace(/'/g, "'\\''") + "'"; }

  // Segments [text, isVariable] with every variable that has a value turned into text, and
  // neighbouring texts joined.
  function withValues(segments, values) {
    var out = [];
    segments.forEach(function (seg) {
      var text = String(seg[0]), variable = seg[1] === 1;
      if (variable && values[text]) { text = values[text]; variable = false; }
      var last = out[out.length - 1];
      if (!variable && last && !last[1]) last[0] += text;
      else if (variable || text) out.push([text, variable]);
    });
    return out;
  }

  // The language's spelling of segments, as generator/snippets/snippets.cpp writes it.
  function spell(lang, segments) {
    if (lang.indexOf("curl") === 0 || lang === "httpie") {
      var word = segments.map(function (s) { return s[1] ? '"$' + s[0] + '"' : shellWord(s[0]); }).join("");
      return word || "''";
    }
    var env = lang === "python" ? function (n) { return 'os.environ["' + n + '"]'; }
      : lang === "javascript" ? function (n) { return "process.env." + n; }
      : function (n) { return 'os.Getenv("' + n + '")'; };
    var expr = segments.map(function (s) { return s[1] ? env(s[0]) : JSON.stringify(s[0]); }).join(" + ");
    return expr || '""';
  }

  function fillSnippet(text, lang, fill, values) {
    // Longest first: a header's expression may contain a cookie's.
    fill.slice().sort(function (a, b) { return b[0].length - a[0].length; }).forEach(function (entry) {
      var segments = withValues(entry[1], values);
      var changed = segments.length !== entry[1].length || segments.some(function (s, i) { return s[1] !== (entry[1][i][1] === 1); });
      if (changed) text = text.split(entry[0]).join(spell(lang, segments));
    });
    // Go refuses an import it does not use: once no variable is read, "os" goes too.
    if (lang === "go" && text.indexOf("os.") < 0) text = text.replace('\t"os"\n', "");
    return text;
  }
  window.apirefFillSnippet = fillSnippet;  // for the browser tests

  function setUpTryValues() {
    var sections = document.querySelectorAll(".snippets[data-server]");
    if (!sections.length) return;
    // Here, not beside the helpers: this runs from ready(), possibly before the rest of the file.
    var VARIABLE_PREFIX = "apiref-var-";
    var values = {}, server = "";

    function read(key) { try { return sessionStorage.getItem(key) || ""; } catch (e) { return ""; } }
    function write(key, value) { try { sessionStorage.setItem(key, value); } catch (e) { /* storage may be disabled */ } }

    document.querySelectorAll(".try-values input[data-var]").forEach(function (input) {
      var name = input.getAttribute("data-var");
      if (!(name in values)) values[name] = read(VARIABLE_PREFIX + name);
    });
    server = read("apiref-server");

    // A server must be a plain URL: it lands inside quotes in several languages.
    function safeServer(s) { return /^https?:\/\/[^\s'"`\\<>]+$/.test(s) ? s.replace(/\/+$/, "") : ""; }

    function fill(section) {
      var original = section.getAttribute("data-server").replace(/\/+$/, "");
      section.querySelectorAll("details.snippet").forEach(function (details) {
        var code = details.querySelector("code");
        if (!code) return;
        if (code.apirefOriginal === undefined) code.apirefOriginal = code.textContent;
        var text = code.apirefOriginal;
        var data = details.getAttribute("data-fill");
        if (data) {
          try { text = fillSnippet(text, details.getAttribute("data-language"), JSON.parse(data), values); } catch (e) { /* leave it */ }
        }
        var s = safeServer(server);
        if (s && original) text = text.split(original).join(s);
        code.textContent = text;
      });
    }

    sections.forEach(function (section) {
      var box = section.querySelector(".try-values");
      if (!box) return;
      box.hidden = false;
      var inputs = box.querySelectorAll("input[data-var]");
      var serverInput = box.querySelector(".try-server");
      inputs.forEach(function (input) { input.value = values[input.getAttribute("data-var")] || ""; });
      if (serverInput) serverInput.value = server;
      function update() {
        inputs.forEach(function (input) {
          var name = input.getAttribute("data-var");
          values[name] = input.value;
          write(VARIABLE_PREFIX + name, input.value);
        });
        server = serverInput ? serverInput.value.trim() : "";
        if (serverInput) serverInput.setAttribute("aria-invalid", server && !safeServer(server) ? "true" : "false");
        write("apiref-server", server);
        sections.forEach(fill);
      }
      inputs.forEach(function (input) { input.addEventListener("input", update); });
      if (serverInput) serverInput.addEventListener("input", update);
    });
    sections.forEach(fill);
  }

  // --- search: the index is fetched on first use, then matched in memory -------------------
  // The index (generator/render/search_index.h) lists operations, tags and schemas without
  // their addresses: pages are <bundle>/<operations|tags|schemas>/<slug>.html.
  //
  // An entry is found by its names. Its own names (an operation's summary, operationId and
  // path, a tag's or a schema's name) come first; then what it holds or belongs to (an
  // operation's parameters and tags, a schema's properties). In each of the two, best first:
  // the whole query is a name, a name starts with it, every word of the query (in any order)
  // starts or is part of a word of the entry. Scores are positive; no match, no result.
  var METHODS = { get: 1, put: 1, post: 1, "delete": 1, options: 1, head: 1, patch: 1, trace: 1 };
  // Words a query can hold that the entry need not: "get a repository" finds "Get repository".
  var OPTIONAL = { a: 1, an: 1, the: 1, of: 1, to: 1, "for": 1, "in": 1, on: 1, by: 1, and: 1, or: 1, with: 1, from: 1 };
  // How much a match in each field counts, 1..9. From OWN up, the entry's own names.
  var W = { id: 9, path: 9, name: 9, idWords: 8, summary: 7, pathWord: 6, method: 5, opTag: 4, param: 3, property: 3, bundle: 1 };
  var OWN = 5;
  // Tiers, a thousand apart: what a score is made of within a tier stays below 1000.
  var TIER = { exact: 6000, prefix: 5000, words: 4000, otherExact: 3000, otherPrefix: 2000, otherWords: 1000 };
  var KIND_ORDER = { tag: 0, op: 1, schema: 2 };
  var MAX_SHOWN = 20;

  // A name, split once however often it repeats (GitHub's `owner`, 600 times): as written,
  // in lower case, its words ("getWorkspaceByID", "full_name", "repos/get-content" -> get
  // workspace by id, full name, repos get content: parts) and those with the whole name
  // (words, what a query word is matched against).
  var nameCache = new Map();
  function nameOf(text) {
    text = String(text);
    var name = nameCache.get(text);
    if (!name) {
      var lower = text.toLowerCase(), spaced = lower;
      if (/[A-Z]/.test(text)) spaced = text.replace(/([a-z\d])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").toLowerCase();
      // Letters and digits, ASCII or not (a cheaper test than Unicode classes, on every name).
      var words = spaced.split(/[^a-z0-9\u00c0-\uffff]+/).filter(Boolean);
      name = { raw: text, lower: lower, parts: words, words: words.indexOf(lower) < 0 ? words.concat([lower]) : words, split: null };
      // Its words as one name: "create workspace" is createWorkspace.
      if (words.length > 1) name.split = { raw: words.join(" "), lower: words.join(" "), parts: words, words: words, split: null };
      nameCache.set(text, name);
    }
    return name;
  }
  function pathSegments(path) {
    return String(path).toLowerCase().split("/").filter(Boolean).map(function (s) { return /^\{.*\}$/.test(s) ? "{}" : s; });
  }
  function looksLikePath(word) { return word.indexOf("/") >= 0 || word.indexOf("{") >= 0; }

  // Query segments against a path template's: a query's {x} stands for a template's {y}, a
  // template's {y} takes any value ("repos/octocat/hello" finds /repos/{owner}/{repo}), the
  // last query segment may be unfinished. Null, or how: exact, from the start, and how well
  // (0..1: all of the path, its start, its end, its middle; less for values and unfinished).
  function matchPath(q, t, anchored) {
    var best = null;
    for (var at = 0; at + q.length <= t.length && (at === 0 || !anchored); at++) {
      var quality = 1, ok = true;
      for (var i = 0; i < q.length && ok; i++) {
        var qs = q[i], ts = t[at + i];
        if (qs === ts) continue;
        if (qs === "{}") ok = false;
        else if (ts === "{}") quality -= 0.05;
        else if (i === q.length - 1 && ts.indexOf(qs) === 0) quality -= 0.1;
        else ok = false;
      }
      if (!ok) continue;
      var whole = at === 0 && q.length === t.length;
      var place = whole ? 1 : at === 0 ? 0.9 : at + q.length === t.length ? 0.85 : 0.75;
      var m = { exact: whole && quality === 1, start: at === 0, quality: quality * place };
      if (!best || m.quality > best.quality) best = m;
    }
    return best;
  }

  // An entry: what it shows, where it leads, what finds it: names and their weights (two
  // arrays side by side: GitHub's entries hold 23,000 names), and the words of its title
  // (primary). A path segment, a method or the bundle only match word by word, never as the
  // whole query.
  var WORDS_ONLY = {};
  WORDS_ONLY[W.pathWord] = WORDS_ONLY[W.method] = WORDS_ONLY[W.bundle] = true;
  function Entry(kind, bundle, order, href, title) {
    this.kind = kind; this.bundle = bundle; this.order = order; this.href = href; this.title = title;
    this.names = []; this.weights = []; this.primary = [];
  }
  Entry.prototype.add = function (text, weight) {
    if (text) this.addName(nameOf(text), weight);
  };
  Entry.prototype.addName = function (name, weight) {
    if (!name) return;
    this.names.push(name);
    this.weights.push(weight);
  };

  // The model's slugify() (generator/model/model.cpp): the index leaves out the slugs it makes.
  function slugify(s) {
    return String(s).replace(/[^A-Za-z0-9._-]/g, "-").replace(/-{2,}/g, "-").replace(/[-.]+$/, "").replace(/^[-.]+/, "") || "_";
  }

  function buildEntries(data) {
    var bundles = data.bundles || [], tags = data.tags || [], names = data.names || [], out = [];
    // Slugs are [A-Za-z0-9._-]: safe in a URL as they are.
    function where(b, folder, slug, name) { return bundles[b][0] + "/" + folder + "/" + (slug || slugify(name)) + ".html"; }
    function named(list) { return (list || []).map(function (i) { return names[i]; }).filter(Boolean); }
    tags.forEach(function (t, i) {
      // bundle, slug, name, display name
      var display = t[3] || t[2];
      var e = new Entry("tag", t[0], i, where(t[0], "tags", t[1], t[2]), display);
      e.sub = t[3] ? "tag · " + t[2] : "tag";
      e.count = 0;
      e.add(t[2], W.name);
      e.add(t[3], W.name);
      e.addName(nameOf(t[2]).split, W.idWords);  // "rate limit" is rate-limit
      e.primary = nameOf(display).parts;
      out.push(e);
    });
    (data.operations || []).forEach(function (op, i) {
      // bundle, slug, method, path, summary, operationId, tags, parameter names
      var e = new Entry("op", op[0], i, where(op[0], "operations", op[1], op[5]), op[4] || op[3]);
      e.method = op[2];
      e.path = op[3];
      e.segments = pathSegments(op[3]);
      e.sub = op[3] + (op[5] ? " · " + op[5] : "");
      e.add(op[4], W.summary);
      e.add(op[5], W.id);
      if (op[5]) e.addName(nameOf(op[5]).split, W.idWords);  // "create workspace" is createWorkspace
      e.segments.forEach(function (s) { if (s !== "{}") e.add(s, W.pathWord); });
      e.add(op[2], W.method);
      (op[6] || []).forEach(function (t) {
        var tag = tags[t];
        if (!tag) return;
        out[t].count++;  // the tags are the first entries, in the index's order
        e.add(tag[2], W.opTag);
        e.add(tag[3], W.opTag);
      });
      named(op[7]).forEach(function (p) { e.add(p, W.param); });
      e.primary = nameOf(op[4] || op[5] || op[3]).parts;
      out.push(e);
    });
    (data.schemas || []).forEach(function (s, i) {
      // bundle, slug, name, property names, and what readers call it when that is not its name
      var e = new Entry("schema", s[0], i, where(s[0], "schemas", s[1], s[2]), s[4] || s[2]);
      var props = named(s[3]);
      // Its first fields tell two schemas of one name apart.
      e.sub = props.length ? "schema · " + props.slice(0, 4).join(", ") + (props.length > 4 ? ", …" : "") : "schema";
      e.add(s[2], W.name);
      e.addName(nameOf(s[2]).split, W.idWords);
      props.forEach(function (p) { e.add(p, W.property); });
      e.primary = nameOf(s[2]).parts;
      out.push(e);
    });
    out.forEach(function (e) { if (e.kind === "tag") e.sub += " · " + e.count + (e.count === 1 ? " operation" : " operations"); });
    // "cloud workspace": the bundle's name narrows a search when the site has several.
    if (bundles.length > 1) out.forEach(function (e) { e.add(bundles[e.bundle][0], W.bundle); });
    return out;
  }

  // "GET /repos/{owner}/{repo}" -> method "get", words ["/repos/{owner}/{repo}"].
  function parseQuery(text) {
    var raw = text.split(/\s+/).filter(Boolean), method = null;
    if (raw.length > 1 && METHODS[raw[0].toLowerCase()] && raw.slice(1).some(looksLikePath)) method = raw.shift().toLowerCase();
    var words = raw.map(function (w) { return w.toLowerCase(); });
    var segments = words.map(function (w) { return looksLikePath(w) ? pathSegments(w) : null; });
    return { raw: raw.join(" "), text: words.join(" "), words: words, method: method, segments: segments, hasPath: segments.some(Boolean) };
  }

  // What to say of a match in a name that is not the entry's own: "parameter owner".
  // k: the index of the name in the entry, or -1.
  function because(e, k) {
    if (k < 0) return null;
    var weight = e.weights[k];
    var field = weight === W.opTag ? "tag" : weight === W.param && e.kind === "op" ? "parameter" :
      weight === W.property && e.kind === "schema" ? "property" : null;
    return field && field + " " + e.names[k].raw;
  }

  // How well query word j matches the entry, 0..9 (0: not at all): at best in its own names
  // (own) and anywhere (any, and the key it matched). One object, reused: this runs for every
  // entry on every keystroke.
  var wordHit = { own: 0, any: 0, at: -1 };
  function matchWord(e, query, j) {
    var w = query.words[j], own = 0, any = 0, anyAt = -1;
    if (query.segments[j] && e.segments) {
      var m = matchPath(query.segments[j], e.segments, w.charAt(0) === "/");
      if (m) own = any = W.path * m.quality;
    }
    var infix = w.length >= 3;
    for (var k = 0; k < e.names.length; k++) {
      var words = e.names[k].words, weight = e.weights[k];
      if (weight <= own && weight <= any) continue;  // cannot do better
      for (var i = 0; i < words.length; i++) {
        var word = words[i], at = word.indexOf(w);
        // Inside a word ("owner" in codeowners) is a weak match: never one of the entry's own.
        var how = at < 0 ? 0 : at === 0 ? (word.length === w.length ? 1 : 0.75) : infix ? 0.4 : 0;
        if (!how) continue;
        var q = weight * how;
        if (weight >= OWN && how >= 0.75 && q > own) own = q;
        if (q > any) { any = q; anyAt = weight >= OWN ? -1 : k; }
      }
    }
    wordHit.own = own; wordHit.any = any; wordHit.at = anyAt;
    return wordHit;
  }

  // [score, why] or null: the best of the tiers the entry reaches.
  function score(e, query) {
    if (query.method && (e.kind !== "op" || e.method !== query.method)) return null;
    var best = 0, bestAt = -1;
    function consider(s, k) { if (s > best) { best = s; bestAt = k; } }
    var q = query.text;
    if (query.words.length === 1 && query.segments[0] && e.segments) {
      var m = matchPath(query.segments[0], e.segments, q.charAt(0) === "/");
      if (m && m.start) consider((m.exact ? TIER.exact : TIER.prefix) + Math.round(800 * m.quality) + Math.max(0, 99 - e.path.length), -1);
    }
    if (!query.method) {
      for (var i = 0; i < e.names.length; i++) {
        var name = e.names[i], weight = e.weights[i], own = weight >= OWN;
        if (WORDS_ONLY[weight] || name.lower.indexOf(q) !== 0) continue;
        // Typed as the author wrote it ("Workspace", not "workspace"): first among equals.
        if (name.lower.length === q.length) consider((own ? TIER.exact : TIER.otherExact) + weight * 100 + (name.raw === query.raw ? 50 : 0), i);
        else consider((own ? TIER.prefix : TIER.otherPrefix) + weight * 100 + Math.max(0, 99 - (name.lower.length - q.length)), i);
      }
    }
    if (best < TIER.prefix) {
      // Every word, in any order: all in the entry's own names, or some in what it holds.
      var ownTotal = 0, anyTotal = 0, counted = 0, allOwn = true, whyAt = -1, missing = false;
      for (var j = 0; j < query.words.length && !missing; j++) {
        var hit = matchWord(e, query, j);
        if (!hit.any) {
          if (!(OPTIONAL[query.words[j]] && query.words.length > 1)) missing = true;
          continue;
        }
        counted++;
        anyTotal += hit.any;
        if (hit.own) ownTotal += hit.own;
        else allOwn = false;
        if (hit.at >= 0 && whyAt < 0) whyAt = hit.at;
      }
      if (counted && !missing) {
        // How much of the entry's title the query covers: "create workspace" is all of
        // createWorkspace, a little of assignWorkspaceToCreatedTeam.
        var covered = 0;
        for (var p = 0; p < e.primary.length; p++) {
          for (var k = 0; k < query.words.length; k++) {
            if (e.primary[p].indexOf(query.words[k]) === 0) { covered++; break; }
          }
        }
        // Then the shorter: title, or path when the query names one.
        var length = query.hasPath && e.path ? e.path.length : e.title.length;
        var rest = 200 * (e.primary.length ? covered / e.primary.length : 0) + Math.max(0, 40 - length / 2);
        if (allOwn) consider(TIER.words + Math.round(60 * ownTotal / counted + rest), -1);
        else consider(TIER.otherWords + Math.round(60 * anyTotal / counted + rest), whyAt);
      }
    }
    return best ? [best, because(e, bestAt)] : null;
  }

  function setUpSearch() {
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    if (!input || !list) return;
    var base = input.getAttribute("data-root") || "";
    var entries = null, bundles = [], loading = null, selected = -1, here = -1;
    // A combobox over a listbox: the focus stays in the input, and aria-activedescendant names
    // the highlighted result, so a screen reader reads each result as the arrows reach it.
    // The options are the links themselves (an option holding a link would nest interactive
    // content); their list items are role="none".
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    list.setAttribute("role", "listbox");
    function showList(on) {
      list.hidden = !on;
      input.setAttribute("aria-expanded", String(on));
      if (!on) input.removeAttribute("aria-activedescendant");
    }

    // A page opened from disk (file://) cannot fetch a file, but it can load a script: the
    // build writes the index in both forms.
    function fetchIndex() {
      if (location.protocol !== "file:") return fetch(input.getAttribute("data-index")).then(function (r) { return r.json(); });
      return new Promise(function (resolve, reject) {
        if (window.apirefSearchIndex) return resolve(window.apirefSearchIndex);
        var script = document.createElement("script");
        script.src = input.getAttribute("data-index-script");
        script.onload = function () { resolve(window.apirefSearchIndex); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }

    function load() {
      if (loading) return loading;
      loading = fetchIndex().then(function (data) {
        bundles = data.bundles || [];
        entries = buildEntries(data);
        // The bundle of this page, whose results come first among equals.
        var rest = location.href.slice(new URL(base || "./", location.href).href.length).split("/")[0];
        here = bundles.findIndex(function (b) { return b[0] === rest; });
      });
      return loading;
    }

    function compare(a, b) {
      return b.score - a.score || (b.e.bundle === here) - (a.e.bundle === here) || a.e.bundle - b.e.bundle ||
        KIND_ORDER[a.e.kind] - KIND_ORDER[b.e.kind] || a.e.order - b.e.order;
    }

    function render() {
      var query = parseQuery(input.value.trim());
      list.replaceChildren();
      selected = -1;
      input.removeAttribute("aria-activedescendant");
      if (!query.words.length || !entries) { showList(false); return; }
      var hits = [], seen = {};
      for (var i = 0; i < entries.length; i++) {
        var s = score(entries[i], query);
        if (!s || seen[entries[i].href]) continue;
        seen[entries[i].href] = true;
        hits.push({ score: s[0], why: s[1], e: entries[i] });
      }
      hits.sort(compare);
      // What the list shows, for tests and tools: the query it answers.
      list.setAttribute("data-query", input.value.trim());
      hits.slice(0, MAX_SHOWN).forEach(function (hit, n) {
        var e = hit.e, bundle = bundles[e.bundle] || [""];
        var li = document.createElement("li");
        li.className = "search-hit";
        li.setAttribute("role", "none");
        li.setAttribute("data-kind", e.kind);
        li.setAttribute("data-bundle", bundle[0]);
        li.setAttribute("data-score", String(hit.score));
        var a = document.createElement("a");
        a.href = base + e.href;
        a.id = "search-hit-" + n;
        a.setAttribute("role", "option");
        a.setAttribute("aria-selected", "false");
        a.tabIndex = -1;
        var badge = document.createElement("span");
        badge.className = e.kind === "op" ? "method method-" + e.method : "method search-kind";
        badge.textContent = e.kind === "op" ? e.method.toUpperCase() : e.kind;
        a.appendChild(badge);
        a.appendChild(document.createTextNode(" "));
        var title = document.createElement("span");
        title.className = "search-title";
        title.textContent = e.title;
        a.appendChild(title);
        // Which bundle, as the header names it, when the site has several.
        if (bundles.length > 1) {
          var label = document.createElement("span");
          label.className = "search-bundle";
          label.textContent = bundle[1] || bundle[0];
          a.appendChild(label);
        }
        var sub = document.createElement("span");
        sub.className = "path";
        sub.textContent = e.sub + (hit.why ? " · " + hit.why : "");
        a.appendChild(sub);
        li.appendChild(a);
        list.appendChild(li);
      });
      var note = null;
      if (!hits.length) note = "Nothing matches “" + input.value.trim() + "”.";
      else if (hits.length > MAX_SHOWN) note = (hits.length - MAX_SHOWN) + " more: add a word to narrow the search.";
      if (note) {
        var more = document.createElement("li");
        more.className = "search-note";
        more.setAttribute("role", "none");
        more.textContent = note;
        list.appendChild(more);
      }
      showList(true);
    }

    function move(delta) {
      var items = list.querySelectorAll("li.search-hit");
      if (!items.length) return;
      if (selected >= 0) {
        items[selected].removeAttribute("data-selected");
        items[selected].firstChild.setAttribute("aria-selected", "false");
      }
      selected = (selected + delta + items.length) % items.length;
      items[selected].setAttribute("data-selected", "true");
      items[selected].firstChild.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[selected].firstChild.id);
      items[selected].scrollIntoView({ block: "nearest" });
    }

    input.addEventListener("focus", load);
    // Keystrokes that come faster than the list is made are answered once, with the latest text.
    var pending = false;
    input.addEventListener("input", function () {
      if (pending) return;
      pending = true;
      load().then(function () { pending = false; render(); });
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") { move(1); ev.preventDefault(); }
      else if (ev.key === "ArrowUp") { move(-1); ev.preventDefault(); }
      else if (ev.key === "Enter") {
        var items = list.querySelectorAll("li.search-hit a");
        var target = items[selected >= 0 ? selected : 0];
        if (target) window.location.href = target.href;
      } else if (ev.key === "Escape") { showList(false); input.blur(); }
    });
    document.addEventListener("click", function (ev) {
      if (!list.contains(ev.target) && ev.target !== input) showList(false);
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "/" && document.activeElement !== input && !/input|textarea/i.test(document.activeElement.tagName)) {
        input.focus();
        ev.preventDefault();
      }
    });
  }
})();

// apiref pages work without this file; it only adds search, the theme switch, copy buttons,
// the reader's values in snippets, nested schemas unfolded in place and, in an operation page's
// sidebar, the other operations of its tag.
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
  });

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
        var tree = new DOMParser().parseFromString(html, "text/html").querySelector("main .schema-tree");
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
  function setUpSearch() {
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    if (!input || !list) return;
    var base = input.getAttribute("data-root") || "";
    var entries = null, loading = null, selected = -1;

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
        entries = data.operations.map(function (op) {
          // url, method, path, summary, operationId, tags, parameters, bundle
          return { op: op, text: (op[1] + " " + op[2] + " " + op[3] + " " + op[4] + " " + op[5] + " " + op[6]).toLowerCase(),
                   summary: (op[3] || "").toLowerCase(), id: (op[4] || "").toLowerCase() };
        });
      });
      return loading;
    }

    function score(e, words, query) {
      var s = 0;
      for (var i = 0; i < words.length; i++) {
        if (e.text.indexOf(words[i]) < 0) return -1;
      }
      if (e.summary === query) s += 100;
      else if (e.summary.indexOf(query) === 0) s += 50;
      else if (e.summary.indexOf(query) >= 0) s += 25;
      if (e.id === query) s += 80;
      return s - e.text.length / 1000;
    }

    function render() {
      var query = input.value.trim().toLowerCase();
      list.innerHTML = "";
      selected = -1;
      if (!query || !entries) { list.hidden = true; return; }
      var words = query.split(/\s+/);
      var hits = [];
      for (var i = 0; i < entries.length; i++) {
        var s = score(entries[i], words, query);
        if (s >= 0) hits.push([s, entries[i]]);
      }
      hits.sort(function (a, b) { return b[0] - a[0]; });
      hits.slice(0, 20).forEach(function (hit) {
        var op = hit[1].op;
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        var a = document.createElement("a");
        a.href = base + op[0];
        var method = document.createElement("span");
        method.className = "method method-" + op[1].toLowerCase();
        method.textContent = op[1];
        a.appendChild(method);
        a.appendChild(document.createTextNode(" " + (op[3] || op[2])));
        var path = document.createElement("span");
        path.className = "path";
        path.textContent = op[2] + " · " + op[4];
        a.appendChild(path);
        li.appendChild(a);
        list.appendChild(li);
      });
      if (!hits.length) {
        var none = document.createElement("li");
        none.textContent = "No operation matches.";
        list.appendChild(none);
      }
      list.hidden = false;
    }

    function move(delta) {
      var items = list.querySelectorAll("li[role=option]");
      if (!items.length) return;
      if (selected >= 0) items[selected].removeAttribute("aria-selected");
      selected = (selected + delta + items.length) % items.length;
      items[selected].setAttribute("aria-selected", "true");
      items[selected].scrollIntoView({ block: "nearest" });
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", function () { load().then(render); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") { move(1); ev.preventDefault(); }
      else if (ev.key === "ArrowUp") { move(-1); ev.preventDefault(); }
      else if (ev.key === "Enter") {
        var items = list.querySelectorAll("li[role=option] a");
        var target = items[selected >= 0 ? selected : 0];
        if (target) window.location.href = target.href;
      } else if (ev.key === "Escape") { list.hidden = true; input.blur(); }
    });
    document.addEventListener("click", function (ev) {
      if (!list.contains(ev.target) && ev.target !== input) list.hidden = true;
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "/" && document.activeElement !== input && !/input|textarea/i.test(document.activeElement.tagName)) {
        input.focus();
        ev.preventDefault();
      }
    });
  }
})();

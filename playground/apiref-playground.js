// apiref's set-up of Swagger UI for the playground (_site/playground/). Swagger UI's own
// initializer points at the petstore; this one reads the site's two settings files:
//   swagger-config.json      Swagger UI's configUrl: every bundle of the site, the declarative options
//   apiref-playground.json   per bundle, the project's auth (apiref.yaml auth.send, the bundle's or
//                            the project's; null: the description's own schemes), persistAuthorization,
//                            `proxy` (null on a static host; `apiref serve --proxy` sets it),
//                            `servers` (the further servers serve's proxy may reach) and `slices`
//                            (per large bundle, by tag name, a description of that tag alone)
// and adds what cannot be declared: the bundle picker (Swagger UI's own sits in its top bar,
// which the site's header replaces), the site's theme, the further servers, the request
// interceptor that sends the project's auth the way its server expects, the proxy rewrite, curl
// snippets that show the request as it goes to the real server with the credentials as
// environment variables, no syntax highlighting for very large responses, and the per-tag
// descriptions of a large bundle: a deep link into one opens on its tag's description alone
// (Swagger UI takes many seconds over GitHub's whole), with a link that loads the whole API.
// A deep link to an operation first shows apiref-form.js's request form for it, sent through
// the same interceptor and proxy, and only then adds Swagger UI's script to the page.
(function () {
  "use strict";

  // The same keys as the reference pages' token box (site/app.js): one per variable the
  // snippets read (the token's is its token_env), so a value entered on an operation page is
  // used here and the other way round. sessionStorage: this tab only.
  var VARIABLE_PREFIX = "apiref-var-";
  // Above this many characters a response body is shown as plain text: highlighting a
  // multi-megabyte body freezes the tab for seconds.
  var LARGE_RESPONSE = 100 * 1024;

  var settings = { auth: {}, persistAuthorization: false, proxy: null, servers: [], slices: {} };
  var values = {};  // variable name -> what the reader entered; "token" is the token
  var shownBundle = null;  // the bundle whose auth the box shows
  var config = { urls: [] };  // swagger-config.json

  function $(id) { return document.getElementById(id); }

  function status(text) {
    var el = $("apiref-status");
    if (el) el.textContent = text;
  }

  function readStore(key) {
    try { return sessionStorage.getItem(key) || ""; } catch (e) { return ""; }
  }

  function writeStore(key, value) {
    try { sessionStorage.setItem(key, value); } catch (e) { /* storage may be disabled */ }
  }

  function storageKey(auth, name) { return VARIABLE_PREFIX + envName(auth, name); }

  // The environment variable a template variable stands for in snippets: the token's is the
  // project's token_env (e.g. API_TOKEN), the others are named as they are.
  function envName(auth, name) { return name === "token" ? auth.token_env : name; }

  // The bundle Swagger UI shows: from its spec URL (../<bundle>/openapi.json, or
  // <bundle>.openapi.json for a bundle the project rebranded, or tags/<bundle>/<tag>.json for one
  // tag of it), else the page's urls.primaryName.
  function currentBundle() {
    var url = "";
    try { url = window.ui && window.ui.specSelectors ? String(window.ui.specSelectors.url() || "") : ""; } catch (e) { url = ""; }
    var m = /(?:^|\/)tags\/([^\/]+)\/[^\/]+\.json$/.exec(url) ||
            /([^\/]+)\/openapi\.json$/.exec(url) || /([^\/]+)\.openapi\.json$/.exec(url);
    if (m) return decodeURIComponent(m[1]);
    return firstBundle();
  }

  function currentAuth() {
    var name = currentBundle();
    var auth = name !== null ? settings.auth[name] : null;
    return auth && Array.isArray(auth.headers) && Array.isArray(auth.cookies) ? auth : null;
  }

  var VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

  // Every ${NAME} the auth templates use, the token first.
  function variablesOf(auth) {
    var names = ["token"];
    auth.headers.concat(auth.cookies).forEach(function (pair) {
      String(pair[1]).replace(VARIABLE, function (_, name) {
        if (names.indexOf(name) < 0) names.push(name);
        return "";
      });
    });
    return names;
  }

  // What a request carries until it is sent, in place of each variable: a word no snippet
  // generator quotes or escapes. The request Swagger UI keeps (and shows as curl) holds these;
  // the values are put in at the last moment (send), so no snippet shows a token in clear.
  function marker(env) { return "__apirefenv_" + env + "__apirefend__"; }
  var MARKER = /__apirefenv_([A-Za-z_][A-Za-z0-9_]*?)__apirefend__/g;

  // The template with each variable as its marker, or null when one of them is still empty
  // (a half-filled credential is not sent).
  function withMarkers(auth, template) {
    var missing = false;
    var text = String(template).replace(VARIABLE, function (_, name) {
      if (!values[name]) missing = true;
      return marker(envName(auth, name));
    });
    return missing ? null : text;
  }

  // The markers in `text` replaced by what the reader entered.
  function withValues(auth, text) {
    return String(text).replace(MARKER, function (_, env) {
      var name = auth && env === auth.token_env ? "token" : env;
      return values[name] || "";
    });
  }

  function sameOrigin(url) {
    try { return new URL(url, location.href).origin === location.origin; } catch (e) { return false; }
  }

  // The site's own files (the descriptions, the config): never rewritten, never given auth.
  function isSiteFile(url) {
    if (!sameOrigin(url)) return false;
    var path = new URL(url, location.href).pathname;
    return /[\/.]openapi\.(json|ya?ml)$/.test(path) || /\/(swagger-config|apiref-playground)\.json$/.test(path) ||
           /\/playground\/tags\/[^\/]+\/[^\/]+\.json$/.test(path);
  }

  function setHeader(headers, name, value) {
    Object.keys(headers).forEach(function (k) {
      if (k.toLowerCase() === name.toLowerCase()) delete headers[k];
    });
    headers[name] = value;
  }

  function headerNamed(headers, name) {
    var found = null;
    Object.keys(headers).forEach(function (k) { if (k.toLowerCase() === name.toLowerCase()) found = k; });
    return found;
  }

  // The request as it goes to the API's own server: its URL untouched, the project's
  // credentials (as markers) in the headers it names, cookies in a Cookie header. This is what
  // Swagger UI keeps and shows as curl; send() turns it into what the browser can send.
  function requestInterceptor(req) {
    if (req.loadSpec || isSiteFile(req.url)) return req;
    req.headers = req.headers || {};
    var auth = currentAuth();
    if (auth && values.token) {
      auth.headers.forEach(function (pair) {
        var v = withMarkers(auth, pair[1]);
        if (v !== null) setHeader(req.headers, pair[0], v);
      });
      var cookies = [];
      auth.cookies.forEach(function (pair) {
        var v = withMarkers(auth, pair[1]);
        if (v !== null) cookies.push(pair[0] + "=" + v);
      });
      if (cookies.length) {
        var had = headerNamed(req.headers, "Cookie");
        if (had) cookies.unshift(req.headers[had]);  // the description's own cookie parameters
        setHeader(req.headers, "Cookie", cookies.join("; "));
      }
    }
    req.userFetch = send;
    return req;
  }

  // Sends a request the interceptor prepared: the markers replaced by the reader's values, and
  // through serve's proxy when there is one. Browsers do not let a page set Cookie: through the
  // proxy it goes as X-Apiref-Cookie (serve moves it back); to this same origin the page's own
  // cookies carry it; to another origin it cannot go, and the page says so.
  function send(url, init) {
    var auth = currentAuth();
    var headers = {};
    Object.keys(init.headers || {}).forEach(function (k) { headers[k] = withValues(auth, init.headers[k]); });
    var target = String(url);
    var cookieKey = headerNamed(headers, "Cookie");
    var cookie = cookieKey ? headers[cookieKey] : "";
    if (cookieKey) delete headers[cookieKey];
    var viaProxy = settings.proxy && /^https?:\/\//i.test(target) && !sameOrigin(target);
    if (cookie && viaProxy) {
      headers["X-Apiref-Cookie"] = cookie;
    } else if (cookie && sameOrigin(target)) {
      cookie.split(/;\s*/).forEach(function (c) { document.cookie = c + "; path=/; SameSite=Strict"; });
    } else if (cookie) {
      status("This request went without " + (auth ? "the " + auth.name + " cookie" : "its cookies") + ": a page cannot set " +
             "cookies for " + new URL(target, location.href).host + ". Preview with `apiref serve --proxy` to send it.");
    }
    if (viaProxy) target = settings.proxy + "?url=" + encodeURIComponent(target);
    var copy = {};
    Object.keys(init).forEach(function (k) { if (k !== "userFetch" && k !== "requestInterceptor" && k !== "responseInterceptor") copy[k] = init[k]; });
    copy.headers = headers;
    return window.fetch(target, copy);
  }

  // --- curl as it would go to the real server ---------------------------------------------
  // Swagger UI's three curl snippets, with each marker spelled as the shell reads the
  // environment variable: the single-quoted word holding it is quoted again with double quotes
  // ("Authorization: Bearer $API_TOKEN"), cmd's ^"...^" words take %NAME%.
  function bashWord(word) {
    var text = word.slice(1, -1).split("'\\''").join("'");
    return '"' + text.replace(/[\\"$`]/g, "\\$&").replace(MARKER, "$$$1") + '"';
  }

  function powershellWord(word) {
    var text = word.slice(1, -1).split("''").join("'");
    return '"' + text.replace(/[`"$]/g, "`$&").replace(MARKER, "$$env:$1") + '"';
  }

  function spellMarkers(text, language) {
    if (language === "cmd") return text.replace(MARKER, "%$1%");
    var word = language === "powershell" ? /'(?:[^']|'')*'/g : /'(?:[^']|'\\'')*'/g;
    var requote = language === "powershell" ? powershellWord : bashWord;
    return text.replace(word, function (w) { return w.search(MARKER) >= 0 ? requote(w) : w; });
  }

  function curlSnippets(system) {
    var fn = (system && system.fn) || {};
    var out = {};
    [["bash", "requestSnippetGenerator_curl_bash"], ["cmd", "requestSnippetGenerator_curl_cmd"],
     ["powershell", "requestSnippetGenerator_curl_powershell"]].forEach(function (pair) {
      var original = fn[pair[1]];
      if (typeof original !== "function") return;
      out[pair[1]] = function (request) {
        var text = String(original(request));
        MARKER.lastIndex = 0;
        return text.search(MARKER) >= 0 ? spellMarkers(text, pair[0]) : text;
      };
    });
    return { fn: out };
  }
  window.apirefSpellMarkers = spellMarkers;  // for the browser tests

  function responseInterceptor(res) {
    if (!res || isSiteFile(res.url)) return res;
    var size = typeof res.text === "string" ? res.text.length
             : typeof res.data === "string" ? res.data.length : 0;
    var configs = window.ui && window.ui.getConfigs ? window.ui.getConfigs() : null;
    // Swagger UI reads this flag each time it renders a body: off for this response only.
    if (configs && configs.syntaxHighlight) configs.syntaxHighlight.activated = size <= LARGE_RESPONSE;
    return res;
  }

  // The small token box above Swagger UI: one field per variable of auth.send, for the bundle
  // shown (bundles may take different credentials); hidden for a bundle without project auth.
  function showAuthBox() {
    var box = $("apiref-auth");
    var bundle = currentBundle();
    if (!box || bundle === shownBundle) return;
    shownBundle = bundle;
    box.replaceChildren();
    box.hidden = true;
    values = {};
    var auth = currentAuth();
    if (auth) buildAuthBox(box, auth);
  }

  function buildAuthBox(box, auth) {
    var names = variablesOf(auth);
    var title = document.createElement("h2");
    title.id = "apiref-auth-title";
    title.textContent = "Your " + auth.name;
    box.appendChild(title);
    var form = document.createElement("form");
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    names.forEach(function (name) {
      values[name] = readStore(storageKey(auth, name));
      var label = document.createElement("label");
      var described = auth.variables && auth.variables[name];
      label.appendChild(document.createTextNode(name === "token" ? "Token ($" + auth.token_env + ") " :
        (described ? described + " ($" + name + ") " : name + " ")));
      var input = document.createElement("input");
      input.type = name === "token" ? "password" : "text";
      input.name = name;
      input.autocomplete = "off";
      input.spellcheck = false;
      input.value = values[name];
      input.addEventListener("input", function () {
        values[name] = input.value;
        writeStore(storageKey(auth, name), input.value);
      });
      label.appendChild(input);
      form.appendChild(label);
    });
    box.appendChild(form);
    // How it is sent, in a sentence: each header as curl shows it, the variables as $NAME.
    function shown(template) {
      return String(template).replace(VARIABLE, function (_, name) { return "$" + envName(auth, name); });
    }
    var sent = auth.headers.map(function (pair) { return pair[0] + ": " + shown(pair[1]); });
    if (auth.cookies.length) {
      sent.push("Cookie: " + auth.cookies.map(function (pair) { return pair[0] + "=" + shown(pair[1]); }).join("; "));
    }
    var how = document.createElement("details");
    how.className = "apiref-how";
    var summary = document.createElement("summary");
    summary.textContent = "How it is sent";
    how.appendChild(summary);
    var text = document.createElement("p");
    text.className = "apiref-note";
    text.appendChild(document.createTextNode(sent.length > 1 ? "Every request you send from here carries these headers: "
                                                              : "Every request you send from here carries this header: "));
    sent.forEach(function (line, i) {
      if (i) text.appendChild(document.createTextNode(i === sent.length - 1 ? " and " : ", "));
      var code = document.createElement("code");
      code.textContent = line;
      text.appendChild(code);
    });
    text.appendChild(document.createTextNode(". The values stay in this browser tab and are shared with the token box " +
      "of the reference pages. The server reads no other credential, so there is no Authorize button."));
    how.appendChild(text);
    box.appendChild(how);
    if (auth.cookies.length && !settings.proxy) {
      var note = document.createElement("p");
      note.className = "apiref-note apiref-warning";
      note.setAttribute("role", "note");
      note.appendChild(document.createTextNode("A page cannot send cookies to another site, and this server reads the " +
        auth.name + " from one: to send it, preview the site with "));
      var command = document.createElement("code");
      command.textContent = "apiref serve --proxy";
      note.appendChild(command);
      note.appendChild(document.createTextNode("."));
      box.appendChild(note);
    }
    box.hidden = false;
  }

  // Deep links (#/<tag>/<operationId>, as Swagger UI writes them, each part encodeURIComponent'd)
  // are opened here rather than by Swagger UI: it neither decodes the parts (an id such as
  // GitHub's "repos/get" never matches) nor takes a '_' without logging a deprecation error
  // (tag and operation names often have one). Swagger UI still writes the hash as the reader
  // opens operations.
  function parseDeepLink(hash) {
    var m = /^#!?\/(.+)$/.exec(hash || "");
    if (!m) return null;
    try {
      return m[1].split("/").map(decodeURIComponent);
    } catch (e) {
      return null;
    }
  }

  function openDeepLink(parts) {
    if (!parts || !window.ui || !parts[0]) return;
    var actions = window.ui.layoutActions;
    actions.show(["operations-tag", parts[0]], true);
    if (parts.length < 2 || !parts[1]) return;
    var key = ["operations", parts[0], parts[1]];
    actions.show(key, true);
    // The request form above Swagger UI is what the reader reads: Swagger UI's view of the
    // operation opens below it, unscrolled (the form links to it).
    if (formShown) return;
    bringIntoView(key);
  }

  // Swagger UI lays out a long list's operations only near the view, and its scroll to one
  // (scrollToVirtualizedOperation) looks the operation up in the list it holds at that moment,
  // then forgets the request: asked while a description is still being laid out (a loaded
  // machine, a slow phone), the scroll goes nowhere. So it is asked again until the operation's
  // element is there and stays in view, for as long as the reader has not scrolled or typed.
  var scrolling = null;  // the bringIntoView under way: { stop }

  // Swagger UI's element id for a layout key: joined by '-', whitespace as '_', CSS-escaped
  // (escapeDeepLinkPath).
  function swaggerElementId(key) {
    var id = key.join("-").trim().replace(/\s/g, "_");
    return window.CSS && CSS.escape ? CSS.escape(id) : id;
  }

  function bringIntoView(key) {
    if (scrolling) scrolling.stop();
    var actions = window.ui.layoutActions;
    var id = swaggerElementId(key);
    var started = Date.now(), asked = 0, held = 0, timer = null;
    var readerEvents = ["wheel", "touchstart", "keydown", "mousedown"];
    var self = { stop: function () {
      clearTimeout(timer);
      readerEvents.forEach(function (e) { window.removeEventListener(e, self.stop, true); });
      if (scrolling === self) scrolling = null;
    } };
    scrolling = self;
    readerEvents.forEach(function (e) { window.addEventListener(e, self.stop, true); });
    (function attempt() {
      var el = document.getElementById(id);
      if (el && el.isConnected) {
        var top = el.getBoundingClientRect().top;
        if (top >= 0 && top < window.innerHeight) {
          // In view on several checks in a row: the layout has settled around it.
          if (++held >= 4) {
            if (actions.clearScrollTo) actions.clearScrollTo();  // Swagger UI's own is not needed
            return self.stop();
          }
        } else {
          held = 0;
          el.scrollIntoView({ block: "start" });
        }
      } else if (Date.now() - asked > 1000) {
        held = 0;
        asked = Date.now();
        actions.scrollTo(key);
        if (actions.scrollToVirtualizedOperation) actions.scrollToVirtualizedOperation(key);
      }
      if (Date.now() - started < 180000) timer = setTimeout(attempt, 250);
      else self.stop();
    })();
  }

  // --- the bundle picker ------------------------------------------------------------------
  // Swagger UI's own sits in its top bar, which the site's header replaces. The bundle shown
  // comes from ?urls.primaryName=, else swagger-config.json's primary, else the first.
  function bundleUrl(name) {
    for (var i = 0; i < config.urls.length; i++) if (config.urls[i].name === name) return config.urls[i].url;
    return null;
  }

  function firstBundle() {
    var asked = new URLSearchParams(location.search).get("urls.primaryName");
    if (asked && bundleUrl(asked)) return asked;
    var primary = config["urls.primaryName"];
    if (primary && bundleUrl(primary)) return primary;
    return config.urls.length ? config.urls[0].name : null;
  }

  var pickerSet = false;

  function setUpBundlePicker(name) {
    var select = $("apiref-bundle");
    if (!select || config.urls.length < 2 || pickerSet) return;
    pickerSet = true;
    config.urls.forEach(function (u) {
      var option = document.createElement("option");
      option.value = u.name;
      option.textContent = u.name;
      select.appendChild(option);
    });
    select.value = name;
    select.parentNode.hidden = false;
    select.addEventListener("change", function () {
      var url = bundleUrl(select.value);
      if (!url) return;
      var query = new URLSearchParams(location.search);
      query.set("urls.primaryName", select.value);
      // Picked while the request form is shown and Swagger UI is still to come: that bundle's
      // playground, opened afresh.
      if (!window.ui) return location.assign(location.pathname + "?" + query.toString());
      history.replaceState(null, "", location.pathname + "?" + query.toString() + location.hash);
      shownTag = null;
      shownOperation = null;
      showSliceNote();
      // The request form is for an operation of the bundle left.
      ["apiref-form", "apiref-form-below"].forEach(function (id) { if ($(id)) $(id).hidden = true; });
      document.documentElement.setAttribute("data-playground-spec", "whole");
      window.ui.specActions.updateUrl(url);
      window.ui.specActions.download(url);
    });
  }

  // --- one tag, or one operation, of a large bundle ------------------------------------------
  // A deep link into a bundle the site sliced (settings.slices) opens on the description of the
  // link's tag alone, looked up by the tag's name (the address never names a file). When the
  // link names an operation, Swagger UI is given that operation alone, cut from the tag's
  // description here: it lays out a description in time that grows with its operations and
  // schemas, and a tag may hold hundreds (GitHub's repos). `tag` in the address asks for the
  // whole tag, `whole` for the whole description. The toolbar says what is loaded, with links
  // that load the rest in place, the open operation kept open.
  var shownTag = null;        // the tag whose description is shown, or null: the whole
  var shownOperation = null;  // the operation shown alone (its id in the deep link), or null
  var pending = null;         // a description asked for in place: { link, before } until it is laid out
  var handed = null;          // { text, json }: a description read here, so not parsed again

  function asked(name) { return new URLSearchParams(location.search).has(name); }
  function wholeTagAsked() { return asked("tag"); }

  function sliceUrl(bundle, link) {
    if (!link || !link[0] || asked("whole")) return null;
    var tags = settings.slices[bundle];
    if (!tags || typeof tags !== "object" || !Object.prototype.hasOwnProperty.call(tags, link[0])) return null;
    var url = tags[link[0]];
    return typeof url === "string" && /^tags\/[^?#:]+\.json$/.test(url) ? url : null;
  }

  var METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"];

  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  // The id Swagger UI's deep links give an operation: its operationId, else the method and the
  // path in word characters (render/playground.cpp's swagger_operation_id).
  function swaggerId(op, path, method) {
    var id = typeof op.operationId === "string" ? op.operationId : "";
    return id.replace(/\s/g, "").length ? id : method + path.replace(/\W/g, "_");
  }

  // Swagger UI's grouping: under each of the operation's tags, "default" when it has none.
  function listedUnder(op, tag) {
    var tags = Array.isArray(op.tags) ? op.tags.filter(function (t) { return typeof t === "string"; }) : [];
    return tags.length ? tags.indexOf(tag) >= 0 : tag === "default";
  }

  // A description holding only the operation `id` listed under `tag`, from `doc` (a tag's
  // description): its path item with that operation alone (the item's parameters and servers
  // kept), every component it reaches through $ref and discriminator mappings, all security
  // schemes, its tags and their parents, the rest of the root but webhooks and extensions
  // (Swagger UI shows neither; a tag's description has no extension there either). Null when there is
  // no such operation, or it reaches something other than a component (a path item $ref, a
  // pointer into paths): the tag's description is shown then, as it stands.
  function onlyOperation(doc, tag, id) {
    if (!isObject(doc) || !isObject(doc.paths) || !tag || !id) return null;
    var found = null;
    Object.keys(doc.paths).some(function (p) {
      var item = doc.paths[p];
      if (!isObject(item) || "$ref" in item) return false;
      return METHODS.some(function (m) {
        var op = item[m];
        if (!isObject(op) || !listedUnder(op, tag) || swaggerId(op, p, m) !== id) return false;
        found = { path: p, method: m, item: item };
        return true;
      });
    });
    if (!found) return null;
    var item = {};
    Object.keys(found.item).forEach(function (k) {
      if (k === found.method || (METHODS.indexOf(k) < 0 && k !== "additionalOperations")) item[k] = found.item[k];
    });
    var source = isObject(doc.components) ? doc.components : {};
    var components = {};
    var closed = true;
    function reach(ref) {
      if (ref.indexOf("#/components/") !== 0) { closed = false; return; }
      var tokens = ref.slice(2).split("/").map(function (t) {
        try { t = decodeURIComponent(t); } catch (e) { /* kept as written */ }
        return t.replace(/~1/g, "/").replace(/~0/g, "~");
      });
      var kind = tokens[1], name = tokens[2];
      if (!isObject(source[kind]) || !Object.prototype.hasOwnProperty.call(source[kind], name)) return;  // dangling already
      components[kind] = components[kind] || {};
      if (Object.prototype.hasOwnProperty.call(components[kind], name)) return;
      components[kind][name] = source[kind][name];
      walk(source[kind][name]);
    }
    function walk(n) {
      if (Array.isArray(n)) return n.forEach(walk);
      if (!isObject(n)) return;
      if (typeof n.$ref === "string") reach(n.$ref);
      if (isObject(n.discriminator) && isObject(n.discriminator.mapping)) {
        Object.keys(n.discriminator.mapping).forEach(function (k) {
          var v = n.discriminator.mapping[k];
          if (typeof v !== "string") return;
          if (v.charAt(0) === "#") reach(v);
          else if (!/[\/.]/.test(v)) reach("#/components/schemas/" + encodeURIComponent(v));
        });
      }
      Object.keys(n).forEach(function (k) { if (k !== "$ref") walk(n[k]); });
    }
    walk(item);
    if (!closed) return null;
    if (isObject(source.securitySchemes)) components.securitySchemes = source.securitySchemes;
    var out = {};
    Object.keys(doc).forEach(function (k) {
      if (!/^(paths|webhooks|components|tags|x-.*)$/.test(k)) out[k] = doc[k];
    });
    out.paths = {};
    out.paths[found.path] = item;
    if (Object.keys(components).length) out.components = components;
    if (Array.isArray(doc.tags)) {
      var names = (Array.isArray(item[found.method].tags) ? item[found.method].tags : []).slice();
      for (var grew = true; grew;) {
        grew = false;
        doc.tags.forEach(function (t) {
          if (isObject(t) && names.indexOf(t.name) >= 0 && typeof t.parent === "string" && names.indexOf(t.parent) < 0) {
            names.push(t.parent);
            grew = true;
          }
        });
      }
      out.tags = doc.tags.filter(function (t) { return isObject(t) && names.indexOf(t.name) >= 0; });
    }
    return out;
  }

  function loadLink(id, text, param, load) {
    var query = new URLSearchParams(location.search);
    query.set(param, "");
    var a = document.createElement("a");
    a.id = id;
    a.href = "?" + query.toString() + location.hash;
    a.textContent = text;
    a.addEventListener("click", function (ev) {
      if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;  // a new tab: the href
      ev.preventDefault();
      var q = new URLSearchParams(location.search);
      q.set(param, "");
      history.replaceState(null, "", location.pathname + "?" + q.toString() + location.hash);
      load(parseDeepLink(location.hash));
    });
    return a;
  }

  function showSliceNote() {
    var note = $("apiref-slice");
    if (!note) {
      var bar = $("apiref-toolbar");
      if (!bar) return;
      note = document.createElement("p");
      note.id = "apiref-slice";
      note.className = "apiref-slice";
      note.setAttribute("role", "status");
      bar.insertBefore(note, $("apiref-auth"));
    }
    note.replaceChildren();
    note.hidden = shownTag === null;
    if (shownTag === null) return;
    var tag = document.createElement("strong");
    tag.textContent = shownTag;
    if (shownOperation !== null) {
      var op = document.createElement("strong");
      op.textContent = shownOperation;
      note.append("Only the operation ", op, " is loaded. ");
      var tagUrl = sliceUrl(currentBundle(), [shownTag]);
      note.append(loadLink("apiref-tag", "Load the operations tagged " + shownTag, "tag", function (link) {
        loadInPlace(tagUrl, shownTag, link);
      }), " · ");
    } else {
      note.append("Only the operations tagged ", tag, " are loaded. ");
    }
    note.appendChild(loadLink("apiref-whole", "Load the whole API", "whole", function (link) {
      loadInPlace(bundleUrl(currentBundle()), null, link);
    }));
  }

  // Another description of the bundle shown, loaded into Swagger UI as it is; `link` is opened
  // once Swagger UI has laid the new one out (its operations' count changed, or held still).
  function loadInPlace(url, tag, link) {
    if (!url || !window.ui) return;
    // Asked for more of the API: Swagger UI's view is what the reader turns to, scrolled to.
    formShown = false;
    shownTag = tag;
    shownOperation = null;
    showSliceNote();
    pending = { link: link, before: document.querySelectorAll("#swagger-ui .opblock").length };
    // A scroll Swagger UI still holds for an operation laid out already would be attempted as
    // that operation goes (to no element, an error in the console).
    if (window.ui.layoutActions.clearScrollTo) window.ui.layoutActions.clearScrollTo();
    document.documentElement.setAttribute("data-playground-spec", "loading");
    window.ui.specActions.updateUrl(url);
    window.ui.specActions.download(url);
  }

  function whenLaidOut(asked) {
    var started = Date.now(), last = -1;
    (function check() {
      var n = document.querySelectorAll("#swagger-ui .opblock").length;
      var settled = n === last && ((n > 0 && n !== asked.before) || Date.now() - started > 3000);
      last = n;
      if (!settled && Date.now() - started < 180000) return setTimeout(check, 100);
      openDeepLink(asked.link);
      document.documentElement.setAttribute("data-playground-spec", specShown());
    })();
  }

  // A deep link followed within the page (a link in a description, the address edited): in a
  // tag's description, one into another tag opens the page again at it, on that tag's
  // description (Swagger UI, given another description in place, scrolls to an element gone);
  // with one operation shown, so does one to another operation.
  function followDeepLink() {
    var link = parseDeepLink(location.hash);
    if (shownTag !== null && link && link[0] && link[0] !== shownTag) return location.reload();
    if (shownOperation !== null && link && link[1] && link[1] !== shownOperation) return location.reload();
    formShown = false;  // a link followed in the page: Swagger UI's view of it, scrolled to
    openDeepLink(link);
  }

  // Loading another description goes through specActions.updateUrl: the token box then shows
  // that bundle's credential. A description in JSON (every one the site writes) is read with
  // JSON.parse: Swagger UI reads every description with its YAML parser, several times slower
  // on JSON; anything else still goes to it, and so do its errors.
  function followBundle() {
    return { statePlugins: { spec: { wrapActions: {
      parseToJson: function (original, system) {
        return function (text) {
          var source = text || system.specSelectors.specStr();
          if (typeof source === "string" && /^\s*\{/.test(source)) {
            var json = null;
            if (handed && handed.text === source) json = handed.json;
            else try { json = JSON.parse(source); } catch (e) { json = null; }
            handed = null;
            if (json && typeof json === "object" && !Array.isArray(json)) {
              system.errActions.clear({ source: "parser" });
              return system.specActions.updateJsonSpec(json);
            }
          }
          return original.apply(null, arguments);
        };
      },
      updateUrl: function (original) {
        return function () {
          var result = original.apply(null, arguments);
          setTimeout(showAuthBox, 0);
          return result;
        };
      },
      // Every description, as it is parsed: the further servers added to its lists.
      updateJsonSpec: function (original) {
        return function (json) {
          addServers(json);
          var result = original.apply(null, arguments);
          if (pending) whenLaidOut(pending);
          pending = null;
          return result;
        };
      }
    } } } };
  }

  // --- the further servers ------------------------------------------------------------------
  // Swagger UI offers only the description's servers, and sends a request only to a server of
  // the description's lists. The servers serve's proxy may also reach (--open-allow,
  // serve.proxy_allow) and the one the reader set in the reference pages' token box are added
  // to those lists, at every level that has one.
  function safeServer(s) { return /^https?:\/\/[^\s'"`\\<>]+$/.test(s || "") ? s.replace(/\/+$/, "") : ""; }

  function extraServers() {
    var list = [];
    settings.servers.forEach(function (s) {
      var url = s && safeServer(s.url);
      if (url) list.push({ url: url, description: String(s.description || "") });
    });
    var mine = safeServer(readStore("apiref-server"));
    if (mine) list.push({ url: mine, description: "your server, from the token box" });
    return list;
  }

  function addServers(json) {
    var extra = extraServers();
    if (!extra.length || !json || typeof json !== "object" || !json.openapi) return;
    function add(holder, always) {
      if (!holder || typeof holder !== "object") return;
      if (!Array.isArray(holder.servers)) {
        if (!always) return;
        holder.servers = [{ url: "/" }];  // what no list means: the description's own address
      }
      var have = holder.servers.map(function (s) { return s && typeof s.url === "string" ? s.url.replace(/\/+$/, "") : ""; });
      extra.forEach(function (s) {
        if (have.indexOf(s.url) >= 0) return;
        have.push(s.url);
        holder.servers.push(s.description ? { url: s.url, description: s.description } : { url: s.url });
      });
    }
    add(json, true);
    var paths = json.paths && typeof json.paths === "object" ? json.paths : {};
    Object.keys(paths).forEach(function (p) {
      var item = paths[p];
      if (!item || typeof item !== "object") return;
      add(item, false);
      Object.keys(item).forEach(function (k) { if (item[k] && typeof item[k] === "object" && !Array.isArray(item[k])) add(item[k], false); });
    });
  }

  // --- the site's theme ---------------------------------------------------------------------
  // The site stores the reader's choice in localStorage (site/theme.js sets data-theme from it
  // before the first paint; the header's toggle changes it); without one the system's
  // preference decides. Swagger UI's dark style hangs on html.dark-mode.
  function followTheme() {
    var root = document.documentElement;
    var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    function apply() {
      var chosen = root.getAttribute("data-theme");
      var dark = chosen === "dark" || (chosen !== "light" && !!media && media.matches);
      root.classList.toggle("dark-mode", dark);
    }
    apply();
    if (window.MutationObserver) new MutationObserver(apply).observe(root, { attributes: true, attributeFilter: ["data-theme"] });
    if (media && media.addEventListener) media.addEventListener("change", apply);
    // Another tab of the site switched the theme.
    window.addEventListener("storage", function (ev) {
      if (ev.key !== "apiref-theme") return;
      if (ev.newValue === "light" || ev.newValue === "dark") root.setAttribute("data-theme", ev.newValue);
      else root.removeAttribute("data-theme");
    });
  }

  // The toolbar (title, bundle, token box) sticks below the site's header, so the token box
  // stays in reach however far a deep link scrolled.
  function stickBelowHeader() {
    var header = document.querySelector(".site-header"), bar = $("apiref-toolbar");
    if (!bar) return;
    function place() {
      var sticky = header && getComputedStyle(header).position === "sticky";
      var top = sticky ? Math.round(header.getBoundingClientRect().height) : 0;
      bar.style.top = top + "px";
      // What an operation scrolled into view must clear (apiref-playground.css).
      document.documentElement.style.setProperty("--apiref-sticky", top + Math.round(bar.getBoundingClientRect().height) + "px");
    }
    place();
    if (window.ResizeObserver) {
      var watch = new ResizeObserver(place);
      if (header) watch.observe(header);
      watch.observe(bar);
    }
    window.addEventListener("resize", place);
  }

  // Swagger UI, started on `bundle`. `early`: the description of the deep link's tag, read while
  // Swagger UI's script was evaluated ({ url, text, json }), or null: Swagger UI fetches `url`.
  function start(bundle, deepLink, early) {
    if (typeof window.SwaggerUIBundle !== "function") {
      status("Swagger UI did not load (swagger-ui-bundle.js).");
      return;
    }
    var tagUrl = sliceUrl(bundle, deepLink);
    if (early && early.url !== (tagUrl || bundleUrl(bundle))) early = null;
    var only = early && tagUrl && !wholeTagAsked() ? onlyOperation(early.json, deepLink[0], deepLink[1]) : null;
    shownTag = tagUrl ? deepLink[0] : null;
    shownOperation = only ? deepLink[1] : null;
    var url = tagUrl || bundleUrl(bundle);
    if (!url) {
      status("This site's playground lists no API description (swagger-config.json).");
      return;
    }
    setUpBundlePicker(bundle);
    showSliceNote();
    if (deepLink) history.replaceState(null, "", location.pathname + location.search);
    window.addEventListener("hashchange", followDeepLink);
    var options = {};
    Object.keys(config).forEach(function (k) { if (k !== "urls" && k !== "urls.primaryName") options[k] = config[k]; });
    Object.assign(options, {
      dom_id: "#swagger-ui",
      // Also in swagger-config.json; repeated so that no setting there can turn them back on.
      deepLinking: true,
      validatorUrl: null,
      queryConfigEnabled: false,
      persistAuthorization: settings.persistAuthorization === true,
      presets: [window.SwaggerUIBundle.presets.apis],
      plugins: [window.SwaggerUIBundle.plugins.DownloadUrl, followBundle, curlSnippets],
      // Swagger UI without its top bar: the page's header is the site's.
      layout: "BaseLayout",
      requestInterceptor: requestInterceptor,
      responseInterceptor: responseInterceptor,
      onComplete: function () {
        showAuthBox();
        openDeepLink(deepLink);
        deepLink = null;
        document.documentElement.setAttribute("data-playground-spec", specShown());
        document.documentElement.setAttribute("data-playground", "ready");
      }
    });
    // Swagger UI reads an absent url as none, and any value (undefined too) as an address.
    if (!early) options.url = url;
    window.ui = window.SwaggerUIBundle(options);
    // A description read already is handed over as Swagger UI's download would (its address
    // kept: the bundle is known from it, and relative server URLs resolve against it).
    if (early) handOver(url, only ? { text: JSON.stringify(only), json: only } : early);
  }

  function handOver(url, description) {
    handed = description;
    window.ui.specActions.updateUrl(url);
    window.ui.specActions.updateLoadingStatus("success");
    window.ui.specActions.updateSpec(description.text);
  }

  function specShown() { return shownOperation !== null ? "operation" : shownTag !== null ? "tag" : "whole"; }

  function readJson(name) {
    return fetch(name, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(name + ": HTTP " + r.status);
      return r.json();
    });
  }

  // --- Swagger UI's script, and the request form shown before it ---------------------------
  // swagger-ui-bundle.js takes seconds to evaluate on a loaded machine, and nothing of the page
  // answers meanwhile. With a deep link to an operation the page first shows apiref-form.js's
  // request form for it, then adds Swagger UI's script once the form is painted; otherwise
  // (or with ?swagger, ?tag or ?whole in the address) at once.
  var swaggerScript = null;
  var formShown = false;

  function loadSwaggerUi() {
    if (!swaggerScript) swaggerScript = new Promise(function (ok) {
      if (typeof window.SwaggerUIBundle === "function") return ok();
      var script = document.createElement("script");
      script.src = "swagger-ui-bundle.js";
      script.onload = ok;
      script.onerror = ok;  // start() says it did not load
      document.head.appendChild(script);
    });
    return swaggerScript;
  }

  function formWanted(link) {
    // ?tag and ?whole: the reader asked for more of the API, in Swagger UI.
    return !!(link && link[0] && link[1] && window.apirefForm && !asked("swagger") && !asked("whole") && !asked("tag"));
  }

  // Two frames: the form is laid out and painted before the script's evaluation holds the page.
  function afterPaint() {
    return new Promise(function (ok) {
      requestAnimationFrame(function () { requestAnimationFrame(function () { setTimeout(ok, 0); }); });
    });
  }

  // The form for the deep link's operation, from `early` (the description read here), or false
  // when it cannot be shown (then Swagger UI alone shows the operation, as before the form).
  function showForm(bundle, deepLink, early) {
    var doc = early ? onlyOperation(early.json, deepLink[0], deepLink[1]) : null;
    if (!doc || !doc.openapi) return false;
    var query = new URLSearchParams(location.search);
    query.set("swagger", "");
    var swaggerHref = "?" + query.toString() + location.hash;
    query.set("whole", "");
    setUpBundlePicker(bundle);
    formShown = window.apirefForm.show({
      doc: doc, descriptionUrl: early.url, bundle: bundle, operationLabel: deepLink[1],
      projectAuth: currentAuth(), persistAuthorization: settings.persistAuthorization === true,
      extraServers: extraServers(), intercept: requestInterceptor, send: send, spell: spellMarkers,
      ui: function () { return window.ui || null; },
      wholeHref: "?" + query.toString() + location.hash, swaggerHref: swaggerHref,
      // Swagger UI's view of the operation, scrolled to (Swagger UI lays out a long list's
      // operations only as they come into view); false while Swagger UI is still to come.
      swaggerView: function () {
        if (!window.ui) return false;
        formShown = false;
        try { openDeepLink(deepLink); } finally { formShown = true; }
        // A long list lays out only the operations near the view, and Swagger UI's own scroll
        // to one not laid out yet does not always come: the page is walked down until it is
        // there (openDeepLink then scrolls to it).
        var id = swaggerElementId(["operations", deepLink[0], deepLink[1]]);
        var steps = 0;
        (function walk() {
          if (document.getElementById(id) || steps++ > 200) return;
          var before = window.scrollY;
          window.scrollBy(0, Math.round(window.innerHeight * 0.8));
          if (window.scrollY !== before) setTimeout(walk, 40);
        })();
        return true;
      }
    });
    return formShown;
  }

  followTheme();
  stickBelowHeader();
  // Opened from disk, a page may not read the files beside it: say what to run instead.
  if (location.protocol === "file:") {
    var away = $("apiref-from-disk");
    if (away) away.hidden = false;
    document.documentElement.setAttribute("data-playground", "from-disk");
    return;
  }
  // Without the form, Swagger UI's script is asked for first: the settings and the deep link's
  // tag description are read while it, the longest wait of a cold load, is fetched and
  // evaluated. With it, the script waits for the form (showForm, afterPaint).
  var askedLink = parseDeepLink(location.hash);
  if (!formWanted(askedLink)) loadSwaggerUi();
  // Both settings files asked for at once: one round trip less before the description's.
  var settingsFile = readJson("apiref-playground.json");
  settingsFile.catch(function () { /* reported below */ });
  readJson("swagger-config.json")
    .then(function (c) {
      config = c && typeof c === "object" ? c : {};
      config.urls = Array.isArray(config.urls) ? config.urls.filter(function (u) { return u && u.url && u.name; }) : [];
    })
    .catch(function (e) {
      status("Could not read the playground's settings (" + e.message + "), so there is nothing to show.");
    })
    .then(function () { return settingsFile; })
    .then(function (s) {
      settings.auth = s.auth && typeof s.auth === "object" && !Array.isArray(s.auth) ? s.auth : {};
      settings.persistAuthorization = s.persistAuthorization === true;
      settings.proxy = typeof s.proxy === "string" && s.proxy ? s.proxy : null;
      settings.servers = Array.isArray(s.servers) ? s.servers : [];
      settings.slices = s.slices && typeof s.slices === "object" && !Array.isArray(s.slices) ? s.slices : {};
    })
    .catch(function (e) {
      status("Could not read apiref-playground.json (" + e.message + "): requests go without the project's auth.");
    })
    .then(function () {
      var bundle = firstBundle();
      showAuthBox();
      if (bundle === null) return null;
      var deepLink = parseDeepLink(location.hash);
      var form = formWanted(deepLink);
      var tagUrl = sliceUrl(bundle, deepLink);
      // The description the form needs: the tag's, else (a bundle not sliced) the whole one.
      var earlyUrl = tagUrl || (form ? bundleUrl(bundle) : null);
      // Read here, it is in hand when Swagger UI starts; if it cannot be read, Swagger UI asks
      // for it itself and reports what went wrong.
      var early = !earlyUrl ? null : fetch(earlyUrl, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (text) { return text === null ? null : { url: earlyUrl, text: text, json: JSON.parse(text) }; })
        .catch(function () { return null; });
      if (!form) return Promise.all([early, loadSwaggerUi()]).then(function (r) { start(bundle, deepLink, r[0]); });
      return Promise.resolve(early).then(function (e) {
        var wait = showForm(bundle, deepLink, e) ? afterPaint() : null;
        return Promise.resolve(wait).then(loadSwaggerUi).then(function () { start(bundle, deepLink, e); });
      });
    });
})();

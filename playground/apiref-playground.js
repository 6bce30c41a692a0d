// apiref's set-up of Swagger UI for the playground (_site/playground/). Swagger UI's own
// initializer points at the petstore; this one reads the site's two settings files:
//   swagger-config.json      Swagger UI's configUrl: every bundle of the site, the declarative options
//   apiref-playground.json   per bundle, the project's auth (apiref.yaml auth.send, the bundle's or
//                            the project's; null: the description's own schemes), persistAuthorization,
//                            and `proxy` (null on a static host; `apiref serve --proxy` sets it)
// and adds what cannot be declared: the request interceptor that sends the project's auth the
// way its server expects, the proxy rewrite, and no syntax highlighting for very large responses.
(function () {
  "use strict";

  // The same keys as the reference pages' token box (site/app.js): one per variable the
  // snippets read (the token's is its token_env), so a value entered on an operation page is
  // used here and the other way round. sessionStorage: this tab only.
  var VARIABLE_PREFIX = "apiref-var-";
  // Above this many characters a response body is shown as plain text: highlighting a
  // multi-megabyte body freezes the tab for seconds.
  var LARGE_RESPONSE = 100 * 1024;

  var settings = { auth: {}, persistAuthorization: false, proxy: null };
  var values = {};  // variable name -> what the reader entered; "token" is the token
  var shownBundle = null;  // the bundle whose auth the box shows

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

  function storageKey(auth, name) { return VARIABLE_PREFIX + (name === "token" ? auth.token_env : name); }

  // The bundle Swagger UI shows: from its spec URL (../<bundle>/openapi.json, or
  // <bundle>.openapi.json for a bundle the project rebranded), else the page's urls.primaryName.
  function currentBundle() {
    var url = "";
    try { url = window.ui && window.ui.specSelectors ? String(window.ui.specSelectors.url() || "") : ""; } catch (e) { url = ""; }
    var m = /([^\/]+)\/openapi\.json$/.exec(url) || /([^\/]+)\.openapi\.json$/.exec(url);
    if (m) return decodeURIComponent(m[1]);
    var primary = new URLSearchParams(location.search).get("urls.primaryName");
    if (primary) return primary;
    var names = Object.keys(settings.auth);
    return names.length ? names[0] : null;
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

  // The template with its variables filled in, or null when one of them is still empty (a
  // half-filled credential is not sent).
  function fill(template) {
    var missing = false;
    var text = String(template).replace(VARIABLE, function (_, name) {
      var v = values[name] || "";
      if (!v) missing = true;
      return v;
    });
    return missing ? null : text;
  }

  function sameOrigin(url) {
    try { return new URL(url, location.href).origin === location.origin; } catch (e) { return false; }
  }

  // The site's own files (the descriptions, the config): never rewritten, never given auth.
  function isSiteFile(url) {
    if (!sameOrigin(url)) return false;
    var path = new URL(url, location.href).pathname;
    return /[\/.]openapi\.(json|ya?ml)$/.test(path) || /\/(swagger-config|apiref-playground)\.json$/.test(path);
  }

  function setHeader(headers, name, value) {
    Object.keys(headers).forEach(function (k) {
      if (k.toLowerCase() === name.toLowerCase()) delete headers[k];
    });
    headers[name] = value;
  }

  function requestInterceptor(req) {
    if (req.loadSpec || isSiteFile(req.url)) return req;
    req.headers = req.headers || {};
    var auth = currentAuth();
    if (auth && values.token) {
      auth.headers.forEach(function (pair) {
        var v = fill(pair[1]);
        if (v !== null) setHeader(req.headers, pair[0], v);
      });
      var cookies = [];
      auth.cookies.forEach(function (pair) {
        var v = fill(pair[1]);
        if (v !== null) cookies.push(pair[0] + "=" + v);
      });
      if (cookies.length) {
        if (settings.proxy && !sameOrigin(req.url)) {
          // Browsers do not let a page set Cookie; apiref serve --proxy moves this header there.
          setHeader(req.headers, "X-Apiref-Cookie", cookies.join("; "));
        } else if (sameOrigin(req.url)) {
          // The API is on this origin: the browser sends the page's cookies with the request.
          cookies.forEach(function (c) { document.cookie = c + "; path=/; SameSite=Strict"; });
        } else {
          status("This request went without the " + auth.name + " cookie: a page cannot set cookies for " +
                 new URL(req.url, location.href).host + ". Preview with `apiref serve --proxy` to send it.");
        }
      }
    }
    if (settings.proxy && /^https?:\/\//i.test(req.url) && !sameOrigin(req.url)) {
      req.url = settings.proxy + "?url=" + encodeURIComponent(req.url);
    }
    return req;
  }

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
    var sent = [];
    function shown(template) {
      return String(template).replace(VARIABLE, function (_, name) { return "$" + (name === "token" ? auth.token_env : name); });
    }
    auth.headers.forEach(function (pair) { sent.push(pair[0] + ": " + shown(pair[1])); });
    if (auth.cookies.length) {
      sent.push("Cookie: " + auth.cookies.map(function (pair) { return pair[0] + "=" + shown(pair[1]); }).join("; "));
    }
    var how = document.createElement("p");
    how.className = "apiref-note";
    how.textContent = "Added to every request Try it out sends: " + sent.join(", ") +
      ". Kept in this browser tab only (sessionStorage), shared with the reference pages' token box. " +
      "This is the only credential the server reads, so the Authorize button is not shown.";
    box.appendChild(how);
    if (auth.cookies.length && !settings.proxy) {
      var note = document.createElement("p");
      note.className = "apiref-note apiref-warning";
      note.setAttribute("role", "note");
      note.textContent = "This server takes the " + auth.name + " as a cookie, and a browser page cannot set " +
        "cookies for another site: from here they are only sent when the API is served from this same " +
        "origin. To try the API with them, preview the site with `apiref serve --proxy`.";
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
    actions.scrollTo(key);
    if (actions.scrollToVirtualizedOperation) actions.scrollToVirtualizedOperation(key);
    // Swagger UI scrolls when the operation mounts; it may have mounted already. Its element id
    // is the key joined by '-', whitespace as '_', CSS-escaped (escapeDeepLinkPath).
    var id = key.join("-").trim().replace(/\s/g, "_");
    id = window.CSS && CSS.escape ? CSS.escape(id) : id;
    var deadline = Date.now() + 10000;
    (function scroll() {
      var el = document.getElementById(id);
      if (el) el.scrollIntoView({ block: "start" });
      else if (Date.now() < deadline) setTimeout(scroll, 50);
    })();
  }

  // Swagger UI's bundle picker loads another description through specActions.updateUrl: the
  // token box then shows that bundle's credential.
  function followBundle() {
    return { statePlugins: { spec: { wrapActions: {
      updateUrl: function (original) {
        return function () {
          var result = original.apply(null, arguments);
          setTimeout(showAuthBox, 0);
          return result;
        };
      }
    } } } };
  }

  function start() {
    if (typeof window.SwaggerUIBundle !== "function") {
      status("Swagger UI did not load (swagger-ui-bundle.js).");
      return;
    }
    var deepLink = parseDeepLink(location.hash);
    if (deepLink) history.replaceState(null, "", location.pathname + location.search);
    window.addEventListener("hashchange", function () { openDeepLink(parseDeepLink(location.hash)); });
    window.ui = window.SwaggerUIBundle({
      configUrl: "swagger-config.json",
      dom_id: "#swagger-ui",
      // Also in swagger-config.json; repeated so that no setting there can turn them back on.
      deepLinking: true,
      validatorUrl: null,
      queryConfigEnabled: false,
      persistAuthorization: settings.persistAuthorization === true,
      presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIStandalonePreset],
      plugins: [window.SwaggerUIBundle.plugins.DownloadUrl, followBundle],
      layout: "StandaloneLayout",
      requestInterceptor: requestInterceptor,
      responseInterceptor: responseInterceptor,
      onComplete: function () {
        showAuthBox();
        openDeepLink(deepLink);
        deepLink = null;
        document.documentElement.setAttribute("data-playground", "ready");
      }
    });
  }

  fetch("apiref-playground.json", { credentials: "same-origin" })
    .then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    })
    .then(function (s) {
      settings.auth = s.auth && typeof s.auth === "object" && !Array.isArray(s.auth) ? s.auth : {};
      settings.persistAuthorization = s.persistAuthorization === true;
      settings.proxy = typeof s.proxy === "string" && s.proxy ? s.proxy : null;
    })
    .catch(function (e) {
      status("Could not read apiref-playground.json (" + e.message + "): requests go without the project's auth.");
    })
    .then(function () {
      showAuthBox();
      start();
    });
})();

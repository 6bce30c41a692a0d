// apiref's request form (_site/playground/): the operation a playground deep link names, ready
// to send before Swagger UI's script (1.7 MB, seconds to evaluate) has even been fetched.
// apiref-playground.js calls window.apirefForm.show(ctx) with that operation alone, cut from the
// description it already reads (a tag's, or the whole of a bundle not sliced), and the pieces
// of its own Swagger UI set-up the form sends through: the request interceptor (the project's
// auth, as markers) and send() (the markers replaced, serve's proxy), so a request from here
// goes exactly as one from Swagger UI. Plain DOM; every text from the description goes in as
// textContent or an attribute, never as markup.
//
// Parameters are serialized as OpenAPI 3 says (and Swagger UI does): path `simple` (`label`,
// `matrix`), query `form` (exploded or not), `spaceDelimited`, `pipeDelimited`, headers
// `simple`, cookies `form`. What it cannot send right (deepObject, nested objects, multipart
// bodies, mutual TLS) the form says, and leaves to Swagger UI's view of the operation.
(function () {
  "use strict";

  var METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"];
  var DEPTH = 8;  // how deep an example is made from a schema (recursive schemas end here)

  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === false || attrs[k] === null || attrs[k] === undefined) return;
      if (k === "className") e.className = attrs[k];
      else e.setAttribute(k, attrs[k] === true ? "" : String(attrs[k]));
    });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function readStore(store, key) {
    try { return window[store].getItem(key) || ""; } catch (e) { return ""; }
  }

  function writeStore(store, key, value) {
    try { window[store].setItem(key, value); } catch (e) { /* storage may be disabled */ }
  }

  // --- the description ------------------------------------------------------------------------
  function pointer(doc, ref) {
    if (typeof ref !== "string" || ref.charAt(0) !== "#") return undefined;
    var node = doc;
    var tokens = ref.slice(1).split("/").slice(1);
    for (var i = 0; i < tokens.length; i++) {
      var t = tokens[i];
      try { t = decodeURIComponent(t); } catch (e) { /* kept as written */ }
      t = t.replace(/~1/g, "/").replace(/~0/g, "~");
      if (!isObject(node) && !Array.isArray(node)) return undefined;
      if (!Object.prototype.hasOwnProperty.call(node, t)) return undefined;
      node = node[t];
    }
    return node;
  }

  // `node` with its $ref followed (a chain of them too); the node itself when one dangles.
  function deref(doc, node) {
    for (var i = 0; i < 32 && isObject(node) && typeof node.$ref === "string"; i++) {
      var target = pointer(doc, node.$ref);
      if (target === undefined) return node;
      node = target;
    }
    return node;
  }

  function findOperation(doc) {
    var found = null;
    Object.keys(doc.paths || {}).some(function (p) {
      var item = doc.paths[p];
      return isObject(item) && METHODS.some(function (m) {
        if (!isObject(item[m])) return false;
        found = { path: p, method: m, item: item, op: item[m] };
        return true;
      });
    });
    return found;
  }

  // The operation's parameters: the path item's, overridden by the operation's of the same
  // name and place.
  function parametersOf(doc, found) {
    var byKey = {}, order = [];
    [found.item.parameters, found.op.parameters].forEach(function (list) {
      (Array.isArray(list) ? list : []).forEach(function (raw) {
        var p = deref(doc, raw);
        if (!isObject(p) || typeof p.name !== "string" || typeof p.in !== "string") return;
        var key = p.in + ":" + p.name;
        if (!(key in byKey)) order.push(key);
        byKey[key] = p;
      });
    });
    return order.map(function (k) { return byKey[k]; });
  }

  function firstExample(doc, holder) {
    if (!isObject(holder)) return undefined;
    if ("example" in holder) return holder.example;
    if (isObject(holder.examples)) {
      var keys = Object.keys(holder.examples);
      for (var i = 0; i < keys.length; i++) {
        var ex = deref(doc, holder.examples[keys[i]]);
        if (isObject(ex) && "value" in ex) return ex.value;
      }
    }
    return undefined;
  }

  // An example of `schema`: its own example, default, const or first enum value, else one made
  // from its type and properties (readOnly ones left out of a request).
  function sample(doc, schema, depth, stack) {
    stack = stack || [];
    if (isObject(schema) && typeof schema.$ref === "string") {
      if (stack.indexOf(schema.$ref) >= 0 || depth > DEPTH) return undefined;
      return sample(doc, deref(doc, schema), depth, stack.concat([schema.$ref]));
    }
    if (!isObject(schema) || depth > DEPTH) return undefined;
    if ("example" in schema) return schema.example;
    if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
    if ("default" in schema) return schema["default"];
    if ("const" in schema) return schema["const"];
    if (Array.isArray(schema["enum"]) && schema["enum"].length) return schema["enum"][0];
    if (Array.isArray(schema.allOf)) {
      var merged = undefined;
      schema.allOf.forEach(function (part) {
        var v = sample(doc, part, depth + 1, stack);
        if (isObject(v)) merged = Object.assign(isObject(merged) ? merged : {}, v);
        else if (v !== undefined && merged === undefined) merged = v;
      });
      if (merged !== undefined) return merged;
    }
    var choice = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : null;
    if (choice && choice.length) return sample(doc, choice[0], depth + 1, stack);
    var type = Array.isArray(schema.type) ? schema.type.filter(function (t) { return t !== "null"; })[0] : schema.type;
    if (!type && isObject(schema.properties)) type = "object";
    if (!type && schema.items) type = "array";
    switch (type) {
      case "object": {
        var out = {};
        Object.keys(isObject(schema.properties) ? schema.properties : {}).forEach(function (k) {
          var prop = deref(doc, schema.properties[k]);
          if (isObject(prop) && prop.readOnly === true) return;
          var v = sample(doc, schema.properties[k], depth + 1, stack);
          if (v !== undefined) out[k] = v;
        });
        return out;
      }
      case "array": {
        var item = sample(doc, schema.items, depth + 1, stack);
        return item === undefined ? [] : [item];
      }
      case "integer": case "number": return typeof schema.minimum === "number" ? schema.minimum : 0;
      case "boolean": return true;
      case "string": {
        var formats = { "date-time": "2024-01-01T00:00:00Z", date: "2024-01-01", email: "user@example.com",
                        uri: "https://example.com", url: "https://example.com", uuid: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                        hostname: "example.com", ipv4: "192.0.2.1", ipv6: "2001:db8::1" };
        return formats[schema.format] || "string";
      }
      default: return undefined;
    }
  }

  function schemaType(doc, schema) {
    schema = deref(doc, schema);
    if (!isObject(schema)) return "";
    var t = Array.isArray(schema.type) ? schema.type.filter(function (x) { return x !== "null"; })[0] : schema.type;
    if (!t && isObject(schema.properties)) t = "object";
    if (!t && schema.items) t = "array";
    return t || "";
  }

  function isJsonMedia(media) { return /^application\/([\w.+-]*\+)?json\b|^[^;]*\/[^;]*\+json\b/i.test(media); }

  // The value a parameter's input starts with, as text (arrays one item a line, objects JSON).
  function initialText(value, type) {
    if (value === undefined || value === null) return "";
    if (type === "array" && Array.isArray(value)) return value.map(function (v) { return isObject(v) || Array.isArray(v) ? JSON.stringify(v) : String(v); }).join("\n");
    if (isObject(value) || Array.isArray(value)) return JSON.stringify(value);
    return String(value);
  }

  // --- serialization ----------------------------------------------------------------------------
  // A parameter's entered value as what its style works on: a string, an array of strings, or
  // an object of strings; { error } when it cannot be read so.
  function entered(p, type, text) {
    if (type === "array") return text.split("\n").map(function (s) { return s.trim(); }).filter(function (s) { return s.length; });
    if (type === "object") {
      var v;
      try { v = JSON.parse(text); } catch (e) { return { error: p.name + ": not JSON (" + e.message + ")" }; }
      if (!isObject(v)) return { error: p.name + ": a JSON object is expected" };
      var out = {};
      for (var k in v) {
        if (isObject(v[k]) || Array.isArray(v[k])) return { error: p.name + ": a nested object cannot be sent by this form; use Swagger UI's view" };
        out[k] = String(v[k]);
      }
      return { object: out };
    }
    return text;
  }

  var enc = encodeURIComponent;

  // A query parameter as name=value pieces of the query string, encoded, the separators of its
  // style kept as they are (OpenAPI's examples: ids=3,4,5, ids=3%204%205, ids=3|4|5).
  function queryPairs(p, value) {
    var style = p.style || "form";
    var explode = typeof p.explode === "boolean" ? p.explode : style === "form";
    var name = enc(p.name);
    if (Array.isArray(value)) {
      if (style === "form" && explode) return value.map(function (v) { return name + "=" + enc(v); });
      var sep = style === "spaceDelimited" ? "%20" : style === "pipeDelimited" ? "|" : ",";
      return [name + "=" + value.map(enc).join(sep)];
    }
    if (value && value.object) {
      var o = value.object;
      if (style === "form" && explode) return Object.keys(o).map(function (k) { return enc(k) + "=" + enc(o[k]); });
      return [name + "=" + Object.keys(o).map(function (k) { return enc(k) + "," + enc(o[k]); }).join(",")];
    }
    return [name + "=" + enc(value)];
  }

  function pathValue(p, value) {
    var style = p.style || "simple", explode = p.explode === true;
    var parts;
    if (Array.isArray(value)) parts = value.map(enc);
    else if (value && value.object) {
      parts = Object.keys(value.object).map(function (k) {
        return explode ? enc(k) + "=" + enc(value.object[k]) : enc(k) + "," + enc(value.object[k]);
      });
    } else parts = [enc(value)];
    if (style === "label") return "." + parts.join(explode ? "." : ",");
    if (style === "matrix") {
      if (Array.isArray(value) && explode) return value.map(function (v) { return ";" + p.name + "=" + enc(v); }).join("");
      if (value && value.object && explode) return ";" + parts.join(";");
      return ";" + p.name + "=" + parts.join(",");
    }
    return parts.join(",");
  }

  function headerValue(p, value) {
    if (Array.isArray(value)) return value.join(",");
    if (value && value.object) {
      return Object.keys(value.object).map(function (k) { return p.explode ? k + "=" + value.object[k] : k + "," + value.object[k]; }).join(",");
    }
    return value;
  }

  function unsupported(p) {
    if (p.in === "query" && p.style === "deepObject") return "deepObject style: this form cannot send it; use Swagger UI's view below";
    if (p.in === "querystring") return "a whole query string: this form cannot send it; use Swagger UI's view below";
    return "";
  }

  function base64(text) {
    var bytes = new TextEncoder().encode(text), bin = "";
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin);
  }

  function shellQuote(s) { return "'" + String(s).split("'").join("'\\''") + "'"; }

  // --- the form ---------------------------------------------------------------------------------
  function show(ctx) {
    var root = document.getElementById("apiref-form");
    var doc = ctx.doc;
    var found = isObject(doc) ? findOperation(doc) : null;
    if (!root || !found) return false;
    var op = found.op, method = found.method.toUpperCase();
    var ids = 0;
    function id(stem) { return "apiref-form-" + stem + "-" + (++ids); }
    root.replaceChildren();

    var title = el("h2", { id: "apiref-form-title" });
    title.append(el("span", { className: "apiref-form-method apiref-form-" + found.method }, method), " ",
                 el("code", {}, found.path));
    root.appendChild(title);
    if (typeof op.summary === "string" && op.summary) root.appendChild(el("p", { className: "apiref-form-summary" }, op.summary));
    if (op.deprecated === true) root.appendChild(el("p", { className: "apiref-note" }, "Deprecated."));
    var links = el("p", { className: "apiref-form-links" });
    links.append("A quick form for this operation. ");
    // A real address (Swagger UI's view alone, ?swagger): a new tab, or a click before Swagger
    // UI is there, opens it; a click once it is there scrolls to it below.
    var view = el("a", { href: ctx.swaggerHref, id: "apiref-form-swagger" }, "Swagger UI's view of this operation");
    view.addEventListener("click", function (ev) {
      if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
      if (ctx.swaggerView()) ev.preventDefault();
    });
    links.append(view, " · ", el("a", { href: ctx.wholeHref, id: "apiref-form-whole" }, "Open the whole API in Swagger UI"));
    root.appendChild(links);

    var form = el("form", { className: "apiref-form-fields", novalidate: true, "aria-label": "Request" });
    root.appendChild(form);
    var refresh = [];  // called on every change: the curl shown follows the form
    function changed() { refresh.forEach(function (f) { f(); }); }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    // The token box above (the project's auth) is outside the form: its values are in the curl.
    var tokenBox = document.getElementById("apiref-auth");
    if (tokenBox) tokenBox.addEventListener("input", changed);

    function field(parent, labelText, control, opts) {
      opts = opts || {};
      var wrap = el("div", { className: "apiref-form-field" });
      control.id = control.id || id("f");
      var label = el("label", { "for": control.id });
      label.append(el("span", { className: "apiref-form-name" }, labelText));
      if (opts.required) {
        label.append(" ", el("span", { className: "apiref-form-required" }, "required"));
        control.setAttribute("aria-required", "true");
      }
      if (opts.where) label.append(" ", el("span", { className: "apiref-form-where" }, opts.where));
      var cell = el("div", { className: "apiref-form-control" });
      cell.appendChild(control);
      wrap.append(label, cell);
      if (opts.hint) {
        var hint = el("p", { className: "apiref-form-hint", id: id("h") }, opts.hint);
        control.setAttribute("aria-describedby", hint.id);
        cell.appendChild(hint);
      }
      parent.appendChild(wrap);
      return control;
    }

    function select(options, value) {
      var s = el("select");
      options.forEach(function (o) {
        var opt = el("option", { value: o[0] }, o[1]);
        s.appendChild(opt);
      });
      if (value !== undefined) s.value = value;
      return s;
    }

    // The server: the operation's, its path item's or the description's list, with the further
    // servers of the playground's settings; variables filled from their defaults.
    var serverList = [op.servers, found.item.servers, doc.servers].filter(Array.isArray)[0] || [{ url: "/" }];
    serverList = serverList.filter(function (s) { return isObject(s) && typeof s.url === "string"; });
    (ctx.extraServers || []).forEach(function (s) {
      if (!serverList.some(function (h) { return h.url.replace(/\/+$/, "") === s.url; })) serverList.push(s);
    });
    if (!serverList.length) serverList = [{ url: "/" }];
    var serverSet = el("fieldset", { className: "apiref-form-server" });
    serverSet.appendChild(el("legend", {}, "Server"));
    form.appendChild(serverSet);
    var serverSelect = field(serverSet, "Server", select(serverList.map(function (s, i) {
      return [String(i), s.url + (s.description ? " (" + s.description + ")" : "")];
    })));
    var variableBox = el("div", { className: "apiref-form-variables" });
    serverSet.appendChild(variableBox);
    var variableInputs = {};
    function showVariables() {
      variableBox.replaceChildren();
      variableInputs = {};
      var s = serverList[Number(serverSelect.value)] || serverList[0];
      var vars = isObject(s.variables) ? s.variables : {};
      Object.keys(vars).forEach(function (name) {
        var v = isObject(vars[name]) ? vars[name] : {};
        var control = Array.isArray(v["enum"]) && v["enum"].length
          ? select(v["enum"].map(function (x) { return [String(x), String(x)]; }), v["default"] !== undefined ? String(v["default"]) : undefined)
          : el("input", { type: "text", spellcheck: "false", autocomplete: "off" });
        if (control.tagName === "INPUT") control.value = v["default"] !== undefined ? String(v["default"]) : "";
        variableInputs[name] = field(variableBox, name, control, { where: "server variable" });
      });
    }
    serverSelect.addEventListener("change", showVariables);
    showVariables();

    function serverUrl() {
      var s = serverList[Number(serverSelect.value)] || serverList[0];
      var url = s.url.replace(/\{([^}]+)\}/g, function (all, name) {
        return variableInputs[name] ? variableInputs[name].value : all;
      });
      try { url = new URL(url, new URL(ctx.descriptionUrl, location.href)).href; } catch (e) { /* kept */ }
      return url.replace(/\/+$/, "");
    }

    // --- authentication ---
    var auth = authSection(ctx, doc, op, form, field, select, id);

    // --- parameters ---
    var params = parametersOf(doc, found);
    var inputs = [];
    if (params.length) {
      var paramSet = el("fieldset", { className: "apiref-form-params" });
      paramSet.appendChild(el("legend", {}, "Parameters"));
      form.appendChild(paramSet);
      params.forEach(function (p) {
        var schema = deref(doc, p.schema || (isObject(p.content) ? (p.content[Object.keys(p.content)[0]] || {}).schema : null));
        var type = isObject(p.content) ? "string" : schemaType(doc, schema);
        var items = type === "array" && isObject(schema) ? deref(doc, schema.items) : null;
        var value = firstExample(doc, p);
        if (value === undefined && isObject(p.content)) value = firstExample(doc, p.content[Object.keys(p.content)[0]]);
        if (value === undefined && isObject(schema)) value = "example" in schema ? schema.example : schema["default"];
        var required = p.required === true || p.in === "path";
        var control, hint = "";
        var choices = isObject(schema) && Array.isArray(schema["enum"]) ? schema["enum"] : type === "boolean" ? [true, false] : null;
        if (choices && type !== "array") {
          var opts = choices.map(function (x) { return [String(x), String(x)]; });
          if (!required || value === undefined) opts.unshift(["", required ? "(choose)" : "(not sent)"]);
          control = select(opts, value !== undefined ? String(value) : "");
        } else if (type === "array" || type === "object" || isObject(p.content)) {
          control = el("textarea", { rows: type === "array" ? 2 : 3, spellcheck: "false" });
          control.value = isObject(p.content) && value !== undefined && typeof value !== "string" ? JSON.stringify(value) : initialText(value, type);
          hint = type === "array" ? "One value a line" + (items && Array.isArray(items["enum"]) ? " (" + items["enum"].join(", ") + ")" : "") + "." :
                 type === "object" ? "A JSON object." : "";
        } else {
          control = el("input", { type: "text", spellcheck: "false", autocomplete: "off",
                                  inputmode: type === "integer" || type === "number" ? "decimal" : null });
          control.value = initialText(value, type);
        }
        control.name = p.in + ":" + p.name;
        var why = unsupported(p);
        if (why) hint = why;
        if (typeof p.description === "string" && p.description && !why) {
          var line = p.description.split("\n")[0].replace(/[*_`]/g, "");
          hint = (line.length > 160 ? line.slice(0, 157) + "…" : line) + (hint ? " " + hint : "");
        }
        var typeText = type === "array" && items ? "array of " + (schemaType(doc, items) || "values") : type;
        field(paramSet, p.name, control, { where: p.in + (typeText ? ", " + typeText : ""), required: required, hint: hint });
        if (p.deprecated === true) control.setAttribute("title", "deprecated");
        inputs.push({ p: p, type: isObject(p.content) ? "string" : type, control: control, unsupported: why });
      });
    }

    // --- request body ---
    var bodyBox = null;
    var body = deref(doc, op.requestBody);
    if (isObject(body) && isObject(body.content) && Object.keys(body.content).length) {
      var bodySet = el("fieldset", { className: "apiref-form-body" });
      bodySet.appendChild(el("legend", {}, "Request body"));
      form.appendChild(bodySet);
      var medias = Object.keys(body.content);
      var mediaSelect = medias.length > 1 ? field(bodySet, "Media type", select(medias.map(function (m) { return [m, m]; }))) : null;
      var text = el("textarea", { rows: 12, spellcheck: "false", className: "apiref-form-bodytext" });
      var bodyNote = el("p", { className: "apiref-form-hint", id: id("h") });
      field(bodySet, "Body", text, { required: body.required === true, where: medias.length === 1 ? medias[0] : "" });
      text.setAttribute("aria-describedby", bodyNote.id);
      text.parentNode.appendChild(bodyNote);
      bodyBox = { media: function () { return mediaSelect ? mediaSelect.value : medias[0]; }, text: text };
      var fill = function () {
        var m = bodyBox.media();
        var media = deref(doc, body.content[m]) || {};
        // The description's example, else the one apiref's snippets send (render/playground_slice.h
        // writes it), else one made here (a description the playground reads as published).
        var v = firstExample(doc, media);
        if (v === undefined && "x-apiref-example" in media) v = media["x-apiref-example"];
        if (v === undefined) v = sample(doc, media.schema, 0);
        bodyNote.textContent = "";
        text.disabled = false;
        if (/^multipart\//i.test(m)) {
          text.value = "";
          text.disabled = true;
          bodyNote.textContent = m + " bodies cannot be sent by this form: use Swagger UI's view below.";
        } else if (/x-www-form-urlencoded/i.test(m)) {
          text.value = isObject(v) ? new URLSearchParams(Object.keys(v).map(function (k) {
            return [k, isObject(v[k]) || Array.isArray(v[k]) ? JSON.stringify(v[k]) : String(v[k])];
          })).toString() : (typeof v === "string" ? v : "");
          bodyNote.textContent = "Sent as written: name=value pairs joined by &, URL-encoded.";
        } else if (typeof v === "string" && !isJsonMedia(m)) text.value = v;
        else text.value = v === undefined ? "" : JSON.stringify(v, null, 2);
        if (!bodyNote.textContent) bodyNote.textContent = "An example" + (isJsonMedia(m) ? " (JSON)" : "") + ": edit it before you send it.";
        text.rows = Math.min(Math.max(text.value.split("\n").length + 1, 4), 20);
      };
      if (mediaSelect) mediaSelect.addEventListener("change", fill);
      fill();
    }

    var actions = el("div", { className: "apiref-form-actions" });
    var execute = el("button", { type: "submit", className: "apiref-form-execute", id: "apiref-form-execute" }, "Execute");
    var problem = el("p", { className: "apiref-form-problem", role: "alert" });
    actions.append(execute, problem);
    form.appendChild(actions);

    var curlTitle = el("h3", { id: "apiref-form-curl-title" }, "curl");
    var curl = el("pre", { className: "apiref-form-curl", "aria-labelledby": "apiref-form-curl-title", tabindex: "0" });
    var curlCode = el("code", { id: "apiref-form-curl" });
    curl.appendChild(curlCode);
    root.append(curlTitle, curl);
    var result = el("section", { className: "apiref-form-result", "aria-labelledby": "apiref-form-result-title", hidden: true });
    root.appendChild(result);

    // The request the form stands for: { url, method, headers, body } as it goes to the API's
    // server (before serve's proxy), the project's credentials as markers; or { error }.
    function request() {
      var url = serverUrl() + found.path;
      var query = [], headers = {}, cookies = [], errors = [];
      inputs.forEach(function (i) {
        var text = i.control.value;
        if (i.type !== "array" && i.type !== "object") text = text.trim();
        var required = i.p.required === true || i.p.in === "path";
        if (!text.length) {
          if (required) errors.push(i.p.name + " (" + i.p.in + ") is required");
          return;
        }
        if (i.unsupported) { errors.push(i.p.name + ": " + i.unsupported); return; }
        var value = entered(i.p, i.type, text);
        if (value && value.error) { errors.push(value.error); return; }
        if (Array.isArray(value) && !value.length) return;
        if (i.p.in === "path") {
          url = url.split("{" + i.p.name + "}").join(pathValue(i.p, value));
        } else if (i.p.in === "query") {
          queryPairs(i.p, value).forEach(function (piece) { query.push(piece); });
        } else if (i.p.in === "header") {
          headers[i.p.name] = headerValue(i.p, value);
        } else if (i.p.in === "cookie") {
          cookies.push(i.p.name + "=" + (Array.isArray(value) ? value.join(",") : value && value.object ? headerValue(i.p, value) : value));
        }
      });
      var req = { method: method, headers: headers };
      var responses = isObject(op.responses) ? op.responses : {};
      var ok = Object.keys(responses).filter(function (c) { return /^2/.test(c); }).map(function (c) { return deref(doc, responses[c]); })[0];
      if (isObject(ok) && isObject(ok.content) && Object.keys(ok.content).length) headers.Accept = Object.keys(ok.content)[0];
      if (bodyBox && !bodyBox.text.disabled && bodyBox.text.value.length) {
        req.body = bodyBox.text.value;
        headers["Content-Type"] = bodyBox.media();
        if (isJsonMedia(bodyBox.media())) {
          try { JSON.parse(req.body); } catch (e) { errors.push("The body is not JSON (" + e.message + ")"); }
        }
      } else if (bodyBox && body.required === true) errors.push("The request body is required");
      auth.apply(query, headers, cookies);
      if (cookies.length) headers.Cookie = cookies.join("; ");
      if (query.length) url += (url.indexOf("?") >= 0 ? "&" : "?") + query.join("&");
      req.url = url;
      req = ctx.intercept(req) || req;  // the project's auth, as markers (apiref-playground.js)
      return { req: req, errors: errors };
    }

    function curlOf(req) {
      var lines = ["curl -X " + req.method + " " + shellQuote(req.url)];
      Object.keys(req.headers).forEach(function (k) { lines.push("  -H " + shellQuote(k + ": " + req.headers[k])); });
      if (req.body !== undefined) lines.push("  --data-raw " + shellQuote(req.body));
      return ctx.spell(lines.join(" \\\n"), "bash");
    }

    function showCurl() {
      var r = request();
      curlCode.textContent = curlOf(r.req);
    }
    refresh.push(showCurl);
    auth.onChange(changed);
    showCurl();

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      auth.fromSwagger(ctx.ui());
      var r = request();
      curlCode.textContent = curlOf(r.req);
      problem.textContent = r.errors.join(". ") + (r.errors.length ? "." : "");
      if (r.errors.length) return;
      execute.disabled = true;
      execute.textContent = "Sending…";
      var init = { method: r.req.method, headers: r.req.headers };
      if (r.req.body !== undefined) init.body = r.req.body;
      var t0 = performance.now();
      Promise.resolve().then(function () { return ctx.send(r.req.url, init); }).then(function (res) {
        return res.text().then(function (text) { showResult(res, text, performance.now() - t0); });
      }).catch(function (e) {
        showResult(null, String(e && e.message || e), performance.now() - t0);
      }).then(function () {
        execute.disabled = false;
        execute.textContent = "Execute";
      });
    });

    function showResult(res, text, ms) {
      result.replaceChildren();
      result.hidden = false;
      result.appendChild(el("h3", { id: "apiref-form-result-title" }, "Response"));
      var line = el("p", { className: "apiref-form-status" });
      if (res) {
        line.append(el("strong", { className: res.ok ? "apiref-form-ok" : "apiref-form-bad", id: "apiref-form-status" },
                       String(res.status) + (res.statusText ? " " + res.statusText : "")),
                    " in " + Math.round(ms) + " ms");
      } else {
        line.append(el("strong", { className: "apiref-form-bad", id: "apiref-form-status" }, "No response"),
                    " (" + text + "): the server did not answer, or refused this page (CORS). " +
                    "Preview the site with apiref serve --proxy to send through it.");
      }
      result.appendChild(line);
      if (!res) return;
      var heads = [];
      res.headers.forEach(function (v, k) { heads.push(k + ": " + v); });
      result.appendChild(el("h4", {}, "Headers"));
      result.appendChild(el("pre", { className: "apiref-form-headers", tabindex: "0", "aria-label": "Response headers" }, heads.join("\n")));
      var shown = text;
      if (/json/i.test(res.headers.get("content-type") || "") && text.length < 5 * 1024 * 1024) {
        try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { shown = text; }
      }
      result.appendChild(el("h4", {}, "Body"));
      result.appendChild(el("pre", { className: "apiref-form-response", tabindex: "0", "aria-label": "Response body", id: "apiref-form-response" }, shown));
    }

    // Where the form ends and Swagger UI (loaded after it) begins.
    var below = document.getElementById("swagger-ui");
    if (below && !document.getElementById("apiref-form-below")) {
      var divider = el("p", { className: "apiref-form-below", id: "apiref-form-below" },
                       "Below, Swagger UI shows the same operation with its responses and schemas.");
      below.parentNode.insertBefore(divider, below);
    }
    root.hidden = false;
    document.documentElement.setAttribute("data-playground-form", "ready");
    return true;
  }

  // --- authentication -----------------------------------------------------------------------------
  // The project's auth (apiref.yaml auth.send): the token box above sends it, through the
  // request interceptor. Else the schemes of the operation's effective security (its own, else
  // the description's), one requirement at a time: each value kept in this tab
  // (sessionStorage), read from Swagger UI's persisted authorizations when the site persists
  // them, and handed to Swagger UI's Authorize once it is loaded (and taken back from it).
  function authSection(ctx, doc, op, form, field, select, id) {
    var none = { apply: function () {}, onChange: function () {}, fromSwagger: function () {} };
    if (ctx.projectAuth) {
      var set = el("fieldset", { className: "apiref-form-auth" });
      set.appendChild(el("legend", {}, "Authentication"));
      set.appendChild(el("p", { className: "apiref-form-hint" }, "Sent with your " + ctx.projectAuth.name +
        " from the box at the top of the page, once it is filled in (the curl below names it as an environment variable)."));
      form.appendChild(set);
      return none;
    }
    var security = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : [];
    var schemes = isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
    var options = security.filter(isObject).map(function (req) {
      return Object.keys(req).filter(function (n) { return isObject(deref(doc, schemes[n])); });
    }).filter(function (names, i, all) {
      return all.findIndex(function (o) { return o.join(" ") === names.join(" "); }) === i;
    });
    if (!options.length || (options.length === 1 && !options[0].length)) {
      var open = el("fieldset", { className: "apiref-form-auth" });
      open.append(el("legend", {}, "Authentication"),
                  el("p", { className: "apiref-form-hint" }, "The description states none for this operation: it is sent without credentials."));
      form.appendChild(open);
      return none;
    }
    var set2 = el("fieldset", { className: "apiref-form-auth" });
    set2.appendChild(el("legend", {}, "Authentication"));
    form.appendChild(set2);
    var chooser = null;
    if (options.length > 1) {
      chooser = field(set2, "Sign in with", select(options.map(function (names, i) {
        return [String(i), names.length ? names.join(" + ") : "no authentication"];
      })));
    }
    var box = el("div", { className: "apiref-form-schemes" });
    set2.appendChild(box);
    var controls = {};  // scheme name -> { scheme, inputs: { key: input } }
    var listeners = [];
    var persisted = {};
    if (ctx.persistAuthorization) {
      try { persisted = JSON.parse(readStore("localStorage", "authorized") || "{}") || {}; } catch (e) { persisted = {}; }
    }
    function storeKey(name, key) { return "apiref-scheme-" + ctx.bundle + "-" + name + "-" + key; }
    function initial(name, key) {
      var had = readStore("sessionStorage", storeKey(name, key));
      if (had) return had;
      var p = persisted[name];
      if (!isObject(p)) return "";
      if (key === "value" && typeof p.value === "string") return p.value;
      if (key === "value" && isObject(p.token) && typeof p.token.access_token === "string") return p.token.access_token;
      if (isObject(p.value) && typeof p.value[key] === "string") return p.value[key];
      return "";
    }
    function input(name, key, labelText, secret, where) {
      var i = el("input", { type: secret ? "password" : "text", autocomplete: "off", spellcheck: "false" });
      i.value = initial(name, key);
      i.addEventListener("input", function () {
        writeStore("sessionStorage", storeKey(name, key), i.value);
        toSwagger(name);
      });
      field(box, labelText, i, { where: where });
      return i;
    }
    function current() { return options[chooser ? Number(chooser.value) : 0] || []; }
    function build() {
      box.replaceChildren();
      controls = {};
      current().forEach(function (name) {
        var s = deref(doc, schemes[name]);
        var c = { scheme: s, inputs: {} };
        var type = String(s.type || "").toLowerCase(), scheme = String(s.scheme || "").toLowerCase();
        if (type === "http" && scheme === "basic") {
          c.inputs.username = input(name, "username", "Username", false, name + ", HTTP basic");
          c.inputs.password = input(name, "password", "Password", true, name + ", HTTP basic");
        } else if (type === "http") {
          c.inputs.value = input(name, "value", "Token", true, name + ", Authorization: " + (scheme === "bearer" ? "Bearer" : s.scheme));
        } else if (type === "apikey") {
          c.inputs.value = input(name, "value", String(s.name || name), true, name + ", API key in " + s["in"]);
        } else if (type === "oauth2" || type === "openidconnect") {
          c.inputs.value = input(name, "value", "Access token", true, name + ", " + s.type + ", sent as a bearer token");
        } else {
          box.appendChild(el("p", { className: "apiref-form-hint" }, name + " (" + s.type + "): this form cannot send it; use Swagger UI's view below."));
        }
        controls[name] = c;
      });
      if (!current().length) box.appendChild(el("p", { className: "apiref-form-hint" }, "Sent without credentials."));
    }
    if (chooser) chooser.addEventListener("change", function () { build(); listeners.forEach(function (f) { f(); }); });
    build();

    // Swagger UI's Authorize holds the same values once it is loaded.
    function toSwagger(name) {
      var ui = ctx.ui(), c = controls[name];
      if (!ui || !ui.authActions || !c) return;
      var type = String(c.scheme.type || "").toLowerCase();
      if (type !== "http" && type !== "apikey") return;
      var value = c.inputs.username ? { username: c.inputs.username.value, password: c.inputs.password.value } : c.inputs.value.value;
      if (!value || (c.inputs.username && !value.username)) return;
      var payload = {};
      payload[name] = { name: name, schema: c.scheme, value: value };
      try { ui.authActions.authorize(payload); } catch (e) { /* Swagger UI's own concern */ }
    }
    var handed = false;
    (function handOver() {
      if (handed) return;
      if (ctx.ui() && ctx.ui().authActions) {
        handed = true;
        Object.keys(controls).forEach(toSwagger);
        return;
      }
      setTimeout(handOver, 500);
    })();

    return {
      onChange: function (f) { listeners.push(f); },
      // Values entered in Swagger UI's Authorize fill the form's empty fields.
      fromSwagger: function (ui) {
        if (!ui || !ui.authSelectors) return;
        var authorized = {};
        try { authorized = ui.authSelectors.authorized().toJS(); } catch (e) { return; }
        Object.keys(controls).forEach(function (name) {
          var a = authorized[name], c = controls[name];
          if (!isObject(a)) return;
          Object.keys(c.inputs).forEach(function (key) {
            var v = key === "value" ? (typeof a.value === "string" ? a.value : isObject(a.token) ? a.token.access_token : "")
                                    : isObject(a.value) ? a.value[key] : "";
            if (!c.inputs[key].value && typeof v === "string" && v) c.inputs[key].value = v;
          });
        });
      },
      apply: function (query, headers, cookies) {
        Object.keys(controls).forEach(function (name) {
          var c = controls[name], s = c.scheme;
          var type = String(s.type || "").toLowerCase(), scheme = String(s.scheme || "").toLowerCase();
          if (c.inputs.username) {
            if (c.inputs.username.value) headers.Authorization = "Basic " + base64(c.inputs.username.value + ":" + c.inputs.password.value);
            return;
          }
          var v = c.inputs.value ? c.inputs.value.value.trim() : "";
          if (!v) return;
          if (type === "http") headers.Authorization = (scheme === "bearer" ? "Bearer" : s.scheme) + " " + v;
          else if (type === "oauth2" || type === "openidconnect") headers.Authorization = "Bearer " + v;
          else if (type === "apikey" && s["in"] === "header") headers[s.name] = v;
          else if (type === "apikey" && s["in"] === "query") query.push(enc(s.name) + "=" + enc(v));
          else if (type === "apikey" && s["in"] === "cookie") cookies.push(s.name + "=" + v);
        });
      }
    };
  }

  window.apirefForm = { show: show, sample: sample };
})();

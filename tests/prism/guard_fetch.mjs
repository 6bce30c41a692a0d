// Loaded (node --import) before every JavaScript snippet the Prism test runs. The snippet
// itself runs unchanged; this only keeps its fetch on this machine:
//
// - a request to any host but loopback is refused before anything is sent;
// - a redirect Prism answers with (the description's example Location, such as
//   https://codeload.github.com/...) is not followed off the machine: the 3xx is the answer;
// - with PRISM_SHOW_VIOLATIONS=1, Prism's `sl-violations` response header (its reason for
//   rejecting a request) is printed to standard error.
const fetchAsWritten = globalThis.fetch;

function local(url) {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || host.startsWith("127.");
  } catch {
    return false;
  }
}

globalThis.fetch = async (input, init = {}) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  if (!local(url)) throw new TypeError(`the Prism test sends nothing off this machine: ${url}`);
  let response = await fetchAsWritten(input, { ...init, redirect: "manual" });
  const location = response.headers.get("location");
  if (response.status >= 300 && response.status < 400 && location && (init.redirect ?? "follow") === "follow" &&
      local(new URL(location, url).href)) {
    response = await fetchAsWritten(input, init);  // a redirect that stays here: as written
  }
  const violations = response.headers.get("sl-violations");
  if (violations && process.env.PRISM_SHOW_VIOLATIONS) {
    // Header values come as latin-1 characters; Prism sends UTF-8.
    process.stderr.write(`sl-violations: ${Buffer.from(violations, "latin1").toString("utf8")}\n`);
  }
  return response;
};

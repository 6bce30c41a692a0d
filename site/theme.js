// Loaded without defer, before the page paints: apply the reader's stored theme choice so a
// dark-theme reader never sees a light first frame, and mark the page as scripted (class "js":
// the phone's compact header, whose menu app.js makes). Everything else is in app.js.
document.documentElement.classList.add("js");
try {
  var apirefTheme = localStorage.getItem("apiref-theme");
  if (apirefTheme === "light" || apirefTheme === "dark") document.documentElement.setAttribute("data-theme", apirefTheme);
} catch (e) { /* storage may be disabled */ }

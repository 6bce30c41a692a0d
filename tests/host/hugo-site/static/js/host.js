// The host's light/dark switch: data-theme on <html>, kept in localStorage.
document.querySelector(".host-theme-toggle").addEventListener("click", function () {
  var root = document.documentElement;
  var dark = root.getAttribute("data-theme") === "dark" ||
    (!root.getAttribute("data-theme") && window.matchMedia("(prefers-color-scheme: dark)").matches);
  var next = dark ? "light" : "dark";
  root.setAttribute("data-theme", next);
  try { localStorage.setItem("host-theme", next); } catch (e) { /* private mode */ }
});

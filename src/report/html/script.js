// Opens a marked figure's claims in the side panel: on click, on keyboard
// focus, and from the address (#f0-12), so that a link to a figure opens it.
(function () {
  "use strict";
  var panel = document.getElementById("panel");
  var body = document.getElementById("panel-body");
  var claims = document.getElementById("claims").content;
  var current = null;

  function lineOf(mark) {
    var line = mark.closest(".l"), n = 0;
    while (line) { n++; line = line.previousElementSibling; }
    return n;
  }

  function add(tag, text) {
    var el = document.createElement(tag);
    el.textContent = text;
    body.appendChild(el);
  }

  function show(mark) {
    if (current === mark && panel.classList.contains("open")) return;
    if (current) current.classList.remove("sel");
    current = mark;
    mark.classList.add("sel");
    body.textContent = "";
    add("h2", "Figure " + mark.textContent + " (line " + lineOf(mark) + ")");
    var reason = mark.getAttribute("data-m");
    if (reason !== null) add("p", "Malformed figure: " + reason);
    (mark.getAttribute("data-c") || "").split(" ").forEach(function (n) {
      var claim = n && claims.getElementById("c" + n);
      if (claim) {
        claim = claim.cloneNode(true);
        claim.removeAttribute("id");
        body.appendChild(claim);
      }
    });
    panel.classList.add("open");
  }

  function markOf(id) {
    var el = id && document.getElementById(id);
    return el && el.classList.contains("f") ? el : null;
  }

  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[href^='#']");
    var mark = a && markOf(a.getAttribute("href").slice(1));
    if (!mark) return;
    e.preventDefault();
    if (location.hash !== "#" + mark.id) history.pushState(null, "", "#" + mark.id);
    show(mark);
    if (a !== mark) {
      mark.scrollIntoView({ block: "center" });
      mark.focus({ preventScroll: true });
    }
  });
  document.addEventListener("focusin", function (e) {
    if (e.target.classList && e.target.classList.contains("f")) show(e.target);
  });
  function fromAddress() {
    var mark = markOf(decodeURIComponent(location.hash.slice(1)));
    if (!mark) return;
    show(mark);
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  }
  window.addEventListener("hashchange", fromAddress);
  window.addEventListener("popstate", fromAddress);
  document.getElementById("panel-close").addEventListener("click", function () {
    panel.classList.remove("open");
    if (current) current.focus();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") panel.classList.remove("open");
  });
  fromAddress();
})();

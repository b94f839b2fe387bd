/* Innovation Commons: possible duplicates while a new idea's title is typed.
   The form works without this file; the server checks for duplicates again on submit. */
(function () {
  "use strict";

  var DELAY_MS = 300;
  var MIN_CHARS = 4;

  function render(box, items) {
    // The server's "Before you publish" box holds the form's duplicates_checked field: keep it,
    // or "Publish anyway" after editing the title would only show the warning again.
    var kept = Array.prototype.slice.call(box.querySelectorAll("input"));
    box.textContent = "";
    kept.forEach(function (input) { box.appendChild(input); });
    box.classList.toggle("similar-box", items.length > 0);
    if (!items.length) { return; }
    var heading = document.createElement("h2");
    if (box.getAttribute("aria-labelledby")) { heading.id = box.getAttribute("aria-labelledby"); }
    heading.textContent = items.length === 1 ? "A similar idea exists — support it instead?" :
      "Similar ideas exist — support one instead?";
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url || ("/ideas/" + item.id);
      link.textContent = item.title;
      li.appendChild(link);
      if (item.status) {
        var meta = document.createElement("span");
        meta.className = "muted";
        meta.textContent = " \u00b7 " + item.status.replace(/_/g, " ") +
          (item.support_total !== undefined ? " \u00b7 " + item.support_total + " supports" : "");
        li.appendChild(meta);
      }
      list.appendChild(li);
    });
    box.appendChild(heading);
    box.appendChild(list);
  }

  function watch(form) {
    var title = form.querySelector("input[name=title]");
    var body = form.querySelector("textarea[name=body]");
    var box = document.getElementById("similar-ideas");
    if (!title || !box || !window.fetch) { return; }
    var timer = null;
    var latest = 0;

    function lookup() {
      var text = title.value.trim();
      if (text.length < MIN_CHARS) { render(box, []); return; }
      var ticket = ++latest;
      var url = "/api/v1/ideas/similar?title=" + encodeURIComponent(text) +
        "&body=" + encodeURIComponent(body ? body.value.slice(0, 160) : "");
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { items: [] }; })
        .then(function (data) { if (ticket === latest) { render(box, data.items || []); } })
        .catch(function () { /* no suggestions is fine: the server checks again on submit */ });
    }

    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(lookup, DELAY_MS);
    }

    title.addEventListener("input", schedule);
    if (body) { body.addEventListener("change", schedule); }
  }

  // On a phone the facets would push the first result below the fold: start them folded.
  function foldFacetsOnSmallScreens() {
    var panel = document.querySelector(".facet-panel");
    if (panel && window.matchMedia("(max-width: 760px)").matches) { panel.open = false; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-similar-ideas]"), watch);
    foldFacetsOnSmallScreens();
  });
})();

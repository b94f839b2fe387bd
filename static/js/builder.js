/* Innovation Commons: the pm's round builder. Everything works without this file (the picker is
   a search form, the weights are two number fields the server checks); this lists ideas as the pm
   types and keeps the two weights summing to 100. */
(function () {
  "use strict";

  // --- Candidate picker: fetch the server-rendered results for what is typed, after a pause.
  function picker(root) {
    var input = root.querySelector("[data-picker-input]");
    var url = root.getAttribute("data-picker");
    if (!input || !url) { return; }
    var timer = null;
    var latest = 0;
    function show(html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var fresh = doc.querySelector("[data-picker-results]");
      var current = root.querySelector("[data-picker-results]");
      if (fresh && current) { current.replaceWith(document.importNode(fresh, true)); }
    }
    function search() {
      var ticket = ++latest;
      var q = input.value.trim();
      fetch(url + "&q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null && ticket === latest) { show(html); } })
        .catch(function () { /* the Search button still works */ });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    // Text typed before this script ran (a slow load) or restored by the browser on Back.
    if (input.value.trim()) { search(); }
  }

  // --- Weights: two percentage fields; changing one sets the other to the rest of 100.
  function weights(root) {
    var fields = root.querySelectorAll("input[data-weight]");
    if (fields.length !== 2) { return; }
    function link(from, to) {
      from.addEventListener("input", function () {
        var value = parseFloat(from.value);
        if (isNaN(value)) { return; }
        value = Math.min(100, Math.max(0, value));
        to.value = String(Math.round((100 - value) * 100) / 100);
      });
    }
    link(fields[0], fields[1]);
    link(fields[1], fields[0]);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-picker]"), picker);
    Array.prototype.forEach.call(document.querySelectorAll("[data-weights]"), weights);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

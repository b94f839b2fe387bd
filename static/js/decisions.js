/* Innovation Commons: decision-round enhancements. Every form and table works without this file:
   sortable impact table, ranked ballot with move buttons, budget running total, small form helpers. */
(function () {
  "use strict";

  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }

  function say(region, text) {
    if (region) { region.textContent = text; }
  }

  function hiddenText(text) {
    var span = document.createElement("span");
    span.className = "visually-hidden";
    span.textContent = text;
    return span;
  }

  function button(label, extra, className) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-secondary btn-small " + className;
    b.appendChild(document.createTextNode(label));
    b.appendChild(hiddenText(extra));
    return b;
  }

  function fmt(n) { return Math.round(n).toLocaleString("en-US"); }

  // --- Sortable tables: <table data-sortable>, <th data-sort="number|text">, cells carry data-value.
  function sortable(table) {
    var region = table.closest(".round-section") ? table.closest(".round-section").querySelector("[data-sort-status]") : null;
    var tbody = table.tBodies[0];
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, index) {
      var type = th.getAttribute("data-sort");
      if (!type) { return; }
      var label = th.textContent.trim();
      var b = document.createElement("button");
      b.type = "button";
      b.className = "sort-button";
      b.textContent = label;
      var icon = document.createElement("span");
      icon.className = "sort-icon";
      icon.setAttribute("aria-hidden", "true");
      b.appendChild(icon);
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var rows = Array.prototype.slice.call(tbody.rows).map(function (row, position) {
          var raw = row.cells[index].getAttribute("data-value");
          var key = type === "number" ? (raw === "" || raw === null ? NaN : parseFloat(raw)) : (raw || "").toLowerCase();
          return { row: row, key: key, position: position };
        });
        rows.sort(function (a, b) {
          var missingA = type === "number" && isNaN(a.key), missingB = type === "number" && isNaN(b.key);
          if (missingA !== missingB) { return missingA ? 1 : -1; } // dashes always last
          var order = 0;
          if (!missingA) {
            order = type === "number" ? a.key - b.key : a.key.localeCompare(b.key);
          }
          return (ascending ? order : -order) || a.position - b.position;
        });
        rows.forEach(function (item) { tbody.appendChild(item.row); });
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        say(region, "Sorted by " + label + ", " + (ascending ? "ascending" : "descending") + ".");
      });
    });
  }

  // --- Budget ballot: running total of the ticked ideas' costs (the server still enforces the budget).
  function budget(fieldset) {
    var limit = parseFloat(fieldset.getAttribute("data-budget"));
    // The server's money format for 0 ("€0", "CHF 0"): the amount goes where its 0 is.
    var zero = fieldset.getAttribute("data-money") || "0";
    function money(n) { return zero.replace("0", fmt(n)); }
    var output = fieldset.querySelector("[data-budget-total]");
    var bar = fieldset.querySelector("[data-budget-bar]");
    if (!output || isNaN(limit)) { return; }
    function update() {
      var total = 0;
      each(fieldset, "input[data-cost]:checked", function (box) { total += parseFloat(box.getAttribute("data-cost")) || 0; });
      var over = total > limit + 1e-9;
      output.textContent = "Selected: " + money(total) + " of " + money(limit) +
        (over ? " \u2014 over budget by " + money(total - limit) + "; untick something to fit" : "");
      output.parentNode.classList.toggle("is-over", over);
      if (bar) { bar.value = Math.min(total, limit); }
    }
    fieldset.addEventListener("change", update);
    update();
  }

  // --- Ranked ballot: an ordered list with Move up / Move down / Remove / Rank buttons.
  // The hidden selects (rank-<id>) stay the source of truth, so the same form submits.
  function ranked(fieldset) {
    var list = fieldset.querySelector("[data-rank-list]");
    var region = fieldset.querySelector("[data-rank-status]");
    if (!list) { return; }
    var items = Array.prototype.slice.call(list.children);
    var rankedList = document.createElement("ol");
    var unrankedList = document.createElement("ul");
    rankedList.className = "rank-ranked";
    unrankedList.className = "rank-unranked";
    var rankedTitle = groupTitle("rank-ranked-title", "Your ranking, best first");
    var unrankedTitle = groupTitle("rank-unranked-title", "Not ranked");
    rankedList.setAttribute("aria-labelledby", rankedTitle.id);
    unrankedList.setAttribute("aria-labelledby", unrankedTitle.id);
    var rankedEmpty = note("Nothing ranked yet: use \u201cRank\u201d on the ideas below.");
    var unrankedEmpty = note("Every idea is ranked.");

    function groupTitle(id, text) {
      var p = document.createElement("p");
      p.className = "rank-group-title";
      p.id = id;
      p.textContent = text;
      return p;
    }
    function note(text) {
      var p = document.createElement("p");
      p.className = "hint rank-empty";
      p.textContent = text;
      return p;
    }
    function title(item) { return "\u201c" + item.getAttribute("data-title") + "\u201d"; }
    function select(item) { return item.querySelector("select"); }

    function sync() {
      var count = rankedList.children.length;
      Array.prototype.forEach.call(rankedList.children, function (item, i) {
        select(item).value = String(i + 1);
        item.querySelector(".rank-up").setAttribute("aria-disabled", i === 0 ? "true" : "false");
        item.querySelector(".rank-down").setAttribute("aria-disabled", i === count - 1 ? "true" : "false");
        each(item, ".rank-up, .rank-down, .rank-remove", function (b) { b.hidden = false; });
        item.querySelector(".rank-add").hidden = true;
      });
      Array.prototype.forEach.call(unrankedList.children, function (item) {
        select(item).value = "";
        each(item, ".rank-up, .rank-down, .rank-remove", function (b) { b.hidden = true; });
        item.querySelector(".rank-add").hidden = false;
      });
      rankedEmpty.hidden = count > 0;
      unrankedEmpty.hidden = unrankedList.children.length > 0;
    }

    function move(item, delta) {
      var sibling = delta < 0 ? item.previousElementSibling : item.nextElementSibling;
      if (!sibling) {
        say(region, title(item) + " is already " + (delta < 0 ? "first." : "last."));
        return;
      }
      rankedList.insertBefore(item, delta < 0 ? sibling : sibling.nextElementSibling);
      sync();
      item.querySelector(delta < 0 ? ".rank-up" : ".rank-down").focus();
      say(region, title(item) + " moved to place " + select(item).value + " of " + rankedList.children.length + ".");
    }

    items.forEach(function (item) {
      var name = ": " + item.getAttribute("data-title");
      var controls = document.createElement("div");
      controls.className = "rank-controls";
      var up = button("Move up", name, "rank-up");
      var down = button("Move down", name, "rank-down");
      var remove = button("Unrank", name, "rank-remove");
      var add = button("Rank", name, "rank-add");
      up.addEventListener("click", function () { move(item, -1); });
      down.addEventListener("click", function () { move(item, 1); });
      remove.addEventListener("click", function () {
        unrankedList.appendChild(item);
        sync();
        add.focus();
        say(region, title(item) + " removed from your ranking.");
      });
      add.addEventListener("click", function () {
        rankedList.appendChild(item);
        sync();
        up.focus();
        say(region, title(item) + " ranked at place " + rankedList.children.length + ".");
      });
      [up, down, remove, add].forEach(function (b) { controls.appendChild(b); });
      item.appendChild(controls);
    });

    // Start from the places already chosen (stored ballot, or what was just submitted).
    var placed = items.filter(function (item) { return /^\d+$/.test(select(item).value); });
    placed.sort(function (a, b) {
      return (parseInt(select(a).value, 10) - parseInt(select(b).value, 10)) || items.indexOf(a) - items.indexOf(b);
    });
    placed.forEach(function (item) { rankedList.appendChild(item); });
    items.forEach(function (item) { if (placed.indexOf(item) === -1) { unrankedList.appendChild(item); } });

    [rankedTitle, rankedList, rankedEmpty, unrankedTitle, unrankedList, unrankedEmpty].forEach(function (node) {
      list.parentNode.insertBefore(node, list);
    });
    list.parentNode.removeChild(list);
    fieldset.classList.add("is-enhanced");
    sync();
  }

  // --- New round: the budget field only matters for budget rounds (it stays visible without JS).
  function methodToggle(selectEl) {
    var wrap = document.querySelector("[data-budget-field]");
    if (!wrap) { return; }
    var input = wrap.querySelector("input");
    var invalid = !!wrap.querySelector("[aria-invalid=true]");
    function update() {
      var off = selectEl.value !== "budget" && !invalid;
      wrap.hidden = off;
      if (input) { input.disabled = off; }
    }
    selectEl.addEventListener("change", function () { invalid = false; update(); });
    update();
  }

  // --- Outcome form: a decision that departs from the vote needs a rationale (the server checks too).
  function decision(fieldset) {
    var recommends = fieldset.getAttribute("data-recommends") === "adopt";
    var textarea = fieldset.querySelector("textarea");
    var hint = fieldset.querySelector("[data-departure-hint]");
    var original = hint ? hint.textContent : "";
    function update() {
      var checked = fieldset.querySelector("input[type=radio]:checked");
      var departs = !!checked && (checked.value === "adopt") !== recommends;
      fieldset.classList.toggle("is-departure", departs);
      if (textarea) { textarea.required = departs; }
      if (hint) { hint.textContent = departs ? "This departs from the vote: explain why everyone should accept it." : original; }
    }
    fieldset.addEventListener("change", update);
    update();
  }

  function init() {
    each(document, "table[data-sortable]", sortable);
    each(document, "fieldset[data-budget]", budget);
    each(document, "fieldset[data-ranked]", ranked);
    each(document, "[data-method-select]", methodToggle);
    each(document, "fieldset[data-decision]", decision);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

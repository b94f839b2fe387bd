/* Innovation Commons: support, rate and comment without a reload, on idea cards and idea pages.
   Every form works without this file; on any unexpected failure we fall back to a normal submit.
   Numbers shown for an idea live inside elements marked data-idea-stats="<id>" (a card, the idea
   page), so an answer about one idea updates that idea wherever it appears, and nothing else. */
(function () {
  "use strict";

  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }

  function setText(root, selector, text) { each(root, selector, function (n) { n.textContent = text; }); }

  function fmtMean(mean, count) {
    return count && mean !== null && mean !== undefined ? Number(mean).toFixed(1) : "\u2014";
  }

  function percent(part, total) { return total ? Math.round((100 * part) / total) : null; }

  function status(form, message, isError) {
    var region = form.querySelector("[data-status]") ||
      (form.nextElementSibling && form.nextElementSibling.matches("[data-status]") ? form.nextElementSibling : null);
    if (!region) { return; }
    region.classList.toggle("is-error", !!isError);
    region.textContent = message;
  }

  // One polite live region for the whole page: cards have no room for a status line each.
  function announce(message) {
    var region = document.getElementById("ideas-live");
    if (!region) {
      region = document.createElement("p");
      region.id = "ideas-live";
      region.className = "visually-hidden";
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    region.textContent = message;
  }

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrf_token]");
    return input ? input.value : "";
  }

  // fetch JSON with the page's CSRF token; rejects with {status, data} when not ok or not JSON.
  function request(url, method, headers, body) {
    headers.Accept = "application/json";
    var options = { method: method, headers: headers, credentials: "same-origin" };
    if (body !== undefined) { options.body = body; }
    return fetch(url, options).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) {
        throw { status: response.status, data: null };
      }
      return response.json().then(function (data) {
        if (!response.ok) { throw { status: response.status, data: data }; }
        return data;
      });
    });
  }

  function api(form, url, method, body) {
    var headers = { "X-CSRFToken": csrfToken(form) };
    if (body === undefined) { return request(url, method, headers); }
    headers["Content-Type"] = "application/json";
    return request(url, method, headers, JSON.stringify(body));
  }

  function splitBar(svg, customer, total) {
    var pct = total ? (100 * customer) / total : 0;
    svg.querySelector(".bar-customer").setAttribute("width", pct.toFixed(1));
    var emp = svg.querySelector(".bar-employee");
    emp.setAttribute("x", pct.toFixed(1));
    emp.setAttribute("width", total ? (100 - pct).toFixed(1) : "0");
    svg.setAttribute("aria-label", total ? "Supports: " + customer + " from customers, " +
      (total - customer) + " from employees" : "No supports yet");
  }

  // Each side's share in favour stands next to how many of that side took part; a side where
  // nobody took part shows words and no bar (never "100 %" beside "0 took part").
  function favourRow(root, side, part) {
    each(root, "[data-favour-row=" + side + "]", function (row) {
      var share = percent(part.favourable, part.engaged);
      setText(row, "[data-favour-text]", part.engaged ? share + " % in favour \u00b7 " + part.engaged + " took part"
        : "nobody has supported or rated it yet");
      each(row, "[data-favour-bar]", function (svg) {
        svg.hidden = !part.engaged;
        svg.querySelector(".bar-" + side).setAttribute("width", String(share || 0));
      });
    });
  }

  // Update every place that shows this idea's numbers from an idea JSON object.
  function showIdea(idea) {
    if (!idea || !idea.support) { throw new Error("Unexpected response"); }
    var s = idea.support;
    each(document, "[data-idea-stats='" + idea.id + "']", function (root) {
      setText(root, "[data-support-total]", String(s.total));
      setText(root, "[data-support-noun]", s.total === 1 ? "support" : "supports");
      setText(root, "[data-support-customer]", String(s.customer));
      setText(root, "[data-support-employee]", String(s.employee));
      each(root, "[data-split-bar]", function (svg) { splitBar(svg, s.customer, s.total); });
      var cg = idea.common_ground;
      if (cg) {
        favourRow(root, "customer", cg.customer);
        favourRow(root, "employee", cg.employee);
      }
      var r = idea.rating;
      if (r) {
        setText(root, "[data-rating-mean]", fmtMean(r.mean, r.count));
        setText(root, "[data-rating-count]", String(r.count));
        ["customer", "employee"].forEach(function (side) {
          var part = (r.by_constituency || {})[side] || { count: 0, mean: null };
          setText(root, "[data-rating-" + side + "-mean]", fmtMean(part.mean, part.count));
          setText(root, "[data-rating-" + side + "-count]", String(part.count));
        });
      }
    });
  }

  // Every Support button of this idea on the page shows the new state and posts the opposite next.
  function showSupported(ideaId, now) {
    each(document, "form[data-enhance=support][data-idea='" + ideaId + "']", function (form) {
      form.setAttribute("data-supported", now ? "true" : "false");
      form.action = form.getAttribute(now ? "data-unsupport-url" : "data-support-url") || form.action;
      var button = form.querySelector("button[type=submit]");
      button.setAttribute("aria-pressed", now ? "true" : "false");
      setText(button, "[data-support-label]", now ? "Supported" : "Support");
    });
  }

  function enhanceSupport(form) {
    var pending = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (pending) { return; }
      pending = true;
      var supported = form.getAttribute("data-supported") === "true";
      var url = "/api/v1/ideas/" + encodeURIComponent(form.getAttribute("data-idea")) + "/vote";
      form.setAttribute("aria-busy", "true");
      api(form, url, supported ? "DELETE" : "POST").then(function (idea) {
        showIdea(idea);
        var now = !!idea.my_vote;
        showSupported(idea.id, now);
        var total = idea.support.total + (idea.support.total === 1 ? " support" : " supports");
        announce((now ? "You support \u201c" : "Support withdrawn from \u201c") + idea.title + "\u201d: " + total + ".");
        form.removeAttribute("aria-busy");
        pending = false;
      }).catch(function () { form.submit(); });
    });
  }

  // Five star buttons, one radio group: one click (or Enter/Space) rates; arrows move between stars.
  function showRating(form, value) {
    each(form, ".star-button", function (button) {
      var n = parseInt(button.value, 10);
      button.setAttribute("aria-checked", n === value ? "true" : "false");
      button.classList.toggle("is-filled", n <= value);
    });
    rovingStops(form);
  }

  function rovingStops(form) {
    var buttons = form.querySelectorAll(".star-button");
    var current = form.querySelector(".star-button[aria-checked=true]") || buttons[0];
    Array.prototype.forEach.call(buttons, function (button) { button.tabIndex = button === current ? 0 : -1; });
  }

  function enhanceRate(form) {
    var pending = false;
    var buttons = Array.prototype.slice.call(form.querySelectorAll(".star-button"));
    rovingStops(form);
    form.addEventListener("keydown", function (event) {
      var index = buttons.indexOf(event.target);
      if (index === -1) { return; }
      var next = { ArrowRight: index + 1, ArrowUp: index + 1, ArrowLeft: index - 1, ArrowDown: index - 1,
        Home: 0, End: buttons.length - 1 }[event.key];
      if (next === undefined) { return; }
      event.preventDefault();
      var target = buttons[Math.max(0, Math.min(buttons.length - 1, next))];
      buttons.forEach(function (button) { button.tabIndex = button === target ? 0 : -1; });
      target.focus();
    });
    form.addEventListener("submit", function (event) {
      var star = event.submitter;
      if (!star || star.name !== "value") { return; } // an old browser: the plain post carries the star
      event.preventDefault();
      if (pending) { return; }
      pending = true;
      var url = "/api/v1/ideas/" + encodeURIComponent(form.getAttribute("data-idea")) + "/rating";
      api(form, url, "PUT", { value: parseInt(star.value, 10) }).then(function (idea) {
        showIdea(idea);
        showRating(form, idea.my_rating);
        status(form, "Saved: you rated it " + idea.my_rating + " of 5.");
        pending = false;
      }).catch(function () {
        var value = document.createElement("input");
        value.type = "hidden";
        value.name = "value";
        value.value = star.value;
        form.appendChild(value);
        form.submit();
      });
    });
  }

  // A top-level comment is posted to the page's own route, which answers with the comment as
  // the page renders it (Reply, Edit and Delete included). Replies post as plain forms.
  function enhanceComment(form) {
    form.addEventListener("submit", function (event) {
      var textarea = form.querySelector("textarea[name=body]");
      var parent = form.querySelector("input[name=parent_id]");
      if (!textarea || (parent && parent.value)) { return; }
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      request(form.action, "POST", { "X-CSRFToken": csrfToken(form) }, new FormData(form)).then(function (answer) {
        var list = document.querySelector("[data-comment-list]");
        each(document, "[data-comments-empty]", function (el) { el.parentNode.removeChild(el); });
        list.insertAdjacentHTML("beforeend", answer.html); // rendered and sanitized by the server
        each(document, "[data-comment-count]", function (el) {
          var n = parseInt(el.getAttribute("data-comment-count"), 10) + 1;
          el.setAttribute("data-comment-count", String(n));
          el.textContent = n + (n === 1 ? " comment" : " comments");
        });
        textarea.value = "";
        status(form, "Your comment is posted.");
        button.disabled = false;
      }).catch(function (error) {
        if (error && (error.status === 422 || error.status === 400) && error.data && error.data.error) {
          status(form, error.data.error.message, true);
          button.disabled = false;
          textarea.focus();
        } else {
          form.submit();
        }
      });
    });
  }

  function init() {
    if (!window.fetch || !window.JSON) { return; }
    each(document, "form[data-enhance]", function (form) {
      var kind = form.getAttribute("data-enhance");
      if (kind === "support") { enhanceSupport(form); }
      else if (kind === "rate") { enhanceRate(form); }
      else if (kind === "comment") { enhanceComment(form); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

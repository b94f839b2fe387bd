/* Innovation Commons: idea page enhancements (support, rate, comment without a reload).
   Every form works without this file; on any unexpected failure we fall back to a normal submit. */
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

  // fetch JSON with the page's CSRF token; rejects with {status, data} when not ok or not JSON.
  function api(form, url, method, body) {
    var tokenInput = form.querySelector("input[name=csrf_token]");
    var headers = { "X-CSRFToken": tokenInput ? tokenInput.value : "", "Accept": "application/json" };
    var options = { method: method, headers: headers, credentials: "same-origin" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
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

  function busy(form, on) { each(form, "button", function (b) { b.disabled = on; }); }

  // Support box, split bar and common-ground box from an idea JSON object.
  function showIdea(idea) {
    if (!idea || !idea.support) { throw new Error("Unexpected response"); }
    var s = idea.support;
    setText(document, "[data-support-total]", String(s.total));
    setText(document, "[data-support-customer]", String(s.customer));
    setText(document, "[data-support-employee]", String(s.employee));
    each(document, "#support [data-split-bar]", function (svg) {
      var pct = s.total ? (100 * s.customer) / s.total : 0;
      svg.querySelector(".bar-customer").setAttribute("width", pct.toFixed(1));
      var emp = svg.querySelector(".bar-employee");
      emp.setAttribute("x", pct.toFixed(1));
      emp.setAttribute("width", s.total ? (100 - pct).toFixed(1) : "0");
      svg.setAttribute("aria-label", s.total ? "Supports: " + s.customer + " from customers, " +
        s.employee + " from employees" : "No supports yet");
    });
    var cg = idea.common_ground;
    if (cg) {
      var c = percent(cg.customer.favourable, cg.customer.engaged);
      var e = percent(cg.employee.favourable, cg.employee.engaged);
      setText(document, "[data-favour-customer]", c === null ? "\u2014" : c + " %");
      setText(document, "[data-favour-employee]", e === null ? "\u2014" : e + " %");
      each(document, "[data-favour-bars]", function (svg) {
        svg.querySelector(".bar-customer").setAttribute("width", String(c || 0));
        svg.querySelector(".bar-employee").setAttribute("width", String(e || 0));
        svg.setAttribute("aria-label", "In favour: customers " + (c === null ? "\u2014" : c + " %") +
          ", employees " + (e === null ? "\u2014" : e + " %"));
      });
    }
    var r = idea.rating;
    if (r) {
      setText(document, "[data-rating-mean]", fmtMean(r.mean, r.count));
      setText(document, "[data-rating-count]", String(r.count));
      ["customer", "employee"].forEach(function (side) {
        var part = (r.by_constituency || {})[side] || { count: 0, mean: null };
        setText(document, "[data-rating-" + side + "-mean]", fmtMean(part.mean, part.count));
        setText(document, "[data-rating-" + side + "-count]", String(part.count));
      });
    }
  }

  function enhanceSupport(form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var supported = form.getAttribute("data-supported") === "true";
      var url = "/api/v1/ideas/" + encodeURIComponent(form.getAttribute("data-idea")) + "/vote";
      busy(form, true);
      api(form, url, supported ? "DELETE" : "POST").then(function (idea) {
        showIdea(idea);
        var now = !!idea.my_vote;
        var button = form.querySelector("button[type=submit]");
        form.setAttribute("data-supported", now ? "true" : "false");
        form.action = form.getAttribute(now ? "data-unsupport-url" : "data-support-url") || form.action;
        button.textContent = now ? "Withdraw support" : "Support this idea";
        button.classList.toggle("btn-primary", !now);
        button.classList.toggle("btn-secondary", now);
        status(form, now ? "Thanks, your support is counted." : "Your support is withdrawn.");
        busy(form, false);
      }).catch(function () { form.submit(); });
    });
  }

  function enhanceRate(form) {
    form.addEventListener("submit", function (event) {
      var checked = form.querySelector("input[name=value]:checked");
      if (!checked) { return; } // let the browser / server explain
      event.preventDefault();
      var url = "/api/v1/ideas/" + encodeURIComponent(form.getAttribute("data-idea")) + "/rating";
      busy(form, true);
      api(form, url, "PUT", { value: parseInt(checked.value, 10) }).then(function (idea) {
        showIdea(idea);
        status(form, "Saved: you rated it " + idea.my_rating + " of 5.");
        busy(form, false);
      }).catch(function () { form.submit(); });
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function commentArticle(comment) {
    var author = comment.author || {};
    var side = author.constituency === "customer" ? "customer" : "employee";
    var article = el("article", "comment depth-0 comment-new");
    article.id = "comment-" + comment.id;
    article.setAttribute("aria-label", "Comment by " + (author.name || ""));
    var header = article.appendChild(el("header", "comment-header"));
    var who = header.appendChild(el("span", "person"));
    var link = who.appendChild(el("a", "", author.name || ""));
    link.href = "/people/" + encodeURIComponent(author.id);
    who.appendChild(document.createTextNode(" "));
    who.appendChild(el("span", "badge badge-" + side, side === "customer" ? "Customer" : "Employee"));
    header.appendChild(el("span", "muted small", "just now"));
    article.appendChild(el("div", "comment-body prose")).innerHTML = comment.body_html; // sanitized by the server
    return article;
  }

  function enhanceComment(form) {
    form.addEventListener("submit", function (event) {
      var textarea = form.querySelector("textarea[name=body]");
      var parent = form.querySelector("input[name=parent_id]");
      if (!textarea || (parent && parent.value)) { return; } // replies: plain submit
      event.preventDefault();
      var url = "/api/v1/ideas/" + encodeURIComponent(form.getAttribute("data-idea")) + "/comments";
      busy(form, true);
      api(form, url, "POST", { body: textarea.value }).then(function (comment) {
        var list = document.querySelector("[data-comment-list]");
        each(document, "[data-comments-empty]", function (el) { el.parentNode.removeChild(el); });
        list.appendChild(commentArticle(comment));
        each(document, "[data-comment-count]", function (el) {
          var n = parseInt(el.getAttribute("data-comment-count"), 10) + 1;
          el.setAttribute("data-comment-count", String(n));
          el.textContent = n + (n === 1 ? " comment" : " comments");
        });
        textarea.value = "";
        status(form, "Your comment is posted.");
        busy(form, false);
      }).catch(function (error) {
        if (error && (error.status === 422 || error.status === 400) && error.data && error.data.error) {
          status(form, error.data.error.message, true);
          busy(form, false);
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

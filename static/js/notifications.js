/* Innovation Commons: the notification centre marks notifications read without a reload.
   The "Mark all as read" and "Mark read" forms work without this file (they post and come
   back); with it they call the JSON API (the same service) and update the page and the bell. */
(function () {
  "use strict";

  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }

  function plural(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }

  function post(form, body) {
    var token = form.querySelector("input[name=csrf_token]");
    return fetch("/api/v1/notifications/read", {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": token ? token.value : ""
      },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    });
  }

  // The bell in the header: its count goes down (marking only ever lowers it), or away at zero.
  function showBell(status, unread) {
    var url = status.getAttribute("data-centre-url");
    each(document, "a[href='" + url + "'] .count", function (count) {
      if (unread > 0) {
        count.textContent = String(unread);
        var hidden = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = " unread";
        count.appendChild(hidden);
      } else {
        count.parentNode.removeChild(count);
      }
    });
    var summary = document.querySelector("[data-unread-summary]");
    if (summary) {
      summary.textContent = unread > 0
        ? unread + " unread, grouped by idea and round, newest first."
        : "You are all caught up. Grouped by idea and round, newest first.";
    }
    if (unread === 0) {
      // Nothing left to mark: the button goes, as it would after a reload; focus moves to the message.
      each(document, "form[data-mark-all]", function (form) {
        var hadFocus = form.contains(document.activeElement);
        form.parentNode.removeChild(form);
        if (hadFocus) {
          status.setAttribute("tabindex", "-1");
          status.focus();
        }
      });
    }
  }

  function markItemRead(item) {
    item.classList.remove("is-unread");
    each(item, "[data-unread-label]", function (label) { label.parentNode.removeChild(label); });
    each(item, "form[data-mark-read]", function (form) { form.parentNode.removeChild(form); });
  }

  function recountGroup(group) {
    var unread = group.querySelectorAll(".notification.is-unread").length;
    group.classList.toggle("has-unread", unread > 0);
    each(group, "[data-group-unread]", function (node) {
      if (unread > 0) {
        node.textContent = unread + " unread";
      } else {
        // " · N unread" goes away with the last unread notification
        var meta = node.parentNode;
        meta.removeChild(node);
        meta.textContent = meta.textContent.replace(/\s*·\s*$/, "");
      }
    });
  }

  function done(status, message, isError) {
    status.classList.toggle("is-error", !!isError);
    status.textContent = message;
  }

  function init() {
    var status = document.querySelector(".notification-status[data-centre-url]");
    if (!status || !window.fetch || !window.JSON) { return; }

    each(document, "form[data-mark-all]", function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = form.querySelector("button");
        button.disabled = true;
        post(form, { all: true }).then(function (data) {
          each(document, ".notification.is-unread", markItemRead);
          each(document, "[data-group]", recountGroup);
          showBell(status, data.unread);
          done(status, "Marked " + plural(data.marked, "notification") + " as read.");
        }).catch(function () {
          button.disabled = false;
          form.submit();  // the page's own form does it the plain way
        });
      });
    });

    each(document, "form[data-mark-read]", function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var item = form.closest("[data-notification]");
        var id = parseInt(item.getAttribute("data-notification"), 10);
        form.querySelector("button").disabled = true;
        post(form, { ids: [id] }).then(function (data) {
          var group = item.closest("[data-group]");
          var link = item.querySelector(".notification-title");
          markItemRead(item);
          if (link) { link.focus(); }  // its button is gone: keep the reader's place
          if (group) { recountGroup(group); }
          showBell(status, data.unread);
          done(status, "Marked as read.");
        }).catch(function () { form.submit(); });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

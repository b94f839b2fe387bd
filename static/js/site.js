/* Innovation Commons: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // Flash messages get a close button (only when JavaScript can make it work).
  function addCloseButtons(root) {
    var flashes = root.querySelectorAll(".flash");
    Array.prototype.forEach.call(flashes, function (flash) {
      if (flash.querySelector(".flash-close")) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "flash-close";
      button.setAttribute("aria-label", "Dismiss message");
      button.textContent = "\u00d7";
      button.addEventListener("click", function () {
        var next = flash.nextElementSibling || document.getElementById("content");
        flash.parentNode.removeChild(flash);
        if (next) {
          if (!next.hasAttribute("tabindex")) {
            next.setAttribute("tabindex", "-1");
          }
          next.focus();
        }
      });
      flash.appendChild(button);
    });
  }

  // <form data-confirm="Really?"> asks before submitting.
  function confirmBeforeSubmit(event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    var message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }

  // <button data-confirm="..."> works too, for forms with several buttons.
  function confirmButton(event) {
    var button = event.target.closest ? event.target.closest("button[data-confirm], input[type=submit][data-confirm]") : null;
    if (!button) {
      return;
    }
    if (!window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  }

  // People in a network picture open their profile on click (the list beside it has the links).
  function openNetworkNode(event) {
    var node = event.target.closest ? event.target.closest(".network-graph [data-href]") : null;
    if (node) {
      window.location.assign(node.getAttribute("data-href"));
    }
  }

  // The header's menu is a <details>: it opens and closes without this. With it, Escape closes
  // it (focus back on its button), and so does a click or a Tab outside it. On a wide screen
  // site.css shows its content as the header bar; a browser that cannot (no ::details-content)
  // gets the menu opened there instead.
  function enhanceSiteMenu() {
    var menu = document.querySelector("[data-site-menu]");
    if (!menu) {
      return;
    }
    var button = menu.querySelector("summary");
    var wide = window.matchMedia("(min-width: 48rem)");
    var collapsible = function () {
      return !wide.matches;
    };
    if (!(window.CSS && CSS.supports && CSS.supports("selector(::details-content)"))) {
      var openWhenWide = function () {
        menu.open = wide.matches;
      };
      openWhenWide();
      if (wide.addEventListener) {
        wide.addEventListener("change", openWhenWide);
      }
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open && collapsible()) {
        menu.open = false;
        button.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (menu.open && collapsible() && !menu.contains(event.target)) {
        menu.open = false;
      }
    });
    menu.addEventListener("focusout", function (event) {
      if (menu.open && collapsible() && event.relatedTarget && !menu.contains(event.relatedTarget)) {
        menu.open = false;
      }
    });
  }

  // A table or listing wider than its box scrolls sideways: keyboard users reach it by Tab
  // (a focusable region named after its caption), and only when it really scrolls.
  function makeScrollersFocusable() {
    var boxes = document.querySelectorAll(".table-wrap, pre");
    Array.prototype.forEach.call(boxes, function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        var named = !box.hasAttribute("role") && !box.hasAttribute("aria-label");
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-scroll-focus", named ? "named" : "");
        if (named) {
          var caption = box.querySelector("caption");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Scrollable content");
        }
      } else if (!scrolls && box.hasAttribute("data-scroll-focus")) {
        if (box.getAttribute("data-scroll-focus") === "named") {
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
        }
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-focus");
      }
    });
  }

  function init() {
    addCloseButtons(document);
    enhanceSiteMenu();
    makeScrollersFocusable();
    window.addEventListener("resize", makeScrollersFocusable);
    document.addEventListener("click", openNetworkNode);
    document.addEventListener("submit", confirmBeforeSubmit, true);
    document.addEventListener("click", confirmButton, true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

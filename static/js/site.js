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

  function init() {
    addCloseButtons(document);
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
